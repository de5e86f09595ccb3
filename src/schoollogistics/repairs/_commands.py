"""The commands of the repair desk: what a front end asks for, in the imperative.

Each command is a frozen record (a ``"type"``-tagged
[`DeskCommand`][schoollogistics.repairs.DeskCommand] in JSON) run by
[`RepairDesk.execute`][schoollogistics.repairs.RepairDesk.execute], which returns
the event recorded or raises the typed refusal. Each command records the event
of the same fields (``FileRequest`` records ``RequestFiled`` …).
"""

from __future__ import annotations

import typing
from typing import Final, TypeAlias

import attrs
import pendulum

from schoollogistics.core.money import Money
from schoollogistics.core.shapes import checked_fields
from schoollogistics.repairs._records import (
    Acceptance,
    Deferral,
    Evidence,
    MaintenancePlan,
    RepairRequest,
    Response,
    RoundRecord,
    WorkOrder,
    _cost,
    _id,
    _moment,
    _order_id,
)

__all__ = [
    "COMMAND_TYPES",
    "AddEvidence",
    "AdoptPlan",
    "Approve",
    "CloseOrder",
    "CompleteWork",
    "Defer",
    "DeskCommand",
    "FileRequest",
    "OpenOrder",
    "RecordRound",
    "Respond",
    "SignAcceptance",
    "StartWork",
]


@attrs.frozen(field_transformer=checked_fields())
class FileRequest:
    """File a repair request (RP-1).

    Records [`RequestFiled`][schoollogistics.repairs.RequestFiled].

    Attributes:
        request: The request.
    """

    request: RepairRequest


@attrs.frozen(field_transformer=checked_fields())
class Respond:
    """Answer a request (RP-1).

    Records [`RequestAnswered`][schoollogistics.repairs.RequestAnswered].

    Attributes:
        response: The answer.
    """

    response: Response


@attrs.frozen(field_transformer=checked_fields())
class Defer:
    """Explain a late fix with a new date (RP-1).

    Records [`RepairDeferred`][schoollogistics.repairs.RepairDeferred].

    Attributes:
        deferral: The explanation.
    """

    deferral: Deferral


@attrs.frozen(field_transformer=checked_fields())
class OpenOrder:
    """Open a work order for a request (fresh: not approved, started or signed) (RP-2).

    Records [`OrderOpened`][schoollogistics.repairs.OrderOpened].

    Attributes:
        order: The work order.
    """

    order: WorkOrder


@attrs.frozen(field_transformer=checked_fields())
class Approve:
    """Approve a work order before work starts (RP-2).

    Records [`OrderApproved`][schoollogistics.repairs.OrderApproved].

    Attributes:
        order_id: The work order.
        at: When (aware).
        by: Who.
    """

    order_id: str = attrs.field(converter=_order_id)
    at: pendulum.DateTime = attrs.field(converter=_moment)
    by: str = attrs.field(converter=_id)


@attrs.frozen(field_transformer=checked_fields())
class StartWork:
    """Start the work (RP-2, RP-6).

    Records [`WorkStarted`][schoollogistics.repairs.WorkStarted].

    Attributes:
        order_id: The work order.
        at: When (aware).
    """

    order_id: str = attrs.field(converter=_order_id)
    at: pendulum.DateTime = attrs.field(converter=_moment)


@attrs.frozen(field_transformer=checked_fields())
class AddEvidence:
    """File a piece of project evidence (RP-4).

    Records [`EvidenceAdded`][schoollogistics.repairs.EvidenceAdded].

    Attributes:
        order_id: The work order.
        evidence: The evidence reference.
    """

    order_id: str = attrs.field(converter=_order_id)
    evidence: Evidence


@attrs.frozen(field_transformer=checked_fields())
class CompleteWork:
    """Record the work completed and its cost (RP-5).

    Records [`WorkCompleted`][schoollogistics.repairs.WorkCompleted].

    Attributes:
        order_id: The work order.
        at: When (aware).
        cost: The actual cost (not negative).
    """

    order_id: str = attrs.field(converter=_order_id)
    at: pendulum.DateTime = attrs.field(converter=_moment)
    cost: Money = attrs.field(converter=_cost)


@attrs.frozen(field_transformer=checked_fields())
class SignAcceptance:
    """Sign the acceptance (a refusal reopens the order) (RP-3).

    Records [`AcceptanceSigned`][schoollogistics.repairs.AcceptanceSigned].

    Attributes:
        order_id: The work order.
        acceptance: The signature.
    """

    order_id: str = attrs.field(converter=_order_id)
    acceptance: Acceptance


@attrs.frozen(field_transformer=checked_fields())
class CloseOrder:
    """Close an accepted work order (RP-3, RP-4).

    Records [`OrderClosed`][schoollogistics.repairs.OrderClosed].

    Attributes:
        order_id: The work order.
        at: When (aware).
    """

    order_id: str = attrs.field(converter=_order_id)
    at: pendulum.DateTime = attrs.field(converter=_moment)


@attrs.frozen(field_transformer=checked_fields())
class AdoptPlan:
    """Adopt a preventive maintenance plan (RP-7).

    Records [`PlanAdopted`][schoollogistics.repairs.PlanAdopted].

    Attributes:
        plan: The plan.
    """

    plan: MaintenancePlan


@attrs.frozen(field_transformer=checked_fields())
class RecordRound:
    """Record a preventive round (a defect names its repair request) (RP-7).

    Records [`RoundRecorded`][schoollogistics.repairs.RoundRecorded].

    Attributes:
        round: The round record.
    """

    round: RoundRecord


DeskCommand: TypeAlias = (
    FileRequest
    | Respond
    | Defer
    | OpenOrder
    | Approve
    | StartWork
    | AddEvidence
    | CompleteWork
    | SignAcceptance
    | CloseOrder
    | AdoptPlan
    | RecordRound
)
"""Any command of the repair desk (serialized with a ``"type"`` tag)."""

COMMAND_TYPES: Final[tuple[type[DeskCommand], ...]] = typing.get_args(DeskCommand)
"""The command types, in the order of the union (each records the event at the same index)."""
