"""The fast assessment equals the reference computation, record for record (issue 11).

``assess`` builds its records through trusted constructors and reads a per-policy
plan; ``_reference_assess.assess`` is the computation as it stood before, through
the public, checking constructors. They must agree on every claim and policy:
the same records (field by field and in their serialized text, so that no amount
changes its written form), and the same refusals.
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal

import attrs
import pendulum
import pytest
from attrs import AttrsInstance
from hypothesis import given, settings
from hypothesis import strategies as st

from schoollogistics import serialization
from schoollogistics.compensation import (
    Assessment,
    AssessmentLine,
    AssetValue,
    Cause,
    CompensationPolicy,
    DamageClaim,
    DamagedItem,
    Extent,
    Guardian,
    Hardship,
    LedgerInstruction,
    LiableParty,
    MonthConvention,
    RepairOrder,
    Share,
    ValueBasis,
    _assessment,
    assess,
)
from schoollogistics.compensation._trusted import slot_setters, trusted_constructor
from schoollogistics.core import AssetCategory, Money
from schoollogistics.errors import SchoolLogisticsError
from schoollogistics.testing.compensation import claims, policies

from ._reference_assess import assess as reference_assess


def _outcome(claim: DamageClaim, policy: CompensationPolicy) -> Assessment | tuple[str, str]:
    """The assessment, or the code and message of the refusal."""
    try:
        return assess(claim, policy)
    except SchoolLogisticsError as error:
        return (error.code, str(error))


def _reference(claim: DamageClaim, policy: CompensationPolicy) -> Assessment | tuple[str, str]:
    try:
        return reference_assess(claim, policy)
    except SchoolLogisticsError as error:
        return (error.code, str(error))


def _records(assessment: Assessment) -> list[AttrsInstance]:
    return [
        *assessment.lines,
        *assessment.shares,
        *assessment.repair_orders,
        *assessment.ledger_instructions,
        assessment,
    ]


@settings(max_examples=400)
@given(claims(), policies())
def test_fast_path_equals_the_reference(claim: DamageClaim, policy: CompensationPolicy) -> None:
    fast, slow = _outcome(claim, policy), _reference(claim, policy)
    assert fast == slow
    if isinstance(fast, Assessment):
        assert isinstance(slow, Assessment)
        assert serialization.dumps(fast) == serialization.dumps(slow)
        for ours, theirs in zip(_records(fast), _records(slow), strict=True):
            assert type(ours) is type(theirs)
            assert attrs.astuple(ours, recurse=False) == attrs.astuple(theirs, recurse=False)
            assert repr(ours) == repr(theirs)  # the same written form of every amount
            assert hash(ours) == hash(theirs)


@given(claims(agreed=False), policies())
def test_trusted_records_pass_their_own_checks(
    claim: DamageClaim, policy: CompensationPolicy
) -> None:
    result = _outcome(claim, policy)
    if isinstance(result, Assessment):
        for record in _records(result):
            rebuilt = type(record)(*attrs.astuple(record, recurse=False))  # checked
            assert rebuilt == record


def test_reference_and_fast_path_on_the_paths_random_data_rarely_reaches() -> None:
    pupil = LiableParty.student("s-1", "甲", guardian=Guardian("g-1", "家长"), weight=3)
    staff = LiableParty.staff("t-1", "乙", weight=2, hardship=Hardship.REDUCED)
    waived = LiableParty.staff("t-2", "丙", hardship=Hardship.WAIVED)
    holder = LiableParty.school_class("c-1", "一班")
    asset = AssetValue(Money("1000.01"), pendulum.Date(2020, 3, 15), AssetCategory.COMPUTERS)
    item = DamagedItem("电脑", asset, Extent.DESTROYED, tag="ZC-1")
    repair = DamagedItem("椅子", asset, Extent.REPAIRABLE, repair_quote=Money("99.99"))
    policies_ = [
        CompensationPolicy(),
        CompensationPolicy(multiplier=Decimal("0.333"), write_off_below=Money("5")),
        CompensationPolicy(value_basis=ValueBasis.ORIGINAL_PRICE, guardian_pays_for_minor=False),
        CompensationPolicy(
            depreciation=attrs.evolve(
                CompensationPolicy().depreciation, convention=MonthConvention.NEXT_MONTH
            )
        ),
    ]
    claims_ = [
        DamageClaim(
            "C-1",
            pendulum.Date(2026, 1, 31),
            Cause.DELIBERATE,
            (item, repair),
            (pupil, staff, waived),
        ),
        DamageClaim("C-2", pendulum.Date(2026, 1, 31), Cause.UNKNOWN, (item,), (), holder),
        DamageClaim("C-3", pendulum.Date(2020, 3, 31), Cause.NEGLIGENT, (item,), (pupil, staff)),
        DamageClaim("C-4", pendulum.Date(2040, 1, 1), Cause.ACCIDENTAL, (repair,), (staff, waived)),
        DamageClaim("C-5", pendulum.Date(2026, 1, 31), Cause.NEGLIGENT, (item,), (waived,)),
        DamageClaim(
            "C-6", pendulum.Date(2026, 1, 31), Cause.NEGLIGENT, (item,), (pupil,), None, Money("1")
        ),
    ]
    for policy in policies_:
        for claim in claims_:
            fast = _outcome(claim, policy)
            assert fast == _reference(claim, policy)
            if isinstance(fast, Assessment):
                assert serialization.dumps(fast) == serialization.dumps(
                    reference_assess(claim, policy)
                )


def test_a_loss_beyond_the_money_domain_is_refused_as_before() -> None:
    top = AssetValue(
        Money("9999999999999.99"), pendulum.Date(2020, 1, 1), AssetCategory.CULTURAL_RELICS
    )
    item = DamagedItem("文物", top, Extent.LOST)
    claim = DamageClaim("C-1", pendulum.Date(2026, 1, 1), Cause.NEGLIGENT, (item, item), ())
    with pytest.raises(SchoolLogisticsError) as fast:
        assess(claim)
    with pytest.raises(SchoolLogisticsError) as slow:
        reference_assess(claim, CompensationPolicy())
    assert fast.value.code == slow.value.code == "money.out_of_range"


@pytest.mark.parametrize(
    ("build", "cls"),
    [
        (_assessment._new_line, AssessmentLine),
        (_assessment._new_share, Share),
        (_assessment._new_repair_order, RepairOrder),
        (_assessment._new_instruction, LedgerInstruction),
        (_assessment._new_assessment, Assessment),
    ],
)
def test_each_argument_lands_in_its_own_field(build: Callable[..., object], cls: type) -> None:
    names = [field.name for field in attrs.fields(cls)]
    sentinels = {name: object() for name in names}
    record = build(*sentinels.values())
    assert type(record) is cls
    for name in names:
        assert getattr(record, name) is sentinels[name]


def test_trusted_constructor_refuses_parameters_out_of_field_order() -> None:
    @attrs.frozen
    class Pair:
        left: int
        right: int

    with pytest.raises(TypeError, match="takes"):

        @trusted_constructor(Pair)
        def wrong(right: int, left: int) -> Pair:
            raise NotImplementedError

    def build(left: int, right: int) -> Pair:
        pair: Pair = object.__new__(Pair)
        set_ = slot_setters(Pair)
        set_[0](pair, left)
        set_[1](pair, right)
        return pair

    assert trusted_constructor(Pair)(build) is build
    assert build(1, 2) == Pair(1, 2)


def test_trusted_constructors_refuse_private_and_derived_fields() -> None:
    @attrs.frozen
    class Private:
        value: int
        _cached: int = 0

    @attrs.frozen
    class Derived:
        value: int
        later: int = attrs.field(init=False, default=0)

    for cls in (Private, Derived):
        with pytest.raises(TypeError, match="no trusted constructor"):
            slot_setters(cls)
        with pytest.raises(TypeError, match="no trusted constructor"):
            trusted_constructor(cls)


@given(st.sampled_from(Cause))
def test_an_agreed_amount_above_the_loss_is_refused_as_before(cause: Cause) -> None:
    asset = AssetValue(Money("100"), pendulum.Date(2020, 1, 1), AssetCategory.FURNITURE)
    item = DamagedItem("桌", asset, Extent.DESTROYED)
    claim = DamageClaim("C-1", pendulum.Date(2026, 1, 1), cause, (item,), (), None, Money("1000"))
    result = _outcome(claim, CompensationPolicy())
    assert isinstance(result, tuple)
    assert result[0] == "compensation.fine_refused"
    assert result == _reference(claim, CompensationPolicy())
