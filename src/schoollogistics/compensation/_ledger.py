"""The link to the asset ledger: loss reports in, ledger postings out.

The asset ledger ([`schoollogistics.assets`][schoollogistics.assets]) yields a
[`LossReport`][schoollogistics.assets.LossReport] when a unit is lost at an
exchange (AS-3), found damaged at a hand-back or loan return (AS-6), reported
damaged, or missing at a stock-take with a responsible holder (AS-2).
[`claim_from_loss_report`][schoollogistics.compensation.claim_from_loss_report]
turns one into a [`DamageClaim`][schoollogistics.compensation.DamageClaim].

An [`Assessment`][schoollogistics.compensation.Assessment] lists the ledger
operations that follow (write off a destroyed unit, send a repairable one to
repair). [`plan_postings`][schoollogistics.compensation.plan_postings]
reads the ledger (it changes nothing) and says, for each, which ledger command
to run: a unit already off the books (lost, or written off as a shortage) needs
nothing; a unit still held by a class or person must be handed back first (the
hand-back check is the custodian's, AS-6, so it is not run on their behalf).
[`post_to_ledger`][schoollogistics.compensation.post_to_ledger] runs the
plan: all of it, or — when any step would be refused — none of it.

This module uses only the ledger's public API; the ledger never imports the
compensation area.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable

import attrs

from schoollogistics.assets import (
    AssetEvent,
    AssetLedger,
    Condition,
    Holding,
    LossKind,
    LossReport,
    PlaceKind,
    Repaired,
)
from schoollogistics.compensation._assessment import Assessment, LedgerInstruction, LedgerOperation
from schoollogistics.compensation._records import (
    CapitalisedRepair,
    Cause,
    DamageClaim,
    Extent,
    LiableParty,
)
from schoollogistics.core.money import Money, allocate
from schoollogistics.core.shapes import checked_fields
from schoollogistics.core.time import DateInput
from schoollogistics.errors import InvalidArgumentError, Phrase

__all__ = [
    "LedgerPosting",
    "PostingAction",
    "capitalised_repairs",
    "claim_from_loss_report",
    "extent_of",
    "plan_postings",
    "post_to_ledger",
]


def extent_of(report: LossReport) -> Extent:
    """The extent of the damage a loss report describes (DC-4 picks the basis from it).

    A unit lost at an exchange or missing at a stock-take is ``LOST``; a unit
    found unusable is ``DESTROYED``; one found damaged or worn is ``REPAIRABLE``.
    """
    if report.kind in (LossKind.LOST, LossKind.SHORTAGE):
        return Extent.LOST
    if report.condition is Condition.UNUSABLE:
        return Extent.DESTROYED
    return Extent.REPAIRABLE


def claim_from_loss_report(
    report: LossReport,
    *,
    claim_id: str,
    cause: Cause,
    parties: tuple[LiableParty, ...] = (),
    holder: LiableParty | None = None,
    repair_quote: Money | None = None,
    replacement_cost: Money | None = None,
) -> DamageClaim:
    """A one-item claim from a ledger loss report (DC-1).

    The report gives the item's value attributes, the incident day
    (``occurred_on``) and the extent (see
    [`extent_of`][schoollogistics.compensation.extent_of]); the caller
    states the cause (DC-2: the ledger records what was found, not why) and the
    liable parties (the report's ``holder_id`` names who answered for the unit,
    but not whether a student, a class or a unit — so the caller builds the
    [`LiableParty`][schoollogistics.compensation.LiableParty]).

    Raises:
        RepairQuoteError: the report describes repairable damage and no
            ``repair_quote`` is given.
    """
    return DamageClaim.for_asset(
        report,
        claim_id=claim_id,
        cause=cause,
        extent=extent_of(report),
        description=report.description,
        incident_on=report.occurred_on,
        repair_quote=repair_quote,
        replacement_cost=replacement_cost,
        parties=parties,
        holder=holder,
    )


def capitalised_repairs(events: Iterable[AssetEvent], tag: str) -> tuple[CapitalisedRepair, ...]:
    """The capitalised repairs of one tagged unit, from the asset ledger's events (RP-5).

    Each ``Repaired`` event with ``capitalised=True`` naming ``tag`` gives one
    [`CapitalisedRepair`][schoollogistics.compensation.CapitalisedRepair] on its
    effective date. A repair of several tagged units at one cost is shared
    equally among them, exactly to the fen (largest remainder, in the order of
    the event's tags). Expensed repairs (the default) give nothing.

    Returns:
        The repairs, in the order of the events.
    """
    found: list[CapitalisedRepair] = []
    for event in events:
        if not isinstance(event, Repaired) or not event.capitalised or tag not in event.tags:
            continue
        shares = allocate(event.cost, [1] * len(event.tags))
        found.append(CapitalisedRepair(event.effective_on, shares[event.tags.index(tag)]))
    return tuple(found)


class PostingAction(enum.Enum):
    """What the ledger needs for one instruction."""

    DISPOSE = "dispose"
    """Write the unit off from a storeroom's stock or returned pool (报废, AS-7)."""
    SEND_TO_REPAIR = "send_to_repair"
    """Send the unit to repair from where it is (送修)."""
    ALREADY_OFF_BOOKS = "already_off_books"
    """Nothing to post: the unit already left the books (lost, shortage written off)."""
    HAND_BACK_FIRST = "hand_back_first"
    """The unit is held outside a storeroom: hand it back (with the AS-6 check) first."""
    NOT_LINKED = "not_linked"
    """The instruction names no tag (nor, untagged, an item type) the ledger knows."""
    NOT_FOUND = "not_found"
    """No location holds the quantity-counted item's damaged units (already dealt with)."""


@attrs.frozen(field_transformer=checked_fields())
class LedgerPosting:
    """One planned ledger posting for an assessment's instruction.

    Attributes:
        instruction: The assessment's instruction.
        action: What the ledger needs.
        item_id: The unit's item type ("" when not linked).
        location_id: Where the unit is ("" when gone or not linked).
        from_pool: Whether a disposal or repair takes the unit from the returned pool.
    """

    instruction: LedgerInstruction
    action: PostingAction
    item_id: str
    location_id: str
    from_pool: bool

    @property
    def ready(self) -> bool:
        """Whether the posting can run now (or needs nothing)."""
        return self.action in (
            PostingAction.DISPOSE,
            PostingAction.SEND_TO_REPAIR,
            PostingAction.ALREADY_OFF_BOOKS,
        )


def _quantity_at(ledger: AssetLedger, location_id: str, item_id: str, holding: Holding) -> int:
    rows = ledger.on_hand(location_id=location_id, item_id=item_id, holding=holding)
    return sum(row.quantity for row in rows if not row.tags)


def _plan_quantity(
    ledger: AssetLedger,
    instruction: LedgerInstruction,
    storerooms: frozenset[str],
) -> LedgerPosting:
    """Where the damaged units of a quantity-counted instruction are, and what the ledger needs.

    Quantity-counted units are interchangeable, so the ledger follows how many
    damaged units each location holds
    ([`open_damage`][schoollogistics.assets.AssetLedger.open_damage]): a unit
    reported damaged in the classroom and then handed back is found in the
    storeroom's returned pool. A repair is taken from the reported place first, a
    disposal from a storeroom first (it needs no hand-back), then the other places in
    id order. Units reported lost are already off the books. The ledger knows how
    many damaged units are where, not which is which: when the same item has open
    damage of different conditions at two places, a disposal may take the unit of
    the other place (the counts stay right).
    """
    item_id = instruction.item_id or ""
    quantity = instruction.quantity
    where = instruction.location_id or ""
    repair = instruction.kind is LedgerOperation.SEND_TO_REPAIR
    if instruction.reason is Extent.LOST:
        return LedgerPosting(
            instruction, PostingAction.ALREADY_OFF_BOOKS, item_id, "", from_pool=False
        )
    found = dict(ledger.open_damage(item_id))
    if repair:
        places = sorted(found, key=lambda place: (place != where, place))
    else:
        places = sorted(found, key=lambda place: (place not in storerooms, place != where, place))
    for place in places:
        if found[place] < quantity:
            continue
        if (
            place in storerooms
            and _quantity_at(ledger, place, item_id, Holding.RETURNED) >= quantity
        ):
            action = PostingAction.SEND_TO_REPAIR if repair else PostingAction.DISPOSE
            return LedgerPosting(instruction, action, item_id, place, from_pool=True)
        if _quantity_at(ledger, place, item_id, Holding.AVAILABLE) >= quantity:
            if repair:
                action = PostingAction.SEND_TO_REPAIR
            elif place in storerooms:
                action = PostingAction.DISPOSE
            else:
                action = PostingAction.HAND_BACK_FIRST
            return LedgerPosting(instruction, action, item_id, place, from_pool=False)
    return LedgerPosting(instruction, PostingAction.NOT_FOUND, item_id, where, from_pool=False)


def _plan_one(
    ledger: AssetLedger,
    instruction: LedgerInstruction,
    known: frozenset[str],
    item_ids: frozenset[str],
    storerooms: frozenset[str],
) -> LedgerPosting:
    if not instruction.tag and instruction.item_id in item_ids:
        return _plan_quantity(ledger, instruction, storerooms)
    if not instruction.tag or instruction.tag not in known:
        return LedgerPosting(instruction, PostingAction.NOT_LINKED, "", "", from_pool=False)
    position = ledger.position(instruction.tag)
    if position.holding is Holding.GONE:
        return LedgerPosting(
            instruction, PostingAction.ALREADY_OFF_BOOKS, position.item_id, "", from_pool=False
        )
    from_pool = position.holding is Holding.RETURNED
    if instruction.kind is LedgerOperation.SEND_TO_REPAIR:
        action = PostingAction.SEND_TO_REPAIR
    else:
        in_store = position.location_id in storerooms and position.holding in (
            Holding.AVAILABLE,
            Holding.RETURNED,
        )
        action = PostingAction.DISPOSE if in_store else PostingAction.HAND_BACK_FIRST
    return LedgerPosting(instruction, action, position.item_id, position.location_id, from_pool)


def plan_postings(ledger: AssetLedger, assessment: Assessment) -> tuple[LedgerPosting, ...]:
    """Plan the ledger postings of an assessment, reading the ledger only."""
    known = frozenset(unit.tag for unit in ledger.units())
    item_ids = frozenset(item.item_id for item in ledger.items())
    storerooms = frozenset(p.place_id for p in ledger.places() if p.kind is PlaceKind.STOREROOM)
    return tuple(
        _plan_one(ledger, instruction, known, item_ids, storerooms)
        for instruction in assessment.ledger_instructions
    )


def post_to_ledger(
    ledger: AssetLedger,
    assessment: Assessment,
    *,
    approver: str,
    on: DateInput,
    by: str,
) -> tuple[AssetEvent, ...]:
    """Post an assessment's ledger operations, all or nothing.

    Disposals need an ``approver`` (AS-7). The postings are first tried on a
    replayed copy of the ledger; only when every one is accepted are they posted
    to ``ledger``, so a refusal leaves it unchanged.

    Returns:
        The events appended to the ledger, in order.

    Raises:
        InvalidInputError: a posting is not ready (the unit must be handed back
            first, or its tag is unknown to the ledger).
        AssetError: the ledger refuses a posting (closed month, no approver...).
    """
    postings = plan_postings(ledger, assessment)
    blocked = [p for p in postings if not p.ready]
    if blocked:
        raise InvalidArgumentError(
            field="assessment",
            reason=Phrase(
                "postings not ready: {blocked}",
                "以下过账尚未就绪：「{blocked}」",
                blocked=[f"{p.instruction.tag or '?'}: {p.action.value}" for p in blocked],
            ),
        )
    trial = AssetLedger.replay(ledger.events, ledger.policy)
    _apply(trial, postings, assessment, approver=approver, on=on, by=by)
    return _apply(ledger, postings, assessment, approver=approver, on=on, by=by)


def _apply(
    ledger: AssetLedger,
    postings: tuple[LedgerPosting, ...],
    assessment: Assessment,
    *,
    approver: str,
    on: DateInput,
    by: str,
) -> tuple[AssetEvent, ...]:
    events: list[AssetEvent] = []
    for posting in postings:
        reason = f"{assessment.claim_id} {posting.instruction.reason.label_zh}"
        tag = posting.instruction.tag
        tags = (tag,) if tag else ()
        quantity = None if tag else posting.instruction.quantity
        if posting.action is PostingAction.DISPOSE:
            events.append(
                ledger.dispose(
                    posting.item_id,
                    posting.location_id,
                    quantity,
                    approver=approver,
                    tags=tags,
                    from_pool=posting.from_pool,
                    on=on,
                    by=by,
                    reason=reason,
                )
            )
        elif posting.action is PostingAction.SEND_TO_REPAIR:
            events.append(
                ledger.send_to_repair(
                    posting.item_id,
                    posting.location_id,
                    quantity,
                    tags=tags,
                    from_pool=posting.from_pool,
                    on=on,
                    by=by,
                    reason=reason,
                )
            )
    return tuple(events)
