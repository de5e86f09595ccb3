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

How it stays fast (issue 11): the policy is read through a plan built once per
policy (lives as a tuple indexed by the asset's precomputed category index, the
month convention as an offset, the multiplier as an exact integer ratio); an
item's months are the difference of integer month indexes (``12 × year +
month``), never pendulum arithmetic; every amount stays in whole fen and becomes
``Money`` once, at the end, through the kernel's
[`trusted_from_fen`][schoollogistics.core.money.trusted_from_fen]; and the output
records are built by trusted constructors (see ``_trusted.py``), as every value
they receive is copied from a checked claim or policy or computed here within
the money domain. The public constructors of these records still check
everything. ``tests/compensation/test_compensation_fast.py`` holds the fast path
to the computation it replaced, record for record.
"""

from __future__ import annotations

import decimal
import enum
from collections.abc import Iterable, Sequence
from decimal import ROUND_HALF_UP, Decimal
from itertools import repeat
from typing import Final

import attrs
import pendulum

from schoollogistics.compensation._policy import AssessmentPlan, CompensationPolicy, ValueBasis
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
from schoollogistics.compensation._trusted import slot_setters, trusted_constructor
from schoollogistics.core.categories import AssetCategory
from schoollogistics.core.money import (
    COMPUTE_CONTEXT,
    Money,
    allocate,
    allocate_fen,
    to_capital,
    trusted_from_fen,
)
from schoollogistics.core.shapes import checked_fields
from schoollogistics.core.violations import _html_table

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
        quantity: How many units (1 for a tagged unit).
        location_id: Where the ledger reported a quantity-counted item
            (``None`` for a tagged unit: the tag finds it).

    A quantity-counted item (no tag) is posted by item, quantity and place:
    ``tag`` is then ``""`` and ``item_id`` names the item type.
    """

    kind: LedgerOperation
    tag: str
    item_id: str | None
    reason: Extent
    claim_id: str
    on: pendulum.Date
    quantity: int = 1
    location_id: str | None = None


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

    def _repr_html_(self) -> str:
        summary = _html_table(
            (
                "claim 单号",
                "incident 日期",
                "cause 原因",
                "outcome 结果",
                "loss 损失",
                "charge 赔偿",
                "total 合计",
                "大写",
            ),
            [
                (
                    self.claim_id,
                    self.incident_on,
                    self.cause,
                    self.outcome,
                    self.loss,
                    self.charge,
                    self.total,
                    self.total_capital,
                )
            ],
            caption=f"Assessment 赔偿核定 {self.claim_id}",
        )
        shares = _html_table(
            ("party 当事人", "payer 付款人", "role 身份", "amount 金额"),
            ((s.party_name, s.payer_name, s.payer_role, s.amount) for s in self.shares),
        )
        return summary + shares


# ---------------------------------------------------------------- the hot path

_DEFAULT_POLICY: Final = CompensationPolicy()
_ZERO: Final = Money.zero()

# Enum members as module constants: reading ``Outcome.CHARGED`` from the class runs
# Python code in 3.11 (about as long as building a ``Money``); a global does not.
_NATURAL_WEAR: Final = Cause.NATURAL_WEAR
_DELIBERATE: Final = Cause.DELIBERATE
_REPAIRABLE: Final = Extent.REPAIRABLE
_REDUCED: Final = Hardship.REDUCED
_WAIVED_SHARE: Final = Hardship.WAIVED
_PERSONS: Final = (PartyKind.STUDENT, PartyKind.STAFF)
_DISPOSE: Final = LedgerOperation.DISPOSE
_SEND_TO_REPAIR: Final = LedgerOperation.SEND_TO_REPAIR
_BY_BOOK_VALUE: Final = LossBasis.NET_BOOK_VALUE
_BY_ORIGINAL_PRICE: Final = LossBasis.ORIGINAL_PRICE
_BY_REPAIR_COST: Final = LossBasis.REPAIR_COST
_BY_REPLACEMENT_COST: Final = LossBasis.REPLACEMENT_COST
_CHARGED: Final = Outcome.CHARGED
_WEAR_REPAIRED: Final = Outcome.NATURAL_WEAR
_NOT_COMPENSABLE: Final = Outcome.NOT_COMPENSABLE
_SCHOOL_BEARS: Final = Outcome.SCHOOL_BEARS
_WAIVED: Final = Outcome.WAIVED
_WRITTEN_OFF: Final = Outcome.WRITTEN_OFF
_GUARDIAN: Final = PayerRole.GUARDIAN
_HOLDER: Final = PayerRole.HOLDER
_SELF: Final = PayerRole.SELF
_NET_BOOK_VALUE: Final = ValueBasis.NET_BOOK_VALUE
_ORIGINAL_PRICE: Final = ValueBasis.ORIGINAL_PRICE

_fen: Final = trusted_from_fen
"""Money of whole fen known to be in the money domain (no checks, see ``trusted_from_fen``)."""


# The trusted constructors of the output records (see ``_trusted.py``): every value
# passed to them is copied from a checked claim or policy, or computed here in whole
# fen within the money domain, so their constructors' checks would only repeat ours.
# Each assigns the slots in field order; ``trusted_constructor`` checks the order.

_new: Final = object.__new__
_LINE_SETTERS: Final = slot_setters(AssessmentLine)
_SHARE_SETTERS: Final = slot_setters(Share)
_ORDER_SETTERS: Final = slot_setters(RepairOrder)
_INSTRUCTION_SETTERS: Final = slot_setters(LedgerInstruction)
_ASSESSMENT_SETTERS: Final = slot_setters(Assessment)


@trusted_constructor(AssessmentLine)
def _new_line(  # noqa: PLR0917 - positional, in the record's field order
    description: str,
    tag: str | None,
    category: AssetCategory,
    acquired_on: pendulum.Date,
    extent: Extent,
    basis: LossBasis,
    original_value: Money,
    life_months: int | None,
    months_elapsed: int,
    monthly_depreciation: Money,
    accumulated_depreciation: Money,
    net_book_value: Money,
    value: Money,
    repair_quote: Money | None,
    cap_applied: bool,  # noqa: FBT001 - positional, as the record's fields
    loss: Money,
) -> AssessmentLine:
    """An ``AssessmentLine`` of values already checked (the trusted constructor)."""
    line = _new(AssessmentLine)
    set_ = _LINE_SETTERS
    set_[0](line, description)
    set_[1](line, tag)
    set_[2](line, category)
    set_[3](line, acquired_on)
    set_[4](line, extent)
    set_[5](line, basis)
    set_[6](line, original_value)
    set_[7](line, life_months)
    set_[8](line, months_elapsed)
    set_[9](line, monthly_depreciation)
    set_[10](line, accumulated_depreciation)
    set_[11](line, net_book_value)
    set_[12](line, value)
    set_[13](line, repair_quote)
    set_[14](line, cap_applied)
    set_[15](line, loss)
    return line


@trusted_constructor(Share)
def _new_share(  # noqa: PLR0917 - positional, in the record's field order
    party_id: str,
    party_name: str,
    party_kind: PartyKind,
    minor: bool,  # noqa: FBT001 - positional, as the record's fields
    payer_id: str,
    payer_name: str,
    payer_role: PayerRole,
    guardian_relation: str | None,
    hardship: Hardship,
    amount: Money,
) -> Share:
    """A ``Share`` of values already checked (the trusted constructor)."""
    share = _new(Share)
    set_ = _SHARE_SETTERS
    set_[0](share, party_id)
    set_[1](share, party_name)
    set_[2](share, party_kind)
    set_[3](share, minor)
    set_[4](share, payer_id)
    set_[5](share, payer_name)
    set_[6](share, payer_role)
    set_[7](share, guardian_relation)
    set_[8](share, hardship)
    set_[9](share, amount)
    return share


@trusted_constructor(RepairOrder)
def _new_repair_order(
    claim_id: str,
    description: str,
    tag: str | None,
    quote: Money,
    after_payment: bool,  # noqa: FBT001 - positional, as the record's fields
) -> RepairOrder:
    """A ``RepairOrder`` of values already checked (the trusted constructor)."""
    order = _new(RepairOrder)
    set_ = _ORDER_SETTERS
    set_[0](order, claim_id)
    set_[1](order, description)
    set_[2](order, tag)
    set_[3](order, quote)
    set_[4](order, after_payment)
    return order


@trusted_constructor(LedgerInstruction)
def _new_instruction(  # noqa: PLR0917 - positional, in the record's field order
    kind: LedgerOperation,
    tag: str,
    item_id: str | None,
    reason: Extent,
    claim_id: str,
    on: pendulum.Date,
    quantity: int = 1,
    location_id: str | None = None,
) -> LedgerInstruction:
    """A ``LedgerInstruction`` of values already checked (the trusted constructor)."""
    instruction = _new(LedgerInstruction)
    set_ = _INSTRUCTION_SETTERS
    set_[0](instruction, kind)
    set_[1](instruction, tag)
    set_[2](instruction, item_id)
    set_[3](instruction, reason)
    set_[4](instruction, claim_id)
    set_[5](instruction, on)
    set_[6](instruction, quantity)
    set_[7](instruction, location_id)
    return instruction


@trusted_constructor(Assessment)
def _new_assessment(  # noqa: PLR0917 - positional, in the record's field order
    claim_id: str,
    incident_on: pendulum.Date,
    cause: Cause,
    outcome: Outcome,
    lines: tuple[AssessmentLine, ...],
    loss: Money,
    charge: Money,
    total: Money,
    shares: tuple[Share, ...],
    repair_orders: tuple[RepairOrder, ...],
    ledger_instructions: tuple[LedgerInstruction, ...],
    discipline_flag: bool,  # noqa: FBT001 - positional, as the record's fields
    discipline_party_ids: tuple[str, ...],
    holder: LiableParty | None,
    value_basis: ValueBasis,
    multiplier: Decimal,
    agreed: bool,  # noqa: FBT001 - positional, as the record's fields
) -> Assessment:
    """An ``Assessment`` of values already checked (the trusted constructor)."""
    assessment = _new(Assessment)
    set_ = _ASSESSMENT_SETTERS
    set_[0](assessment, claim_id)
    set_[1](assessment, incident_on)
    set_[2](assessment, cause)
    set_[3](assessment, outcome)
    set_[4](assessment, lines)
    set_[5](assessment, loss)
    set_[6](assessment, charge)
    set_[7](assessment, total)
    set_[8](assessment, shares)
    set_[9](assessment, repair_orders)
    set_[10](assessment, ledger_instructions)
    set_[11](assessment, discipline_flag)
    set_[12](assessment, discipline_party_ids)
    set_[13](assessment, holder)
    set_[14](assessment, value_basis)
    set_[15](assessment, multiplier)
    set_[16](assessment, agreed)
    return assessment


def _line(
    item: DamagedItem, incident_index: int, plan: AssessmentPlan
) -> tuple[AssessmentLine, int]:
    """One itemised line and its loss in fen (DC-4, DC-6); integer arithmetic throughout.

    The item is valued as an asset leaving the books in the incident's month
    (当月减少当月不提), with the arithmetic of
    [`net_book_value`][schoollogistics.compensation.net_book_value]: the
    depreciated months are the month indexes' difference (``12 × year +
    month``) clamped to the life; the monthly amount is ``original / life``
    rounded half up; the last month absorbs the rounding. ``Money`` objects
    already at hand (the original value, zero, the quote) are reused; the
    others are built once, from fen.
    """
    asset = item.asset
    original = asset._original_fen
    original_money = asset.original_value
    life = plan.lives[asset._category_index]
    if life is None:
        months = accumulated = 0
        monthly_money = accumulated_money = _ZERO
        book_money = original_money
    else:
        months = incident_index - asset._acquired_index - plan.start_offset
        if months < 0:
            months = 0
        elif months > life:
            months = life
        monthly = (2 * original + life) // (2 * life)  # ROUND_HALF_UP of original / life
        monthly_money = _fen(monthly) if monthly else _ZERO
        accumulated = original if months == life else min(months * monthly, original)
        if not accumulated:
            accumulated_money, book_money = _ZERO, original_money
        elif accumulated == original:
            accumulated_money, book_money = original_money, _ZERO
        else:
            accumulated_money, book_money = _fen(accumulated), _fen(original - accumulated)
    basis = plan.value_basis
    if basis is _NET_BOOK_VALUE:
        value, value_money, line_basis = original - accumulated, book_money, _BY_BOOK_VALUE
    elif basis is _ORIGINAL_PRICE:
        value, value_money, line_basis = original, original_money, _BY_ORIGINAL_PRICE
    else:
        value_money = dc4_replacement_cost_given(item.description, asset.replacement_cost)
        value, line_basis = asset._replacement_fen, _BY_REPLACEMENT_COST
    quote, quote_fen = item.repair_quote, item._quote_fen
    cap = False
    loss, loss_money = value, value_money
    if quote is not None and quote_fen is not None:  # both or neither
        line_basis = _BY_REPAIR_COST
        cap = quote_fen > value
        if not cap:
            loss, loss_money = quote_fen, quote
    line = _new_line(
        item.description,
        item.tag,
        asset.category,
        asset.acquired_on,
        item.extent,
        line_basis,
        original_money,
        life,
        months,
        monthly_money,
        accumulated_money,
        book_money,
        value_money,
        quote,
        cap,
        loss_money,
    )
    return line, loss


def _split(
    claim: DamageClaim, total: int, payers: int, relief: list[Decimal] | None
) -> list[Money]:
    """The split of ``total`` fen among several payers (DC-7: largest remainder, exact).

    Equal weights (the common case) split as the largest-remainder method
    does when every remainder is the same: the first ``total mod n`` payers
    get one fen more. Other weights go through
    [`allocate_fen`][schoollogistics.core.money.allocate_fen], and relieved
    weights through [`allocate`][schoollogistics.core.money.allocate].
    Equal parts share one ``Money`` (it is immutable); a zero part is ``_ZERO``.
    """
    if relief is None:
        weights = claim._weights
        if weights.count(weights[0]) == payers:
            base, extra = divmod(total, payers)
            low = _fen(base) if base else _ZERO
            if not extra:
                return [low] * payers
            return [_fen(base + 1)] * extra + [low] * (payers - extra)
        amounts: Sequence[int] = allocate_fen(total, weights)
    elif total:
        amounts = [part.fen for part in allocate(Money.from_fen(total), relief)]
    else:
        return [_ZERO] * payers
    built: dict[int, Money] = {0: _ZERO}
    moneys: list[Money] = []
    for fen in amounts:
        money = built.get(fen)
        if money is None:
            money = built[fen] = _fen(fen)
        moneys.append(money)
    return moneys


def _share(party: LiableParty, amount: Money, plan: AssessmentPlan) -> Share:
    """One payer's share; a minor's guardian pays (DC-8) unless the policy says otherwise."""
    party_id, name = party.party_id, party.name
    guardian = party.guardian
    if guardian is not None and party.minor and plan.guardian_pays:
        return _new_share(
            party_id,
            name,
            party.kind,
            True,  # noqa: FBT003 - the record's field, positional
            guardian.guardian_id,
            guardian.name,
            _GUARDIAN,
            guardian.relation,
            party.hardship,
            amount,
        )
    return _new_share(
        party_id,
        name,
        party.kind,
        party.minor,
        party_id,
        name,
        _SELF,
        None,
        party.hardship,
        amount,
    )


def _holder_share(holder: LiableParty, total: Money) -> Share:
    """The share of the holding class or unit, which pays as no one is identified (DC-3)."""
    party_id, name = holder.party_id, holder.name
    return _new_share(
        party_id,
        name,
        holder.kind,
        holder.minor,
        party_id,
        name,
        _HOLDER,
        None,
        holder.hardship,
        total,
    )


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
        if party.hardship is _WAIVED_SHARE:
            effective.append(Decimal(0))
        elif party.hardship is _REDUCED:
            effective.append(party.weight * keep)
        else:
            effective.append(Decimal(party.weight))
    relieved_sum = sum(effective, Decimal(0))
    if relieved_sum == 0:
        return 0, effective
    exact = Decimal(charge) * relieved_sum / sum(party.weight for party in payers)
    total = int(exact.to_integral_value(rounding=ROUND_HALF_UP))
    return min(total, charge), effective


def _follow_ups(
    claim: DamageClaim, *, after_payment: bool
) -> tuple[tuple[RepairOrder, ...], tuple[LedgerInstruction, ...]]:
    """Repair orders (DC-3) and ledger operations of a claim."""
    claim_id = claim.claim_id
    repair_orders: list[RepairOrder] = []
    instructions: list[LedgerInstruction] = []
    for item in claim.items:
        quote = item.repair_quote
        if quote is not None:
            repair_orders.append(
                _new_repair_order(claim_id, item.description, item.tag, quote, after_payment)
            )
        tag = item.tag
        extent = item.extent
        kind = _SEND_TO_REPAIR if extent is _REPAIRABLE else _DISPOSE
        if tag is not None:
            instructions.append(
                _new_instruction(kind, tag, item.item_id, extent, claim_id, claim.incident_on)
            )
        elif item.item_id is not None:
            # A quantity-counted ledger item: posted by item type, quantity and place.
            instructions.append(
                _new_instruction(
                    kind,
                    "",
                    item.item_id,
                    extent,
                    claim_id,
                    claim.incident_on,
                    item.quantity,
                    item.location_id,
                )
            )
    return tuple(repair_orders), tuple(instructions)


def assess(claim: DamageClaim, policy: CompensationPolicy | None = None) -> Assessment:  # noqa: PLR0915 - the hot path, one call
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
    plan = policy._plan
    incident_index = claim._incident_index
    items = claim.items
    if len(items) == 1:
        line, loss = _line(items[0], incident_index, plan)
        lines: tuple[AssessmentLine, ...] = (line,)
        loss_money = line.loss
    else:
        built = [_line(item, incident_index, plan) for item in items]
        lines = tuple(line for line, _ in built)
        loss = sum(fen for _, fen in built)
        loss_money = Money.from_fen(loss)  # checked: a sum of items may leave the domain

    cause = claim.cause
    agreed = claim.agreed_amount
    if agreed is not None:
        agreed_fen = agreed.fen
        dc5_no_fine_above_loss(claim.claim_id, agreed_fen=agreed_fen, loss_fen=loss)
    # DC-2, DC-1, DC-3: the outcome and the payers; DC-5: the charge, never above the loss.
    payers: tuple[LiableParty, ...] = ()
    role: PayerRole | None = None
    charge = total = 0
    if cause is _NATURAL_WEAR:
        outcome = _WEAR_REPAIRED
    elif cause not in plan.compensable:
        outcome = _NOT_COMPENSABLE
    else:
        outcome = _SCHOOL_BEARS
        payers = claim.parties
        if not payers:
            holder = claim.holder
            if holder is not None and plan.holder_pays:
                payers, role = (holder,), _HOLDER
    relief: list[Decimal] | None = None
    if payers:
        if agreed is not None:
            charge = agreed_fen
        elif plan.multiplier is None:
            charge = loss
        else:
            numerator, denominator = plan.multiplier  # ROUND_HALF_UP of loss × multiplier
            charge = (2 * loss * numerator + denominator) // (2 * denominator)
        total = charge
        if role is None and claim._relief:  # hardship relief only lowers the total
            total, relief = _relieved(charge, payers, policy)
        outcome = _WAIVED if charge and not total else _CHARGED
        if 0 < total < plan.write_off_fen:
            total = 0
            outcome = _WRITTEN_OFF
    charge_money = loss_money if charge == loss else _fen(charge)
    total_money = charge_money if total == charge else _fen(total)
    # DC-7, DC-8: the exact split, a minor's guardian named as payer.
    count = len(payers)
    shares: tuple[Share, ...]
    if count > 1:
        moneys = _split(claim, total, count, relief)
        shares = tuple(map(_share, payers, moneys, repeat(plan, count)))
    elif not count:
        shares = ()
    elif role is None:
        shares = (_share(payers[0], total_money, plan),)
    else:
        shares = (_holder_share(payers[0], total_money),)
    repair_orders, instructions = _follow_ups(claim, after_payment=total > 0)

    flagged: tuple[str, ...] = ()
    flag = cause is _DELIBERATE and plan.flag_deliberate
    if flag:  # DC-9: the students and staff concerned
        flagged = tuple([party.party_id for party in claim.parties if party.kind in _PERSONS])
    return _new_assessment(
        claim.claim_id,
        claim.incident_on,
        cause,
        outcome,
        lines,
        loss_money,
        charge_money,
        total_money,
        shares,
        repair_orders,
        instructions,
        flag,
        flagged,
        claim.holder,
        plan.value_basis,
        policy.multiplier,
        agreed is not None,
    )


def assess_all(
    claims: Iterable[DamageClaim], policy: CompensationPolicy | None = None
) -> tuple[Assessment, ...]:
    """Assess many claims under one policy, in order."""
    chosen = _DEFAULT_POLICY if policy is None else policy
    return tuple(assess(claim, chosen) for claim in claims)
