"""The fold of the repair desk: how each accepted event changes the state (no checks)."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from types import MappingProxyType
from typing import Final

import attrs

from schoollogistics.repairs._events import (
    AcceptanceSigned,
    DeskEvent,
    EvidenceAdded,
    OrderApproved,
    OrderClosed,
    OrderOpened,
    PlanAdopted,
    RepairDeferred,
    RequestAnswered,
    RequestFiled,
    RoundRecorded,
    WorkCompleted,
    WorkStarted,
)
from schoollogistics.repairs._records import (
    Deferral,
    MaintenancePlan,
    RepairLog,
    RepairRequest,
    Response,
    RoundRecord,
    WorkOrder,
)

__all__ = ["FOLDS", "Desk", "fold"]


@attrs.define(eq=False)
class Desk:
    """What a repair desk holds after its events.

    Attributes:
        desk_id: The desk.
        events: Every accepted event, in order.
        requests: The requests, by id, in the order filed.
        responses: The answers, in order.
        deferrals: The explanations, in order.
        orders: The work orders, by id, each as it stands now.
        plans: The maintenance plans, by id.
        rounds: The round records, by id.
    """

    desk_id: str
    events: list[DeskEvent] = attrs.field(factory=list)
    requests: dict[str, RepairRequest] = attrs.field(factory=dict)
    responses: list[Response] = attrs.field(factory=list)
    deferrals: list[Deferral] = attrs.field(factory=list)
    orders: dict[str, WorkOrder] = attrs.field(factory=dict)
    plans: dict[str, MaintenancePlan] = attrs.field(factory=dict)
    rounds: dict[str, RoundRecord] = attrs.field(factory=dict)

    def log(self) -> RepairLog:
        """The records as plain data for the audit."""
        return RepairLog(
            requests=tuple(self.requests.values()),
            responses=tuple(self.responses),
            deferrals=tuple(self.deferrals),
            orders=tuple(self.orders.values()),
            plans=tuple(self.plans.values()),
            rounds=tuple(self.rounds.values()),
        )


def _evolve(state: Desk, order_id: str, **changes: object) -> None:
    # attrs.evolve's typed signature wants each field's own type; the changes are
    # the event's fields, typed by the events.
    state.orders[order_id] = attrs.evolve(state.orders[order_id], **changes)  # type: ignore[arg-type]


def _filed(state: Desk, event: RequestFiled) -> None:
    state.requests[event.request.request_id] = event.request


def _answered(state: Desk, event: RequestAnswered) -> None:
    state.responses.append(event.response)


def _deferred(state: Desk, event: RepairDeferred) -> None:
    state.deferrals.append(event.deferral)


def _opened(state: Desk, event: OrderOpened) -> None:
    state.orders[event.order.order_id] = event.order


def _approved(state: Desk, event: OrderApproved) -> None:
    _evolve(state, event.order_id, approved_at=event.at, approved_by=event.by)


def _started(state: Desk, event: WorkStarted) -> None:
    _evolve(state, event.order_id, started_at=event.at)


def _evidence(state: Desk, event: EvidenceAdded) -> None:
    order = state.orders[event.order_id]
    _evolve(state, event.order_id, evidence=(*order.evidence, event.evidence))


def _completed(state: Desk, event: WorkCompleted) -> None:
    _evolve(state, event.order_id, completed_at=event.at, cost=event.cost)


def _signed(state: Desk, event: AcceptanceSigned) -> None:
    order = state.orders[event.order_id]
    signed = (*order.acceptances, event.acceptance)
    if event.acceptance.accepted:
        _evolve(state, event.order_id, acceptances=signed)
    else:  # a refusal reopens the order: the work is to be done again
        _evolve(state, event.order_id, acceptances=signed, completed_at=None)


def _closed(state: Desk, event: OrderClosed) -> None:
    _evolve(state, event.order_id, closed_at=event.at)


def _adopted(state: Desk, event: PlanAdopted) -> None:
    state.plans[event.plan.plan_id] = event.plan


def _round(state: Desk, event: RoundRecorded) -> None:
    state.rounds[event.round.round_id] = event.round


FOLDS: Final[Mapping[type, Callable[..., None]]] = MappingProxyType(
    {
        RequestFiled: _filed,
        RequestAnswered: _answered,
        RepairDeferred: _deferred,
        OrderOpened: _opened,
        OrderApproved: _approved,
        WorkStarted: _started,
        EvidenceAdded: _evidence,
        WorkCompleted: _completed,
        AcceptanceSigned: _signed,
        OrderClosed: _closed,
        PlanAdopted: _adopted,
        RoundRecorded: _round,
    }
)
"""The state change of each event type."""


def fold(state: Desk, event: DeskEvent) -> None:
    """Apply one (trusted) event and append it to the events."""
    FOLDS[type(event)](state, event)
    state.events.append(event)
