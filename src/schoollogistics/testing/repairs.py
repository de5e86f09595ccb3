"""Hypothesis strategies for `schoollogistics.repairs`, and a compliant simulated term.

[`simulate_repairs`][schoollogistics.testing.repairs.simulate_repairs] builds,
deterministically, the desk of a school that follows every RP rule over a run
of school days; audited over those days it finds nothing. Tests inject one fault
into its log and check the audit reports exactly that fault.
"""

from __future__ import annotations

from typing import Final

import attrs
import pendulum
from attrs import AttrsInstance
from hypothesis import strategies as st

from schoollogistics.core.money import Money
from schoollogistics.repairs import (
    COMMAND_TYPES,
    EVENT_TYPES,
    Acceptance,
    AddEvidence,
    AdoptPlan,
    Approve,
    CheckResult,
    CloseOrder,
    CompleteWork,
    Deferral,
    DeskCommand,
    DeskEvent,
    DeskState,
    DueRound,
    Evidence,
    EvidenceKind,
    FileRequest,
    Frequency,
    MaintenancePlan,
    OpenOrder,
    RecordedDeskEvent,
    RecordRound,
    RepairAccounting,
    RepairDesk,
    RepairLog,
    RepairPolicy,
    RepairRequest,
    Respond,
    Response,
    RoundRecord,
    SchoolDays,
    SignAcceptance,
    StartWork,
    WorkerKind,
    WorkOrder,
)
from schoollogistics.testing._core import StrategyTable, aware_datetimes, dates

__all__ = [
    "STRATEGIES",
    "acceptances",
    "desk_commands",
    "desk_events",
    "desk_states",
    "repair_logs",
    "repair_policies",
    "repair_requests",
    "school_days",
    "simulate_repairs",
    "work_orders",
]

_IDS: Final = st.text(alphabet="ABCDEFGHJKLMNPQRSTUVWXYZ0123456789-/_", min_size=1, max_size=8)
_NAMES: Final = st.text(alphabet="张三李四王五赵六钱七孙八周九吴十", min_size=1, max_size=3)
_TEXT: Final = st.text(alphabet="门窗灯水电漏坏松响堵", min_size=1, max_size=8)
_MONEY: Final = st.integers(0, 500_000).map(Money.from_fen)


def repair_policies() -> st.SearchStrategy[RepairPolicy]:
    """Valid repair policies."""

    def build(answer: int, extra: int) -> st.SearchStrategy[RepairPolicy]:
        return st.builds(
            RepairPolicy,
            response_school_days=st.just(answer),
            safety_same_day=st.booleans(),
            fix_school_days=st.just(answer + extra),
            small_repair_limit=_MONEY,
            contractor_needs_approval=st.booleans(),
            repair_accounting=st.sampled_from(RepairAccounting),
            claim_first=st.booleans(),
            repair_first_for_safety=st.booleans(),
            timezone=st.sampled_from(["Asia/Shanghai", "Asia/Urumqi", "UTC"]),
        )

    return st.tuples(st.integers(1, 5), st.integers(0, 10)).flatmap(lambda a: build(*a))


def school_days() -> st.SearchStrategy[SchoolDays]:
    """Small sets of school days."""
    return st.builds(SchoolDays, st.lists(dates(), max_size=8))


@st.composite
def repair_requests(draw: st.DrawFn) -> RepairRequest:
    """Requests for a room, an item or both."""
    item = draw(st.none() | _IDS)
    place = draw(_IDS) if item is None else draw(st.none() | _IDS)
    claim = draw(st.none() | _IDS)
    return RepairRequest(
        request_id=draw(_IDS),
        filed_at=draw(aware_datetimes()),
        reporter=draw(_NAMES),
        unit=draw(_IDS),
        description=draw(_TEXT),
        safety=draw(st.booleans()),
        place_id=place,
        item_id=item,
        tags=tuple(draw(st.lists(_IDS, max_size=2))) if item is not None else (),
        custodian=draw(st.none() | _NAMES),
        man_made=draw(st.booleans()),
        claim_id=claim,
        claim_settled_at=draw(st.none() | aware_datetimes()) if claim is not None else None,
    )


def responses() -> st.SearchStrategy[Response]:
    """Answers."""
    return st.builds(Response, request_id=_IDS, at=aware_datetimes(), by=_NAMES, note=_TEXT)


@st.composite
def deferrals(draw: st.DrawFn) -> Deferral:
    """Explanations with a new date on or after the day given."""
    at = draw(aware_datetimes())
    new_date = at.date().add(days=draw(st.integers(0, 60)))
    return Deferral(
        request_id=draw(_IDS), at=at, by=draw(_NAMES), explanation=draw(_TEXT), new_date=new_date
    )


def evidence() -> st.SearchStrategy[Evidence]:
    """Evidence references."""
    return st.builds(Evidence, kind=st.sampled_from(EvidenceKind), reference=_IDS, on=dates())


@st.composite
def acceptances(draw: st.DrawFn) -> Acceptance:
    """Signatures accepting or refusing (a refusal has a reason)."""
    accepted = draw(st.booleans())
    reason = draw(_TEXT) if not accepted else draw(st.just("") | _TEXT)
    return Acceptance(
        signed_by=draw(_NAMES), at=draw(aware_datetimes()), accepted=accepted, reason=reason
    )


@st.composite
def work_orders(draw: st.DrawFn) -> WorkOrder:
    """Work orders at any stage (not necessarily a consistent life)."""
    approved = draw(st.booleans())
    return WorkOrder(
        order_id=draw(_IDS),
        request_id=draw(_IDS),
        opened_at=draw(aware_datetimes()),
        worker_kind=draw(st.sampled_from(WorkerKind)),
        worker=draw(_NAMES),
        estimated_cost=draw(_MONEY),
        project=draw(st.booleans()),
        improves=draw(st.booleans()),
        approved_at=draw(aware_datetimes()) if approved else None,
        approved_by=draw(_NAMES) if approved else None,
        started_at=draw(st.none() | aware_datetimes()),
        completed_at=draw(st.none() | aware_datetimes()),
        cost=draw(st.none() | _MONEY),
        evidence=tuple(draw(st.lists(evidence(), max_size=3))),
        acceptances=tuple(draw(st.lists(acceptances(), max_size=2))),
        closed_at=draw(st.none() | aware_datetimes()),
    )


def maintenance_plans() -> st.SearchStrategy[MaintenancePlan]:
    """Maintenance plans."""
    return st.builds(
        MaintenancePlan,
        plan_id=_IDS,
        subject=_TEXT,
        frequency=st.sampled_from(Frequency),
        checks=st.lists(_TEXT, min_size=1, max_size=3).map(tuple),
        starts_on=dates(),
    )


def check_results() -> st.SearchStrategy[CheckResult]:
    """Results of a check (a defect may name its request)."""
    return st.builds(
        CheckResult, check=_TEXT, ok=st.booleans(), note=_TEXT, request_id=st.none() | _IDS
    )


def round_records() -> st.SearchStrategy[RoundRecord]:
    """Round records."""
    return st.builds(
        RoundRecord,
        round_id=_IDS,
        plan_id=_IDS,
        on=dates(),
        by=_NAMES,
        results=st.lists(check_results(), max_size=3).map(tuple),
    )


@st.composite
def due_round_windows(draw: st.DrawFn) -> DueRound:
    """Round windows."""
    opens = draw(dates())
    return DueRound(
        plan_id=draw(_IDS),
        subject=draw(_TEXT),
        opens_on=opens,
        due_on=opens.add(days=draw(st.integers(0, 31))),
    )


def repair_logs() -> st.SearchStrategy[RepairLog]:
    """Small logs of arbitrary records."""
    return st.builds(
        RepairLog,
        requests=st.lists(repair_requests(), max_size=2).map(tuple),
        responses=st.lists(responses(), max_size=2).map(tuple),
        deferrals=st.lists(deferrals(), max_size=1).map(tuple),
        orders=st.lists(work_orders(), max_size=2).map(tuple),
        plans=st.lists(maintenance_plans(), max_size=1).map(tuple),
        rounds=st.lists(round_records(), max_size=2).map(tuple),
    )


def _fields() -> dict[str, st.SearchStrategy[object]]:
    return {
        "request": repair_requests(),
        "response": responses(),
        "deferral": deferrals(),
        "order": work_orders(),
        "order_id": _IDS,
        "at": aware_datetimes(),
        "by": _NAMES,
        "evidence": evidence(),
        "cost": _MONEY,
        "acceptance": acceptances(),
        "plan": maintenance_plans(),
        "round": round_records(),
    }


def _built(cls: type[AttrsInstance]) -> st.SearchStrategy[AttrsInstance]:
    fields = _fields()
    return st.builds(cls, **{field.name: fields[field.name] for field in attrs.fields(cls)})


def desk_events() -> st.SearchStrategy[DeskEvent]:
    """Any desk event (not necessarily a consistent history)."""
    return st.one_of(*map(_built, EVENT_TYPES))


def desk_commands() -> st.SearchStrategy[DeskCommand]:
    """Any desk command (the desk may refuse it)."""
    return st.one_of(*map(_built, COMMAND_TYPES))


def desk_states() -> st.SearchStrategy[DeskState]:
    """Desk states (the events need not form a valid history)."""
    return st.builds(
        DeskState, _IDS, repair_policies(), school_days(), st.lists(desk_events(), max_size=3)
    )


# ---------------------------------------------------------------- a compliant term

_ZONE: Final = "Asia/Shanghai"


def _term_days(start: pendulum.Date, count: int) -> SchoolDays:
    days: list[pendulum.Date] = []
    day = start
    while len(days) < count:
        if day.isoweekday() <= 5:
            days.append(day)
        day = day.add(days=1)
    return SchoolDays(days)


def _at(day: pendulum.Date, hour: int, minute: int = 0) -> pendulum.DateTime:
    return pendulum.datetime(day.year, day.month, day.day, hour, minute, tz=_ZONE)


def simulate_repairs(
    requests: int = 20,
    *,
    start: pendulum.Date | None = None,
    school_days_count: int = 90,
) -> RepairDesk:
    """A desk that follows every RP rule (the audit of its days finds nothing).

    Requests answered the same morning, fixed the next school day, approved when
    a contractor works, evidenced when a project, accepted by the reporter and
    closed; a weekly electrical round every Friday and on the last day.
    Deterministic: the same arguments give the same desk.
    """
    first = pendulum.Date(2025, 9, 1) if start is None else start
    days = _term_days(first, school_days_count)
    desk = RepairDesk("desk", school_days=days)
    plan = MaintenancePlan(
        plan_id="weekly-electrical",
        subject="电器设备",
        frequency=Frequency.WEEKLY,
        checks=("电器", "门窗"),
        starts_on=days.days[0],
    )
    desk.execute(AdoptPlan(plan))
    usable = days.days[: max(1, len(days.days) - 4)]
    for number in range(requests):
        day = usable[number % len(usable)]
        next_day = days.nth_after(day, 1) or day
        request_id = f"R{number:05d}"
        contractor = number % 5 == 0
        project = number % 10 == 0
        desk.execute(
            FileRequest(
                RepairRequest(
                    request_id=request_id,
                    filed_at=_at(day, 9),
                    reporter=f"teacher-{number % 7}",
                    unit=f"class-{number % 12}",
                    description="门锁松动" if number % 2 else "灯管不亮",
                    safety=number % 3 == 0,
                    place_id=f"room-{100 + number % 30}",
                    item_id="desk" if number % 4 == 0 else None,
                )
            )
        )
        desk.execute(Respond(Response(request_id=request_id, at=_at(day, 10), by="后勤处")))
        order_id = f"W{number:05d}"
        desk.execute(
            OpenOrder(
                WorkOrder(
                    order_id=order_id,
                    request_id=request_id,
                    opened_at=_at(day, 10, 30),
                    worker_kind=WorkerKind.CONTRACTOR if contractor else WorkerKind.STAFF,
                    worker="某维修公司" if contractor else "王师傅",
                    estimated_cost=Money(1500 if contractor else 80),
                    project=project,
                )
            )
        )
        if contractor:
            desk.execute(Approve(order_id, _at(day, 11), "校长"))
        desk.execute(StartWork(order_id, _at(next_day, 8)))
        if project:
            for kind in EvidenceKind:
                desk.execute(
                    AddEvidence(
                        order_id,
                        Evidence(kind=kind, reference=f"{order_id}-{kind.value}", on=next_day),
                    )
                )
        desk.execute(CompleteWork(order_id, _at(next_day, 15), Money(1500 if contractor else 60)))
        desk.execute(
            SignAcceptance(
                order_id, Acceptance(signed_by=f"teacher-{number % 7}", at=_at(next_day, 16))
            )
        )
        desk.execute(CloseOrder(order_id, _at(next_day, 17)))
    for index, day in enumerate(days.days):
        if day.isoweekday() == 5 or day == days.days[-1]:
            desk.execute(
                RecordRound(
                    RoundRecord(
                        round_id=f"round-{index}",
                        plan_id=plan.plan_id,
                        on=day,
                        by="王师傅",
                        results=(CheckResult(check="电器"), CheckResult(check="门窗")),
                    )
                )
            )
    return desk


STRATEGIES: Final[StrategyTable] = {
    RepairAccounting: st.sampled_from(RepairAccounting),
    RepairPolicy: repair_policies(),
    SchoolDays: school_days(),
    RepairRequest: repair_requests(),
    Response: responses(),
    Deferral: deferrals(),
    WorkerKind: st.sampled_from(WorkerKind),
    EvidenceKind: st.sampled_from(EvidenceKind),
    Evidence: evidence(),
    Acceptance: acceptances(),
    WorkOrder: work_orders(),
    Frequency: st.sampled_from(Frequency),
    MaintenancePlan: maintenance_plans(),
    CheckResult: check_results(),
    RoundRecord: round_records(),
    DueRound: due_round_windows(),
    RepairLog: repair_logs(),
    **{cls: _built(cls) for cls in (*EVENT_TYPES, *COMMAND_TYPES)},
    DeskState: desk_states(),
    RecordedDeskEvent: st.builds(RecordedDeskEvent, st.integers(1, 10_000), desk_events()),
}
"""One strategy per serializable public type of the area."""
