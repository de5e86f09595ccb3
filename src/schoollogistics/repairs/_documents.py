"""Chinese documents of repairs as plain strings: 报修单, 维修验收单, 逾期巡检清单.

Pure functions of the records: no file, no template engine; a front end prints
or shows the text as it is (monospace not needed: one field a line).
"""

from __future__ import annotations

from collections.abc import Iterable

import pendulum

from schoollogistics.repairs._policy import RepairPolicy
from schoollogistics.repairs._records import RepairRequest, WorkerKind, WorkOrder
from schoollogistics.repairs._rounds import DueRound

__all__ = ["render_acceptance_form", "render_overdue_rounds", "render_request_form"]

_WORKER_ZH = {WorkerKind.STAFF: "校内维修工", WorkerKind.CONTRACTOR: "外包单位"}


def _when(moment: pendulum.DateTime | None, zone: str) -> str:
    if moment is None:
        return "——"
    return moment.in_timezone(zone).format("YYYY年M月D日 HH:mm")


def render_request_form(request: RepairRequest, policy: RepairPolicy | None = None) -> str:
    """The 报修单 of a request (RP-1), as text."""
    zone = (policy or RepairPolicy()).timezone
    cause = f"人为损坏，赔偿单 {request.claim_id or '待开'}" if request.man_made else "自然损耗"
    lines = [
        "报修单",
        "",
        f"报修单号：{request.request_id}",
        f"报修时间：{_when(request.filed_at, zone)}",
        f"报修部门：{request.unit}",
        f"报 修 人：{request.reporter}",
        f"报修地点：{request.place_id or '——'}",
        f"报修物品：{request.item_id or '——'}",
        f"资产编号：{'、'.join(request.tags) or '——'}",
        f"故障描述：{request.description}",
        f"安全隐患：{'是（当日回应）' if request.safety else '否'}",
        f"损坏原因：{cause}",
        "",
        "后勤处意见：____________________",
        "回应人（签字）：__________    日期：__________",
    ]
    return "\n".join(lines) + "\n"


def render_acceptance_form(
    order: WorkOrder, request: RepairRequest, policy: RepairPolicy | None = None
) -> str:
    """The 维修验收单 of a work order (RP-3): the work, the cost and the signatures."""
    zone = (policy or RepairPolicy()).timezone
    cost = "——" if order.cost is None else f"{order.cost} 元"
    approval = (
        f"已审批，{order.approved_by} {_when(order.approved_at, zone)}"
        if order.approved_at is not None
        else "未审批"
    )
    lines = [
        "维修验收单",
        "",
        f"维修单号：{order.order_id}（报修单 {request.request_id}）",
        f"维修项目：{request.subject}：{request.description}",
        f"施 工 方：{_WORKER_ZH[order.worker_kind]} {order.worker}",
        f"预算金额：{order.estimated_cost} 元",
        f"审批情况：{approval}",
        f"开工时间：{_when(order.started_at, zone)}",
        f"完工时间：{_when(order.completed_at, zone)}",
        f"实际费用：{cost}",
    ]
    for acceptance in order.acceptances:
        verdict = "验收合格" if acceptance.accepted else "验收不合格"
        substitute = "" if acceptance.signed_by == request.reporter else "（代签）"
        note = f"，{acceptance.reason}" if acceptance.reason else ""
        lines.append(
            f"验收意见：{verdict}{note}；验收人 {acceptance.signed_by}{substitute}，"
            f"{_when(acceptance.at, zone)}"
        )
    if not order.acceptances:
        lines.append("验收意见：____________________")
        lines.append(f"验收人（报修人 {request.reporter}）签字：__________    日期：__________")
    return "\n".join(lines) + "\n"


def render_overdue_rounds(rounds: Iterable[DueRound], *, on: pendulum.Date, school: str) -> str:
    """A notice listing the overdue preventive rounds (RP-7), in the style of a school notice."""
    overdue = list(rounds)
    lines = [f"关于{school}逾期未检查项目的通知", "", "各相关责任人："]
    if not overdue:
        lines.append(f"截至{on.year}年{on.month}月{on.day}日，各项定期检查均已按时完成。")
    else:
        lines.append(
            f"截至{on.year}年{on.month}月{on.day}日，以下 {len(overdue)} 项定期检查逾期未做，"
            "请立即安排检查并填写巡检记录，发现问题及时报修："
        )
        lines.append("")
        for number, window in enumerate(overdue, 1):
            lines.append(
                f"{number}. {window.subject}（计划 {window.plan_id}）："
                f"应于 {window.opens_on.isoformat()} 至 {window.due_on.isoformat()} 检查"
            )
    lines += ["", "特此通知。", "", f"{school}后勤处", f"{on.year}年{on.month}月{on.day}日"]
    return "\n".join(lines) + "\n"
