"""Monthly calendar engine (行事历): school years, holidays, recurring tasks, month plans.

Rules CA-1 … CA-6:

* **CA-1** school years and terms as data:
  [`SchoolYear`][schoollogistics.school_calendar.SchoolYear],
  [`Term`][schoollogistics.school_calendar.Term];
* **CA-2** public holidays and make-up working days (调休):
  [`HolidayCalendar`][schoollogistics.school_calendar.HolidayCalendar] over the
  ``holidays`` package, user [`HolidayNotice`][schoollogistics.school_calendar.HolidayNotice]s,
  years without official data flagged;
* **CA-3/CA-4** task rules: [`TaskRule`][schoollogistics.school_calendar.TaskRule]
  with a schedule (daily, weekly, monthly, k times per term, …) and the built-in
  [`primary_school_template`][schoollogistics.school_calendar.primary_school_template];
  [`audit_frequencies`][schoollogistics.school_calendar.audit_frequencies] checks CA-4;
* **CA-5** non-school days: [`ShiftPolicy`][schoollogistics.school_calendar.ShiftPolicy]
  and [`DayKind`][schoollogistics.school_calendar.DayKind];
* **CA-6** plans: [`plan_month`][schoollogistics.school_calendar.plan_month],
  [`plan_year`][schoollogistics.school_calendar.plan_year], zh-CN text
  ("九月份：1、…") and iCalendar export ([`to_ical`][schoollogistics.school_calendar.to_ical]).

Everything is pure: the same input gives the same plan; nothing reads a clock.
"""

from schoollogistics.school_calendar._audit import (
    DEFAULT_FREQUENCIES,
    Period,
    RegulatoryFrequency,
    audit_frequencies,
)
from schoollogistics.school_calendar._days import (
    ChildrensDayPolicy,
    DayKind,
    HolidayBlock,
    SchoolCalendar,
    SchoolDayPolicy,
)
from schoollogistics.school_calendar._expand import expand_rule
from schoollogistics.school_calendar._holidays import (
    DataStatus,
    HolidayCalendar,
    HolidayDay,
    HolidayNotice,
    YearSource,
    official_years,
)
from schoollogistics.school_calendar._ical import to_ical
from schoollogistics.school_calendar._plans import (
    MonthPlan,
    PlanDiff,
    PlanEntry,
    YearPlan,
    diff_plans,
    month_name_zh,
    plan_month,
    plan_year,
    render_month_zh,
)
from schoollogistics.school_calendar._rules import (
    Anchor,
    AnnualDate,
    Category,
    Daily,
    HolidayDuty,
    HolidayEve,
    MonthlyFixedDay,
    MonthlyNthSchoolDay,
    MonthlyNthWeekday,
    OneOff,
    RelativeToTerm,
    Schedule,
    ShiftPolicy,
    TaskRule,
    Template,
    TimesPerTerm,
    TimesPerYear,
    Unit,
    Weekly,
)
from schoollogistics.school_calendar._template import primary_school_template
from schoollogistics.school_calendar._terms import SchoolYear, Term, Vacation

__all__ = [
    "DEFAULT_FREQUENCIES",
    "Anchor",
    "AnnualDate",
    "Category",
    "ChildrensDayPolicy",
    "Daily",
    "DataStatus",
    "DayKind",
    "HolidayBlock",
    "HolidayCalendar",
    "HolidayDay",
    "HolidayDuty",
    "HolidayEve",
    "HolidayNotice",
    "MonthPlan",
    "MonthlyFixedDay",
    "MonthlyNthSchoolDay",
    "MonthlyNthWeekday",
    "OneOff",
    "Period",
    "PlanDiff",
    "PlanEntry",
    "RegulatoryFrequency",
    "RelativeToTerm",
    "Schedule",
    "SchoolCalendar",
    "SchoolDayPolicy",
    "SchoolYear",
    "ShiftPolicy",
    "TaskRule",
    "Template",
    "Term",
    "TimesPerTerm",
    "TimesPerYear",
    "Unit",
    "Vacation",
    "Weekly",
    "YearPlan",
    "YearSource",
    "audit_frequencies",
    "diff_plans",
    "expand_rule",
    "month_name_zh",
    "official_years",
    "plan_month",
    "plan_year",
    "primary_school_template",
    "render_month_zh",
    "to_ical",
]
