"""The canteen audit: a compliant canteen finds nothing; each injected fault is found, once.

Rules: CN-1 … CN-9 (one finding code per fault below); the audit does not depend on the
order of the records.
"""

from __future__ import annotations

from decimal import Decimal

import attrs
import pendulum
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from schoollogistics.canteen import (
    DEFAULT_CHECKS,
    Account,
    CanteenLog,
    CanteenPolicy,
    Certificate,
    CostKind,
    DishInfo,
    Draw,
    IssueRecord,
    Leave,
    LotDisposal,
    MealExpense,
    MorningCheck,
    Publication,
    RecordsPurge,
    RefundPaid,
    ServingDays,
    StoreroomCheck,
    Symptom,
    Withholding,
    audit_canteen,
    cn2_no_expired_stock,
    cn4_receipts_inspected,
    cn8_accounts_kept_and_published,
    stock_on_hand,
)
from schoollogistics.canteen._audit import Check
from schoollogistics.core.money import Money
from schoollogistics.core.time import DateRange
from schoollogistics.testing.canteen import simulate_canteen

from ._build import D, at, inspection, lot

CANTEEN, SERVING = simulate_canteen(days=5, handlers=3, pupils=4)
LOG = CANTEEN.log()
POLICY = CANTEEN.policy
WEEK = DateRange(SERVING.days[0], SERVING.days[-1])


def _codes(
    log: CanteenLog,
    period: DateRange = WEEK,
    policy: CanteenPolicy = POLICY,
    checks: tuple[Check, ...] = DEFAULT_CHECKS,
) -> list[str]:
    found = audit_canteen(log, policy, period, serving_days=SERVING, checks=checks)
    return [v.code for v in found]


def test_the_compliant_week_finds_nothing() -> None:
    assert _codes(LOG) == []
    assert CANTEEN.audit(WEEK, serving_days=SERVING) == ()
    assert CANTEEN.check_invariants() == ()


@pytest.mark.rule("CN-1")
def test_cn1_a_missing_or_wrong_refund() -> None:
    payment = LOG.payments[0]
    leave = Leave(leave_id="L1", pupil_id=payment.pupil_id, start=WEEK.start, end=WEEK.start)
    log = attrs.evolve(LOG, leaves=(leave,))
    assert _codes(log) == ["canteen.refund_mismatch"]
    paid = RefundPaid(payment_id=payment.payment_id, paid_on=WEEK.end, amount=Money(8))
    assert _codes(attrs.evolve(log, refunds_paid=(paid,))) == []
    wrong = attrs.evolve(paid, amount=Money(9))
    found = audit_canteen(
        attrs.evolve(log, refunds_paid=(wrong,)), POLICY, WEEK, serving_days=SERVING
    )
    assert found[0].rule == "CN-1"
    assert "应退 8.00 元" in found[0].message_zh


@pytest.mark.rule("CN-2")
def test_cn2_expired_and_near_expiry_stock_and_expired_issues() -> None:
    end = WEEK.end
    old = lot("old", end.subtract(days=1))
    near = lot("near", end.add(days=2))
    log = attrs.evolve(
        LOG,
        lots=(*LOG.lots, old, near),
        inspections=(
            *LOG.inspections,
            inspection("old", WEEK.start),
            inspection("near", WEEK.start),
        ),
    )
    # The week's last storeroom check (on ``end``) passed the expired lot too.
    assert sorted(_codes(log)) == [
        "canteen.check_missed_expired",
        "canteen.expired_on_hand",
        "canteen.near_expiry",
    ]
    issue = IssueRecord(
        issue_id="bad", product="牛奶", quantity=10, on=end, by="仓管", draws=(Draw("old", 10),)
    )
    found = _codes(attrs.evolve(log, issues=(*log.issues, issue)))
    assert sorted(found) == ["canteen.expired_issued", "canteen.near_expiry"]
    over = attrs.evolve(issue, issue_id="over", on=WEEK.start, draws=(Draw("near", 11),))
    assert "canteen.negative_stock" in _codes(attrs.evolve(log, issues=(*log.issues, over)))
    assert stock_on_hand(log, end)["near"] == 10


@pytest.mark.rule("CN-2")
def test_cn2_a_storeroom_check_that_passed_an_expired_lot() -> None:
    # Milk expiring on Monday, still on hand at the checks of Tuesday … Friday.
    milk = lot("milk", WEEK.start)
    log = attrs.evolve(
        LOG,
        lots=(*LOG.lots, milk),
        inspections=(*LOG.inspections, inspection("milk", WEEK.start)),
    )
    only = (cn2_no_expired_stock,)
    found = audit_canteen(log, POLICY, WEEK, serving_days=SERVING, checks=only)
    missed = [v for v in found if v.code == "canteen.check_missed_expired"]
    assert len(missed) == 1  # once per lot, at the first check after its expiry
    assert missed[0].subject == "milk"
    assert "check-1" in missed[0].message_en
    # Disposed of on Tuesday (at the end of the check's day): no check missed it.
    tuesday = SERVING.days[1]
    disposal = LotDisposal(
        disposal_id="d1", lot_id="milk", on=tuesday, by="仓管", quantity=10, reason="过期"
    )
    assert _codes(attrs.evolve(log, disposals=(disposal,)), checks=only) == []
    # Only half disposed of: still missed, with the units left.
    half = attrs.evolve(disposal, quantity=4)
    found = audit_canteen(
        attrs.evolve(log, disposals=(half,)), POLICY, WEEK, serving_days=SERVING, checks=only
    )
    assert [v.code for v in found] == ["canteen.check_missed_expired", "canteen.expired_on_hand"]
    assert "6 盒" in found[0].message_zh
    # Without any storeroom check in the period, only the stock at its end is judged.
    unchecked = attrs.evolve(log, storeroom_checks=())
    assert _codes(unchecked, checks=only) == ["canteen.expired_on_hand"]
    late = (StoreroomCheck(check_id="k", on=WEEK.start, by="仓管"),)  # the expiry day itself
    assert _codes(attrs.evolve(unchecked, storeroom_checks=late), checks=only) == [
        "canteen.expired_on_hand"
    ]
    # A lot delivered (already expired) on Wednesday is first passed by Wednesday's check.
    wednesday = SERVING.days[2]
    stale = attrs.evolve(log, inspections=(*LOG.inspections, inspection("milk", wednesday)))
    found = audit_canteen(stale, POLICY, WEEK, serving_days=SERVING, checks=only)
    assert "check-2" in found[0].message_en
    # Delivered after the last check: no check passed it.
    after = attrs.evolve(
        log, inspections=(*LOG.inspections, inspection("milk", WEEK.end.add(days=1)))
    )
    assert "canteen.check_missed_expired" not in _codes(after, checks=only)


@pytest.mark.rule("CN-3")
def test_cn3_handlers_on_duty_without_certificate_check_or_clearance() -> None:
    day = WEEK.start
    checks = tuple(c for c in LOG.checks if not (c.handler_id == "h0" and c.day == day))
    assert _codes(attrs.evolve(LOG, checks=checks)) == ["canteen.handler_without_check"]
    failed = MorningCheck(
        handler_id="h0", day=day, at=at(day, 6, 30), checked_by="主任", symptoms=(Symptom.FEVER,)
    )
    log = attrs.evolve(LOG, checks=(*checks, failed))
    found = audit_canteen(log, POLICY, WEEK, serving_days=SERVING)
    assert [v.code for v in found] == ["canteen.handler_unfit_on_duty"]
    assert "发热" in found[0].message_zh
    lapsed = tuple(
        attrs.evolve(c, examined_on=day.subtract(years=1)) if c.handler_id == "h1" else c
        for c in LOG.certificates
    )
    assert set(_codes(attrs.evolve(LOG, certificates=lapsed))) == {
        "canteen.handler_without_certificate"
    }


@pytest.mark.rule("CN-4")
def test_cn4_receipts_without_inspection_or_certificates() -> None:
    first = LOG.inspections[0]
    log = attrs.evolve(LOG, inspections=LOG.inspections[1:])
    assert _codes(log) == ["canteen.receipt_uninspected"]
    bare = attrs.evolve(first, certificates=(Certificate.INVOICE,))
    found = audit_canteen(
        attrs.evolve(LOG, inspections=(bare, *LOG.inspections[1:])),
        POLICY,
        WEEK,
        serving_days=SERVING,
    )
    assert [v.code for v in found] == ["canteen.receipt_without_certificates"]
    assert "供货者许可证" in found[0].message_zh
    two = attrs.evolve(POLICY, two_acceptors=True)
    assert set(_codes(LOG, policy=two)) == {"canteen.receipt_without_certificates"}


@pytest.mark.rule("CN-4")
def test_cn4_records_purged_before_the_retention_ended() -> None:
    first = LOG.lots[0]  # expires 60 days after the week's Monday: kept 6 months after that
    keep_until = POLICY.keep_records_until(first, WEEK.start)
    year = DateRange(WEEK.start, keep_until.add(days=30))
    early = RecordsPurge(lot_id=first.lot_id, on=keep_until.subtract(days=1), by="档案员")
    found = audit_canteen(
        attrs.evolve(LOG, purges=(early,)),
        POLICY,
        year,
        serving_days=SERVING,
        checks=(cn4_receipts_inspected,),
    )
    assert [v.code for v in found] == ["canteen.records_purged_early"]
    assert keep_until.isoformat() in found[0].message_zh
    on_time = attrs.evolve(early, on=keep_until)
    assert (
        _codes(attrs.evolve(LOG, purges=(on_time,)), year, checks=(cn4_receipts_inspected,)) == []
    )
    unknown = attrs.evolve(early, lot_id="gone")  # nothing left to date it from
    assert (
        _codes(attrs.evolve(LOG, purges=(unknown,)), year, checks=(cn4_receipts_inspected,)) == []
    )


@pytest.mark.rule("CN-5")
def test_cn5_banned_dish_and_purchase() -> None:
    menu = LOG.menus[0]
    bad = attrs.evolve(
        menu, dishes=(DishInfo(menu.dishes[0].name, ("cold_meat",)), *menu.dishes[1:])
    )
    assert _codes(attrs.evolve(LOG, menus=(bad, *LOG.menus[1:]))) == ["canteen.banned_dish"]
    mushrooms = attrs.evolve(LOG.lots[0], categories=("wild_mushroom",))
    assert _codes(attrs.evolve(LOG, lots=(mushrooms, *LOG.lots[1:]))) == ["canteen.banned_purchase"]


@pytest.mark.rule("CN-6")
def test_cn6_meal_without_accompaniment() -> None:
    found = _codes(attrs.evolve(LOG, accompaniments=LOG.accompaniments[1:]))
    assert found == ["canteen.meal_without_accompaniment"]
    parents = attrs.evolve(POLICY, parent_accompaniment=True)
    assert set(_codes(LOG, policy=parents)) == {"canteen.meal_without_accompaniment"}


@pytest.mark.rule("CN-7")
def test_cn7_dish_not_tasted_or_tasted_late() -> None:
    late = attrs.evolve(LOG.tastings[0], at=at(WEEK.start, 12))
    assert _codes(attrs.evolve(LOG, tastings=(late, *LOG.tastings[1:]))) == [
        "canteen.dish_not_tasted"
    ]
    assert _codes(attrs.evolve(LOG, tastings=LOG.tastings[1:])) == ["canteen.dish_not_tasted"]


@pytest.mark.rule("CN-7")
def test_cn7_a_dish_that_failed_tasting_must_be_withheld() -> None:
    first = LOG.tastings[0]
    failed = attrs.evolve(first, passed=False)
    log = attrs.evolve(LOG, tastings=(failed, *LOG.tastings[1:]))
    found = audit_canteen(log, POLICY, WEEK, serving_days=SERVING)
    assert [v.code for v in found] == ["canteen.failed_dish_served"]
    assert "试尝不合格" in found[0].message_zh
    held = Withholding(
        meal_id=first.meal_id, dish=first.dish, by="食堂主任", at=first.at, reason="口味异常"
    )
    assert _codes(attrs.evolve(log, withholdings=(held,))) == []
    # Remade and tasted again before service: the later tasting decides.
    again = attrs.evolve(first, at=first.at.add(minutes=10))
    assert _codes(attrs.evolve(log, tastings=(*log.tastings, again))) == []
    # A withheld dish is not served, so it needs no tasting.
    untasted = attrs.evolve(LOG, tastings=LOG.tastings[1:], withholdings=(held,))
    assert _codes(untasted) == []


@pytest.mark.rule("CN-8")
def test_cn8_mixed_accounts_and_unpublished_months() -> None:
    misuse = MealExpense(
        entry_id="x",
        account=Account.PUPIL,
        on=WEEK.start,
        amount=Money("50"),
        kind=CostKind.OTHER,
        description="购买办公用品",
    )
    assert _codes(attrs.evolve(LOG, expenses=(*LOG.expenses, misuse))) == [
        "canteen.pupil_account_misuse"
    ]
    october = DateRange(D(2025, 10, 1), D(2025, 10, 31))
    only = (cn8_accounts_kept_and_published,)
    assert _codes(LOG, october, checks=only) == ["canteen.statement_unpublished"]
    on_time = Publication(year=2025, month=9, published_on=D(2025, 10, 10))
    assert _codes(attrs.evolve(LOG, publications=(on_time,)), october, checks=only) == []
    late = attrs.evolve(on_time, published_on=D(2025, 10, 11))
    assert _codes(attrs.evolve(LOG, publications=(late,)), october, checks=only) == [
        "canteen.statement_unpublished"
    ]


@pytest.mark.rule("CN-9")
def test_cn9_days_without_logs_and_unapproved_collectors() -> None:
    assert _codes(attrs.evolve(LOG, disinfections=LOG.disinfections[1:])) == [
        "canteen.no_disinfection"
    ]
    assert _codes(attrs.evolve(LOG, waste=LOG.waste[1:])) == ["canteen.no_waste_log"]
    stranger = attrs.evolve(LOG.waste[0], collector="某个人", kilograms=Decimal(2))
    assert _codes(attrs.evolve(LOG, waste=(stranger, *LOG.waste[1:]))) == [
        "canteen.waste_collector_unapproved"
    ]


def test_checks_can_be_chosen() -> None:
    old = lot("old", WEEK.start)
    log = attrs.evolve(
        LOG, lots=(*LOG.lots, old), inspections=(*LOG.inspections, inspection("old", WEEK.start))
    )
    found = audit_canteen(log, POLICY, WEEK, serving_days=SERVING, checks=(cn2_no_expired_stock,))
    assert [v.code for v in found] == ["canteen.check_missed_expired", "canteen.expired_on_hand"]


# ---------------------------------------------------------------- order does not matter

_FIELDS = [field.name for field in attrs.fields(CanteenLog)]


def _faulty() -> CanteenLog:
    """The week with one fault of each rule, so that every check has something to say."""
    payment = LOG.payments[0]
    menu = LOG.menus[0]
    return attrs.evolve(
        LOG,
        leaves=(Leave(leave_id="L1", pupil_id=payment.pupil_id, start=WEEK.start, end=WEEK.end),),
        lots=(*LOG.lots, lot("old", WEEK.start), lot("orphan", WEEK.end.add(days=1))),
        inspections=(*LOG.inspections, inspection("old", WEEK.start)),
        checks=LOG.checks[1:],
        menus=(
            attrs.evolve(
                menu, dishes=(DishInfo(menu.dishes[0].name, ("raw_food",)), *menu.dishes[1:])
            ),
            *LOG.menus[1:],
        ),
        tastings=LOG.tastings[2:],
        accompaniments=LOG.accompaniments[1:],
        disinfections=LOG.disinfections[1:],
        waste=LOG.waste[1:],
    )


FAULTY = _faulty()


@pytest.mark.rule("CN-2")
@settings(max_examples=25, deadline=None)
@given(seed=st.randoms(use_true_random=False))
def test_the_audit_does_not_depend_on_input_order(seed: object) -> None:
    shuffled = {}
    for name in _FIELDS:
        items = list(getattr(FAULTY, name))
        seed.shuffle(items)  # type: ignore[attr-defined]  # a Random
        shuffled[name] = tuple(items)
    expected = audit_canteen(FAULTY, POLICY, WEEK, serving_days=SERVING)
    assert len({v.rule for v in expected}) >= 8
    assert audit_canteen(CanteenLog(**shuffled), POLICY, WEEK, serving_days=SERVING) == expected


def test_a_serving_day_set_from_days() -> None:
    days = ServingDays((D(2025, 9, 2), D(2025, 9, 1), D(2025, 9, 1)))
    assert days.days == (D(2025, 9, 1), D(2025, 9, 2))
    assert D(2025, 9, 1) in days
    assert pendulum.Date(2025, 9, 3) not in days
    assert "x" not in days
