"""Hostile commands: ``AssetLedger.execute``, ``SampleCabinet``, compensation and calendar.

A command is fed as JSON (a valid command with one field mutated, through
``from_dict`` of the tagged union), as a record drawn from the strategies, or
as hostile keyword values to a convenience method. Each must be refused with
a ``SchoolLogisticsError`` leaving the aggregate *identical* (its events and
snapshot or state, compared as JSON before and after), or accepted; an
accepted command must not poison the aggregate: ``snapshot()``, the monthly
summary, ``check_invariants()`` and a checked replay still work afterwards.
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from typing import Final

import pendulum
from hypothesis import given
from hypothesis import strategies as st

from schoollogistics import DateRange, school_datetime, serialization
from schoollogistics.assets import (
    COMMAND_TYPES,
    AssetEvent,
    AssetLedger,
    CloseMonth,
    Condition,
    Exchange,
    HandBack,
    HolderKind,
    Issue,
    LedgerCommand,
    Lend,
    PlaceKind,
    Receive,
    RegisterHolder,
    RegisterItem,
    RegisterPlace,
    Transfer,
)
from schoollogistics.compensation import (
    AssetValue,
    DamageClaim,
    accumulated_depreciation,
    assess,
    depreciation_schedule,
    months_depreciated,
    net_book_value,
    render_notice,
)
from schoollogistics.core.money import Money
from schoollogistics.food_samples import (
    COMMAND_TYPES as CABINET_COMMAND_TYPES,
)
from schoollogistics.food_samples import (
    CabinetCommand,
    Discard,
    FoodSample,
    Hold,
    Meal,
    MealKind,
    PlaceHold,
    RecordTemperature,
    Release,
    SampleCabinet,
    TakeSample,
)
from schoollogistics.school_calendar import (
    HolidayCalendar,
    SchoolCalendar,
    SchoolYear,
    expand_rule,
    month_name_zh,
    plan_month,
    primary_school_template,
)
from schoollogistics.serialization import to_dict
from schoollogistics.testing import strategy_for

from ._judge import feed
from ._support import Batch, bind, cut, hostile_settings, loose, pick, probe
from ._values import PYTHON_VALUES, Target, apply, mutations

D = pendulum.Date(2025, 9, 1)
CLERK = "t-li"

SETUP: Final[tuple[LedgerCommand, ...]] = (
    RegisterPlace(place_id="store", name="库房", kind=PlaceKind.STOREROOM, on=D, by=CLERK),
    RegisterPlace(place_id="room-32", name="教室", kind=PlaceKind.CLASSROOM, on=D, by=CLERK),
    RegisterHolder(holder_id="class-32", name="三(2)班", kind=HolderKind.CLASS, on=D, by=CLERK),
    RegisterItem(
        item_id="broom",
        name="扫帚",
        unit="把",
        unit_cost=Money(15),
        exchange_rule=True,
        on=D,
        by=CLERK,
    ),
    RegisterItem(item_id="chalk", name="粉笔", unit="盒", unit_cost=Money("3.50"), on=D, by=CLERK),
    Receive(
        item_id="broom",
        place_id="store",
        quantity=20,
        acceptor=CLERK,
        supplier="五金店",
        on=D,
        by=CLERK,
    ),
    Receive(
        item_id="chalk",
        place_id="store",
        quantity=50,
        acceptor=CLERK,
        invoice_ref="FP-1",
        on=D,
        by=CLERK,
    ),
    Issue(
        item_id="broom",
        from_place="store",
        to="class-32",
        quantity=2,
        initial_allocation=True,
        on=D,
        by=CLERK,
    ),
)

LATER = pendulum.Date(2025, 10, 8)

NEXT: Final[tuple[LedgerCommand, ...]] = (
    Issue(item_id="chalk", from_place="store", to="class-32", quantity=5, on=LATER, by=CLERK),
    Receive(
        item_id="chalk",
        place_id="store",
        quantity=3,
        unit_cost=Money("3.60"),
        acceptor=CLERK,
        invoice_ref="FP-2",
        on=LATER,
        by=CLERK,
    ),
    Exchange(
        item_id="broom", holder_id="class-32", store_id="store", quantity=1, on=LATER, by=CLERK
    ),
    HandBack(
        item_id="broom",
        holder_id="class-32",
        store_id="store",
        quantity=1,
        condition=Condition.GOOD,
        on=LATER,
        by=CLERK,
    ),
    Lend(
        loan_id="L-1",
        item_id="chalk",
        from_place="store",
        borrower_id="class-32",
        quantity=2,
        due_on=pendulum.Date(2025, 10, 20),
        on=LATER,
        by=CLERK,
    ),
    Transfer(
        item_id="chalk",
        from_location="store",
        to_location="room-32",
        quantity=4,
        on=LATER,
        by=CLERK,
    ),
    RegisterItem(
        item_id="desk", name="课桌", unit="张", unit_cost=Money("368.00"), on=LATER, by=CLERK
    ),
    CloseMonth(year=2025, month=9, by=CLERK),
)


def base_ledger() -> AssetLedger:
    ledger = AssetLedger()
    for command in SETUP:
        ledger.execute(command)
    return ledger


def frozen_ledger(ledger: AssetLedger) -> tuple[str, str]:
    return (
        serialization.dumps(list(ledger.events), list[AssetEvent]),
        serialization.dumps(ledger.snapshot()),
    )


def _after_acceptance(batch: Batch, ledger: AssetLedger, shown: str) -> None:
    """An accepted command must leave a ledger that still answers (no poison pill)."""
    last = ledger.events[-1].effective_on
    for name, call in (
        ("snapshot", ledger.snapshot),
        ("check_invariants", ledger.check_invariants),
        ("monthly_summary", lambda: loose(ledger.monthly_summary)(last.year, last.month)),
        ("dumps(events)", lambda: serialization.dumps(list(ledger.events), list[AssetEvent])),
        ("replay", lambda: AssetLedger.replay(ledger.events)),
    ):
        ok, error = probe(batch, f"AssetLedger.{name}", call, repro=f"after {shown}")
        if not ok:
            batch.fail(
                "poison-pill",
                type(error).__name__,
                f"{name} fails after an accepted command",
                "AssetLedger",
                shown,
            )


def _execute(batch: Batch, ledger: AssetLedger, command: object, shown: str) -> None:
    before = frozen_ledger(ledger)
    ok, _ = probe(
        batch,
        "AssetLedger.execute",
        lambda: loose(ledger.execute)(command),
        repro=shown,
        pure=False,
    )
    if not ok and frozen_ledger(ledger) != before:
        batch.fail(
            "state-changed",
            "a refused command changed the ledger",
            type(command).__name__,
            "AssetLedger",
            shown,
        )
    if ok:
        _after_acceptance(batch, ledger, shown)


LEDGER_TARGET: Final = Target("LedgerCommand", LedgerCommand, st.nothing(), LedgerCommand)
_NEXT_DOCS: Final = tuple(to_dict(command, LedgerCommand) for command in NEXT)


@hostile_settings(examples=10)
@given(seed=st.integers(0, 2**32 - 1))
def test_ledger_mutated_commands(seed: int) -> None:
    """Valid next commands as JSON, one field mutated; whatever loads is executed."""
    batch = Batch("ledger")
    ledger = base_ledger()
    for doc in _NEXT_DOCS:
        for mutation in pick(mutations(doc), 12, seed):
            if batch.exhausted:
                break
            mutated = apply(doc, mutation)
            ok, command = feed(
                batch, LEDGER_TARGET, mutated, label=mutation.describe(), mutation=mutation
            )
            if ok:
                _execute(batch, ledger, command, f"{mutation.describe()}: {cut(mutated)}")
    batch.close()


@hostile_settings(examples=10)
@given(
    commands=st.lists(
        st.one_of([strategy_for(cls) for cls in COMMAND_TYPES]), min_size=25, max_size=25
    )
)
def test_ledger_commands_from_strategies(commands: list[object]) -> None:
    """Well-typed but arbitrary commands (mostly refused): typed refusals, nothing changed."""
    batch = Batch("ledger")
    ledger = base_ledger()
    for command in commands:
        _execute(batch, ledger, command, cut(command))
    batch.close()


def _ledger_calls(ledger: AssetLedger, v: object) -> list[tuple[str, Callable[[], object], bool]]:
    """(name, call, mutates) for every convenience method given ``v`` in one argument."""
    on = LATER
    return [
        (
            "register_item(unit_cost=v)",
            lambda: loose(ledger.register_item)(
                "x1", "新", unit="个", unit_cost=v, on=on, by=CLERK
            ),
            True,
        ),
        (
            "register_item(item_id=v)",
            lambda: loose(ledger.register_item)(
                v, "新", unit="个", unit_cost="1.00", on=on, by=CLERK
            ),
            True,
        ),
        (
            "register_item(issue_limit=v)",
            lambda: loose(ledger.register_item)(
                "x2", "新", unit="个", unit_cost="1.00", issue_limit=v, on=on, by=CLERK
            ),
            True,
        ),
        (
            "receive(quantity=v)",
            lambda: loose(ledger.receive)(
                "chalk", "store", v, acceptor=CLERK, supplier="s", on=on, by=CLERK
            ),
            True,
        ),
        (
            "receive(unit_cost=v)",
            lambda: loose(ledger.receive)(
                "chalk", "store", 1, acceptor=CLERK, unit_cost=v, supplier="s", on=on, by=CLERK
            ),
            True,
        ),
        (
            "receive(tags=v)",
            lambda: loose(ledger.receive)(
                "chalk", "store", 1, acceptor=CLERK, tags=v, supplier="s", on=on, by=CLERK
            ),
            True,
        ),
        (
            "receive(supplier=v)",
            lambda: loose(ledger.receive)(
                "chalk", "store", 1, acceptor=CLERK, supplier=v, on=on, by=CLERK
            ),
            True,
        ),
        (
            "issue(quantity=v)",
            lambda: loose(ledger.issue)("chalk", "store", "class-32", v, on=on, by=CLERK),
            True,
        ),
        (
            "issue(on=v)",
            lambda: loose(ledger.issue)("chalk", "store", "class-32", 1, on=v, by=CLERK),
            True,
        ),
        (
            "issue(by=v)",
            lambda: loose(ledger.issue)("chalk", "store", "class-32", 1, on=on, by=v),
            True,
        ),
        (
            "lend(due_on=v)",
            lambda: loose(ledger.lend)(
                "L9", "chalk", "store", "class-32", 1, due_on=v, on=on, by=CLERK
            ),
            True,
        ),
        ("close_month(v, 9)", lambda: loose(ledger.close_month)(v, 9, by=CLERK), True),
        (
            "execute(expected_version=v)",
            lambda: loose(ledger.execute)(NEXT[0], expected_version=v),
            True,
        ),
        (
            "issue(expected_version=v)",
            lambda: loose(ledger.issue)(
                "chalk", "store", "class-32", 1, on=on, by=CLERK, expected_version=v
            ),
            True,
        ),
        ("recorded(v)", lambda: loose(ledger.recorded)(v), False),
        ("from_recorded(v)", lambda: loose(AssetLedger.from_recorded)(v), False),
        ("from_recorded([v])", lambda: loose(AssetLedger.from_recorded)([v]), False),
        ("close_month(2025, v)", lambda: loose(ledger.close_month)(2025, v, by=CLERK), True),
        ("as_of(v)", lambda: loose(ledger.as_of)(v), False),
        ("overdue_loans(v)", lambda: loose(ledger.overdue_loans)(v), False),
        ("monthly_summary(v, 9)", lambda: loose(ledger.monthly_summary)(v, 9), False),
        ("item(v)", lambda: loose(ledger.item)(v), False),
        ("unit(v)", lambda: loose(ledger.unit)(v), False),
        ("trail(v)", lambda: loose(ledger.trail)(v), False),
        ("on_hand(item_id=v)", lambda: loose(ledger.on_hand)(item_id=v), False),
        ("holdings(v)", lambda: loose(ledger.holdings)(v), False),
    ]


def test_ledger_convenience_methods_with_hostile_values() -> None:
    """Every hostile Python value in one argument of each ledger method."""
    batch = Batch("ledger")
    ledger = base_ledger()
    for label, value in PYTHON_VALUES:
        for index in range(len(_ledger_calls(ledger, value))):
            name, call, mutates = _ledger_calls(ledger, value)[index]  # on the current ledger
            shown = f"ledger.{name} with v={label}"
            before = frozen_ledger(ledger)
            ok, _ = probe(
                batch, f"AssetLedger.{name}", call, repro=shown, rejected=(value,), pure=not mutates
            )
            if not ok and frozen_ledger(ledger) != before:
                batch.fail(
                    "state-changed", "a refused call changed the ledger", name, "AssetLedger", shown
                )
            if ok and mutates:
                _after_acceptance(batch, ledger, shown)
                ledger = base_ledger()
    batch.close()


# ---------------------------------------------------------------- the sample cabinet

LUNCH = school_datetime(2025, 9, 3, 11, 30)
TAKEN = school_datetime(2025, 9, 3, 11, 0)
MEAL = Meal("wed-lunch", LUNCH.date(), MealKind.LUNCH, LUNCH, ("米饭", "红烧肉", "青菜"))


def _sample(sample_id: str, dish: str = "米饭") -> FoodSample:
    return FoodSample(sample_id, "wed-lunch", dish, 130, TAKEN, "张三", "李四", "C1")


def stocked() -> SampleCabinet:
    cabinet = SampleCabinet("C1")
    cabinet.take(MEAL, _sample("s1"))
    cabinet.take(MEAL, _sample("s2", "红烧肉"))
    cabinet.record_temperature(TAKEN, Decimal("3.5"))
    cabinet.place_hold(Hold("H-1", TAKEN.add(hours=2), "校医", "疑似腹泻", meal_ids=("wed-lunch",)))
    return cabinet


CABINET_NEXT: Final[tuple[CabinetCommand, ...]] = (
    TakeSample(MEAL, _sample("s3", "青菜")),
    Discard("s1", TAKEN.add(hours=49), "王五"),
    PlaceHold(Hold("H-2", TAKEN.add(hours=3), "校医", "复查", meal_ids=("wed-lunch",))),
    Release("H-1", TAKEN.add(hours=30), "疾控"),
    RecordTemperature(TAKEN.add(hours=1), Decimal("4.0")),
)
CABINET_TARGET: Final = Target("CabinetCommand", CabinetCommand, st.nothing(), CabinetCommand)
_CABINET_DOCS: Final = tuple(to_dict(command, CabinetCommand) for command in CABINET_NEXT)


def _state(cabinet: SampleCabinet) -> str:
    return serialization.dumps(cabinet.state())


def _cabinet_execute(batch: Batch, cabinet: SampleCabinet, command: object, shown: str) -> None:
    before = _state(cabinet)
    ok, _ = probe(
        batch,
        "SampleCabinet.execute",
        lambda: loose(cabinet.execute)(command),
        repro=shown,
        pure=False,
    )
    if not ok and _state(cabinet) != before:
        batch.fail(
            "state-changed",
            "a refused command changed the cabinet",
            type(command).__name__,
            "SampleCabinet",
            shown,
        )
    if ok:
        for name, call in (
            ("state", cabinet.state),
            ("check_invariants", cabinet.check_invariants),
            ("log", cabinet.log),
            ("from_state", lambda: SampleCabinet.from_state(cabinet.state())),
            (
                "audit",
                lambda: loose(cabinet.audit)(
                    DateRange(pendulum.Date(2025, 9, 1), pendulum.Date(2025, 9, 30))
                ),
            ),
        ):
            fine, error = probe(batch, f"SampleCabinet.{name}", call, repro=f"after {shown}")
            if not fine:
                batch.fail(
                    "poison-pill",
                    type(error).__name__,
                    f"{name} fails after an accepted command",
                    "SampleCabinet",
                    shown,
                )


@hostile_settings(examples=10)
@given(seed=st.integers(0, 2**32 - 1))
def test_cabinet_mutated_commands(seed: int) -> None:
    """Valid cabinet commands as JSON, one field mutated; whatever loads is executed."""
    batch = Batch("cabinet")
    for doc in _CABINET_DOCS:
        cabinet = stocked()
        for mutation in pick(mutations(doc), 15, seed):
            if batch.exhausted:
                break
            mutated = apply(doc, mutation)
            ok, command = feed(
                batch, CABINET_TARGET, mutated, label=mutation.describe(), mutation=mutation
            )
            if ok:
                _cabinet_execute(batch, cabinet, command, f"{mutation.describe()}: {cut(mutated)}")
    batch.close()


@hostile_settings(examples=10)
@given(
    commands=st.lists(
        st.one_of([strategy_for(cls) for cls in CABINET_COMMAND_TYPES]), min_size=20, max_size=20
    )
)
def test_cabinet_commands_from_strategies(commands: list[object]) -> None:
    """Well-typed but arbitrary cabinet commands: typed refusals, nothing changed."""
    batch = Batch("cabinet")
    cabinet = stocked()
    for command in commands:
        _cabinet_execute(batch, cabinet, command, cut(command))
    batch.close()


def test_cabinet_methods_with_hostile_values() -> None:
    """Every hostile Python value in one argument of each cabinet method."""
    batch = Batch("cabinet")
    for label, v in PYTHON_VALUES:
        cabinet = stocked()
        for index in range(len(_cabinet_calls(cabinet, v))):
            name, call, mutates = _cabinet_calls(cabinet, v)[index]  # on the current cabinet
            shown = f"cabinet.{name} with v={label}"
            before = _state(cabinet)
            ok, _ = probe(
                batch, f"SampleCabinet.{name}", call, repro=shown, rejected=(v,), pure=not mutates
            )
            if not ok and _state(cabinet) != before:
                batch.fail(
                    "state-changed",
                    "a refused call changed the cabinet",
                    name,
                    "SampleCabinet",
                    shown,
                )
            if ok and mutates:
                cabinet = stocked()
    batch.close()


def _cabinet_calls(
    cabinet: SampleCabinet, v: object
) -> list[tuple[str, Callable[[], object], bool]]:
    """(name, call, mutates) for every cabinet method given ``v`` in one argument."""
    return [
        ("discard(v)", lambda: loose(cabinet.discard)(v, at=TAKEN.add(hours=49), by="王五"), True),
        ("discard(at=v)", lambda: loose(cabinet.discard)("s2", at=v, by="王五"), True),
        ("discard(by=v)", lambda: loose(cabinet.discard)("s2", at=TAKEN.add(hours=49), by=v), True),
        (
            "record_temperature(v, 3)",
            lambda: loose(cabinet.record_temperature)(v, Decimal(3)),
            True,
        ),
        ("record_temperature(at, v)", lambda: loose(cabinet.record_temperature)(TAKEN, v), True),
        ("release(v)", lambda: loose(cabinet.release)(v, at=TAKEN.add(hours=50), by="疾控"), True),
        (
            "execute(expected_version=v)",
            lambda: loose(cabinet.execute)(CABINET_NEXT[4], expected_version=v),
            True,
        ),
        (
            "record_temperature(expected_version=v)",
            lambda: loose(cabinet.record_temperature)(TAKEN, Decimal(3), expected_version=v),
            True,
        ),
        ("recorded(v)", lambda: loose(cabinet.recorded)(v), False),
        ("from_recorded('C1', v)", lambda: loose(SampleCabinet.from_recorded)("C1", v), False),
        ("from_recorded('C1', [v])", lambda: loose(SampleCabinet.from_recorded)("C1", [v]), False),
        ("contents(v)", lambda: loose(cabinet.contents)(v), False),
        ("held(v)", lambda: loose(cabinet.held)(v), False),
        ("due_for_disposal(v)", lambda: loose(cabinet.due_for_disposal)(v), False),
        ("sample(v)", lambda: loose(cabinet.sample)(v), False),
        ("earliest_discard_at(v)", lambda: loose(cabinet.earliest_discard_at)(v), False),
        ("SampleCabinet(v)", lambda: loose(SampleCabinet)(v), False),
    ]


# ---------------------------------------------------------------- compensation and calendar


@hostile_settings(examples=10)
@given(
    claims=st.lists(strategy_for(DamageClaim), min_size=3, max_size=3),
    assets=st.lists(strategy_for(AssetValue), min_size=3, max_size=3),
)
def test_compensation_functions(claims: list[DamageClaim], assets: list[AssetValue]) -> None:
    """``assess``/``render_notice`` of arbitrary claims; depreciation with hostile days."""
    batch = Batch("compensation")
    for claim in claims:
        ok, assessment = probe(batch, "assess", bind(assess, claim), repro=claim)
        if ok:
            probe(batch, "render_notice", bind(render_notice, assessment), repro=claim)
            for label, v in PYTHON_VALUES[::4]:
                probe(
                    batch,
                    "render_notice(school_name=v)",
                    bind(render_notice, assessment, school_name=v),
                    repro=f"{label} / {cut(claim)}",
                    rejected=(v,),
                )
    for asset in assets:
        probe(
            batch,
            "depreciation_schedule",
            bind(depreciation_schedule, asset),
            repro=asset,
        )
        for label, v in PYTHON_VALUES:
            for name, function in (
                ("net_book_value", net_book_value),
                ("months_depreciated", months_depreciated),
                ("accumulated_depreciation", accumulated_depreciation),
            ):
                probe(
                    batch,
                    f"{name}(on=v)",
                    bind(function, asset, v),
                    repro=f"{name}({cut(asset, 60)}, {label})",
                    rejected=(v,),
                )
    batch.close()


_CALENDAR: Final = SchoolCalendar(
    SchoolYear.of(
        2025,
        (pendulum.Date(2025, 9, 1), pendulum.Date(2026, 1, 23)),
        (pendulum.Date(2026, 3, 2), pendulum.Date(2026, 7, 7)),
    ),
    HolidayCalendar.china([2025, 2026]),
)
_TEMPLATE: Final = primary_school_template()


def test_calendar_functions_with_hostile_values() -> None:
    """``month_name_zh``, ``plan_month`` with hostile years and months, ``DateRange.month``."""
    batch = Batch("calendar")
    values = [*PYTHON_VALUES, ("13", 13), ("2025", 2025), ("10**20", 10**20)]
    for label, v in values:
        for name, call in (
            ("month_name_zh(v)", bind(month_name_zh, v)),
            ("plan_month(v, 9)", bind(plan_month, _CALENDAR, _TEMPLATE, v, 9)),
            ("plan_month(2025, v)", bind(plan_month, _CALENDAR, _TEMPLATE, 2025, v)),
            ("plan_month(rules=v)", bind(plan_month, _CALENDAR, v, 2025, 9)),
            ("DateRange.month(v, 9)", bind(DateRange.month, v, 9)),
            ("HolidayCalendar.china(v)", bind(HolidayCalendar.china, v)),
            ("is_school_day(v)", bind(_CALENDAR.is_school_day, v)),
        ):
            probe(batch, name, call, repro=f"{name} with v={label}", rejected=(v,))
    batch.close()


@hostile_settings(examples=5)
@given(rules=st.lists(strategy_for(_TEMPLATE.rules[0].__class__), min_size=8, max_size=8))
def test_calendar_expands_arbitrary_rules(rules: list[object]) -> None:
    """Any well-typed task rule expands, or is refused with a typed error, fast."""
    batch = Batch("calendar")
    for rule in rules:
        probe(batch, "expand_rule", bind(expand_rule, _CALENDAR, rule), repro=rule)
    batch.close()
