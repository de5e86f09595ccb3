"""CN-2, CN-4: the storeroom, first expiry first out, inbound inspection, refusals."""

from __future__ import annotations

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from schoollogistics import serialization
from schoollogistics.canteen import (
    Canteen,
    CanteenPolicy,
    CanteenState,
    Certificate,
    CheckStoreroom,
    DisposeLot,
    IssueOrder,
    IssueStock,
    LotDisposal,
    PurgeLotRecords,
    ReceiveLot,
    RecordsPurge,
    StockIssued,
    StoreroomCheck,
)
from schoollogistics.canteen.errors import (
    DuplicateCanteenIdError,
    ExpiredLotError,
    ExpiredStockOnHandError,
    InspectionIncompleteError,
    InsufficientStockError,
    RetentionNotEndedError,
    UnknownCanteenIdError,
)
from schoollogistics.errors import CanteenError, VersionConflictError

from ._build import D, inspection, lot

DAY = D(2025, 9, 1)


def _stocked(policy: CanteenPolicy | None = None) -> Canteen:
    canteen = Canteen("c1", policy=policy)
    canteen.execute(ReceiveLot(lot("late", D(2025, 9, 20)), inspection("late", DAY)))
    canteen.execute(ReceiveLot(lot("early", D(2025, 9, 10)), inspection("early", DAY)))
    canteen.execute(ReceiveLot(lot("tie", D(2025, 9, 10)), inspection("tie", DAY)))
    return canteen


def _issue(
    quantity: int, on: D = DAY, lot_id: str | None = None, issue_id: str = "i1"
) -> IssueStock:
    return IssueStock(
        issue_id=issue_id, product="牛奶", quantity=quantity, on=on, by="仓管", lot_id=lot_id
    )


@pytest.mark.rule("CN-2")
def test_fefo_takes_the_earliest_expiry_then_the_first_received() -> None:
    canteen = _stocked()
    event = canteen.execute(_issue(15))
    assert isinstance(event, StockIssued)
    assert [(d.lot_id, d.quantity) for d in event.issue.draws] == [("early", 10), ("tie", 5)]
    assert canteen.on_hand("early") == 0
    assert canteen.stock("牛奶") == 15


@pytest.mark.rule("CN-2")
def test_fifo_when_configured() -> None:
    canteen = _stocked(CanteenPolicy(issue_order=IssueOrder.FIFO))
    event = canteen.execute(_issue(12))
    assert isinstance(event, StockIssued)
    assert [d.lot_id for d in event.issue.draws] == ["late", "early"]


@pytest.mark.rule("CN-2")
def test_expired_lots_are_skipped_reported_and_refused_when_named() -> None:
    canteen = _stocked()
    on = D(2025, 9, 11)  # early and tie expired on 9/10 (usable through it)
    event = canteen.execute(_issue(3, on=on))
    assert isinstance(event, StockIssued)
    assert [d.lot_id for d in event.issue.draws] == ["late"]
    assert event.issue.skipped_expired == ("early", "tie")
    before = canteen.state()
    with pytest.raises(ExpiredLotError) as caught:
        canteen.execute(_issue(1, on=on, lot_id="early", issue_id="i2"))
    assert caught.value.code == "canteen.expired_lot"
    assert canteen.state() == before
    with pytest.raises(InsufficientStockError):
        canteen.execute(_issue(8, on=on, issue_id="i3"))
    assert canteen.state() == before
    # Usable through the expiry day itself.
    assert isinstance(
        canteen.execute(_issue(1, on=D(2025, 9, 10), lot_id="early", issue_id="i4")), StockIssued
    )


@pytest.mark.rule("CN-2")
def test_receiving_an_expired_lot_or_twice_is_refused() -> None:
    canteen = _stocked()
    with pytest.raises(ExpiredLotError):
        canteen.execute(ReceiveLot(lot("old", D(2025, 8, 31)), inspection("old", DAY)))
    with pytest.raises(DuplicateCanteenIdError):
        canteen.execute(ReceiveLot(lot("late", D(2025, 9, 30)), inspection("late", DAY)))


@pytest.mark.rule("CN-2")
def test_disposal_never_below_zero() -> None:
    canteen = _stocked()
    disposal = LotDisposal(
        disposal_id="d1", lot_id="early", on=DAY, by="仓管", quantity=10, reason="过期"
    )
    canteen.execute(DisposeLot(disposal))
    assert canteen.on_hand("early") == 0
    with pytest.raises(InsufficientStockError):
        canteen.execute(DisposeLot(attrs.evolve(disposal, disposal_id="d2", quantity=1)))
    with pytest.raises(UnknownCanteenIdError):
        canteen.execute(DisposeLot(attrs.evolve(disposal, disposal_id="d3", lot_id="nope")))
    assert canteen.check_invariants() == ()


@pytest.mark.rule("CN-4")
def test_inspection_needs_certificates_acceptors_and_a_label() -> None:
    canteen = Canteen("c1")
    with pytest.raises(InspectionIncompleteError) as caught:
        canteen.execute(
            ReceiveLot(
                lot("x", D(2025, 9, 30)), inspection("x", DAY, certificates=(Certificate.INVOICE,))
            )
        )
    assert "供货者许可证" in caught.value.message_zh
    meat = lot("m", D(2025, 9, 5), needs_quarantine=True)
    with pytest.raises(InspectionIncompleteError):
        canteen.execute(ReceiveLot(meat, inspection("m", DAY)))
    with pytest.raises(InspectionIncompleteError):
        canteen.execute(ReceiveLot(lot("y", D(2025, 9, 30)), inspection("y", DAY, three_no=True)))
    two = Canteen("c2", policy=CanteenPolicy(two_acceptors=True))
    with pytest.raises(InspectionIncompleteError):
        two.execute(ReceiveLot(lot("z", D(2025, 9, 30)), inspection("z", DAY)))
    two.execute(
        ReceiveLot(lot("z", D(2025, 9, 30)), inspection("z", DAY, accepted_by=("甲", "乙")))
    )
    assert canteen.version == 0


@pytest.mark.rule("CN-4")
def test_records_kept_six_months_after_expiry_or_two_years() -> None:
    policy = CanteenPolicy()
    item = lot("x", D(2025, 9, 30))
    assert policy.keep_records_until(item, DAY) == D(2026, 3, 30)
    assert policy.keep_records_until(attrs.evolve(item, shelf_life_stated=False), DAY) == D(
        2027, 9, 1
    )


@pytest.mark.rule("CN-2")
def test_a_storeroom_check_finds_no_expired_lot_on_hand() -> None:
    canteen = _stocked()
    on = D(2025, 9, 11)  # early and tie expired on 9/10
    canteen.execute(CheckStoreroom(StoreroomCheck(check_id="k0", on=D(2025, 9, 10), by="仓管")))
    before = canteen.state()
    check = StoreroomCheck(check_id="k1", on=on, by="仓管")
    with pytest.raises(ExpiredStockOnHandError) as caught:
        canteen.execute(CheckStoreroom(check))
    assert caught.value.code == "canteen.expired_stock_on_hand"
    assert "early, tie" in caught.value.message_en
    assert canteen.state() == before
    for lot_id in ("early", "tie"):  # each expired lot removed by a recorded disposal
        canteen.execute(
            DisposeLot(
                LotDisposal(
                    disposal_id=f"d-{lot_id}",
                    lot_id=lot_id,
                    on=on,
                    by="仓管",
                    quantity=10,
                    reason="过期",
                )
            )
        )
    canteen.execute(CheckStoreroom(check))
    assert canteen.log().storeroom_checks[-1] == check
    with pytest.raises(DuplicateCanteenIdError):
        canteen.execute(CheckStoreroom(check))


@pytest.mark.rule("CN-4")
def test_records_cannot_be_purged_before_the_retention_ends() -> None:
    canteen = _stocked()  # "early" expires 2025-09-10: records kept until 2026-03-10
    early = RecordsPurge(lot_id="early", on=D(2026, 3, 9), by="档案员")
    before = canteen.state()
    with pytest.raises(RetentionNotEndedError) as caught:
        canteen.execute(PurgeLotRecords(early))
    assert caught.value.code == "canteen.retention_not_ended"
    assert caught.value.params["keep_until"] == D(2026, 3, 10)
    assert canteen.state() == before
    with pytest.raises(UnknownCanteenIdError):
        canteen.execute(PurgeLotRecords(attrs.evolve(early, lot_id="nope")))
    on_time = attrs.evolve(early, on=D(2026, 3, 10))
    canteen.execute(PurgeLotRecords(on_time))
    assert canteen.log().purges == (on_time,)
    with pytest.raises(DuplicateCanteenIdError):
        canteen.execute(PurgeLotRecords(attrs.evolve(on_time, on=D(2026, 4, 1))))
    # No shelf life stated: two years after the delivery (2025-09-01).
    bulk = Canteen("c2")
    loose = attrs.evolve(lot("loose", D(2025, 9, 30)), shelf_life_stated=False)
    bulk.execute(ReceiveLot(loose, inspection("loose", DAY)))
    with pytest.raises(RetentionNotEndedError):
        bulk.execute(PurgeLotRecords(RecordsPurge(lot_id="loose", on=D(2027, 8, 31), by="甲")))
    bulk.execute(PurgeLotRecords(RecordsPurge(lot_id="loose", on=D(2027, 9, 1), by="甲")))


# ---------------------------------------------------------------- properties

_LOTS = st.lists(st.tuples(st.integers(0, 30), st.integers(1, 20)), min_size=1, max_size=6)


def _canteen_with(specs: list[tuple[int, int]]) -> Canteen:
    canteen = Canteen("c1")
    for number, (days, quantity) in enumerate(specs):
        lot_id = f"L{number}"
        canteen.execute(
            ReceiveLot(lot(lot_id, DAY.add(days=days), quantity=quantity), inspection(lot_id, DAY))
        )
    return canteen


@pytest.mark.rule("CN-2")
@settings(max_examples=50, deadline=None)
@given(specs=_LOTS, issues=st.lists(st.tuples(st.integers(1, 25), st.integers(0, 35)), max_size=5))
def test_fefo_always_picks_the_earliest_expiring_lot_in_stock(
    specs: list[tuple[int, int]], issues: list[tuple[int, int]]
) -> None:
    canteen = _canteen_with(specs)
    for number, (quantity, offset) in enumerate(issues):
        on = DAY.add(days=offset)
        in_stock = [
            (canteen.lot(f"L{n}").expiry, n)
            for n in range(len(specs))
            if canteen.on_hand(f"L{n}") > 0 and canteen.lot(f"L{n}").expiry >= on
        ]
        before = canteen.state()
        try:
            event = canteen.execute(_issue(quantity, on=on, issue_id=f"i{number}"))
        except CanteenError:
            assert canteen.state() == before  # a refused command leaves the canteen identical
            assert sum(canteen.on_hand(f"L{n}") for _, n in in_stock) < quantity
            continue
        assert isinstance(event, StockIssued)
        first = event.issue.draws[0].lot_id
        assert first == f"L{min(in_stock)[1]}"
        assert sum(d.quantity for d in event.issue.draws) == quantity
        assert all(canteen.lot(d.lot_id).expiry >= on for d in event.issue.draws)
    assert all(canteen.on_hand(f"L{n}") >= 0 for n in range(len(specs)))
    assert canteen.check_invariants() == ()
    again = Canteen.from_state(canteen.state())
    assert again == canteen
    assert Canteen.from_state(canteen.state(), check=False) == canteen
    state = serialization.from_dict(CanteenState, serialization.to_dict(canteen.state()))
    assert state == canteen.state()


def test_expected_version_and_recorded_envelopes() -> None:
    canteen = _stocked()
    with pytest.raises(VersionConflictError):
        canteen.execute(_issue(1), expected_version=0)
    canteen.execute(_issue(1), expected_version=3)
    rebuilt = Canteen.from_recorded("c1", canteen.recorded())
    assert rebuilt == canteen
    assert len(canteen.recorded(2)) == 2
    assert "lots=3" in repr(canteen)
