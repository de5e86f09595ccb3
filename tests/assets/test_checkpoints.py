"""State checkpoints of the ledger: back-dated entries refold from the nearest one.

The property (checkpoint path = full refold, for random histories and random
back-dated commands) is ``CheckpointMachine`` in ``test_assets_machine.py``;
these examples pin the cases it reaches rarely: loans made before a checkpoint,
the bound on how many are kept, and month closes.
"""

from __future__ import annotations

import pendulum
import pytest

from schoollogistics.assets import AssetLedger, Condition, HolderKind, PlaceKind
from schoollogistics.core import AssetCategory
from schoollogistics.errors import AssetError, FieldTypeError, ValueOutOfRangeError

DAY = pendulum.Date(2025, 9, 1)
CLERK = "clerk"


def _books(every: int) -> AssetLedger:
    books = AssetLedger(checkpoint_every=every)
    books.register_place("store", "库房", PlaceKind.STOREROOM, custodian_id=CLERK, on=DAY, by=CLERK)
    books.register_holder("t1", "王老师", HolderKind.STAFF, on=DAY, by=CLERK)
    books.register_item("chalk", "粉笔", unit="盒", unit_cost="3.50", on=DAY, by=CLERK)
    books.register_item(
        "pj",
        "投影仪",
        unit="台",
        unit_cost="3200",
        category=AssetCategory.TEACHING_INSTRUMENTS,
        on=DAY,
        by=CLERK,
    )
    books.receive(
        "pj", "store", tags=["PJ-1", "PJ-2"], acceptor=CLERK, invoice_ref="FP-1", on=DAY, by=CLERK
    )
    return books


def _receive(books: AssetLedger, day: pendulum.Date, quantity: int = 1) -> None:
    books.receive("chalk", "store", quantity, acceptor=CLERK, invoice_ref="FP", on=day, by=CLERK)


def _full_refold(books: AssetLedger) -> AssetLedger:
    return AssetLedger.replay(books.events, checkpoint_every=10**9)


def test_a_loan_before_the_checkpoint_survives_a_backdated_refold() -> None:
    books = _books(every=1)
    books.lend("L1", "pj", "store", "t1", due_on=DAY.add(days=9), tags=["PJ-1"],
               on=DAY.add(days=2), by=CLERK)  # fmt: skip
    books.return_loan("L1", condition=Condition.GOOD, on=DAY.add(days=3), by=CLERK)
    for offset in range(4, 12):
        _receive(books, DAY.add(days=offset))
    assert len(books.checkpoint_positions) > 3
    _receive(books, DAY.add(days=6), 5)  # back-dated: a checkpoint lies before it
    assert books == _full_refold(books)
    assert [row.loan_id for row in books.loans()] == ["L1"]
    before = books.snapshot(), books.events
    with pytest.raises(AssetError) as refused:  # the loan id is taken, before the checkpoint
        books.lend("L1", "pj", "store", "t1", due_on=DAY.add(days=9), tags=["PJ-2"],
                   on=DAY.add(days=7), by=CLERK)  # fmt: skip
    assert refused.value.code == "assets.duplicate_id"
    assert (books.snapshot(), books.events) == before


def test_a_refused_backdated_entry_changes_nothing_and_keeps_the_checkpoints() -> None:
    books = _books(every=2)
    for offset in range(1, 20):
        _receive(books, DAY.add(days=offset))
    before = books.snapshot(), books.events, books.checkpoint_positions
    with pytest.raises(AssetError):  # issuing more than the store held on day 3
        books.issue("chalk", "store", "t1", 10, on=DAY.add(days=3), by=CLERK)
    assert (books.snapshot(), books.events, books.checkpoint_positions) == before


def test_checkpoints_are_bounded_and_spaced_by_age() -> None:
    books = _books(every=1)
    for offset in range(1, 400):
        _receive(books, DAY.add(days=offset // 4))
    positions = books.checkpoint_positions
    assert len(positions) == AssetLedger.MAX_CHECKPOINTS
    assert positions[-1] == len(books)
    gaps = [b - a for a, b in zip(positions, positions[1:], strict=False)]
    assert gaps[0] > 8 * gaps[-1]  # the older, the wider apart
    _receive(books, DAY.add(days=2), 3)  # far back: refolds from an old checkpoint
    assert books == _full_refold(books)


def test_a_month_close_drops_the_checkpoints_before_it() -> None:
    books = _books(every=1)
    for offset in range(1, 40):
        _receive(books, DAY.add(days=offset))
    books.close_month(2025, 9, by=CLERK)
    september = 5 + 29  # the events dated in September: the opening five, then a day each
    positions = books.checkpoint_positions
    assert positions[0] <= september < positions[1]  # one checkpoint at most before the close
    _receive(books, DAY.add(days=45))
    _receive(books, DAY.add(days=31), 2)  # back-dated into October, after the close
    assert books == _full_refold(books)
    assert AssetLedger.replay(books.events, checkpoint_every=1) == books


def test_replay_plans_checkpoints_back_from_the_end() -> None:
    books = _books(every=10**9)
    for offset in range(1, 300):
        _receive(books, DAY.add(days=offset // 3))
    replayed = AssetLedger.replay(books.events, checkpoint_every=10)
    positions = replayed.checkpoint_positions
    end = len(books)
    assert positions[-1] == end - 10
    assert [end - p for p in positions[-3:]] == [40, 20, 10]
    assert replayed.checkpoint_entries > 0
    _receive(replayed, DAY.add(days=50), 4)
    assert replayed == _full_refold(replayed)


@pytest.mark.parametrize(
    ("every", "error"), [(0, ValueOutOfRangeError), ("10", FieldTypeError), (True, FieldTypeError)]
)
def test_checkpoint_every_is_a_positive_integer(every: object, error: type[Exception]) -> None:
    with pytest.raises(error):
        AssetLedger(checkpoint_every=every)  # type: ignore[arg-type]
