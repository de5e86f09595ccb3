"""Capitalised repairs (RP-5) in the net book value (DC-6): a restart over the remaining life."""

from __future__ import annotations

import itertools

import pendulum
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from schoollogistics import serialization
from schoollogistics.assets import AssetLedger, PlaceKind
from schoollogistics.compensation import (
    AssetValue,
    CapitalisedRepair,
    DepreciationPolicy,
    IncidentBeforeAcquisitionError,
    MonthConvention,
    capitalised_repairs,
    net_book_value,
)
from schoollogistics.core import AssetCategory, Money
from schoollogistics.errors import AmountNotInFenError, NegativeAmountError
from schoollogistics.testing import dates
from schoollogistics.testing.compensation import asset_values, depreciation_policies

pytestmark = pytest.mark.rule("RP-5")

D = pendulum.Date

PROJECTOR = AssetValue(
    original_value=Money(3600),
    acquired_on=D(2021, 9, 1),
    category=AssetCategory.TEACHING_INSTRUMENTS,
)
UPGRADE = CapitalisedRepair(on=D(2024, 9, 3), cost=Money("1500"))
NEXT = DepreciationPolicy(convention=MonthConvention.NEXT_MONTH)

FEW = settings(max_examples=50, deadline=None)


def _life(asset: AssetValue, policy: DepreciationPolicy) -> int | None:
    return policy.life_table.life_months(asset.category)


def _end_day(asset: AssetValue, policy: DepreciationPolicy, life: int) -> pendulum.Date:
    """The last day of the last month of the original life."""
    offset = 0 if policy.convention is MonthConvention.SAME_MONTH else 1
    year, month0 = divmod(asset.acquired_month_index + offset + life - 1, 12)
    return pendulum.Date(year, month0 + 1, 1).end_of("month")


def test_rp5_the_worked_example() -> None:
    """3600 over 60 months (60 a month): 36 charged by August 2024, 1440 left."""
    before = net_book_value(PROJECTOR, D(2024, 9, 3), leaving=True)
    assert before == Money("1440.00")
    assert net_book_value(
        PROJECTOR, D(2024, 9, 3), leaving=True, capitalised_repairs=[UPGRADE]
    ) == Money("2940.00")
    # September 2024 is charged on the new base: 2940 over the 24 months left, 122.50 a month.
    assert net_book_value(PROJECTOR, D(2024, 9, 30), capitalised_repairs=[UPGRADE]) == Money(
        "2817.50"
    )
    assert net_book_value(PROJECTOR, D(2026, 7, 31), capitalised_repairs=[UPGRADE]) == Money(
        "122.50"
    )
    assert net_book_value(PROJECTOR, D(2026, 8, 31), capitalised_repairs=[UPGRADE]) == Money.zero()
    # Before the repair day, the repair does not count.
    assert net_book_value(PROJECTOR, D(2024, 9, 2), capitalised_repairs=[UPGRADE]) == (
        net_book_value(PROJECTOR, D(2024, 9, 2))
    )


def test_rp5_next_month_convention_restarts_next_month() -> None:
    old = net_book_value(PROJECTOR, D(2024, 9, 3), NEXT)  # September charged on the old base
    new = net_book_value(PROJECTOR, D(2024, 9, 3), NEXT, capitalised_repairs=[UPGRADE])
    assert new == old + Money(1500)
    october = net_book_value(PROJECTOR, D(2024, 10, 31), NEXT, capitalised_repairs=[UPGRADE])
    assert october < new


def test_rp5_a_repair_in_the_acquisition_month_is_part_of_the_cost() -> None:
    repair = CapitalisedRepair(on=PROJECTOR.acquired_on, cost=Money("400"))
    bigger = AssetValue(
        original_value=Money(4000), acquired_on=D(2021, 9, 1), category=PROJECTOR.category
    )
    for day in (D(2021, 9, 1), D(2023, 2, 14), D(2026, 8, 31)):
        for policy in (DepreciationPolicy(), NEXT):
            assert net_book_value(
                PROJECTOR, day, policy, capitalised_repairs=[repair]
            ) == net_book_value(bigger, day, policy)


def test_rp5_past_the_end_of_life_a_repair_adds_nothing() -> None:
    late = CapitalisedRepair(on=D(2027, 1, 5), cost=Money("900"))
    assert net_book_value(PROJECTOR, D(2027, 1, 5), capitalised_repairs=[late]) == Money.zero()
    assert (
        net_book_value(PROJECTOR, D(2027, 1, 5), leaving=True, capitalised_repairs=[late])
        == Money.zero()
    )


def test_rp5_a_category_not_depreciated_adds_the_cost() -> None:
    relic = AssetValue(
        original_value=Money(800), acquired_on=D(2020, 1, 1), category=AssetCategory.CULTURAL_RELICS
    )
    assert net_book_value(relic, D(2025, 1, 1), capitalised_repairs=[UPGRADE]) == Money("2300.00")


def test_rp5_a_repair_before_acquisition_is_refused() -> None:
    with pytest.raises(IncidentBeforeAcquisitionError):
        net_book_value(
            PROJECTOR,
            D(2024, 1, 1),
            capitalised_repairs=[CapitalisedRepair(D(2021, 8, 31), Money(1))],
        )


def test_rp5_the_record_checks_and_round_trips() -> None:
    with pytest.raises(NegativeAmountError):
        CapitalisedRepair(D(2024, 9, 3), Money(-1))
    with pytest.raises(AmountNotInFenError):
        CapitalisedRepair(D(2024, 9, 3), Money("1.001"))
    assert UPGRADE.cost == Money("1500.00")
    text = serialization.dumps(UPGRADE, CapitalisedRepair)
    assert serialization.loads(CapitalisedRepair, text) == UPGRADE


@st.composite
def _valued(
    draw: st.DrawFn,
) -> tuple[AssetValue, DepreciationPolicy, list[CapitalisedRepair], pendulum.Date]:
    asset = draw(asset_values())
    policy = draw(depreciation_policies())
    start = asset.acquired_on
    horizon = start.add(years=60)
    repairs = draw(
        st.lists(
            st.builds(CapitalisedRepair, on=dates(start, horizon), cost=st.integers(0, 10**6)),
            max_size=3,
        )
    )
    on = draw(dates(start, horizon))
    return asset, policy, repairs, on


@FEW
@given(_valued(), st.booleans())
def test_rp5_without_capitalised_repairs_nothing_changes(
    valued: tuple[AssetValue, DepreciationPolicy, list[CapitalisedRepair], pendulum.Date],
    leaving: bool,
) -> None:
    asset, policy, repairs, on = valued
    plain = net_book_value(asset, on, policy, leaving=leaving)
    assert net_book_value(asset, on, policy, leaving=leaving, capitalised_repairs=()) == plain
    later = [r for r in repairs if r.on > on]
    assert net_book_value(asset, on, policy, leaving=leaving, capitalised_repairs=later) == plain


@FEW
@given(_valued())
def test_rp5_the_restart_adds_the_cost(
    valued: tuple[AssetValue, DepreciationPolicy, list[CapitalisedRepair], pendulum.Date],
) -> None:
    """Valued as leaving on the repair day (before that month's charge): before + C."""
    asset, policy, repairs, _ = valued
    life = _life(asset, policy)
    for index, repair in enumerate(sorted(repairs, key=lambda r: r.on)):
        earlier = [r for r in repairs if r.on < repair.on]
        offset = 0 if policy.convention is MonthConvention.SAME_MONTH else 1
        restart = repair.on.year * 12 + repair.on.month - 1 + offset
        if life is not None and restart > asset.acquired_month_index + offset + life - 1:
            continue  # no life left to restart over: an expense
        before = net_book_value(asset, repair.on, policy, leaving=True, capitalised_repairs=earlier)
        after = net_book_value(
            asset, repair.on, policy, leaving=True, capitalised_repairs=[*earlier, repair]
        )
        assert after == before + repair.cost, index


@FEW
@given(_valued(), st.booleans())
def test_rp5_never_negative_and_zero_at_the_original_end(
    valued: tuple[AssetValue, DepreciationPolicy, list[CapitalisedRepair], pendulum.Date],
    leaving: bool,
) -> None:
    asset, policy, repairs, on = valued
    value = net_book_value(asset, on, policy, leaving=leaving, capitalised_repairs=repairs)
    assert value >= Money.zero()
    life = _life(asset, policy)
    if life is None:
        counted = sum((r.cost for r in repairs if r.on <= on), Money.zero())
        assert value == asset.original_value + counted
        return
    end = _end_day(asset, policy, life)
    assert net_book_value(asset, end, policy, capitalised_repairs=repairs) == Money.zero()
    assert net_book_value(asset, end.add(years=3), policy, capitalised_repairs=repairs) == (
        Money.zero()
    )


@FEW
@given(_valued(), st.lists(st.integers(0, 400), min_size=2, max_size=6))
def test_rp5_monotone_between_repairs(
    valued: tuple[AssetValue, DepreciationPolicy, list[CapitalisedRepair], pendulum.Date],
    offsets: list[int],
) -> None:
    asset, policy, repairs, on = valued
    days = sorted({on.add(days=7 * offset) for offset in offsets})
    values = [net_book_value(asset, day, policy, capitalised_repairs=repairs) for day in days]
    for (first, second), (a, b) in zip(
        itertools.pairwise(days), itertools.pairwise(values), strict=True
    ):
        if not any(first < r.on <= second for r in repairs):
            assert b <= a, (first, second)


def test_rp5_capitalised_repairs_from_the_ledger() -> None:
    led = AssetLedger()
    day = pendulum.Date(2024, 8, 25)
    led.register_place("store", "总务库房", PlaceKind.STOREROOM, on=day, by="t-li")
    led.register_item(
        "projector",
        "投影仪",
        unit="台",
        unit_cost=Money("3600"),
        category=AssetCategory.TEACHING_INSTRUMENTS,
        on=day,
        by="t-li",
    )
    led.receive(
        "projector",
        "store",
        tags=["PJ-1", "PJ-2"],
        acceptor="t-li",
        invoice_ref="FP-1",
        on=day,
        by="t-li",
    )
    repair_day = pendulum.Date(2024, 9, 3)
    for capitalised, cost in ((False, Money(80)), (True, Money("1000.01"))):
        led.send_to_repair("projector", "store", tags=["PJ-1", "PJ-2"], on=repair_day, by="t-li")
        led.record_repair(
            "projector",
            "store",
            cost=cost,
            tags=["PJ-1", "PJ-2"],
            capitalised=capitalised,
            on=repair_day,
            by="t-li",
        )
    first = capitalised_repairs(led.events, "PJ-1")
    second = capitalised_repairs(led.events, "PJ-2")
    assert first == (CapitalisedRepair(repair_day, Money("500.01")),)
    assert second == (CapitalisedRepair(repair_day, Money("500.00")),)
    assert capitalised_repairs(led.events, "PJ-9") == ()
