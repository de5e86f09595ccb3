"""State checkpoints of the ledger: back-dated entries refold from the nearest one.

The property (checkpoint path = full refold, for random histories and random
back-dated commands) is ``CheckpointMachine`` in ``test_assets_machine.py``;
these examples pin the cases it reaches rarely: loans made before a checkpoint,
the bound on how many are kept, and month closes.
"""

from __future__ import annotations

import itertools
from contextlib import AbstractContextManager
from unittest import mock

import pendulum
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from schoollogistics.assets import (
    AssetLedger,
    Condition,
    CountLine,
    HolderKind,
    PlaceKind,
    StockTake,
)
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
    gaps = [b - a for a, b in itertools.pairwise(positions)]
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


# ---------------------------------------------------------------- the property, dense

_ROOMS = ("room-a", "room-b", "room-c")  # room-c is registered by an operation
_HOLDER = "t1"
_KINDS = (
    "receive", "issue", "initial", "transfer", "hand_back", "exchange", "dispose", "lend",
    "return_loan", "receive_pj", "issue_pj", "lend_item", "return_item", "register_room",
    "stock_take",
)  # fmt: skip
_OPS = st.tuples(
    st.sampled_from(("receive",) * 4 + _KINDS),  # receipts weigh more: stock to move
    st.sampled_from(("chalk", "broom")),
    st.integers(1, 3),
    st.integers(0, 2),
    st.integers(0, 12),
)


def _run(books: AssetLedger, op: tuple[str, str, int, int, int], day: pendulum.Date) -> None:
    kind, item, quantity, pick, _ = op
    room = _ROOMS[pick]
    other = _ROOMS[(pick + 1) % len(_ROOMS)]
    tag = f"PJ-{quantity + 3 * pick}"
    if kind == "receive":
        books.receive(item, "store", quantity, acceptor=CLERK, invoice_ref="FP", on=day, by=CLERK)
    elif kind == "issue":
        books.issue(item, "store", room, quantity, on=day, by=CLERK)
    elif kind == "initial":
        books.issue(item, "store", room, quantity, initial_allocation=True, on=day, by=CLERK)
    elif kind == "transfer":
        books.transfer(item, room, other, quantity, on=day, by=CLERK)
    elif kind == "hand_back":
        books.hand_back(item, room, "store", quantity, condition=Condition.GOOD, on=day, by=CLERK)
    elif kind == "exchange":
        books.exchange(item, room, "store", quantity, handed_back=quantity, on=day, by=CLERK)
    elif kind == "dispose":
        books.dispose(item, "store", quantity, approver="boss", on=day, by=CLERK)
    elif kind == "lend":
        books.lend(f"L{pick}", "pj", "store", _HOLDER, due_on=day.add(days=5), tags=[tag],
                   on=day, by=CLERK)  # fmt: skip
    elif kind == "return_loan":
        books.return_loan(f"L{pick}", condition=Condition.GOOD, on=day, by=CLERK)
    elif kind == "lend_item":
        books.lend(f"M{pick}", item, "store", _HOLDER, quantity, due_on=day.add(days=5),
                   on=day, by=CLERK)  # fmt: skip
    elif kind == "return_item":
        books.return_loan(f"M{pick}", condition=Condition.GOOD, on=day, by=CLERK)
    elif kind == "register_room":
        books.register_place("room-c", "room-c", PlaceKind.CLASSROOM, on=day, by=CLERK)
    elif kind == "stock_take":
        count = StockTake(f"count-{day}-{item}", "store", day, CLERK,
                          (CountLine(item, quantity),))  # fmt: skip
        books.post_stock_take(count, approver="boss", by=CLERK)
    elif kind == "receive_pj":
        books.receive("pj", "store", tags=[tag], acceptor=CLERK, invoice_ref="FP", on=day, by=CLERK)
    else:
        books.issue("pj", "store", room, tags=[tag], on=day, by=CLERK)


def _outcome(books: AssetLedger, op: tuple[str, str, int, int, int], day: pendulum.Date) -> object:
    try:
        _run(books, op, day)
    except AssetError as error:
        return error.to_dict()
    return "accepted"


def _general_path_only() -> AbstractContextManager[object]:
    """The reference ledger takes the general path: the item shortcut switched off."""
    return mock.patch("schoollogistics.assets._ledger._untagged_item", return_value=None)


def _dense_books(every: int) -> AssetLedger:
    books = _books(every)
    for room in _ROOMS[:2]:
        books.register_place(room, room, PlaceKind.CLASSROOM, on=DAY, by=CLERK)
    books.register_item("broom", "扫帚", unit="把", unit_cost="15", exchange_rule=True,
                        on=DAY, by=CLERK)  # fmt: skip
    _receive(books, DAY, 4)
    return books


@settings(max_examples=500, deadline=None, derandomize=True)
@given(
    every=st.integers(1, 6),
    history=st.lists(_OPS, min_size=5, max_size=60),
    backdated=st.lists(_OPS, min_size=1, max_size=6),
)
def test_backdated_entries_match_a_full_refold(
    every: int,
    history: list[tuple[str, str, int, int, int]],
    backdated: list[tuple[str, str, int, int, int]],
) -> None:
    """Random histories, then random back-dated entries: checkpoint path = full refold.

    Each back-dated entry runs on the ledger with checkpoints and on a ledger
    rebuilt from the same events with none, taking the general path only (a
    refold from the start, everything after the date checked; no item shortcut);
    the refusal (code, params, messages) or the resulting events and state must
    be the same, and equal to a full sorted replay of the events.
    """
    books = _dense_books(every)
    for index, op in enumerate(history):
        _outcome(books, op, DAY.add(days=1 + index // 3))
    for op in backdated:
        day = DAY.add(days=1 + op[4])
        reference = AssetLedger.replay(books.events, checkpoint_every=10**9)
        before = books.snapshot(), books.events
        got = _outcome(books, op, day)
        with _general_path_only():
            assert got == _outcome(reference, op, day)
        if got == "accepted":
            assert books.events == reference.events
            assert books.snapshot() == reference.snapshot()
            assert books == AssetLedger.replay(books.events)
        else:
            assert (books.snapshot(), books.events) == before
        assert len(books.checkpoint_positions) <= AssetLedger.MAX_CHECKPOINTS


def test_an_untagged_entry_sees_places_registered_after_it() -> None:
    """The later events of its item are checked with the registers of their own date."""
    books = _dense_books(every=1)
    books.register_place("room-c", "room-c", PlaceKind.CLASSROOM, on=DAY.add(days=5), by=CLERK)
    books.issue("chalk", "store", "room-c", 4, on=DAY.add(days=6), by=CLERK)
    _receive(books, DAY.add(days=3), 2)  # back-dated, same item, before room-c existed
    assert books == _full_refold(books)
    assert books.on_hand(location_id="room-c", item_id="chalk")[0].quantity == 4


def test_an_untagged_entry_counts_the_loans_of_its_item_coming_back() -> None:
    """A loan of the same item returned later is folded along (its quantity is back in store)."""
    books = _dense_books(every=1)
    books.lend("M1", "chalk", "store", _HOLDER, 4, due_on=DAY.add(days=9), on=DAY.add(days=4),
               by=CLERK)  # fmt: skip
    books.return_loan("M1", condition=Condition.GOOD, on=DAY.add(days=6), by=CLERK)
    books.issue("chalk", "store", "room-b", 4, on=DAY.add(days=7), by=CLERK)
    _receive(books, DAY.add(days=2), 1)  # back-dated: the issue on day 7 still has its 4
    assert books == _full_refold(books)
    with pytest.raises(AssetError):  # and one taken on day 3 leaves the loan short
        books.issue("chalk", "store", "room-b", 2, on=DAY.add(days=3), by=CLERK)


def test_a_ledger_as_of_a_day_takes_backdated_entries_like_any_other() -> None:
    """``as_of`` keeps the effective order of a ledger that had back-dated entries."""
    books = _dense_books(every=2)
    for offset in (3, 5, 7, 9):
        _receive(books, DAY.add(days=offset))
    _receive(books, DAY.add(days=4), 2)  # back-dated: recording order is no longer date order
    earlier = books.as_of(DAY.add(days=8))
    assert earlier == AssetLedger.replay(earlier.events)
    # back-dated: day 6 holds 4 + 1 + 2 + 1 = 8 (the entry of day 4 counts, not day 8's)
    with pytest.raises(AssetError):
        earlier.issue("chalk", "store", "room-a", 9, on=DAY.add(days=6), by=CLERK)
    earlier.issue("chalk", "store", "room-a", 7, on=DAY.add(days=6), by=CLERK)
    assert earlier == AssetLedger.replay(earlier.events)
    _receive(earlier, DAY.add(days=8))
    assert earlier == AssetLedger.replay(earlier.events)
