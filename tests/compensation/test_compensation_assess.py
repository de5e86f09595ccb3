"""Assessing claims: DC-1 … DC-9 pinned by examples and by properties."""

from __future__ import annotations

from decimal import Decimal

import attrs
import pendulum
import pytest
from hypothesis import given
from hypothesis import strategies as st

from schoollogistics import serialization
from schoollogistics.compensation import (
    Assessment,
    AssetValue,
    Cause,
    CompensationPolicy,
    DamageClaim,
    DamagedItem,
    Extent,
    FineRefusedError,
    Guardian,
    Hardship,
    InvalidPolicyError,
    LedgerOperation,
    LiableParty,
    LossBasis,
    NoOneIdentified,
    Outcome,
    PayerRole,
    ReplacementCostMissingError,
    ValueBasis,
    accumulated_depreciation,
    assess,
    assess_all,
    audit_assessment,
    months_depreciated,
    net_book_value,
)
from schoollogistics.core import AssetCategory, Money, Severity, allocate
from schoollogistics.testing.compensation import assessments, claims, policies

from .conftest import CLASS_3_2, DESK, INCIDENT, XIAOHONG, XIAOMING, desk_claim

# The desk: 368.00, student furniture (5 years = 60 months), acquired 2024-09-01, lost or
# destroyed 2025-12-20: Sep 2024 … Nov 2025 = 15 months at 6.13 → NBV 368.00 − 91.95 = 276.05.
DESK_NBV = Money("276.05")


def _assessable(claim: DamageClaim, policy: CompensationPolicy) -> CompensationPolicy:
    if policy.value_basis is ValueBasis.REPLACEMENT_COST and any(
        i.asset.replacement_cost is None for i in claim.items
    ):
        return attrs.evolve(policy, value_basis=ValueBasis.NET_BOOK_VALUE)
    return policy


def _loss_of(claim: DamageClaim, policy: CompensationPolicy) -> Money:
    return assess(attrs.evolve(claim, agreed_amount=None), policy).loss


# ---------------------------------------------------------------- DC-1, DC-3


@pytest.mark.rule("DC-1")
def test_whoever_damages_pays() -> None:
    result = assess(desk_claim())
    assert result.outcome is Outcome.CHARGED
    assert [s.party_id for s in result.shares] == ["s-1"]
    assert result.total == DESK_NBV
    assert result.share_of("c-3-2") == Money(0)  # the class does not pay when someone is known


@pytest.mark.rule("DC-3")
def test_no_one_identified_the_class_pays() -> None:
    result = assess(desk_claim(cause=Cause.UNKNOWN, parties=()))
    assert result.outcome is Outcome.CHARGED
    (share,) = result.shares
    assert share.payer_role is PayerRole.HOLDER
    assert share.payer_id == "c-3-2"
    assert share.amount == DESK_NBV


@pytest.mark.rule("DC-3")
def test_no_one_identified_configurable_and_without_holder() -> None:
    school = CompensationPolicy(no_one_identified=NoOneIdentified.SCHOOL_BEARS)
    result = assess(desk_claim(cause=Cause.UNKNOWN, parties=()), school)
    assert result.outcome is Outcome.SCHOOL_BEARS
    assert result.total == Money(0)
    assert result.shares == ()
    orphan = assess(desk_claim(cause=Cause.NEGLIGENT, parties=(), holder=None))
    assert orphan.outcome is Outcome.SCHOOL_BEARS


@pytest.mark.rule("DC-3")
def test_repair_follows_payment() -> None:
    result = assess(desk_claim(extent=Extent.REPAIRABLE, quote="80.00"))
    (order,) = result.repair_orders
    assert order.after_payment
    assert order.quote == Money(80)
    assert result.total == Money(80)


# ---------------------------------------------------------------- DC-2


@pytest.mark.rule("DC-2")
def test_natural_wear_is_repaired_free() -> None:
    result = assess(desk_claim(cause=Cause.NATURAL_WEAR, extent=Extent.REPAIRABLE, quote="80"))
    assert result.outcome is Outcome.NATURAL_WEAR
    assert result.total == Money(0)
    assert result.shares == ()
    (order,) = result.repair_orders
    assert not order.after_payment
    assert result.loss == Money(80)  # the loss is still assessed, for the record


@pytest.mark.rule("DC-2")
def test_policy_may_exempt_a_cause_but_never_charge_natural_wear() -> None:
    lenient = CompensationPolicy(compensable_causes=(Cause.DELIBERATE, Cause.NEGLIGENT))
    result = assess(desk_claim(cause=Cause.ACCIDENTAL), lenient)
    assert result.outcome is Outcome.NOT_COMPENSABLE
    assert result.total == Money(0)
    assert not lenient.is_compensable(Cause.ACCIDENTAL)
    with pytest.raises(InvalidPolicyError) as info:
        CompensationPolicy(compensable_causes=(Cause.NATURAL_WEAR,))
    assert info.value.code == "compensation.invalid_policy"
    with pytest.raises(InvalidPolicyError):
        CompensationPolicy(compensable_causes=("deliberate",))  # type: ignore[arg-type]


# ---------------------------------------------------------------- DC-4


@pytest.mark.rule("DC-4")
def test_destroyed_item_costs_its_net_book_value() -> None:
    (line,) = assess(desk_claim()).lines
    assert line.basis is LossBasis.NET_BOOK_VALUE
    assert line.months_elapsed == 15
    assert line.monthly_depreciation == Money("6.13")
    assert line.accumulated_depreciation == Money("91.95")
    assert line.net_book_value == DESK_NBV
    assert line.loss == DESK_NBV
    assert not line.cap_applied


@pytest.mark.rule("DC-4")
def test_repair_capped_at_value() -> None:
    (line,) = assess(desk_claim(extent=Extent.REPAIRABLE, quote="500.00")).lines
    assert line.basis is LossBasis.REPAIR_COST
    assert line.cap_applied
    assert line.loss == DESK_NBV


@pytest.mark.rule("DC-4")
def test_other_value_bases() -> None:
    original = assess(desk_claim(), CompensationPolicy(value_basis=ValueBasis.ORIGINAL_PRICE))
    assert original.loss == Money("368.00")
    assert original.lines[0].basis is LossBasis.ORIGINAL_PRICE
    replacement = CompensationPolicy(value_basis=ValueBasis.REPLACEMENT_COST)
    with pytest.raises(ReplacementCostMissingError):
        assess(desk_claim(), replacement)
    priced = attrs.evolve(DESK, replacement_cost=Money("300.00"))
    claim = DamageClaim(
        "C", INCIDENT, Cause.NEGLIGENT, (DamagedItem("课桌", priced, Extent.LOST),), (XIAOMING,)
    )
    assert assess(claim, replacement).loss == Money("300.00")


@pytest.mark.rule("DC-4")
def test_consumables_valued_at_original() -> None:
    chalk = AssetValue(Money("12.50"), pendulum.Date(2010, 1, 1), AssetCategory.CONSUMABLES)
    claim = DamageClaim(
        "C", INCIDENT, Cause.NEGLIGENT, (DamagedItem("粉笔盒", chalk, Extent.LOST),), (XIAOMING,)
    )
    (line,) = assess(claim).lines
    assert line.life_months is None
    assert line.loss == Money("12.50")


# ---------------------------------------------------------------- DC-5


@pytest.mark.rule("DC-5")
@given(st.decimals(min_value=Decimal("1.0001"), max_value=100, places=4))
def test_multiplier_above_one_refused(multiplier: Decimal) -> None:
    with pytest.raises(FineRefusedError) as info:
        CompensationPolicy(multiplier=multiplier)
    assert info.value.code == "compensation.fine_refused"


@pytest.mark.rule("DC-5")
@given(st.integers(1, 10**8).map(Money.from_fen))
def test_surcharge_refused(surcharge: Money) -> None:
    with pytest.raises(FineRefusedError):
        CompensationPolicy(surcharge=surcharge)


@pytest.mark.rule("DC-5")
def test_policy_bounds() -> None:
    assert CompensationPolicy(surcharge=Money(0)).surcharge == Money(0)
    for bad in (
        {"multiplier": Decimal("-0.1")},
        {"surcharge": Money("-1")},
        {"hardship_reduction": Decimal("1.5")},
        {"hardship_reduction": Decimal("-0.5")},
    ):
        with pytest.raises(InvalidPolicyError):
            CompensationPolicy(**bad)


@pytest.mark.rule("DC-5")
def test_agreed_amount_may_only_reduce() -> None:
    agreed = assess(attrs.evolve(desk_claim(), agreed_amount=Money("100.00")))
    assert agreed.agreed
    assert agreed.total == Money("100.00")
    assert agreed.loss == DESK_NBV
    with pytest.raises(FineRefusedError):
        assess(attrs.evolve(desk_claim(), agreed_amount=Money("276.06")))


@pytest.mark.rule("DC-5")
def test_multiplier_below_one_rounds_half_up() -> None:
    half = CompensationPolicy(multiplier=Decimal("0.5"))
    result = assess(desk_claim(), half)  # 276.05 / 2 = 138.025 → 138.03
    assert result.charge == Money("138.03")
    assert result.total == Money("138.03")


@pytest.mark.rule("DC-5")
def test_hardship_and_write_off_only_reduce() -> None:
    reduced = attrs.evolve(XIAOMING, hardship=Hardship.REDUCED)
    result = assess(desk_claim(parties=(reduced, XIAOHONG)))
    assert result.total == Money("207.04")  # 276.05 × 1.5 / 2 = 207.0375 → 207.04
    assert result.share_of("s-1") + result.share_of("s-2") == result.total
    assert result.share_of("s-1") < result.share_of("s-2")
    waived = attrs.evolve(XIAOMING, hardship=Hardship.WAIVED)
    all_waived = assess(desk_claim(parties=(waived,)))
    assert all_waived.outcome is Outcome.WAIVED
    assert all_waived.total == Money(0)
    assert all_waived.shares[0].amount == Money(0)
    trivial = CompensationPolicy(write_off_below=Money("300"))
    written = assess(desk_claim(parties=(XIAOMING, XIAOHONG)), trivial)
    assert written.outcome is Outcome.WRITTEN_OFF
    assert written.total == Money(0)
    assert [s.amount for s in written.shares] == [Money(0), Money(0)]


# ---------------------------------------------------------------- DC-7, DC-8, DC-9


@pytest.mark.rule("DC-7")
def test_split_is_exact_with_weights() -> None:
    heavy = attrs.evolve(XIAOHONG, weight=2)
    result = assess(desk_claim(parties=(XIAOMING, heavy)))
    assert [s.amount for s in result.shares] == list(allocate(DESK_NBV, [1, 2]))
    assert Money.sum(s.amount for s in result.shares) == DESK_NBV


@pytest.mark.rule("DC-8")
def test_guardian_named_as_payer() -> None:
    result = assess(desk_claim(parties=(XIAOMING, XIAOHONG)))
    assert [(s.payer_name, s.guardian_relation, s.payer_role) for s in result.shares] == [
        ("张建国", "父亲", PayerRole.GUARDIAN),
        ("王芳", "母亲", PayerRole.GUARDIAN),
    ]
    direct = assess(desk_claim(), CompensationPolicy(guardian_pays_for_minor=False))
    assert direct.shares[0].payer_role is PayerRole.SELF
    adult = LiableParty.student("s-3", "成年", minor=False, guardian=Guardian("g", "家长"))
    assert assess(desk_claim(parties=(adult,))).shares[0].payer_id == "s-3"


@pytest.mark.rule("DC-9")
def test_deliberate_flagged_amount_still_the_loss() -> None:
    teacher = LiableParty.staff("t-1", "赵老师")
    deliberate = assess(desk_claim(cause=Cause.DELIBERATE, parties=(XIAOMING, teacher)))
    negligent = assess(desk_claim(cause=Cause.NEGLIGENT, parties=(XIAOMING, teacher)))
    assert deliberate.discipline_flag
    assert deliberate.discipline_party_ids == ("s-1", "t-1")
    assert not negligent.discipline_flag
    assert deliberate.total == negligent.total == deliberate.loss
    quiet = assess(desk_claim(cause=Cause.DELIBERATE), CompensationPolicy(flag_deliberate=False))
    assert not quiet.discipline_flag


# ---------------------------------------------------------------- ledger operations


def test_ledger_instructions_for_tagged_items() -> None:
    tagged = attrs.evolve(desk_claim().items[0], tag="ZC-1", item_id="desk")
    claim = attrs.evolve(desk_claim(), items=(tagged,))
    (instruction,) = assess(claim).ledger_instructions
    assert instruction.kind is LedgerOperation.DISPOSE
    assert (instruction.tag, instruction.item_id, instruction.reason) == (
        "ZC-1",
        "desk",
        Extent.DESTROYED,
    )
    repair = attrs.evolve(tagged, extent=Extent.REPAIRABLE, repair_quote=Money(5))
    claim = attrs.evolve(claim, items=(repair,))
    assert assess(claim).ledger_instructions[0].kind is LedgerOperation.SEND_TO_REPAIR
    assert assess(desk_claim()).ledger_instructions == ()


def test_assess_all_and_capital() -> None:
    results = assess_all([desk_claim(claim_id="A"), desk_claim(claim_id="B")])
    assert [r.claim_id for r in results] == ["A", "B"]
    assert results[0].total_capital == "贰佰柒拾陆元零伍分"
    assert results == assess_all([desk_claim(claim_id="A"), desk_claim(claim_id="B")], None)


# ---------------------------------------------------------------- properties


@pytest.mark.rule("DC-7")
@given(claims(agreed=False), policies())
def test_shares_add_up_to_the_total(claim: DamageClaim, policy: CompensationPolicy) -> None:
    result = assess(claim, _assessable(claim, policy))
    assert Money.sum(s.amount for s in result.shares) == result.total
    assert all(not s.amount.is_negative() for s in result.shares)


@pytest.mark.rule("DC-7")
@given(claims(agreed=False, min_parties=2), policies())
def test_split_among_several_is_exact_and_fair(
    claim: DamageClaim, policy: CompensationPolicy
) -> None:
    result = assess(claim, _assessable(claim, policy))
    assert Money.sum(s.amount for s in result.shares) == result.total
    if result.outcome is not Outcome.CHARGED or claim.has_relief:
        return
    # largest remainder: each share is within one fen of its exact proportional part
    weights = {p.party_id: p.weight for p in claim.parties}
    weight_sum = sum(weights.values())
    total = result.total.fen
    for share in result.shares:
        assert abs(share.amount.fen * weight_sum - total * weights[share.party_id]) < weight_sum


@pytest.mark.rule("DC-5")
@given(claims(), policies())
def test_charged_never_exceeds_loss(claim: DamageClaim, policy: CompensationPolicy) -> None:
    policy = _assessable(claim, policy)
    loss = _loss_of(claim, policy)
    if claim.agreed_amount is not None and claim.agreed_amount > loss:
        with pytest.raises(FineRefusedError):
            assess(claim, policy)
        return
    result = assess(claim, policy)
    assert result.loss == loss
    assert Money(0) <= result.total <= result.charge <= result.loss
    assert result.loss == Money.sum(line.loss for line in result.lines)
    for line in result.lines:
        assert line.loss <= line.value


@pytest.mark.rule("DC-5")
@given(claims(agreed=False), policies())
def test_relief_and_write_off_only_reduce(claim: DamageClaim, policy: CompensationPolicy) -> None:
    policy = _assessable(claim, policy)
    plain_parties = tuple(attrs.evolve(p, hardship=Hardship.NONE) for p in claim.parties)
    plain = assess(
        attrs.evolve(claim, parties=plain_parties),
        attrs.evolve(policy, write_off_below=Money(0)),
    )
    relieved = assess(claim, policy)
    assert relieved.total <= plain.total
    assert relieved.charge == plain.charge


@pytest.mark.rule("DC-2")
@given(claims(agreed=False), policies())
def test_natural_wear_charges_nothing(claim: DamageClaim, policy: CompensationPolicy) -> None:
    items = tuple(
        attrs.evolve(i, extent=Extent.DESTROYED) if i.extent is Extent.LOST else i
        for i in claim.items
    )
    worn = attrs.evolve(claim, cause=Cause.NATURAL_WEAR, items=items)
    result = assess(worn, _assessable(worn, policy))
    assert result.total == Money(0)
    assert result.shares == ()
    assert result.outcome is Outcome.NATURAL_WEAR
    assert all(not order.after_payment for order in result.repair_orders)


@pytest.mark.rule("DC-4")
@given(
    claims(agreed=False),
    policies(),
    st.integers(0, 10**7),
    st.integers(0, 10**7),
)
def test_charge_grows_with_repair_cost_until_the_cap(
    claim: DamageClaim, policy: CompensationPolicy, low: int, high: int
) -> None:
    low, high = sorted((low, high))
    item = claim.items[0]
    policy = _assessable(claim, policy)

    def assessed(quote_fen: int) -> Assessment:
        repairable = attrs.evolve(
            item, extent=Extent.REPAIRABLE, repair_quote=Money.from_fen(quote_fen)
        )
        return assess(attrs.evolve(claim, items=(repairable,)), policy)

    at_low, at_high = assessed(low), assessed(high)
    value = at_low.lines[0].value
    assert at_high.lines[0].value == value  # the cap does not depend on the quote
    for quote, result in ((low, at_low), (high, at_high)):
        (line,) = result.lines
        assert line.loss == min(Money.from_fen(quote), value)  # the repair, capped
        assert line.cap_applied is (quote > value.fen)
    assert at_low.total <= at_high.total  # monotone under any policy
    if low >= value.fen:  # beyond the cap, the quote no longer matters
        assert at_low.total == at_high.total


@pytest.mark.rule("DC-4")
@given(claims(agreed=False), st.integers(0, 10**7))
def test_repair_charge_is_the_quote_up_to_the_cap(claim: DamageClaim, quote: int) -> None:
    # the default policy, one adult payer, no relief: the charge *is* min(quote, value)
    repairable = attrs.evolve(
        claim.items[0], extent=Extent.REPAIRABLE, repair_quote=Money.from_fen(quote)
    )
    payer = LiableParty.staff("t-1", "赵老师")
    result = assess(
        attrs.evolve(claim, cause=Cause.NEGLIGENT, items=(repairable,), parties=(payer,))
    )
    assert result.total == min(Money.from_fen(quote), result.lines[0].value)
    assert result.shares[0].amount == result.total


@pytest.mark.rule("DC-6")
@given(claims(agreed=False), policies())
def test_lines_agree_with_the_depreciation_functions(
    claim: DamageClaim, policy: CompensationPolicy
) -> None:
    policy = _assessable(claim, policy)
    dep = policy.depreciation
    for item, line in zip(claim.items, assess(claim, policy).lines, strict=True):
        day = claim.incident_on
        assert line.months_elapsed == months_depreciated(item.asset, day, dep, leaving=True)
        assert line.accumulated_depreciation == accumulated_depreciation(
            item.asset, day, dep, leaving=True
        )
        assert line.net_book_value == net_book_value(item.asset, day, dep, leaving=True)
        assert line.life_months == dep.life_table.life_months(item.asset.category)


@given(claims(agreed=False), policies())
def test_same_input_same_assessment(claim: DamageClaim, policy: CompensationPolicy) -> None:
    policy = _assessable(claim, policy)
    first = assess(claim, policy)
    again = assess(
        serialization.from_dict(DamageClaim, serialization.to_dict(claim)),
        serialization.from_dict(CompensationPolicy, serialization.to_dict(policy)),
    )
    assert first == again
    assert serialization.to_dict(first) == serialization.to_dict(again)


@pytest.mark.rule("DC-8")
@given(claims(agreed=False), policies())
def test_minors_pay_through_guardians(claim: DamageClaim, policy: CompensationPolicy) -> None:
    policy = attrs.evolve(_assessable(claim, policy), guardian_pays_for_minor=True)
    guardians = {p.party_id: p.guardian for p in claim.parties}
    for share in assess(claim, policy).shares:
        if share.minor:
            guardian = guardians[share.party_id]
            assert guardian is not None
            assert share.payer_role is PayerRole.GUARDIAN
            assert (share.payer_id, share.payer_name, share.guardian_relation) == (
                guardian.guardian_id,
                guardian.name,
                guardian.relation,
            )
        else:
            assert share.payer_role in (PayerRole.SELF, PayerRole.HOLDER)
            assert share.payer_id == share.party_id


@pytest.mark.rule("DC-9")
@given(claims(agreed=False), policies())
def test_deliberate_is_flagged_and_costs_what_negligence_costs(
    claim: DamageClaim, policy: CompensationPolicy
) -> None:
    causes = (*policy.compensable_causes, Cause.DELIBERATE, Cause.NEGLIGENT)
    policy = attrs.evolve(_assessable(claim, policy), compensable_causes=causes)
    deliberate = assess(attrs.evolve(claim, cause=Cause.DELIBERATE), policy)
    negligent = assess(attrs.evolve(claim, cause=Cause.NEGLIGENT), policy)
    assert deliberate.discipline_flag is policy.flag_deliberate
    assert deliberate.total == negligent.total


@given(assessments())
def test_generated_assessments_pass_the_audit(assessment: object) -> None:
    findings = audit_assessment(assessment)  # type: ignore[arg-type]
    assert [f for f in findings if f.severity is Severity.ERROR] == []


@pytest.mark.rule("DC-7")
@given(
    st.integers(0, 10**9),
    st.lists(st.integers(1, 50), min_size=2, max_size=6),
    st.sampled_from([Cause.NEGLIGENT, Cause.DELIBERATE, Cause.ACCIDENTAL]),
)
def test_assessed_split_equals_allocate(total: int, weights: list[int], cause: Cause) -> None:
    # the one allocation (core.money.allocate_fen): an agreed total split among weighted
    # parties gives exactly what allocate gives
    parties = tuple(
        LiableParty.staff(f"t-{i}", f"老师{i}", weight=w) for i, w in enumerate(weights)
    )
    item = DamagedItem.of_values(
        "投影仪",
        original_value=Money.from_fen(10**9),
        acquired_on=INCIDENT,
        category=AssetCategory.TEACHING_INSTRUMENTS,
        extent=Extent.DESTROYED,
    )
    claim = DamageClaim(
        "C-S", INCIDENT, cause, (item,), parties, agreed_amount=Money.from_fen(total)
    )
    assessment = assess(claim)
    assert [s.amount for s in assessment.shares] == list(allocate(Money.from_fen(total), weights))


def test_class_holder_used_only_as_fallback() -> None:
    assert assess(desk_claim(parties=(), cause=Cause.UNKNOWN, holder=CLASS_3_2)).shares


def test_policy_default_and_labels() -> None:
    assert CompensationPolicy.default() == CompensationPolicy()
    assert ValueBasis.NET_BOOK_VALUE.label_zh == "账面净值"
