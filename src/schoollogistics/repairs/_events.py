"""The events of the repair desk: what happened, in the past tense (RP-1 … RP-7).

[`DeskEvent`][schoollogistics.repairs.DeskEvent] is written once; ``EVENT_TYPES``
is read from it, and the serialization registry, the strategies and the guard
table derive from it.
"""

from __future__ import annotations

import typing
from collections.abc import Iterable
from typing import Final, TypeAlias

import attrs
import pendulum

from schoollogistics.core.money import Money
from schoollogistics.core.shapes import checked_fields
from schoollogistics.repairs._policy import RepairPolicy
from schoollogistics.repairs._records import (
    Acceptance,
    Deferral,
    Evidence,
    MaintenancePlan,
    RepairRequest,
    Response,
    RoundRecord,
    SchoolDays,
    WorkOrder,
    _cost,
    _id,
    _moment,
    _order_id,
)

__all__ = [
    "EVENT_TYPES",
    "AcceptanceSigned",
    "DeskEvent",
    "DeskState",
    "EvidenceAdded",
    "OrderApproved",
    "OrderClosed",
    "OrderOpened",
    "PlanAdopted",
    "RecordedDeskEvent",
    "RepairDeferred",
    "RequestAnswered",
    "RequestFiled",
    "RoundRecorded",
    "WorkCompleted",
    "WorkStarted",
]


@attrs.frozen(field_transformer=checked_fields())
class RequestFiled:
    """Event: a repair request was filed (报修) (RP-1).

    Attributes:
        request: The request.
    """

    request: RepairRequest


@attrs.frozen(field_transformer=checked_fields())
class RequestAnswered:
    """Event: a request was answered (回应) (RP-1).

    Attributes:
        response: The answer.
    """

    response: Response


@attrs.frozen(field_transformer=checked_fields())
class RepairDeferred:
    """Event: the reporter was told why the fix is late, with a new date (RP-1).

    Attributes:
        deferral: The explanation.
    """

    deferral: Deferral


@attrs.frozen(field_transformer=checked_fields())
class OrderOpened:
    """Event: a work order was opened (派工) (RP-2).

    Attributes:
        order: The work order.
    """

    order: WorkOrder


@attrs.frozen(field_transformer=checked_fields())
class OrderApproved:
    """Event: a work order was approved (审批) (RP-2).

    Attributes:
        order_id: The work order.
        at: When (aware).
        by: Who.
    """

    order_id: str = attrs.field(converter=_order_id)
    at: pendulum.DateTime = attrs.field(converter=_moment)
    by: str = attrs.field(converter=_id)


@attrs.frozen(field_transformer=checked_fields())
class WorkStarted:
    """Event: work started (开工) (RP-2, RP-6).

    Attributes:
        order_id: The work order.
        at: When (aware).
    """

    order_id: str = attrs.field(converter=_order_id)
    at: pendulum.DateTime = attrs.field(converter=_moment)


@attrs.frozen(field_transformer=checked_fields())
class EvidenceAdded:
    """Event: a piece of evidence was filed for an order (RP-4).

    Attributes:
        order_id: The work order.
        evidence: The evidence reference.
    """

    order_id: str = attrs.field(converter=_order_id)
    evidence: Evidence


@attrs.frozen(field_transformer=checked_fields())
class WorkCompleted:
    """Event: the work was completed, with its actual cost (完工) (RP-5).

    Attributes:
        order_id: The work order.
        at: When (aware).
        cost: The actual cost (not negative).
    """

    order_id: str = attrs.field(converter=_order_id)
    at: pendulum.DateTime = attrs.field(converter=_moment)
    cost: Money = attrs.field(converter=_cost)


@attrs.frozen(field_transformer=checked_fields())
class AcceptanceSigned:
    """Event: an acceptance was signed, accepting or refusing the work (验收) (RP-3).

    Attributes:
        order_id: The work order.
        acceptance: The signature.
    """

    order_id: str = attrs.field(converter=_order_id)
    acceptance: Acceptance


@attrs.frozen(field_transformer=checked_fields())
class OrderClosed:
    """Event: a work order was closed (RP-3, RP-4).

    Attributes:
        order_id: The work order.
        at: When (aware).
    """

    order_id: str = attrs.field(converter=_order_id)
    at: pendulum.DateTime = attrs.field(converter=_moment)


@attrs.frozen(field_transformer=checked_fields())
class PlanAdopted:
    """Event: a preventive maintenance plan was adopted (RP-7).

    Attributes:
        plan: The plan.
    """

    plan: MaintenancePlan


@attrs.frozen(field_transformer=checked_fields())
class RoundRecorded:
    """Event: a preventive round was recorded (巡检) (RP-7).

    Attributes:
        round: The round record.
    """

    round: RoundRecord


DeskEvent: TypeAlias = (
    RequestFiled
    | RequestAnswered
    | RepairDeferred
    | OrderOpened
    | OrderApproved
    | WorkStarted
    | EvidenceAdded
    | WorkCompleted
    | AcceptanceSigned
    | OrderClosed
    | PlanAdopted
    | RoundRecorded
)
"""Everything a repair desk records, in order (serialized with a ``"type"`` tag)."""

EVENT_TYPES: Final[tuple[type[DeskEvent], ...]] = typing.get_args(DeskEvent)
"""The event types, in the order of the union."""


@attrs.frozen(field_transformer=checked_fields())
class RecordedDeskEvent:
    """An accepted event with its sequence number (1 for the first): one stored row.

    Attributes:
        sequence: The event's position in the desk's history.
        event: The event.
    """

    sequence: int = attrs.field(metadata={"minimum": 1})
    event: DeskEvent


def _events(value: Iterable[DeskEvent]) -> tuple[DeskEvent, ...]:
    return tuple(value)


@attrs.frozen(field_transformer=checked_fields())
class DeskState:
    """A desk's whole history as one serializable record (replayed by ``RepairDesk.from_state``).

    Attributes:
        desk_id: The desk (a school's 后勤处).
        policy: The policy it enforces.
        school_days: The school days its deadlines count.
        events: Its events, in order.
    """

    desk_id: str = attrs.field(converter=_id)
    policy: RepairPolicy
    school_days: SchoolDays
    events: tuple[DeskEvent, ...] = attrs.field(converter=_events)
