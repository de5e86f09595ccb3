"""The policies (``_policy.py``): defaults from RULES.md, each knob checked by its DC guard."""

from __future__ import annotations

from decimal import Decimal

import pytest

from schoollogistics.compensation import (
    DEFAULT_COMPENSABLE_CAUSES,
    DEFAULT_LIVES,
    CategoryLife,
    Cause,
    CompensationPolicy,
    DepreciationPolicy,
    FineRefusedError,
    InvalidLifeError,
    InvalidPolicyError,
    LifeTable,
    MonthConvention,
    NoOneIdentified,
    ValueBasis,
)
from schoollogistics.core import AssetCategory, Money
from schoollogistics.errors import AmountNotInFenError, FloatAmountError, NegativeAmountError

# rule: DC-6 — the school table (财会〔2018〕20号 附表2), as RULES.md gives it
SCHOOL_TABLE = {
    AssetCategory.COMPUTERS: 6,
    AssetCategory.OFFICE_EQUIPMENT: 6,
    AssetCategory.VEHICLES: 8,
    AssetCategory.MACHINERY: 10,
    AssetCategory.ELECTRICAL_APPLIANCES: 5,
    AssetCategory.TEACHING_INSTRUMENTS: 5,
    AssetCategory.ARTS_EQUIPMENT: 5,
    AssetCategory.SPORTS_EQUIPMENT: 5,
    AssetCategory.ENTERTAINMENT_EQUIPMENT: 5,
    AssetCategory.OTHER_SPECIAL_EQUIPMENT: 10,
    AssetCategory.FURNITURE: 15,
    AssetCategory.STUDENT_FURNITURE: 5,
    AssetCategory.TOOLS_AND_FITTINGS: 5,
    AssetCategory.BUILDINGS_STEEL_CONCRETE: 50,
    AssetCategory.BUILDINGS_BRICK: 30,
    AssetCategory.SIMPLE_STRUCTURES: 8,
    AssetCategory.BOOKS_AND_ARCHIVES: None,
    AssetCategory.CULTURAL_RELICS: None,
    AssetCategory.PLANTS_AND_ANIMALS: None,
    AssetCategory.CONSUMABLES: None,
    AssetCategory.BUILDINGS_STEEL: 50,
    AssetCategory.BUILDINGS_BRICK_WOOD: 30,
    AssetCategory.BUILDING_FIXTURES: 8,
    AssetCategory.STRUCTURES: 8,
    AssetCategory.LIBRARY_EQUIPMENT: 5,
    AssetCategory.COMMUNICATIONS_EQUIPMENT: 5,
    AssetCategory.BROADCAST_EQUIPMENT: 5,
    AssetCategory.INSTRUMENTS: 5,
    AssetCategory.MEASURING_EQUIPMENT: 5,
    AssetCategory.METROLOGY_EQUIPMENT: 5,
    AssetCategory.POLICE_EQUIPMENT: 3,
    AssetCategory.LAND: None,
    AssetCategory.NOMINAL_VALUE_ASSETS: None,
}


@pytest.mark.rule("DC-6")
def test_default_lives_are_the_school_table() -> None:
    assert dict(DEFAULT_LIVES) == SCHOOL_TABLE
    table = LifeTable.default()
    for category, years in SCHOOL_TABLE.items():
        assert table.years(category) == years
        assert years is None or type(table.years(category)) is int
        assert table.life_months(category) == (None if years is None else years * 12)
    assert dict(table.months_by_category) == {
        c: y * 12 for c, y in SCHOOL_TABLE.items() if y is not None
    }
    assert [row.category.value for row in table.rows] == sorted(c.value for c in AssetCategory)


@pytest.mark.rule("DC-6")
def test_life_table_overrides() -> None:
    table = LifeTable.from_years({AssetCategory.COMPUTERS: 8, AssetCategory.FURNITURE: None})
    assert table.years(AssetCategory.COMPUTERS) == 8
    assert table.life_months(AssetCategory.COMPUTERS) == 96
    assert table.years(AssetCategory.FURNITURE) is None
    assert table.years(AssetCategory.VEHICLES) == 8
    again = table.with_life(AssetCategory.COMPUTERS, 7)
    assert again.years(AssetCategory.COMPUTERS) == 7
    assert again.years(AssetCategory.FURNITURE) is None
    assert len(again.rows) == len(AssetCategory)
    assert LifeTable((CategoryLife(AssetCategory.COMPUTERS, 6),)) == LifeTable()
    with pytest.raises(InvalidLifeError) as info:
        CategoryLife(AssetCategory.COMPUTERS, 0)
    assert info.value.params == {"category": "computers", "years": "0"}


@pytest.mark.rule("DC-6")
def test_depreciation_policy_defaults() -> None:
    policy = DepreciationPolicy()
    assert policy.life_table == LifeTable.default()
    assert policy.convention is MonthConvention.SAME_MONTH
    assert [c.value for c in MonthConvention] == ["same_month", "next_month"]


@pytest.mark.rule("DC-2")
@pytest.mark.rule("DC-3")
@pytest.mark.rule("DC-4")
@pytest.mark.rule("DC-5")
@pytest.mark.rule("DC-8")
@pytest.mark.rule("DC-9")
def test_compensation_policy_defaults_follow_rules_md() -> None:
    policy = CompensationPolicy.default()
    assert policy == CompensationPolicy()
    assert policy.compensable_causes == (
        Cause.ACCIDENTAL,
        Cause.DELIBERATE,
        Cause.NEGLIGENT,
        Cause.UNKNOWN,
    )
    assert set(DEFAULT_COMPENSABLE_CAUSES) == set(Cause) - {Cause.NATURAL_WEAR}
    assert policy.no_one_identified is NoOneIdentified.HOLDER_PAYS
    assert policy.value_basis is ValueBasis.NET_BOOK_VALUE
    assert policy.multiplier == Decimal(1)
    assert policy.surcharge == Money(0)
    assert policy.hardship_reduction == Decimal("0.5")
    assert policy.write_off_below == Money(0)
    assert policy.write_off_fen == 0
    assert policy.guardian_pays_for_minor is True
    assert policy.flag_deliberate is True
    assert policy.depreciation == DepreciationPolicy()
    for cause in Cause:
        assert policy.is_compensable(cause) is (cause is not Cause.NATURAL_WEAR)


def test_policy_enums_and_labels() -> None:
    assert [b.value for b in ValueBasis] == ["net_book_value", "replacement_cost", "original_price"]
    assert [b.label_zh for b in ValueBasis] == ["账面净值", "重置成本", "原价"]
    assert [n.value for n in NoOneIdentified] == ["holder_pays", "school_bears"]


@pytest.mark.rule("DC-2")
def test_causes_are_checked_and_normalised() -> None:
    policy = CompensationPolicy(
        compensable_causes=[Cause.NEGLIGENT, Cause.DELIBERATE, Cause.NEGLIGENT]
    )
    assert policy.compensable_causes == (Cause.DELIBERATE, Cause.NEGLIGENT)
    assert not policy.is_compensable(Cause.ACCIDENTAL)
    with pytest.raises(InvalidPolicyError) as info:
        CompensationPolicy(compensable_causes=(Cause.NEGLIGENT, Cause.NATURAL_WEAR))
    assert info.value.params["field"] == "compensable_causes"
    with pytest.raises(InvalidPolicyError) as wrong:
        CompensationPolicy(compensable_causes=("negligent",))  # type: ignore[arg-type]  # refused at run time
    assert wrong.value.params == {
        "field": "compensable_causes",
        "reason": "'negligent' is not a Cause",
    }


@pytest.mark.rule("DC-5")
def test_knobs_can_only_reduce() -> None:
    assert CompensationPolicy(multiplier="0.8").multiplier == Decimal("0.8")
    assert CompensationPolicy(hardship_reduction=1).hardship_reduction == Decimal(1)
    with pytest.raises(FineRefusedError) as fine:
        CompensationPolicy(multiplier=2)
    assert fine.value.params == {"what": "multiplier 2", "reason": "multiplier > 1"}
    with pytest.raises(FineRefusedError):
        CompensationPolicy(surcharge="5")
    with pytest.raises(InvalidPolicyError):
        CompensationPolicy(hardship_reduction="1.5")
    with pytest.raises(FloatAmountError) as float_refused:
        CompensationPolicy(multiplier=0.5)  # type: ignore[arg-type]  # refused at run time too
    assert float_refused.value.params == {"value": 0.5, "field": "multiplier"}
    with pytest.raises(FloatAmountError) as float_rate:
        CompensationPolicy(hardship_reduction=0.5)  # type: ignore[arg-type]  # refused at run time
    assert float_rate.value.params == {"value": 0.5, "field": "hardship_reduction"}
    with pytest.raises(FloatAmountError) as float_surcharge:
        CompensationPolicy(surcharge=0.5)  # type: ignore[arg-type]  # refused at run time
    assert float_surcharge.value.params["value"] == 0.5


def test_write_off_threshold_is_an_amount_in_fen() -> None:
    policy = CompensationPolicy(write_off_below="5")
    assert policy.write_off_below == Money("5.00")
    assert str(policy.write_off_below) == "5.00"
    assert policy.write_off_fen == 500
    with pytest.raises(NegativeAmountError) as negative:
        CompensationPolicy(write_off_below="-1")
    assert negative.value.params == {"field": "write_off_below", "value": Money(-1)}
    with pytest.raises(AmountNotInFenError) as sub_fen:
        CompensationPolicy(write_off_below="0.001")
    assert sub_fen.value.params == {"field": "write_off_below", "value": Money("0.001")}
