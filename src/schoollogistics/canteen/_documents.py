"""Chinese documents of the canteen as plain strings: 伙食账目公示, 退费清单, 晨检记录.

Pure functions of the records: no file, no template engine; a front end prints
or shows the text as it is. Amounts are in figures and in capitals (大写).
"""

from __future__ import annotations

from collections.abc import Iterable

import pendulum

from schoollogistics.canteen._policy import CanteenPolicy
from schoollogistics.canteen._records import (
    Account,
    AccountLine,
    HealthCertificate,
    MealExpense,
    MealIncome,
    MealStatement,
    MorningCheck,
    Refund,
)
from schoollogistics.core.money import Money

__all__ = [
    "meal_statement",
    "render_meal_accounts_notice",
    "render_morning_checks",
    "render_refund_list",
]


def _date_zh(day: pendulum.Date) -> str:
    return f"{day.year}年{day.month}月{day.day}日"


def meal_statement(
    school: str,
    year: int,
    month: int,
    incomes: Iterable[MealIncome],
    expenses: Iterable[MealExpense],
) -> MealStatement:
    """CN-8: the month's statement, one line per account (pupils first).

    The opening balance is everything before the month; income and spending are
    the month's entries; the closing balance is opening + income − spending.
    """
    first = pendulum.Date(year, month, 1)
    last = first.end_of("month")
    sums: dict[tuple[Account, str], Money] = {}

    def add(account: Account, column: str, amount: Money) -> None:
        sums[account, column] = sums.get((account, column), Money.zero()) + amount

    for entry in incomes:
        if entry.on < first:
            add(entry.account, "opening", entry.amount)
        elif entry.on <= last:
            add(entry.account, "income", entry.amount)
    for expense in expenses:
        if expense.on < first:
            add(expense.account, "opening", -expense.amount)
        elif expense.on <= last:
            add(expense.account, "spending", expense.amount)
    lines = []
    for account in (Account.PUPIL, Account.STAFF):
        opening = sums.get((account, "opening"), Money.zero())
        income = sums.get((account, "income"), Money.zero())
        spending = sums.get((account, "spending"), Money.zero())
        lines.append(
            AccountLine(
                account=account,
                opening=opening,
                income=income,
                spending=spending,
                closing=opening + income - spending,
            )
        )
    return MealStatement(school=school, year=year, month=month, lines=tuple(lines))


def _yuan(amount: Money) -> str:
    return f"{amount.quantize_fen()} 元（{amount.quantize_fen().to_capital()}）"


def render_meal_accounts_notice(statement: MealStatement) -> str:
    """CN-8: the monthly 伙食账目公示 of a statement, as text."""
    lines = [
        f"{statement.school}{statement.year}年{statement.month}月伙食账目公示",
        "",
        "师生伙食严格分开，学生伙食费专款专用。本月伙食账目公示如下：",
        "",
    ]
    for number, line in enumerate(statement.lines, 1):
        lines.extend(
            [
                f"{number}、{line.account.label_zh}账户",
                f"  上月结余：{_yuan(line.opening)}",
                f"  本月收入：{_yuan(line.income)}",
                f"  本月支出：{_yuan(line.spending)}",
                f"  本月结余：{_yuan(line.closing)}",
            ]
        )
    lines.extend(
        ["", "如有疑问，请向学校后勤处反映。", "", "公示人：__________    日期：__________"]
    )
    return "\n".join(lines) + "\n"


def render_refund_list(refunds: Iterable[Refund], *, title: str = "伙食费退费清单") -> str:
    """CN-1: the 退费清单: one line per pupil refunded, the total, figures and 大写."""
    rows = [r for r in refunds if r.amount]
    total = Money.sum(r.amount for r in rows)
    lines = [title, "", "序号 | 班级 | 姓名 | 退费天数 | 退费金额（元） | 大写"]
    lines.extend(
        f"{number} | {r.class_name} | {r.pupil_name} | {len(r.days)} | {r.amount.quantize_fen()} "
        f"| {r.amount.to_capital()}"
        for number, r in enumerate(rows, 1)
    )
    lines.extend(
        [
            "",
            f"合计：{len(rows)} 人，{total.quantize_fen()} 元（大写：{total.to_capital()}）",
            "",
            "经办人：__________    审核人：__________    日期：__________",
        ]
    )
    return "\n".join(lines) + "\n"


def render_morning_checks(
    day: pendulum.Date,
    checks: Iterable[MorningCheck],
    certificates: Iterable[HealthCertificate] = (),
    policy: CanteenPolicy | None = None,
) -> str:
    """CN-3: the 晨检记录 of a day: each handler, time, result, certificate, action."""
    rules = policy or CanteenPolicy()
    zone = rules.timezone
    names: dict[str, str] = {}
    valid: dict[str, pendulum.Date] = {}
    for certificate in certificates:
        names.setdefault(certificate.handler_id, certificate.handler_name)
        through = rules.certificate_valid_through(certificate.examined_on)
        if certificate.examined_on <= day <= through:
            valid[certificate.handler_id] = max(through, valid.get(certificate.handler_id, through))
    rows = sorted((c for c in checks if c.day == day), key=lambda c: (c.at, c.handler_id))
    lines = [
        f"食堂从业人员晨检记录（{_date_zh(day)}）",
        "",
        "序号 | 姓名 | 晨检时间 | 检查结果 | 健康证有效期至 | 处理 | 检查人",
    ]
    for number, check in enumerate(rows, 1):
        result = "正常" if check.passed else "、".join(s.label_zh for s in check.symptoms)
        action = "上岗" if check.passed else "离岗，复岗须确认"
        until = valid.get(check.handler_id)
        valid_text = "无有效健康证" if until is None else _date_zh(until)
        lines.append(
            f"{number} | {names.get(check.handler_id, check.handler_id)} | "
            f"{check.at.in_timezone(zone).format('HH:mm')} | {result} | "
            f"{valid_text} | {action} | {check.checked_by}"
        )
    failed = sum(1 for c in rows if not c.passed)
    lines.extend(["", f"应检 {len(rows)} 人，异常 {failed} 人。", "", "检查人（签字）：__________"])
    return "\n".join(lines) + "\n"
