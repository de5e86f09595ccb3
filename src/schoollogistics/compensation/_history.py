"""A person's or a class's past damage and compensation (DC-1, DC-5).

For a look before a replacement is issued (AS-3: a holder who keeps losing units may be
asked why first).

[`damage_history`][schoollogistics.compensation.damage_history] reads claims and their
assessments (it changes nothing) and returns one flat
[`DamageRecord`][schoollogistics.compensation.DamageRecord] per claim that names the
holder as a liable party or as the holding class or unit: frames-friendly (every field a
scalar), sorted by incident day and claim id.
"""

from __future__ import annotations

from collections.abc import Iterable

import attrs
import pendulum

from schoollogistics.compensation._assessment import Assessment, LedgerOperation, Outcome
from schoollogistics.compensation._records import Cause, DamageClaim
from schoollogistics.core.money import Money
from schoollogistics.core.shapes import checked_fields

__all__ = ["DamageRecord", "damage_history"]


@attrs.frozen(field_transformer=checked_fields())
class DamageRecord:
    """One past damage claim of a holder (a person, a class or a unit).

    Attributes:
        holder_id: The person or class asked about.
        claim_id: The claim.
        incident_on: The day of the incident.
        cause: The cause (DC-2).
        description: The damaged items, joined with "、".
        items: How many itemised lines the claim has.
        as_party: Whether the holder is a liable party (else it is the holding class or unit).
        assessed: Whether an assessment of the claim was given.
        outcome: The assessment's outcome (``None`` when not assessed).
        loss: The assessed loss (zero when not assessed).
        charged: The total charged to every payer (zero when not assessed).
        holder_share: What the holder's own share is (zero when it pays nothing).
        repairs: Ledger instructions to send to repair.
        disposals: Ledger instructions to dispose of.
        deliberate: Whether the damage was flagged as deliberate (DC-9).
    """

    holder_id: str
    claim_id: str
    incident_on: pendulum.Date
    cause: Cause
    description: str
    items: int
    as_party: bool
    assessed: bool
    outcome: Outcome | None
    loss: Money
    charged: Money
    holder_share: Money
    repairs: int
    disposals: int
    deliberate: bool


def _record(
    holder_id: str, claim: DamageClaim, assessment: Assessment | None, *, as_party: bool
) -> DamageRecord:
    description = "、".join(item.description for item in claim.items)
    if assessment is None:
        zero = Money.zero()
        return DamageRecord(
            holder_id,
            claim.claim_id,
            claim.incident_on,
            claim.cause,
            description,
            len(claim.items),
            as_party,
            assessed=False,
            outcome=None,
            loss=zero,
            charged=zero,
            holder_share=zero,
            repairs=0,
            disposals=0,
            deliberate=False,
        )
    share = Money.sum(s.amount for s in assessment.shares if holder_id in {s.party_id, s.payer_id})
    kinds = [i.kind for i in assessment.ledger_instructions]
    return DamageRecord(
        holder_id,
        claim.claim_id,
        claim.incident_on,
        claim.cause,
        description,
        len(claim.items),
        as_party,
        assessed=True,
        outcome=assessment.outcome,
        loss=assessment.loss,
        charged=assessment.total,
        holder_share=share,
        repairs=kinds.count(LedgerOperation.SEND_TO_REPAIR),
        disposals=kinds.count(LedgerOperation.DISPOSE),
        deliberate=assessment.discipline_flag,
    )


def damage_history(
    claims: Iterable[DamageClaim],
    assessments: Iterable[Assessment],
    holder_id: str,
) -> tuple[DamageRecord, ...]:
    """The past damage and compensation of ``holder_id``, one record per claim naming it.

    A claim names the holder when the holder is one of its liable parties, or the
    class or unit holding the property (DC-3). Each claim is paired with its
    assessment by claim id (the last one given wins); a claim without one is
    listed as not assessed. Nothing is charged by reading the history.

    Args:
        claims: Claims, in any order.
        assessments: Their assessments, in any order.
        holder_id: The person, class or unit.

    Returns:
        Records sorted by incident day, then claim id.
    """
    by_claim = {assessment.claim_id: assessment for assessment in assessments}
    records: list[DamageRecord] = []
    for claim in claims:
        as_party = any(party.party_id == holder_id for party in claim.parties)
        as_holder = claim.holder is not None and claim.holder.party_id == holder_id
        if as_party or as_holder:
            records.append(
                _record(holder_id, claim, by_claim.get(claim.claim_id), as_party=as_party)
            )
    records.sort(key=lambda record: (record.incident_on.toordinal(), record.claim_id))
    return tuple(records)
