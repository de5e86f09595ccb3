"""The Chinese documents of safety work, as plain text (pure strings, nothing printed).

* [`render_hazard_notice`][schoollogistics.safety.render_hazard_notice]: the
  隐患整改通知单 of an entry of the register (SF-3, SF-4);
* [`render_roster`][schoollogistics.safety.render_roster]: a 值班表 (DU-1, DU-2), with
  the make-up working days the calendar gives around it;
* [`render_weekly_check`][schoollogistics.safety.render_weekly_check]: a weekly
  safety-check record (安全检查记录) in the seeds' style (SF-1, SF-2).
"""

from __future__ import annotations

from collections.abc import Iterable

import pendulum

from schoollogistics.safety._records import (
    DAY_TYPE_ZH,
    KIND_ZH,
    LEVEL_ZH,
    SHIFT_ZH,
    STATE_ZH,
    DayType,
    Hazard,
    InspectionRecord,
    Roster,
)

__all__ = ["render_hazard_notice", "render_roster", "render_weekly_check"]

_WEEKDAYS = "一二三四五六日"


def _date_zh(day: pendulum.Date) -> str:
    return f"{day.year}年{day.month}月{day.day}日"


def _short_zh(day: pendulum.Date) -> str:
    return f"{day.month}月{day.day}日（星期{_WEEKDAYS[day.isoweekday() - 1]}）"


def render_hazard_notice(hazard: Hazard, *, school_zh: str = "本校") -> str:
    """The 隐患整改通知单 of an entry: what, where, level, owner, deadline, precautions."""
    lines = [
        "隐患整改通知单",
        "",
        f"编号：{hazard.hazard_id}",
        f"{hazard.owner_unit}（整改责任人：{hazard.owner}）：",
        (
            f"    {_date_zh(hazard.found_on)}，{hazard.found_by}在{hazard.place}"
            "检查发现以下安全隐患，"
            f"请于{_date_zh(hazard.deadline)}前整改完毕，整改后报{school_zh}复查。"
        ),
        "",
        f"一、隐患内容：{hazard.description}",
        f"二、隐患等级：{LEVEL_ZH[hazard.level]}",
        f"三、整改期限：{_date_zh(hazard.deadline)}",
        "四、整改前临时防范措施：",
    ]
    lines += [f"    {n}. {text}" for n, text in enumerate(hazard.interim, 1)] or ["    无"]
    lines.append("五、整改措施：")
    lines += [f"    {n}. {text}" for n, text in enumerate(hazard.measures, 1)] or ["    （待填）"]
    reinspected = (
        f"{hazard.reinspected_by}，{_date_zh(hazard.reinspected_on)}"
        if hazard.reinspected_by is not None and hazard.reinspected_on is not None
        else "（待复查，复查人不得为整改责任人）"
    )
    closed = (
        f"{hazard.approved_by}，{_date_zh(hazard.closed_on)}"
        if hazard.approved_by is not None and hazard.closed_on is not None
        else "（待签字）"
    )
    lines += [
        f"六、当前状态：{STATE_ZH[hazard.state]}",
        f"复查人及日期：{reinspected}",
        f"销号签字：{closed}",
        "",
        f"整改责任人签收：{hazard.owner}          {school_zh}（盖章）",
    ]
    return "\n".join(lines) + "\n"


def render_roster(
    roster: Roster, *, working_days: Iterable[pendulum.Date] = (), school_zh: str = "本校"
) -> str:
    """The 值班表 of a roster: one line per day and shift, with the post and the person.

    ``working_days`` are the make-up working days (调休上班) around the roster the
    notice names (the calendar's ``holidays.is_makeup_workday``); they are listed
    after the table.
    """
    lines = [f"{school_zh}{roster.title_zh}", "", "日期 | 类别 | 班次 | 岗位 | 值班人员"]
    by_day = {day.day: day for day in roster.days}
    for assignment in sorted(
        roster.assignments, key=lambda a: (a.day, a.shift.value != "day", a.post)
    ):
        day = by_day.get(assignment.day)
        kind = DAY_TYPE_ZH[day.day_type] if day is not None else ""
        if day is not None and day.holiday_zh is not None and day.day_type is DayType.DAY_OFF:
            kind = "调休休息" if "调休" in day.holiday_zh else f"{day.holiday_zh}放假"
        lines.append(
            f"{_short_zh(assignment.day)} | {kind} | {SHIFT_ZH[assignment.shift]} | "
            f"{assignment.post} | {assignment.person}"
        )
    extra = sorted(set(working_days))
    if extra:
        lines += [
            "",
            "调休上班：" + "、".join(_short_zh(day) for day in extra) + "，按正常工作日安排。",
        ]
    lines += [
        "",
        "要求：值班人员按时到岗，不得擅离职守；做好值班记录和交接班签字；遇有突发情况立即报告。",
        f"公布日期：{_date_zh(roster.published_on)}",
    ]
    return "\n".join(lines) + "\n"


def render_weekly_check(record: InspectionRecord) -> str:
    """A safety-check record (安全检查记录) in the seeds' style: items, findings, signatures."""
    lines = [
        f"{KIND_ZH[record.kind]}记录",
        "",
        f"检查日期：{_date_zh(record.on)}    检查部位：{record.unit}",
        f"检查人员：{'、'.join(record.inspectors)}",
        "",
        "序号 | 检查部位 | 检查项目 | 检查结果 | 处理情况",
    ]
    for n, item in enumerate(record.items, 1):
        if item.ok:
            result, handled = "正常", "—"
        elif item.fixed_on_spot:
            result, handled = item.note or "有问题", f"当场整改（{item.corrected_by or '—'}）"
        else:
            result = item.note or "有问题"
            handled = f"已登记隐患台账（{item.hazard_id}）" if item.hazard_id else "未登记"
        lines.append(f"{n} | {item.subject} | {item.item} | {result} | {handled}")
    lines += [
        "",
        f"检查人签名：{record.inspector_signature or '（未签）'}",
        f"被检查部门负责人签名：{record.head_signature or '（未签）'}",
    ]
    return "\n".join(lines) + "\n"
