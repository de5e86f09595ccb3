"""Hypothesis strategies for `schoollogistics.canteen`, and a compliant simulated canteen.

[`simulate_canteen`][schoollogistics.testing.canteen.simulate_canteen] builds,
deterministically, the canteen of a school that follows every CN rule over a run
of serving days; audited over those days it finds nothing. Tests inject one fault
into its log and check the audit reports exactly that fault.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Final

import attrs
import pendulum
from attrs import AttrsInstance
from hypothesis import strategies as st

from schoollogistics.canteen import (
    COMMAND_TYPES,
    EVENT_TYPES,
    NATIONAL_BANNED,
    Accompaniment,
    Account,
    AccountLine,
    Canteen,
    CanteenCommand,
    CanteenEvent,
    CanteenLog,
    CanteenPolicy,
    CanteenState,
    Certificate,
    CheckStoreroom,
    Clearance,
    CostKind,
    DishInfo,
    Disinfection,
    DisinfectionTarget,
    Draw,
    HealthCertificate,
    Inspection,
    IssueOrder,
    IssueRecord,
    IssueStock,
    Leave,
    LogDisinfection,
    LogWaste,
    Lot,
    LotDisposal,
    MealExpense,
    MealFeePayment,
    MealIncome,
    MealStatement,
    Menu,
    MorningCheck,
    Payout,
    PostExpense,
    PostIncome,
    Publication,
    ReceiveLot,
    RecordAccompaniment,
    RecordedCanteenEvent,
    RecordMorningCheck,
    RecordPayment,
    RecordsPurge,
    RecordTasting,
    Refund,
    RefundPaid,
    RegisterCertificate,
    RosterEntry,
    RosterHandler,
    Rounding,
    ServeMeal,
    ServingDays,
    StoreroomCheck,
    Supplier,
    Symptom,
    Tasting,
    WasteRemoval,
    Withholding,
)
from schoollogistics.core.money import Money
from schoollogistics.food_samples import Meal, MealKind
from schoollogistics.testing._core import StrategyTable, aware_datetimes, dates

__all__ = [
    "STRATEGIES",
    "canteen_commands",
    "canteen_events",
    "canteen_logs",
    "canteen_policies",
    "canteen_states",
    "leaves",
    "lots",
    "meal_fee_payments",
    "serving_days",
    "simulate_canteen",
]

_IDS: Final = st.text(alphabet="ABCDEFGHJKLMNPQRSTUVWXYZ0123456789-/_", min_size=1, max_size=8)
_NAMES: Final = st.text(alphabet="张三李四王五赵六钱七孙八周九吴十", min_size=1, max_size=3)
_TEXT: Final = st.text(alphabet="米面油肉菜蛋奶豆鱼鸡袋箱", min_size=1, max_size=6)
_MONEY: Final = st.integers(0, 500_000).map(Money.from_fen)
_CATEGORIES: Final = st.lists(
    st.sampled_from(["grain", "vegetable", "meat", *sorted(NATIONAL_BANNED)]), max_size=2
).map(tuple)
_COLLECTORS: Final = ("某环保公司", "某再生资源公司")


def canteen_policies() -> st.SearchStrategy[CanteenPolicy]:
    """Valid canteen policies."""
    return st.builds(
        CanteenPolicy,
        daily_rate=st.none() | st.integers(0, 5000).map(Money.from_fen),
        rounding=st.sampled_from(Rounding),
        min_leave_days=st.integers(1, 5),
        payout=st.sampled_from(Payout),
        issue_order=st.sampled_from(IssueOrder),
        near_expiry_days=st.integers(0, 14),
        certificate_years=st.integers(1, 2),
        two_acceptors=st.booleans(),
        additional_banned=st.lists(_IDS, max_size=2).map(tuple),
        parent_accompaniment=st.booleans(),
        publish_within_days=st.integers(0, 20),
        approved_collectors=st.none() | st.lists(_NAMES, max_size=2).map(tuple),
        timezone=st.sampled_from(["Asia/Shanghai", "Asia/Urumqi", "UTC"]),
    )


def serving_days() -> st.SearchStrategy[ServingDays]:
    """Small sets of serving days."""
    return st.builds(ServingDays, st.lists(dates(), max_size=8).map(tuple))


@st.composite
def meal_fee_payments(draw: st.DrawFn) -> MealFeePayment:
    """Payments for a period of up to half a year."""
    start = draw(dates(max_value=pendulum.Date(2199, 1, 1)))
    return MealFeePayment(
        payment_id=draw(_IDS),
        pupil_id=draw(_IDS),
        pupil_name=draw(_NAMES),
        class_name=draw(_IDS),
        start=start,
        end=start.add(days=draw(st.integers(0, 180))),
        paid=draw(_MONEY),
    )


@st.composite
def leaves(draw: st.DrawFn) -> Leave:
    """Leaves of up to a month, some half days."""
    start = draw(dates(max_value=pendulum.Date(2199, 1, 1)))
    end = start.add(days=draw(st.integers(0, 30)))
    halves = draw(st.lists(st.integers(0, (end - start).in_days()), max_size=2))
    return Leave(
        leave_id=draw(_IDS),
        pupil_id=draw(_IDS),
        start=start,
        end=end,
        half_days=tuple(start.add(days=n) for n in halves),
    )


@st.composite
def refunds_computed(draw: st.DrawFn) -> Refund:
    """Refund records (not necessarily consistent with a payment)."""
    paid = draw(_MONEY)
    return Refund(
        payment_id=draw(_IDS),
        pupil_id=draw(_IDS),
        pupil_name=draw(_NAMES),
        class_name=draw(_IDS),
        paid=paid,
        serving_days=draw(st.integers(0, 120)),
        days=tuple(draw(st.lists(dates(), max_size=3))),
        amount=Money.from_fen(draw(st.integers(0, paid.fen))),
    )


def suppliers() -> st.SearchStrategy[Supplier]:
    """Suppliers."""
    return st.builds(Supplier, name=_NAMES, address=_TEXT, contact=_IDS)


@st.composite
def lots(draw: st.DrawFn) -> Lot:
    """Lots (a production date or a batch; bulk lots name their producer)."""
    made = draw(dates(max_value=pendulum.Date(2199, 1, 1)))
    bulk = draw(st.booleans())
    has_date = draw(st.booleans())
    return Lot(
        lot_id=draw(_IDS),
        product=draw(_TEXT),
        specification=draw(_TEXT),
        quantity=draw(st.integers(1, 1000)),
        unit=draw(st.sampled_from(["kg", "袋", "箱"])),
        production_date=made if has_date else None,
        batch=None if has_date else draw(_IDS),
        expiry=made.add(days=draw(st.integers(0, 365))),
        shelf_life_stated=draw(st.booleans()),
        producer=draw(_NAMES) if bulk else draw(st.none() | _NAMES),
        bulk=bulk,
        supplier=draw(suppliers()),
        categories=draw(_CATEGORIES),
        needs_quarantine=draw(st.booleans()),
    )


def inspections() -> st.SearchStrategy[Inspection]:
    """Inspection records."""
    return st.builds(
        Inspection,
        lot_id=_IDS,
        delivered_on=dates(),
        accepted_by=st.lists(_NAMES, min_size=1, max_size=2).map(tuple),
        certificates=st.lists(st.sampled_from(Certificate), max_size=4).map(tuple),
        three_no=st.booleans(),
    )


def draws() -> st.SearchStrategy[Draw]:
    """Draws on a lot."""
    return st.builds(Draw, _IDS, st.integers(1, 100))


def issue_records() -> st.SearchStrategy[IssueRecord]:
    """Issue records (not necessarily consistent with a storeroom)."""
    return st.builds(
        IssueRecord,
        issue_id=_IDS,
        product=_TEXT,
        quantity=st.integers(1, 100),
        on=dates(),
        by=_NAMES,
        draws=st.lists(draws(), max_size=3).map(tuple),
        skipped_expired=st.lists(_IDS, max_size=2).map(tuple),
        lot_named=st.booleans(),
    )


def lot_disposals() -> st.SearchStrategy[LotDisposal]:
    """Disposals of lots."""
    return st.builds(
        LotDisposal,
        disposal_id=_IDS,
        lot_id=_IDS,
        on=dates(),
        by=_NAMES,
        quantity=st.integers(1, 100),
        reason=_TEXT,
    )


def storeroom_checks() -> st.SearchStrategy[StoreroomCheck]:
    """Storeroom checks."""
    return st.builds(StoreroomCheck, check_id=_IDS, on=dates(), by=_NAMES)


def records_purges() -> st.SearchStrategy[RecordsPurge]:
    """Destructions of lots' records."""
    return st.builds(RecordsPurge, lot_id=_IDS, on=dates(), by=_NAMES)


def withholdings() -> st.SearchStrategy[Withholding]:
    """Dishes withheld."""
    return st.builds(
        Withholding, meal_id=_IDS, dish=_TEXT, by=_NAMES, at=aware_datetimes(), reason=_TEXT
    )


def health_certificates() -> st.SearchStrategy[HealthCertificate]:
    """Health certificates."""
    return st.builds(
        HealthCertificate,
        certificate_id=_IDS,
        handler_id=_IDS,
        handler_name=_NAMES,
        examined_on=dates(),
    )


def morning_checks() -> st.SearchStrategy[MorningCheck]:
    """Morning checks, most passed."""
    return st.builds(
        MorningCheck,
        handler_id=_IDS,
        day=dates(),
        at=aware_datetimes(),
        checked_by=_NAMES,
        symptoms=st.lists(st.sampled_from(Symptom), max_size=2).map(tuple),
    )


def clearances() -> st.SearchStrategy[Clearance]:
    """Clearances."""
    return st.builds(Clearance, handler_id=_IDS, day=dates(), by=_NAMES, note=_TEXT)


def roster_entries() -> st.SearchStrategy[RosterEntry]:
    """Roster entries."""
    return st.builds(RosterEntry, handler_id=_IDS, day=dates(), post=_TEXT)


def dish_infos() -> st.SearchStrategy[DishInfo]:
    """Dishes with categories."""
    return st.builds(DishInfo, _TEXT, _CATEGORIES)


@st.composite
def menus(draw: st.DrawFn) -> Menu:
    """Menus of a non-event meal, one category entry per dish."""
    names = draw(st.lists(_TEXT, min_size=1, max_size=3, unique=True))
    day = draw(dates())
    meal = Meal(
        draw(_IDS),
        day,
        draw(st.sampled_from([MealKind.BREAKFAST, MealKind.LUNCH, MealKind.DINNER])),
        pendulum.datetime(day.year, day.month, day.day, 11, 30, tz="Asia/Shanghai"),
        tuple(names),
    )
    return Menu(meal, tuple(DishInfo(name, draw(_CATEGORIES)) for name in names))


def tastings() -> st.SearchStrategy[Tasting]:
    """Tastings."""
    return st.builds(
        Tasting, meal_id=_IDS, dish=_TEXT, taster=_NAMES, at=aware_datetimes(), passed=st.booleans()
    )


def accompaniments() -> st.SearchStrategy[Accompaniment]:
    """陪餐 records."""
    return st.builds(
        Accompaniment,
        meal_id=_IDS,
        leader=_NAMES,
        observations=_TEXT,
        problems=st.just("") | _TEXT,
        parent=st.none() | _NAMES,
    )


def meal_incomes() -> st.SearchStrategy[MealIncome]:
    """Income entries."""
    return st.builds(
        MealIncome,
        entry_id=_IDS,
        account=st.sampled_from(Account),
        on=dates(),
        amount=_MONEY,
        description=_TEXT,
    )


def meal_expenses() -> st.SearchStrategy[MealExpense]:
    """Expense entries (some misusing the pupil account)."""
    return st.builds(
        MealExpense,
        entry_id=_IDS,
        account=st.sampled_from(Account),
        on=dates(),
        amount=_MONEY,
        kind=st.sampled_from(CostKind),
        description=_TEXT,
    )


def account_lines() -> st.SearchStrategy[AccountLine]:
    """Statement lines (closing = opening + income − spending)."""

    def build(account: Account, opening: Money, income: Money, spending: Money) -> AccountLine:
        return AccountLine(
            account=account,
            opening=opening,
            income=income,
            spending=spending,
            closing=opening + income - spending,
        )

    return st.builds(build, st.sampled_from(Account), _MONEY, _MONEY, _MONEY)


def meal_statements() -> st.SearchStrategy[MealStatement]:
    """Monthly statements."""
    return st.builds(
        MealStatement,
        school=_NAMES,
        year=st.integers(2000, 2100),
        month=st.integers(1, 12),
        lines=st.lists(account_lines(), max_size=2).map(tuple),
    )


def publications() -> st.SearchStrategy[Publication]:
    """Publications of a month."""
    return st.builds(
        Publication, year=st.integers(2000, 2100), month=st.integers(1, 12), published_on=dates()
    )


def waste_removals() -> st.SearchStrategy[WasteRemoval]:
    """Waste removals."""
    return st.builds(
        WasteRemoval,
        removal_id=_IDS,
        day=dates(),
        kind=_TEXT,
        kilograms=st.integers(0, 100_000).map(lambda n: Decimal(n).scaleb(-2)),
        collector=_NAMES,
    )


def disinfections() -> st.SearchStrategy[Disinfection]:
    """Disinfection entries."""
    return st.builds(
        Disinfection,
        entry_id=_IDS,
        target=st.sampled_from(DisinfectionTarget),
        method=_TEXT,
        at=aware_datetimes(),
        by=_NAMES,
    )


def refunds_paid() -> st.SearchStrategy[RefundPaid]:
    """Refund payouts."""
    return st.builds(RefundPaid, payment_id=_IDS, paid_on=dates(), amount=_MONEY)


def canteen_logs() -> st.SearchStrategy[CanteenLog]:
    """Small logs of arbitrary records."""

    def few(strategy: st.SearchStrategy[object]) -> st.SearchStrategy[tuple[object, ...]]:
        return st.lists(strategy, max_size=2).map(tuple)

    return st.builds(
        CanteenLog,
        payments=few(meal_fee_payments()),
        leaves=few(leaves()),
        refunds_paid=few(refunds_paid()),
        lots=few(lots()),
        inspections=few(inspections()),
        issues=few(issue_records()),
        disposals=few(lot_disposals()),
        certificates=few(health_certificates()),
        checks=few(morning_checks()),
        clearances=few(clearances()),
        roster=few(roster_entries()),
        menus=few(menus()),
        tastings=few(tastings()),
        accompaniments=few(accompaniments()),
        incomes=few(meal_incomes()),
        expenses=few(meal_expenses()),
        publications=few(publications()),
        waste=few(waste_removals()),
        disinfections=few(disinfections()),
        storeroom_checks=few(storeroom_checks()),
        purges=few(records_purges()),
        withholdings=few(withholdings()),
    )


def _fields() -> dict[str, st.SearchStrategy[object]]:
    return {
        "payment": meal_fee_payments(),
        "leave": leaves(),
        "refund": refunds_paid(),
        "lot": lots(),
        "inspection": inspections(),
        "issue": issue_records(),
        "disposal": lot_disposals(),
        "certificate": health_certificates(),
        "check": morning_checks(),
        "clearance": clearances(),
        "entry": roster_entries(),
        "menu": menus(),
        "tasting": tastings(),
        "accompaniment": accompaniments(),
        "income": meal_incomes(),
        "expense": meal_expenses(),
        "publication": publications(),
        "removal": waste_removals(),
        "disinfection": disinfections(),
        "storeroom_check": storeroom_checks(),
        "purge": records_purges(),
        "withholding": withholdings(),
        "issue_id": _IDS,
        "product": _TEXT,
        "quantity": st.integers(1, 100),
        "on": dates(),
        "by": _NAMES,
        "lot_id": st.none() | _IDS,
    }


def _built(cls: type[AttrsInstance]) -> st.SearchStrategy[AttrsInstance]:
    fields = _fields()
    return st.builds(cls, **{field.name: fields[field.name] for field in attrs.fields(cls)})


def canteen_events() -> st.SearchStrategy[CanteenEvent]:
    """Any canteen event (not necessarily a consistent history)."""
    return st.one_of(*map(_built, EVENT_TYPES))


def canteen_commands() -> st.SearchStrategy[CanteenCommand]:
    """Any canteen command (the canteen may refuse it)."""
    return st.one_of(*map(_built, COMMAND_TYPES))


def canteen_states() -> st.SearchStrategy[CanteenState]:
    """Canteen states (the events need not form a valid history)."""
    return st.builds(
        CanteenState, _IDS, canteen_policies(), st.lists(canteen_events(), max_size=3).map(tuple)
    )


# ---------------------------------------------------------------- a compliant canteen

_ZONE: Final = "Asia/Shanghai"


def _at(day: pendulum.Date, hour: int, minute: int = 0) -> pendulum.DateTime:
    return pendulum.datetime(day.year, day.month, day.day, hour, minute, tz=_ZONE)


def _weekdays(start: pendulum.Date, count: int) -> ServingDays:
    days: list[pendulum.Date] = []
    day = start
    while len(days) < count:
        if day.isoweekday() <= 5:
            days.append(day)
        day = day.add(days=1)
    return ServingDays(tuple(days))


_DISHES: Final = (("米饭", ("grain",)), ("番茄炒蛋", ("vegetable",)), ("红烧鸡块", ("meat",)))


def simulate_canteen(
    *,
    start: pendulum.Date | None = None,
    serving_days: ServingDays | None = None,
    days: int = 5,
    handlers: int = 4,
    pupils: int = 10,
    canteen_id: str = "canteen",
) -> tuple[Canteen, ServingDays]:
    """A canteen that follows every CN rule (the audit of its days finds nothing).

    One lunch a serving day, tasted before service and eaten with a school leader;
    every handler certified, checked each morning and rostered; a fresh lot of rice
    and eggs a day issued first-expiry-first-out, the storeroom checked each day;
    waste and disinfection logged; pupil and staff accounts kept apart; no leave
    (so no refund is due).

    Args:
        start: The first day (default 2025-09-01), when ``serving_days`` is not given.
        serving_days: The serving days (default: ``days`` weekdays from ``start``).
        days: How many weekdays, when ``serving_days`` is not given.
        handlers: How many food handlers.
        pupils: How many pupils pay the meal fee.
        canteen_id: The canteen's id.

    Returns:
        The canteen and its serving days.
    """
    first = start or pendulum.Date(2025, 9, 1)
    serving = serving_days or _weekdays(first, days)
    policy = CanteenPolicy(approved_collectors=_COLLECTORS)
    canteen = Canteen(canteen_id, policy=policy)
    run = canteen.execute
    span = (serving.days[0], serving.days[-1]) if serving.days else (first, first)
    for number in range(pupils):
        run(
            RecordPayment(
                MealFeePayment(
                    payment_id=f"fee-{number}",
                    pupil_id=f"pupil-{number}",
                    pupil_name=f"学生{number}",
                    class_name=f"{1 + number % 6}年级",
                    start=span[0],
                    end=span[1],
                    paid=Money(8) * len(serving.days),
                )
            )
        )
    for number in range(handlers):
        run(
            RegisterCertificate(
                HealthCertificate(
                    certificate_id=f"cert-{number}",
                    handler_id=f"h{number}",
                    handler_name=f"厨师{number}",
                    examined_on=span[0].subtract(months=3),
                )
            )
        )
    supplier = Supplier(name="某粮油公司", address="某市某路1号", contact="0571-0000000")
    for index, day in enumerate(serving.days):
        for number in range(handlers):
            run(
                RecordMorningCheck(
                    MorningCheck(
                        handler_id=f"h{number}", day=day, at=_at(day, 6, 30), checked_by="食堂主任"
                    )
                )
            )
            run(RosterHandler(RosterEntry(handler_id=f"h{number}", day=day, post="烹饪")))
        for product in ("大米", "鸡蛋"):
            lot_id = f"{product}-{index}"
            run(
                ReceiveLot(
                    Lot(
                        lot_id=lot_id,
                        product=product,
                        specification="25kg/袋" if product == "大米" else "箱",
                        quantity=10,
                        unit="袋" if product == "大米" else "箱",
                        production_date=day.subtract(days=2),
                        expiry=day.add(days=60),
                        supplier=supplier,
                        categories=("grain",) if product == "大米" else ("egg",),
                    ),
                    Inspection(
                        lot_id=lot_id,
                        delivered_on=day,
                        accepted_by=("仓管员",),
                        certificates=(Certificate.SUPPLIER_LICENCE, Certificate.INVOICE),
                    ),
                )
            )
            run(
                IssueStock(
                    issue_id=f"out-{lot_id}", product=product, quantity=4, on=day, by="仓管员"
                )
            )
        run(CheckStoreroom(StoreroomCheck(check_id=f"check-{index}", on=day, by="仓管员")))
        meal_id = f"{day.isoformat()}/lunch"
        meal = Meal(meal_id, day, MealKind.LUNCH, _at(day, 11, 30), tuple(n for n, _ in _DISHES))
        run(ServeMeal(Menu(meal, tuple(DishInfo(n, c) for n, c in _DISHES))))
        for dish, _ in _DISHES:
            run(RecordTasting(Tasting(meal_id=meal_id, dish=dish, taster="校长", at=_at(day, 11))))
        run(
            RecordAccompaniment(
                Accompaniment(meal_id=meal_id, leader="副校长", observations="饭菜质量良好")
            )
        )
        run(
            LogWaste(
                WasteRemoval(
                    removal_id=f"waste-{index}",
                    day=day,
                    kind="餐厨垃圾",
                    kilograms=Decimal("12.5"),
                    collector=_COLLECTORS[0],
                )
            )
        )
        run(
            LogDisinfection(
                Disinfection(
                    entry_id=f"dis-{index}",
                    target=DisinfectionTarget.TABLEWARE,
                    method="消毒柜",
                    at=_at(day, 13),
                    by="洗消员",
                )
            )
        )
        run(
            PostIncome(
                MealIncome(
                    entry_id=f"in-{index}",
                    account=Account.PUPIL,
                    on=day,
                    amount=Money(8) * pupils,
                    description="学生伙食费",
                )
            )
        )
        run(
            PostExpense(
                MealExpense(
                    entry_id=f"out-{index}",
                    account=Account.PUPIL,
                    on=day,
                    amount=Money(7) * pupils,
                    kind=CostKind.PUPIL_MEALS,
                    description="学生午餐食材",
                )
            )
        )
    return canteen, serving


STRATEGIES: Final[StrategyTable] = {
    CanteenPolicy: canteen_policies(),
    Rounding: st.sampled_from(Rounding),
    Payout: st.sampled_from(Payout),
    IssueOrder: st.sampled_from(IssueOrder),
    ServingDays: serving_days(),
    MealFeePayment: meal_fee_payments(),
    Leave: leaves(),
    Refund: refunds_computed(),
    RefundPaid: refunds_paid(),
    Certificate: st.sampled_from(Certificate),
    Supplier: suppliers(),
    Lot: lots(),
    Inspection: inspections(),
    Draw: draws(),
    IssueRecord: issue_records(),
    LotDisposal: lot_disposals(),
    StoreroomCheck: storeroom_checks(),
    RecordsPurge: records_purges(),
    Withholding: withholdings(),
    HealthCertificate: health_certificates(),
    Symptom: st.sampled_from(Symptom),
    MorningCheck: morning_checks(),
    Clearance: clearances(),
    RosterEntry: roster_entries(),
    DishInfo: dish_infos(),
    Menu: menus(),
    Tasting: tastings(),
    Accompaniment: accompaniments(),
    Account: st.sampled_from(Account),
    CostKind: st.sampled_from(CostKind),
    MealIncome: meal_incomes(),
    MealExpense: meal_expenses(),
    AccountLine: account_lines(),
    MealStatement: meal_statements(),
    Publication: publications(),
    WasteRemoval: waste_removals(),
    DisinfectionTarget: st.sampled_from(DisinfectionTarget),
    Disinfection: disinfections(),
    CanteenLog: canteen_logs(),
    **{cls: _built(cls) for cls in (*EVENT_TYPES, *COMMAND_TYPES)},
    CanteenState: canteen_states(),
    RecordedCanteenEvent: st.builds(RecordedCanteenEvent, st.integers(1, 10_000), canteen_events()),
}
"""One strategy per serializable public type of the area."""
