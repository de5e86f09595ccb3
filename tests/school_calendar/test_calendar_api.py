"""The public API of the calendar area is pinned; errors carry both languages."""

from __future__ import annotations

import pytest

from schoollogistics import CalendarError, school_calendar
from schoollogistics.school_calendar import errors

PUBLIC = [
    "DEFAULT_FREQUENCIES", "Anchor", "AnnualDate", "Category", "ChildrensDayPolicy", "Daily",
    "DataStatus", "DayKind", "HolidayBlock", "HolidayCalendar", "HolidayDay", "HolidayDuty",
    "HolidayEve", "HolidayNotice", "MonthPlan", "MonthlyFixedDay", "MonthlyNthSchoolDay",
    "MonthlyNthWeekday", "OneOff", "Period", "PlanDiff", "PlanEntry", "RegulatoryFrequency",
    "RelativeToTerm", "Schedule", "SchoolCalendar", "SchoolDayPolicy", "SchoolYear",
    "ShiftPolicy", "TaskRule", "Template", "Term", "TimesPerTerm", "TimesPerYear", "Unit",
    "Vacation", "Weekly", "YearPlan", "YearSource", "audit_frequencies", "diff_plans",
    "expand_rule", "month_name_zh", "official_years", "plan_month", "plan_year",
    "primary_school_template", "render_month_zh", "to_ical",
]  # fmt: skip


def test_all_is_pinned() -> None:
    assert school_calendar.__all__ == PUBLIC
    # sorted the isort way (constants, classes, functions), as ruff's RUF022 wants
    assert len(set(PUBLIC)) == len(PUBLIC)


@pytest.mark.parametrize("name", errors.__all__)
def test_errors_are_calendar_errors(name: str) -> None:
    cls = getattr(errors, name)
    assert issubclass(cls, CalendarError)
    assert cls.code.startswith("calendar.")
    error = cls(**dict.fromkeys(cls.param_names, "x"))
    assert error.message_en != error.message_zh
