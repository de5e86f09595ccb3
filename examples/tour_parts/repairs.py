"""Tour section: repairs and maintenance (报修、维修), rules RP-1 … RP-7."""

from __future__ import annotations

import pendulum

from schoollogistics import DateRange, SchoolLogisticsError, school_datetime
from schoollogistics.core.money import Money
from schoollogistics.repairs import (
    FileRequest,
    OpenOrder,
    RepairDesk,
    RepairRequest,
    SchoolDays,
    StartWork,
    WorkerKind,
    WorkOrder,
    render_request_form,
)

TITLE = "Repairs: answered in time, approved before work, accepted by the reporter (报修)"


def show() -> None:
    days = SchoolDays([pendulum.Date(2025, 9, d) for d in (1, 2, 3, 4, 5, 8, 9, 10, 11, 12)])
    desk = RepairDesk("红星小学后勤处", school_days=days)
    roof = RepairRequest(
        request_id="BX-002",
        filed_at=school_datetime(2025, 9, 3, 9),
        reporter="赵主任",
        unit="德育处",
        description="礼堂屋顶漏水",
        place_id="hall",
        safety=True,
    )
    desk.execute(FileRequest(roof))
    print(render_request_form(roof).strip())
    print("Answer due by:", desk.policy.response_deadline(roof, days))
    order = WorkOrder(
        order_id="WX-002",
        request_id="BX-002",
        opened_at=school_datetime(2025, 9, 3, 10),
        worker_kind=WorkerKind.CONTRACTOR,
        worker="城东建筑公司",
        estimated_cost=Money(9000),
        project=True,
    )
    desk.execute(OpenOrder(order))
    try:
        desk.execute(StartWork("WX-002", school_datetime(2025, 9, 4, 8)))
    except SchoolLogisticsError as error:
        print(f"Refused ({error.code}): {error.message_zh}")
    period = DateRange(pendulum.Date(2025, 9, 1), pendulum.Date(2025, 9, 12))
    for finding in desk.audit(period):
        print(f"[{finding.rule}] {finding.message_zh}")
