"""Depreciation (DC-6): the life table, the month convention, schedules and net book value."""

from __future__ import annotations

import pendulum
import pytest
from hypothesis import given
from hypothesis import strategies as st

from schoollogistics.compensation import (
    DEFAULT_LIVES,
    AssetValue,
    CategoryLife,
    DepreciationPolicy,
    IncidentBeforeAcquisitionError,
    InvalidLifeError,
    LifeBelowMinimumError,
    LifeTable,
    MonthConvention,
    NotAnAssetError,
    accumulated_depreciation,
    depreciation_schedule,
    months_depreciated,
    net_book_value,
)
from schoollogistics.core import AssetCategory, Money
from schoollogistics.errors import (
    AmountNotInFenError,
    FieldTypeError,
    FloatAmountError,
    NegativeAmountError,
    TimeTypeError,
)
from schoollogistics.testing import dates
from schoollogistics.testing.compensation import asset_values, depreciation_policies

pytestmark = pytest.mark.rule("DC-6")

PC = AssetValue(Money("6000.00"), pendulum.Date(2024, 3, 15), AssetCategory.COMPUTERS)


@pytest.mark.parametrize(
    ("category", "years"),
    [
        (AssetCategory.COMPUTERS, 6),
        (AssetCategory.OFFICE_EQUIPMENT, 6),
        (AssetCategory.VEHICLES, 8),
        (AssetCategory.MACHINERY, 10),
        (AssetCategory.ELECTRICAL_APPLIANCES, 5),
        (AssetCategory.TEACHING_INSTRUMENTS, 5),
        (AssetCategory.ARTS_EQUIPMENT, 5),
        (AssetCategory.SPORTS_EQUIPMENT, 5),
        (AssetCategory.ENTERTAINMENT_EQUIPMENT, 5),
        (AssetCategory.OTHER_SPECIAL_EQUIPMENT, 10),
        (AssetCategory.FURNITURE, 15),
        (AssetCategory.STUDENT_FURNITURE, 5),
        (AssetCategory.TOOLS_AND_FITTINGS, 5),
        (AssetCategory.BUILDINGS_STEEL_CONCRETE, 50),
        (AssetCategory.BUILDINGS_BRICK, 30),
        (AssetCategory.SIMPLE_STRUCTURES, 8),
        (AssetCategory.BOOKS_AND_ARCHIVES, None),
        (AssetCategory.CULTURAL_RELICS, None),
        (AssetCategory.PLANTS_AND_ANIMALS, None),
        (AssetCategory.CONSUMABLES, None),
        (AssetCategory.BUILDINGS_STEEL, 50),
        (AssetCategory.BUILDINGS_BRICK_WOOD, 30),
        (AssetCategory.BUILDING_FIXTURES, 8),
        (AssetCategory.STRUCTURES, 8),
        (AssetCategory.LIBRARY_EQUIPMENT, 5),
        (AssetCategory.COMMUNICATIONS_EQUIPMENT, 5),
        (AssetCategory.BROADCAST_EQUIPMENT, 5),
        (AssetCategory.INSTRUMENTS, 5),
        (AssetCategory.MEASURING_EQUIPMENT, 5),
        (AssetCategory.METROLOGY_EQUIPMENT, 5),
        (AssetCategory.POLICE_EQUIPMENT, 3),
        (AssetCategory.LAND, None),
        (AssetCategory.NOMINAL_VALUE_ASSETS, None),
    ],
)
def test_default_life_table_is_the_school_table(category: AssetCategory, years: int | None) -> None:
    table = LifeTable.default()
    assert table.years(category) == years
    assert table.life_months(category) == (None if years is None else years * 12)
    assert DEFAULT_LIVES[category] == years


def test_life_table_covers_every_category_and_overrides() -> None:
    assert {row.category for row in LifeTable().rows} == set(AssetCategory)
    table = LifeTable.from_years({AssetCategory.COMPUTERS: 9, AssetCategory.FURNITURE: None})
    assert table.years(AssetCategory.COMPUTERS) == 9
    assert table.years(AssetCategory.FURNITURE) is None
    assert table.years(AssetCategory.VEHICLES) == 8
    derived = table.with_life(AssetCategory.BOOKS_AND_ARCHIVES, 3)
    assert derived.years(AssetCategory.BOOKS_AND_ARCHIVES) == 3
    assert table.years(AssetCategory.BOOKS_AND_ARCHIVES) is None  # unchanged
    assert LifeTable() == LifeTable.default()
    assert dict(LifeTable().months_by_category)[AssetCategory.COMPUTERS] == 72


@pytest.mark.rule("DC-6")
@pytest.mark.parametrize(
    ("category", "years", "minimum"),
    [
        (AssetCategory.COMPUTERS, 5, 6),
        (AssetCategory.FURNITURE, 10, 15),
        (AssetCategory.BUILDINGS_BRICK_WOOD, 29, 30),
        (AssetCategory.POLICE_EQUIPMENT, 2, 3),
    ],
)
def test_a_life_below_the_table_is_refused(
    category: AssetCategory, years: int, minimum: int
) -> None:
    with pytest.raises(LifeBelowMinimumError) as info:
        LifeTable.default().with_life(category, years)
    assert info.value.code == "compensation.life_below_minimum"
    assert dict(info.value.params) == {
        "category": category.value,
        "years": years,
        "minimum": minimum,
    }
    assert "年限表" in info.value.message_zh
    assert "minimum" in info.value.message_en


@pytest.mark.rule("DC-6")
@given(st.sampled_from(list(AssetCategory)), st.integers(min_value=1, max_value=80))
def test_a_life_is_accepted_exactly_when_not_below_the_table(
    category: AssetCategory, years: int
) -> None:
    minimum = DEFAULT_LIVES[category]
    if minimum is not None and years < minimum:
        with pytest.raises(LifeBelowMinimumError):
            CategoryLife(category, years)
    else:
        assert LifeTable.default().with_life(category, years).years(category) == years


@pytest.mark.rule("DC-6")
def test_the_five_classes_and_consumables_are_not_depreciated() -> None:
    table = LifeTable.default()
    for category in (
        AssetCategory.CULTURAL_RELICS,
        AssetCategory.PLANTS_AND_ANIMALS,
        AssetCategory.BOOKS_AND_ARCHIVES,
        AssetCategory.LAND,
        AssetCategory.NOMINAL_VALUE_ASSETS,
        AssetCategory.CONSUMABLES,
    ):
        assert table.years(category) is None


@pytest.mark.parametrize("years", [0, -1])
def test_bad_life_refused(years: int) -> None:
    with pytest.raises(InvalidLifeError) as info:
        CategoryLife(AssetCategory.COMPUTERS, years)
    assert info.value.code == "compensation.invalid_life"


@pytest.mark.parametrize(("years", "type_name"), [(True, "bool"), ("5", "str"), (5.0, "float")])
def test_life_of_the_wrong_type_is_refused_when_built(years: object, type_name: str) -> None:
    with pytest.raises(FieldTypeError) as info:
        CategoryLife(AssetCategory.COMPUTERS, years)  # type: ignore[arg-type]
    assert info.value.code == "input.wrong_type"
    assert dict(info.value.params) == {
        "field": "CategoryLife.years",
        "expected": "an integer",
        "expected_zh": "整数",
        "type_name": type_name,
    }


def test_asset_value_refuses_bad_amounts_and_types() -> None:
    with pytest.raises(NegativeAmountError) as negative:
        AssetValue(Money("-1"), pendulum.Date(2024, 1, 1), AssetCategory.COMPUTERS)
    assert negative.value.code == "money.negative"
    assert negative.value.params == {"field": "original_value", "value": Money("-1")}
    with pytest.raises(AmountNotInFenError) as sub_fen:
        AssetValue(Money("1.005"), pendulum.Date(2024, 1, 1), AssetCategory.COMPUTERS)
    assert sub_fen.value.code == "money.not_in_fen"
    assert sub_fen.value.params == {"field": "original_value", "value": Money("1.005")}
    with pytest.raises(FloatAmountError):
        AssetValue(1.5, pendulum.Date(2024, 1, 1), AssetCategory.COMPUTERS)  # type: ignore[arg-type]  # refused at run time too
    with pytest.raises(TimeTypeError):
        AssetValue(
            Money(1),
            pendulum.datetime(2024, 1, 1, tz="Asia/Shanghai"),
            AssetCategory.COMPUTERS,
        )
    with pytest.raises(TypeError):
        AssetValue(Money(1), pendulum.Date(2024, 1, 1), "computers")  # type: ignore[arg-type]
    with pytest.raises(NegativeAmountError) as negative:
        AssetValue(Money(1), pendulum.Date(2024, 1, 1), AssetCategory.COMPUTERS, Money(-2))
    assert negative.value.params == {"field": "replacement_cost", "value": Money(-2)}


def test_monthly_amount_and_last_month_absorbs_rounding() -> None:
    # 6000 / 72 = 83.333… → 83.33 a month; the 72nd month takes 83.33 + 0.24 = 83.57.
    schedule = depreciation_schedule(PC)
    assert len(schedule) == 72
    assert schedule[0].amount == Money("83.33")
    assert (schedule[0].year, schedule[0].month) == (2024, 3)  # 当月增加当月计提
    assert schedule[-1].amount == Money("83.57")
    assert (schedule[-1].year, schedule[-1].month) == (2030, 2)
    assert schedule[-1].net_book_value == Money(0)
    assert Money.sum(m.amount for m in schedule) == PC.original_value


def test_half_up_rounding_of_the_monthly_amount() -> None:
    # 30.00 / 60 months = 0.50 exactly; 0.30 / 60 = 0.005 → 0.01 (half up), so the 30 fen
    # are used up by month 30 and the later months charge nothing.
    small = AssetValue(Money("0.30"), pendulum.Date(2024, 1, 1), AssetCategory.SPORTS_EQUIPMENT)
    schedule = depreciation_schedule(small)
    assert [m.amount for m in schedule[:30]] == [Money("0.01")] * 30
    assert all(m.amount == Money(0) for m in schedule[30:])
    assert Money.sum(m.amount for m in schedule) == Money("0.30")


def test_next_month_convention_starts_a_month_later() -> None:
    policy = DepreciationPolicy(convention=MonthConvention.NEXT_MONTH)
    schedule = depreciation_schedule(PC, policy)
    assert (schedule[0].year, schedule[0].month) == (2024, 4)
    day = pendulum.Date(2024, 3, 31)
    assert months_depreciated(PC, day) == 1
    assert months_depreciated(PC, day, policy) == 0


def test_leaving_month_is_not_charged() -> None:
    # 当月减少当月不提: lost in May 2024 → March and April only.
    day = pendulum.Date(2024, 5, 10)
    assert months_depreciated(PC, day) == 3
    assert months_depreciated(PC, day, leaving=True) == 2
    assert accumulated_depreciation(PC, day, leaving=True) == Money("166.66")
    assert net_book_value(PC, day, leaving=True) == Money("5833.34")


def test_stops_at_full_depreciation() -> None:
    late = pendulum.Date(2040, 1, 1)
    assert months_depreciated(PC, late) == 72
    assert accumulated_depreciation(PC, late) == PC.original_value
    assert net_book_value(PC, late) == Money(0)


@pytest.mark.parametrize(
    "category",
    [
        AssetCategory.BOOKS_AND_ARCHIVES,
        AssetCategory.CULTURAL_RELICS,
        AssetCategory.PLANTS_AND_ANIMALS,
        AssetCategory.CONSUMABLES,
    ],
)
def test_not_depreciated_categories(category: AssetCategory) -> None:
    asset = AssetValue(Money("120.00"), pendulum.Date(2001, 1, 1), category)
    assert depreciation_schedule(asset) == ()
    assert months_depreciated(asset, pendulum.Date(2030, 1, 1)) == 0
    assert net_book_value(asset, pendulum.Date(2030, 1, 1)) == Money("120.00")


def test_valuation_before_acquisition_refused() -> None:
    with pytest.raises(IncidentBeforeAcquisitionError) as info:
        net_book_value(PC, pendulum.Date(2024, 3, 14))
    assert info.value.code == "compensation.incident_before_acquisition"


def test_from_asset_reads_the_protocol_and_refuses_other_objects() -> None:
    class LedgerUnit:
        original_value = Money("99.00")
        acquired_on = pendulum.Date(2023, 1, 1)
        category = AssetCategory.TOOLS_AND_FITTINGS

    value = AssetValue.from_asset(LedgerUnit())
    assert value == AssetValue(
        Money("99.00"), pendulum.Date(2023, 1, 1), AssetCategory.TOOLS_AND_FITTINGS
    )
    assert AssetValue.from_asset(value) is value
    assert AssetValue.from_asset(value, replacement_cost=Money(5)).replacement_cost == Money(5)
    with pytest.raises(NotAnAssetError) as info:
        AssetValue.from_asset(object())  # type: ignore[arg-type]
    assert info.value.params["attribute"] == "original_value"


# ---------------------------------------------------------------- properties


@given(asset_values(), depreciation_policies())
def test_schedule_adds_up_exactly_to_the_original(
    asset: AssetValue, policy: DepreciationPolicy
) -> None:
    schedule = depreciation_schedule(asset, policy)
    life = policy.life_table.life_months(asset.category)
    if life is None:
        assert schedule == ()
        return
    assert len(schedule) == life
    assert Money.sum(m.amount for m in schedule) == asset.original_value
    assert all(not m.amount.is_negative() for m in schedule)
    assert schedule[-1].accumulated == asset.original_value
    # every month but the last charges the rounded monthly amount until the value runs out
    monthly = schedule[0].amount
    for row in schedule[:-1]:
        assert row.amount <= monthly


@given(
    asset_values(), depreciation_policies(), st.lists(st.integers(0, 800), min_size=2, max_size=6)
)
def test_accumulated_never_decreases_nor_exceeds_original(
    asset: AssetValue, policy: DepreciationPolicy, offsets: list[int]
) -> None:
    days = sorted(asset.acquired_on.add(months=k) for k in offsets)
    for leaving in (False, True):
        values = [accumulated_depreciation(asset, d, policy, leaving=leaving) for d in days]
        assert values == sorted(values)
        for day, value in zip(days, values, strict=True):
            assert Money(0) <= value <= asset.original_value
            book = net_book_value(asset, day, policy, leaving=leaving)
            assert not book.is_negative()
            assert book + value == asset.original_value


@given(asset_values(), depreciation_policies(), dates())
def test_net_book_value_matches_the_schedule(
    asset: AssetValue, policy: DepreciationPolicy, day: pendulum.Date
) -> None:
    if day < asset.acquired_on:
        return
    schedule = depreciation_schedule(asset, policy)
    months = months_depreciated(asset, day, policy)
    expected = schedule[months - 1].net_book_value if months else asset.original_value
    assert net_book_value(asset, day, policy) == expected


def test_life_tables_are_read_only() -> None:
    with pytest.raises(TypeError):
        DEFAULT_LIVES[AssetCategory.COMPUTERS] = 1  # type: ignore[index]
    with pytest.raises(TypeError):
        LifeTable().months_by_category[AssetCategory.COMPUTERS] = 1  # type: ignore[index]
