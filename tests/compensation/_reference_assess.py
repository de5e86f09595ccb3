"""The assessment as computed before issue 11: the oracle of the fast path (a test helper).

This is the hot path of ``_assessment.py`` as it stood before the trusted
constructors and the per-policy plan: it builds every record through its
public, checking constructor and every amount through ``Money.from_fen``.
``test_compensation_fast.py`` asserts that ``assess`` gives records equal to
these, field by field and in their serialized text, on random claims and
policies. Keep it as it is: it is the reference, not code to optimise.
"""

from __future__ import annotations

import decimal
from collections.abc import Mapping, Sequence
from decimal import ROUND_HALF_UP, Decimal
from typing import Final

from schoollogistics.compensation import (
    Assessment,
    AssessmentLine,
    Cause,
    CompensationPolicy,
    DamageClaim,
    DamagedItem,
    Extent,
    Hardship,
    LedgerInstruction,
    LedgerOperation,
    LiableParty,
    LossBasis,
    MonthConvention,
    NoOneIdentified,
    Outcome,
    PartyKind,
    PayerRole,
    RepairOrder,
    Share,
    ValueBasis,
)
from schoollogistics.compensation._rules import dc4_replacement_cost_given, dc5_no_fine_above_loss
from schoollogistics.core.categories import AssetCategory
from schoollogistics.core.money import COMPUTE_CONTEXT, Money, allocate, allocate_fen

# ---------------------------------------------------------------- the integer depreciation (DC-6)


def monthly_fen(original_fen: int, life_months: int) -> int:
    """The monthly amount ``original / life`` in fen, rounded ``ROUND_HALF_UP``."""
    return (2 * original_fen + life_months) // (2 * life_months)


def accumulated_fen(original_fen: int, life_months: int, months: int) -> int:
    """Accumulated depreciation in fen after ``months`` depreciated months (DC-6)."""
    if months <= 0:
        return 0
    if months >= life_months:
        return original_fen
    return min(months * monthly_fen(original_fen, life_months), original_fen)


def elapsed_months(
    acquired_index: int,
    on_index: int,
    life_months: int,
    convention: MonthConvention,
    *,
    leaving: bool,
) -> int:
    """Depreciated months from acquisition to the month ``on_index`` (clamped to the life)."""
    start = acquired_index if convention is MonthConvention.SAME_MONTH else acquired_index + 1
    months = on_index - start + (0 if leaving else 1)
    if months <= 0:
        return 0
    return min(months, life_months)


# ---------------------------------------------------------------- the hot path

_DEFAULT_POLICY: Final = CompensationPolicy()
_ZERO: Final = Money.zero()


_money: Final = Money.from_fen


def _line(
    item: DamagedItem,
    incident_index: int,
    policy: CompensationPolicy,
    lives: Mapping[AssetCategory, int],
    convention: MonthConvention,
) -> tuple[AssessmentLine, int]:
    """One itemised line and its loss in fen (DC-4, DC-6); integer arithmetic throughout.

    The item is valued as an asset leaving the books in the incident's month
    (当月减少当月不提), with the same integer functions as
    [`net_book_value`][schoollogistics.compensation.net_book_value].
    ``Money`` objects already at hand (the original value, zero, the quote)
    are reused rather than rebuilt: building ``Money`` dominates the hot path.
    """
    asset = item.asset
    original = asset.original_fen
    life = lives.get(asset.category)
    if life is None:
        months = monthly = accumulated = 0
    else:
        months = elapsed_months(
            asset.acquired_month_index, incident_index, life, convention, leaving=True
        )
        monthly = monthly_fen(original, life)
        accumulated = accumulated_fen(original, life, months)
    book = original - accumulated
    if not accumulated:
        accumulated_money, book_money = _ZERO, asset.original_value
    elif not book:
        accumulated_money, book_money = asset.original_value, _ZERO
    else:
        accumulated_money, book_money = _money(accumulated), _money(book)
    basis = policy.value_basis
    if basis is ValueBasis.NET_BOOK_VALUE:
        value, value_money, line_basis = book, book_money, LossBasis.NET_BOOK_VALUE
    elif basis is ValueBasis.ORIGINAL_PRICE:
        value, value_money = original, asset.original_value
        line_basis = LossBasis.ORIGINAL_PRICE
    else:
        replacement = dc4_replacement_cost_given(item.description, asset.replacement_cost)
        value, value_money = asset.replacement_fen, replacement
        line_basis = LossBasis.REPLACEMENT_COST
    quote = item.repair_quote
    quote_fen = item.quote_fen
    cap = False
    loss, loss_money = value, value_money
    if quote is not None and quote_fen is not None:
        line_basis = LossBasis.REPAIR_COST
        cap = quote_fen > value
        if not cap:
            loss, loss_money = quote_fen, quote
    line = AssessmentLine(
        description=item.description,
        tag=item.tag,
        category=asset.category,
        acquired_on=asset.acquired_on,
        extent=item.extent,
        basis=line_basis,
        original_value=asset.original_value,
        life_months=life,
        months_elapsed=months,
        monthly_depreciation=_money(monthly) if monthly else _ZERO,
        accumulated_depreciation=accumulated_money,
        net_book_value=book_money,
        value=value_money,
        repair_quote=quote,
        cap_applied=cap,
        loss=loss_money,
    )
    return line, loss


def _shares(
    payers: tuple[LiableParty, ...],
    amounts: Sequence[int],
    total: Money,
    policy: CompensationPolicy,
    role: PayerRole | None,
) -> tuple[Share, ...]:
    """One share per payer; a minor's guardian pays (DC-8) unless the policy says otherwise.

    ``amounts`` are the shares in fen (they add up to ``total``); a single
    payer's share is the total itself (no new ``Money`` is built).
    """
    moneys = (total,) if len(amounts) == 1 else [_money(f) if f else _ZERO for f in amounts]
    guardian_pays = policy.guardian_pays_for_minor
    shares: list[Share] = []
    for party, amount in zip(payers, moneys, strict=True):
        guardian = party.guardian
        if role is PayerRole.HOLDER:
            payer_id, payer_name, relation = party.party_id, party.name, None
            payer_role: PayerRole = PayerRole.HOLDER
        elif guardian is not None and party.minor and guardian_pays:
            payer_id, payer_name = guardian.guardian_id, guardian.name
            payer_role, relation = PayerRole.GUARDIAN, guardian.relation
        else:
            payer_id, payer_name, payer_role, relation = (
                party.party_id,
                party.name,
                PayerRole.SELF,
                None,
            )
        shares.append(
            Share(
                party.party_id,
                party.name,
                party.kind,
                party.minor,
                payer_id,
                payer_name,
                payer_role,
                relation,
                party.hardship,
                amount,
            )
        )
    return tuple(shares)


def _relieved(
    charge: int, payers: tuple[LiableParty, ...], policy: CompensationPolicy
) -> tuple[int, list[Decimal]]:
    """The total after hardship relief (only ever lower) and the weights to split it by."""
    with decimal.localcontext(COMPUTE_CONTEXT):  # never the caller's precision or traps
        return _relieved_in_context(charge, payers, policy)


def _relieved_in_context(
    charge: int, payers: tuple[LiableParty, ...], policy: CompensationPolicy
) -> tuple[int, list[Decimal]]:
    keep = 1 - policy.hardship_reduction
    effective: list[Decimal] = []
    for party in payers:
        if party.hardship is Hardship.WAIVED:
            effective.append(Decimal(0))
        elif party.hardship is Hardship.REDUCED:
            effective.append(party.weight * keep)
        else:
            effective.append(Decimal(party.weight))
    relieved_sum = sum(effective, Decimal(0))
    if relieved_sum == 0:
        return 0, effective
    exact = Decimal(charge) * relieved_sum / sum(party.weight for party in payers)
    total = int(exact.to_integral_value(rounding=ROUND_HALF_UP))
    return min(total, charge), effective


def _charge(
    claim: DamageClaim, loss: int, policy: CompensationPolicy
) -> tuple[Outcome, int, int, tuple[LiableParty, ...], Sequence[int], PayerRole | None]:
    """Outcome, charge, total, payers, their shares in fen, and their role (DC-1 … DC-3, DC-5, DC-7)."""  # noqa: E501
    cause = claim.cause
    if cause is Cause.NATURAL_WEAR:
        return Outcome.NATURAL_WEAR, 0, 0, (), [], None
    if cause not in policy.compensable_causes:
        return Outcome.NOT_COMPENSABLE, 0, 0, (), [], None
    payers: tuple[LiableParty, ...] = claim.parties
    role: PayerRole | None = None
    if not payers:
        if claim.holder is None or policy.no_one_identified is NoOneIdentified.SCHOOL_BEARS:
            return Outcome.SCHOOL_BEARS, 0, 0, (), [], None
        payers = (claim.holder,)
        role = PayerRole.HOLDER
    agreed = claim.agreed_amount
    if agreed is not None:
        charge = agreed.fen
    elif policy.multiplier == 1:
        charge = loss
    else:
        with decimal.localcontext(COMPUTE_CONTEXT):
            charge = int((policy.multiplier * loss).to_integral_value(rounding=ROUND_HALF_UP))
    relief = role is None and claim.has_relief
    if relief:
        total, effective = _relieved(charge, payers, policy)
    else:
        total = charge
    outcome = Outcome.WAIVED if charge and not total else Outcome.CHARGED
    if 0 < total < policy.write_off_fen:
        total = 0
        outcome = Outcome.WRITTEN_OFF
    amounts: Sequence[int]
    if len(payers) == 1:
        amounts = (total,)
    elif not relief:
        amounts = allocate_fen(total, claim.weights)
    elif total == 0:
        amounts = (0,) * len(payers)
    else:
        amounts = [part.fen for part in allocate(_money(total), effective)]
    return outcome, charge, total, payers, amounts, role


def _follow_ups(
    claim: DamageClaim, *, after_payment: bool
) -> tuple[tuple[RepairOrder, ...], tuple[LedgerInstruction, ...]]:
    """Repair orders (DC-3) and ledger operations of a claim."""
    repair_orders: list[RepairOrder] = []
    instructions: list[LedgerInstruction] = []
    for item in claim.items:
        if item.repair_quote is not None:
            repair_orders.append(
                RepairOrder(
                    claim.claim_id, item.description, item.tag, item.repair_quote, after_payment
                )
            )
        kind = (
            LedgerOperation.SEND_TO_REPAIR
            if item.extent is Extent.REPAIRABLE
            else LedgerOperation.DISPOSE
        )
        if item.tag is not None:
            instructions.append(
                LedgerInstruction(
                    kind, item.tag, item.item_id, item.extent, claim.claim_id, claim.incident_on
                )
            )
        elif item.item_id is not None:
            # A quantity-counted ledger item: by item type, quantity and place (issue 14).
            instructions.append(
                LedgerInstruction(
                    kind,
                    "",
                    item.item_id,
                    item.extent,
                    claim.claim_id,
                    claim.incident_on,
                    quantity=item.quantity,
                    location_id=item.location_id,
                )
            )
    return tuple(repair_orders), tuple(instructions)


def assess(claim: DamageClaim, policy: CompensationPolicy | None = None) -> Assessment:
    """Assess a claim under a policy (rules DC-1 … DC-9); pure and deterministic.

    Args:
        claim: The claim.
        policy: The school's policy (default: RULES.md defaults).

    Returns:
        The assessment: lines, loss, total ≤ loss, exact shares, repair
        orders, ledger instructions, discipline flag.

    Raises:
        ReplacementCostMissingError: the policy values at replacement cost and
            an item has none (``compensation.replacement_cost_missing``).
        FineRefusedError: the claim's agreed amount exceeds the loss
            (``compensation.fine_refused``, DC-5).
    """
    if policy is None:
        policy = _DEFAULT_POLICY
    depreciation = policy.depreciation
    lives = depreciation.life_table.months_by_category
    convention = depreciation.convention
    incident = claim.incident_on
    incident_index = claim.incident_month_index
    lines: list[AssessmentLine] = []
    loss = 0
    for item in claim.items:
        line, line_loss = _line(item, incident_index, policy, lives, convention)
        lines.append(line)
        loss += line_loss

    cause = claim.cause
    agreed = claim.agreed_amount
    if agreed is not None:
        dc5_no_fine_above_loss(claim.claim_id, agreed_fen=agreed.fen, loss_fen=loss)
    outcome, charge, total, payers, amounts, role = _charge(claim, loss, policy)
    loss_money = lines[0].loss if len(lines) == 1 else _money(loss)
    charge_money = loss_money if charge == loss else _money(charge)
    total_money = charge_money if total == charge else _money(total)
    shares = _shares(payers, amounts, total_money, policy, role)
    repair_orders, instructions = _follow_ups(claim, after_payment=total > 0)

    flag = cause is Cause.DELIBERATE and policy.flag_deliberate
    flagged: tuple[str, ...] = ()
    if flag:
        flagged = tuple(
            party.party_id
            for party in claim.parties
            if party.kind in (PartyKind.STUDENT, PartyKind.STAFF)
        )
    return Assessment(
        claim_id=claim.claim_id,
        incident_on=incident,
        cause=cause,
        outcome=outcome,
        lines=tuple(lines),
        loss=loss_money,
        charge=charge_money,
        total=total_money,
        shares=shares,
        repair_orders=repair_orders,
        ledger_instructions=instructions,
        discipline_flag=flag,
        discipline_party_ids=flagged,
        holder=claim.holder,
        value_basis=policy.value_basis,
        multiplier=policy.multiplier,
        agreed=agreed is not None,
    )
