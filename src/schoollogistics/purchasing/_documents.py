"""Chinese documents of purchasing and subsidies as plain strings (pure functions).

采购申请单 (PR-1), 资助名单公示 with its dates (SB-3), and the monthly 收支公示 of a
fund (PR-7). No file, no template engine: a front end prints or shows the text.
"""

from __future__ import annotations

from collections.abc import Iterable

from schoollogistics.core.money import Money, to_capital
from schoollogistics.purchasing._policy import FinancePolicy
from schoollogistics.purchasing._records import (
    CashEntry,
    EntryKind,
    Posting,
    PurchaseRequest,
    SubsidyCase,
)

__all__ = ["render_monthly_accounts", "render_purchase_request", "render_subsidy_posting"]


def _day(day: object) -> str:
    return f"{day.year}年{day.month}月{day.day}日"  # type: ignore[attr-defined]  # a date


def render_purchase_request(request: PurchaseRequest, policy: FinancePolicy | None = None) -> str:
    """The 采购申请单 of a request (PR-1): items, quantities, estimates, purpose, dates."""
    settings = policy or FinancePolicy()
    filed = request.filed_at.in_timezone(settings.timezone)
    lines = [
        "采购申请单",
        "",
        f"申请单号：{request.request_id}",
        f"申请部门：{request.unit}",
        f"申 请 人：{request.requester}",
        f"申请日期：{_day(filed)}",
        f"需用日期：{_day(request.needed_on)}",
        f"用    途：{request.purpose}",
        f"预算科目：{request.budget_line}",
        "",
        "序号  品名规格  数量  估计单价（元）  估计金额（元）  市场参考价（元）",
    ]
    for number, line in enumerate(request.lines, 1):
        reference = "——" if line.reference_price is None else str(line.reference_price)
        lines.append(
            f"{number}  {line.item}  {line.quantity}  {line.estimated_price}  "
            f"{line.estimate}  {reference}"
        )
    total = request.estimate
    lines += [
        "",
        f"合计金额：{total} 元（大写：{to_capital(total)}）",
    ]
    if request.urgent_reason.strip():
        lines.append(f"急需说明：{request.urgent_reason}")
    lines += [
        "",
        f"须提前 {settings.lead_days} 天申请，货比三家，第三人监督；未经批准不得采购。",
        "审批意见：____________________",
        "审批人（签字）：__________    日期：__________",
    ]
    return "\n".join(lines) + "\n"


def render_subsidy_posting(posting: Posting, cases: Iterable[SubsidyCase], *, school: str) -> str:
    """The 资助名单公示 (SB-3), with the posting's dates and place.

    Name, class, type and amount of each approved case; no ID numbers or
    family details.
    """
    approved = [case for case in cases if case.amount is not None]
    lines = [
        f"{school}学生资助名单公示",
        "",
        f"经个人申请、学校评审，下列 {len(approved)} 名学生拟享受资助，现予公示。",
        f"公示时间：{_day(posting.start_on)}至{_day(posting.end_on)}（共 {posting.days} 天）",
        f"公示地点：{posting.where}",
        "",
        "序号  姓名  班级  资助项目  金额（元）",
    ]
    for number, case in enumerate(approved, 1):
        lines.append(
            f"{number}  {case.pupil}  {case.class_name}  {case.subsidy_type}  {case.amount}"
        )
    total = Money.sum(case.amount for case in approved if case.amount is not None)
    lines += [
        "",
        f"合计：{total} 元",
        "公示期间如有异议，请向学校资助工作领导小组反映。",
        "",
        f"{school}",
        _day(posting.start_on),
    ]
    return "\n".join(lines) + "\n"


def render_monthly_accounts(
    fund: str,
    year: int,
    month: int,
    entries: Iterable[CashEntry],
    *,
    school: str,
    opening: Money | None = None,
) -> str:
    """The monthly 收支公示 of a fund (PR-7): opening balance, each income and spending, closing."""
    rows = sorted(
        (e for e in entries if e.fund == fund and e.on.year == year and e.on.month == month),
        key=lambda e: (e.on, e.entry_id),
    )
    balance = Money(0) if opening is None else opening
    income = Money.sum(e.amount for e in rows if e.kind is EntryKind.INCOME)
    spending = Money.sum(e.amount for e in rows if e.kind is EntryKind.SPENDING)
    lines = [
        f"{school}{year}年{month}月{fund}收支公示",
        "",
        f"上月结余：{balance} 元",
        "",
        "日期  摘要  收入（元）  支出（元）",
    ]
    for entry in rows:
        got = str(entry.amount) if entry.kind is EntryKind.INCOME else ""
        paid = str(entry.amount) if entry.kind is EntryKind.SPENDING else ""
        lines.append(f"{entry.on.month}月{entry.on.day}日  {entry.description}  {got}  {paid}")
    closing = balance + income - spending
    lines += [
        "",
        f"本月收入合计：{income} 元",
        f"本月支出合计：{spending} 元",
        f"本月结余：{closing} 元",
        "",
        "以上收支情况，欢迎监督。",
        f"{school}财务室",
    ]
    return "\n".join(lines) + "\n"
