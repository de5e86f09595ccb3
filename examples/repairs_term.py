"""One term of repairs at 红星小学 (a primary school in Beijing), then the audit in Chinese.

Run it with:  uv run python examples/repairs_term.py

The school days come from the calendar area (2025 autumn term, official holidays). Over the
term the desk records requests, work orders and weekly electrical rounds:

* a classroom light (staff, 60 yuan): answered at once, fixed the next day, accepted;
* a leaking roof over the hall (a contractor's project, 8600 yuan): approved first,
  evidenced (photos, site log, safety agreement, clearance), accepted by the custodian
  because the reporter is away;
* a broken window pane (man-made): the claim is settled first, then the repair;
* the contractor tries to start the gym floor before approval: refused (先斩后奏);
* an imported paper record of a door repair that skipped its approval and its acceptance,
  and one week's round that nobody did: the audit finds them.

The projector repair posts its cost to the asset ledger, all or nothing (RP-5).
"""

from __future__ import annotations

import attrs
import pendulum

from schoollogistics import DateRange, SchoolLogisticsError, school_datetime
from schoollogistics.assets import AssetLedger, PlaceKind
from schoollogistics.core import AssetCategory
from schoollogistics.core.money import Money
from schoollogistics.repairs import (
    Acceptance,
    AddEvidence,
    AdoptPlan,
    Approve,
    CheckResult,
    CloseOrder,
    CompleteWork,
    Evidence,
    EvidenceKind,
    FileRequest,
    Frequency,
    MaintenancePlan,
    OpenOrder,
    RecordRound,
    RepairDesk,
    RepairRequest,
    Respond,
    Response,
    RoundRecord,
    SchoolDays,
    SignAcceptance,
    StartWork,
    WorkerKind,
    WorkOrder,
    audit_repairs,
    overdue_rounds,
    post_repair,
    render_acceptance_form,
    render_overdue_rounds,
    render_request_form,
)
from schoollogistics.school_calendar import HolidayCalendar, SchoolCalendar, SchoolYear

TERM_START, TERM_END = pendulum.Date(2025, 9, 1), pendulum.Date(2026, 1, 23)


def school_days() -> SchoolDays:
    year = SchoolYear.of(
        2025, (TERM_START, TERM_END), (pendulum.Date(2026, 3, 2), pendulum.Date(2026, 7, 7))
    )
    calendar = SchoolCalendar(year, HolidayCalendar.china([2025, 2026]))
    return SchoolDays.from_calendar(calendar, TERM_START, TERM_END)


def repair(
    desk: RepairDesk,
    request: RepairRequest,
    order: WorkOrder,
    *,
    cost: Money,
    signer: str | None = None,
    reason: str = "",
) -> None:
    """File, answer, do and close one repair (the whole life, each step a command)."""
    when = request.filed_at
    desk.execute(FileRequest(request))
    answer = Response(request_id=request.request_id, at=when.add(hours=1), by="后勤处")
    desk.execute(Respond(answer))
    desk.execute(OpenOrder(order))
    if order.worker_kind is WorkerKind.CONTRACTOR:
        desk.execute(Approve(order.order_id, when.add(hours=2), "张校长"))
    start = when.add(days=1)
    desk.execute(StartWork(order.order_id, start))
    if order.project:
        for piece in EvidenceKind:
            reference = f"{order.order_id}-{piece.value}"
            evidence = Evidence(kind=piece, reference=reference, on=start.date())
            desk.execute(AddEvidence(order.order_id, evidence))
    desk.execute(CompleteWork(order.order_id, start.add(hours=6), cost))
    acceptance = Acceptance(
        signed_by=signer or request.reporter, at=start.add(hours=7), reason=reason
    )
    desk.execute(SignAcceptance(order.order_id, acceptance))
    desk.execute(CloseOrder(order.order_id, start.add(hours=8)))


def main() -> None:
    days = school_days()
    desk = RepairDesk("红星小学后勤处", school_days=days)
    print(f"School days this term: {len(days.days)} ({days.days[0]} … {days.days[-1]})")

    light = RepairRequest(
        request_id="BX-001",
        filed_at=school_datetime(2025, 9, 2, 9),
        reporter="李老师",
        unit="三(2)班",
        description="教室后排灯管不亮",
        place_id="room-32",
    )
    repair(
        desk,
        light,
        cost=Money(60),
        order=WorkOrder(
            order_id="WX-001",
            request_id="BX-001",
            opened_at=light.filed_at.add(hours=1),
            worker_kind=WorkerKind.STAFF,
            worker="王师傅",
            estimated_cost=Money(80),
        ),
    )
    roof = RepairRequest(
        request_id="BX-002",
        filed_at=school_datetime(2025, 9, 3, 9),
        reporter="赵主任",
        unit="德育处",
        description="礼堂屋顶漏水",
        place_id="hall",
        custodian="孙老师",
        safety=True,
    )
    repair(
        desk,
        roof,
        cost=Money(8600),
        signer="孙老师",
        reason="赵主任外出培训",
        order=WorkOrder(
            order_id="WX-002",
            request_id="BX-002",
            opened_at=roof.filed_at.add(hours=1),
            worker_kind=WorkerKind.CONTRACTOR,
            worker="城东建筑公司",
            estimated_cost=Money(9000),
            project=True,
        ),
    )
    window = RepairRequest(
        request_id="BX-003",
        filed_at=school_datetime(2025, 9, 4, 9),
        reporter="钱老师",
        unit="四(1)班",
        description="窗玻璃被球打碎",
        place_id="room-41",
        man_made=True,
        claim_id="PC-2025-07",
        claim_settled_at=school_datetime(2025, 9, 4, 15),
    )
    repair(
        desk,
        window,
        cost=Money(120),
        order=WorkOrder(
            order_id="WX-003",
            request_id="BX-003",
            opened_at=window.filed_at.add(hours=1),
            worker_kind=WorkerKind.STAFF,
            worker="王师傅",
            estimated_cost=Money(150),
        ),
    )
    print(render_request_form(window))

    gym = RepairRequest(
        request_id="BX-004",
        filed_at=school_datetime(2025, 9, 8, 9),
        reporter="周老师",
        unit="体育组",
        description="体育馆地板翘起",
        place_id="gym",
    )
    desk.execute(FileRequest(gym))
    desk.execute(Respond(Response(request_id="BX-004", at=gym.filed_at.add(hours=2), by="后勤处")))
    desk.execute(
        OpenOrder(
            WorkOrder(
                order_id="WX-004",
                request_id="BX-004",
                opened_at=gym.filed_at.add(hours=2),
                worker_kind=WorkerKind.CONTRACTOR,
                worker="城东建筑公司",
                estimated_cost=Money(4200),
            )
        )
    )
    try:
        desk.execute(StartWork("WX-004", gym.filed_at.add(hours=3)))
    except SchoolLogisticsError as error:
        print(f"Refused ({error.code}): {error.message_zh}")

    plan = MaintenancePlan(
        plan_id="每周电器门窗",
        subject="教学楼电器设备、门窗",
        frequency=Frequency.WEEKLY,
        checks=("电器设备", "门窗"),
        starts_on=TERM_START,
    )
    desk.execute(AdoptPlan(plan))
    last_of_week = [
        d
        for i, d in enumerate(days.days)
        if i + 1 == len(days.days) or days.days[i + 1].isocalendar()[:2] != d.isocalendar()[:2]
    ]
    for index, day in enumerate(d for d in last_of_week if d <= pendulum.Date(2025, 10, 31)):
        if day == pendulum.Date(2025, 9, 28):
            continue  # that week's round (a make-up Sunday) was not done
        results = (CheckResult(check="电器设备"), CheckResult(check="门窗"))
        desk.execute(
            RecordRound(
                RoundRecord(
                    round_id=f"XJ-{index:02d}",
                    plan_id=plan.plan_id,
                    on=day,
                    by="王师傅",
                    results=results,
                )
            )
        )

    print(render_acceptance_form(desk.order("WX-002"), roof))

    # An imported paper record: the door repair started without approval, closed unsigned.
    door = RepairRequest(
        request_id="BX-005",
        filed_at=school_datetime(2025, 9, 15, 9),
        reporter="吴老师",
        unit="五(3)班",
        description="教室门锁坏",
        place_id="room-53",
    )
    paper = WorkOrder(
        order_id="WX-005",
        request_id="BX-005",
        opened_at=door.filed_at.add(hours=1),
        worker_kind=WorkerKind.CONTRACTOR,
        worker="某锁具店",
        estimated_cost=Money(1200),
        started_at=door.filed_at.add(hours=2),
        completed_at=door.filed_at.add(hours=4),
        cost=Money(1200),
        closed_at=door.filed_at.add(hours=5),
    )
    log = desk.log()
    log = attrs.evolve(
        log,
        requests=(*log.requests, door),
        responses=(
            *log.responses,
            Response(request_id="BX-005", at=door.filed_at.add(hours=1), by="后勤处"),
        ),
        orders=(*log.orders, paper),
    )
    period = DateRange(TERM_START, pendulum.Date(2025, 10, 31))
    print("审计结果（2025年9月1日至10月31日）：")
    for finding in audit_repairs(log, desk.policy, period, school_days=days):
        print(f"  [{finding.rule}] {finding.message_zh}")

    overdue = overdue_rounds(log.plans, log.rounds, days, pendulum.Date(2025, 10, 8))
    print(render_overdue_rounds(overdue, on=pendulum.Date(2025, 10, 8), school="红星小学"))

    # RP-5: the projector's repair posts its cost to the asset ledger, all or nothing.
    led = AssetLedger()
    day = pendulum.Date(2025, 8, 25)
    led.register_place("store", "总务库房", PlaceKind.STOREROOM, on=day, by="t-li")
    led.register_item(
        "projector",
        "投影仪",
        unit="台",
        unit_cost="3200",
        category=AssetCategory.TEACHING_INSTRUMENTS,
        on=day,
        by="t-li",
    )
    led.receive(
        "projector",
        "store",
        tags=["PJ-001"],
        acceptor="t-li",
        invoice_ref="FP-1",
        on=day,
        by="t-li",
    )
    projector = RepairRequest(
        request_id="BX-006",
        filed_at=school_datetime(2025, 9, 16, 9),
        reporter="李老师",
        unit="三(2)班",
        description="投影仪不亮",
        place_id="store",
        item_id="projector",
        tags=("PJ-001",),
    )
    done = WorkOrder(
        order_id="WX-006",
        request_id="BX-006",
        opened_at=projector.filed_at,
        worker_kind=WorkerKind.STAFF,
        worker="王师傅",
        estimated_cost=Money(400),
        started_at=projector.filed_at.add(days=1),
        completed_at=projector.filed_at.add(days=2),
        cost=Money(380),
    )
    events = post_repair(led, done, projector, by="t-li")
    print("Posted to the asset ledger:", ", ".join(type(event).__name__ for event in events))


if __name__ == "__main__":
    main()
