"""Assessing a claim: the loss, the charge, the shares, the repair and the ledger operations.

[`assess`][schoollogistics.compensation.assess] is a pure function of
a claim and a policy. For every damaged item it computes the loss (DC-4):

* repairable: the repair quote, **capped at the item's value** (the value a
  total loss would cost);
* destroyed or lost: the item's value, by default its net book value on the
  day of the incident (DC-6; the month of the incident is not charged, as for
  any asset leaving the books), or its replacement cost or original price.

Then, for the whole claim:

1. natural wear (DC-2) or a cause the policy exempts: no charge; a repair
   order for what can be repaired;
2. the payers: the identified parties (DC-1); if none, the class or unit
   holding the property (DC-3), or nobody (the school bears the loss);
3. the charge: the loss times the policy's multiplier (at most 1), or an
   agreed amount that may not exceed the loss (DC-5), rounded ``ROUND_HALF_UP``
   to the fen (the loss is in whole fen, so the charge never exceeds it);
4. hardship relief: reduced or waived payers weigh less or nothing; the total
   is the charge times the relieved weight over the full weight
   (``ROUND_HALF_UP``), so it only goes down;
5. a total above zero but below the write-off threshold is written off;
6. the total is split among the payers by weight with the largest-remainder
   method, exactly to the fen (DC-7); a minor's share names the guardian as
   payer (DC-8);
7. deliberate damage raises the discipline flag; the amount is still the loss
   (DC-9).

Hence, always: total = sum of shares ≤ charge ≤ loss. The hot path works in
integer fen and builds no text; [`render_notice`][schoollogistics.compensation.render_notice]
writes the words.
"""

from __future__ import annotations

import decimal
import enum
from collections.abc import Iterable, Mapping, Sequence
from decimal import ROUND_HALF_UP, Decimal
from typing import Final

import attrs
import pendulum

from schoollogistics.compensation._depreciation import accumulated_fen, elapsed_months, monthly_fen
from schoollogistics.compensation._policy import (
    CompensationPolicy,
    MonthConvention,
    NoOneIdentified,
    ValueBasis,
)
from schoollogistics.compensation._records import (
    Cause,
    DamageClaim,
    DamagedItem,
    Extent,
    Hardship,
    LiableParty,
    PartyKind,
)
from schoollogistics.compensation._rules import dc4_replacement_cost_given, dc5_no_fine_above_loss
from schoollogistics.core.categories import AssetCategory
from schoollogistics.core.money import COMPUTE_CONTEXT, Money, allocate, allocate_fen, to_capital
from schoollogistics.core.shapes import checked_fields

__all__ = [
    "Assessment",
    "AssessmentLine",
    "LedgerInstruction",
    "LedgerOperation",
    "LossBasis",
    "Outcome",
    "PayerRole",
    "RepairOrder",
    "Share",
    "assess",
    "assess_all",
]


class LossBasis(enum.Enum):
    """What an itemised line's loss is based on (rule DC-4)."""

    REPAIR_COST = "repair_cost"
    """维修费用 (capped at the item's value)."""
    NET_BOOK_VALUE = "net_book_value"
    """账面净值."""
    REPLACEMENT_COST = "replacement_cost"
    """重置成本."""
    ORIGINAL_PRICE = "original_price"
    """原价."""


class Outcome(enum.Enum):
    """The outcome of an assessment."""

    CHARGED = "charged"
    """Compensation is charged (the total may still be reduced by relief)."""
    NATURAL_WEAR = "natural_wear"
    """自然损耗: no charge, the school repairs (DC-2)."""
    NOT_COMPENSABLE = "not_compensable"
    """The policy does not charge this cause (DC-2)."""
    SCHOOL_BEARS = "school_bears"
    """No one identified and no holder pays: the school bears the loss (DC-3)."""
    WRITTEN_OFF = "written_off"
    """A trivial amount below the write-off threshold: not charged."""
    WAIVED = "waived"
    """Every payer's share was waived for hardship."""


class PayerRole(enum.Enum):
    """In what capacity a payer pays."""

    SELF = "self"
    """The liable party pays its own share."""
    GUARDIAN = "guardian"
    """The guardian pays for a minor (DC-8)."""
    HOLDER = "holder"
    """The holding class or unit pays as no one is identified (DC-3)."""


class LedgerOperation(enum.Enum):
    """An operation the asset ledger should post for a ledger-linked item."""

    DISPOSE = "dispose"
    """Write the unit off (报废、核销): destroyed or lost."""
    SEND_TO_REPAIR = "send_to_repair"
    """Send the unit to repair (送修)."""


@attrs.frozen(field_transformer=checked_fields())
class AssessmentLine:
    """One itemised line, with everything its explanation needs (DC-4, DC-6).

    Attributes:
        description: The item.
        tag: Its ledger tag, if ledger-linked.
        category: Its depreciation category.
        acquired_on: The day it was acquired.
        extent: Repairable, destroyed or lost.
        basis: What the loss is based on.
        original_value: Original value (原值).
        life_months: Useful life in months; ``None`` if not depreciated.
        months_elapsed: Months of depreciation charged before the incident.
        monthly_depreciation: Monthly amount (original ÷ life, ``ROUND_HALF_UP``).
        accumulated_depreciation: Accumulated depreciation at the incident.
        net_book_value: Original value minus accumulated depreciation.
        value: The item's value under the policy's basis (the cap of a repair).
        repair_quote: The repair quote, for a repairable item.
        cap_applied: Whether the repair quote exceeded the value and was capped.
        loss: The assessed loss of this item.
    """

    description: str
    tag: str | None
    category: AssetCategory
    acquired_on: pendulum.Date
    extent: Extent
    basis: LossBasis
    original_value: Money
    life_months: int | None
    months_elapsed: int
    monthly_depreciation: Money
    accumulated_depreciation: Money
    net_book_value: Money
    value: Money
    repair_quote: Money | None
    cap_applied: bool
    loss: Money


@attrs.frozen(field_transformer=checked_fields())
class Share:
    """One payer's share of the total (DC-7, DC-8).

    Attributes:
        party_id: The liable party.
        party_name: Its name.
        party_kind: Student, staff, class or unit.
        minor: Whether the party is a minor.
        payer_id: Who pays (the guardian of a minor, else the party).
        payer_name: The payer's name.
        payer_role: Self, guardian or holder.
        guardian_relation: The guardian's relation to the pupil, if a guardian pays.
        hardship: The hardship decision applied.
        amount: The share, exact to the fen.
    """

    party_id: str
    party_name: str
    party_kind: PartyKind
    minor: bool
    payer_id: str
    payer_name: str
    payer_role: PayerRole
    guardian_relation: str | None
    hardship: Hardship
    amount: Money


@attrs.frozen(field_transformer=checked_fields())
class RepairOrder:
    """A repair to carry out (DC-2, DC-3: "赔款，然后由木工维修").

    Attributes:
        claim_id: The claim it comes from.
        description: The item to repair.
        tag: Its ledger tag, if any.
        quote: The repair quote.
        after_payment: Whether compensation is charged first (赔款后维修);
            ``False`` when the school repairs at its own cost.
    """

    claim_id: str
    description: str
    tag: str | None
    quote: Money
    after_payment: bool


@attrs.frozen(field_transformer=checked_fields())
class LedgerInstruction:
    """A ledger operation to post for a ledger-linked item (mapped onto the ledger's API).

    Attributes:
        kind: Dispose or send to repair.
        tag: The unit's tag.
        item_id: The ledger's item type, if known.
        reason: The extent of the damage (destroyed, lost, repairable).
        claim_id: The claim it comes from.
        on: The day of the incident.
    """

    kind: LedgerOperation
    tag: str
    item_id: str | None
    reason: Extent
    claim_id: str
    on: pendulum.Date


@attrs.frozen(field_transformer=checked_fields())
class Assessment:
    """The result of assessing one claim; it serializes and renders as a notice.

    Attributes:
        claim_id: The claim (the notice number).
        incident_on: The day of the incident.
        cause: The cause (DC-2).
        outcome: Charged, natural wear, not compensable, school bears,
            written off or waived.
        lines: One itemised line per damaged item.
        loss: The assessed loss, the sum of the lines (DC-4).
        charge: The amount chargeable before relief: the loss times the
            multiplier, or the agreed amount; never above the loss (DC-5).
        total: What is charged, the sum of the shares (DC-7).
        shares: One share per payer.
        repair_orders: Repairs to carry out.
        ledger_instructions: Ledger operations to post.
        discipline_flag: Deliberate damage, flagged for discipline (DC-9).
        discipline_party_ids: The students and staff the flag concerns.
        holder: The class or unit holding the property, if any.
        value_basis: The policy's valuation basis.
        multiplier: The policy's multiplier.
        agreed: Whether an agreed amount replaced the computed charge.
    """

    claim_id: str
    incident_on: pendulum.Date
    cause: Cause
    outcome: Outcome
    lines: tuple[AssessmentLine, ...]
    loss: Money
    charge: Money
    total: Money
    shares: tuple[Share, ...]
    repair_orders: tuple[RepairOrder, ...]
    ledger_instructions: tuple[LedgerInstruction, ...]
    discipline_flag: bool
    discipline_party_ids: tuple[str, ...]
    holder: LiableParty | None
    value_basis: ValueBasis
    multiplier: Decimal
    agreed: bool

    @property
    def total_capital(self) -> str:
        """The total in Chinese capital numerals (大写金额)."""
        return to_capital(self.total)

    def share_of(self, party_id: str) -> Money:
        """The share of one party (zero if it has none)."""
        for share in self.shares:
            if share.party_id == party_id:
                return share.amount
        return Money.zero()


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
        if item.tag is not None:
            kind = (
                LedgerOperation.SEND_TO_REPAIR
                if item.extent is Extent.REPAIRABLE
                else LedgerOperation.DISPOSE
            )
            instructions.append(
                LedgerInstruction(
                    kind, item.tag, item.item_id, item.extent, claim.claim_id, claim.incident_on
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


def assess_all(
    claims: Iterable[DamageClaim], policy: CompensationPolicy | None = None
) -> tuple[Assessment, ...]:
    """Assess many claims under one policy, in order."""
    chosen = _DEFAULT_POLICY if policy is None else policy
    return tuple(assess(claim, chosen) for claim in claims)
