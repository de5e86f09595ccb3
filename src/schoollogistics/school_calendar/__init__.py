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

Inside, the area has the shape of every pure-function area: frozen records
(``_records.py``, task rules in ``_tasks.py``), every policy with its rule IDs
(``_policy.py``), one guard per rule and concern named after its ID (``_rules.py``:
``ca1_terms_in_order``, ``ca2_makeup_days_on_weekends``, ``ca3_weekly`` …) and the audit
checks (``_audit.py``: ``ca4_frequency_met``), with the computation modules (terms,
holidays, school days, expansion, plans, template, iCalendar) beside them, all private.
"""

from schoollogistics.school_calendar._audit import audit_frequencies
from schoollogistics.school_calendar._days import SchoolCalendar
from schoollogistics.school_calendar._expand import expand_rule
from schoollogistics.school_calendar._holidays import HolidayCalendar, official_years
from schoollogistics.school_calendar._ical import to_ical
from schoollogistics.school_calendar._plans import (
    MonthPlan,
    YearPlan,
    diff_plans,
    month_name_zh,
    plan_month,
    plan_year,
    render_month_zh,
)
from schoollogistics.school_calendar._policy import (
    DEFAULT_FREQUENCIES,
    ChildrensDayPolicy,
    DayKind,
    Period,
    RegulatoryFrequency,
    SchoolDayPolicy,
    ShiftPolicy,
)
from schoollogistics.school_calendar._records import (
    Category,
    DataStatus,
    HolidayBlock,
    HolidayDay,
    HolidayNotice,
    PlanDiff,
    PlanEntry,
    Term,
    Vacation,
    YearSource,
)
from schoollogistics.school_calendar._tasks import (
    Anchor,
    AnnualDate,
    Daily,
    HolidayDuty,
    HolidayEve,
    MonthlyFixedDay,
    MonthlyNthSchoolDay,
    MonthlyNthWeekday,
    OneOff,
    RelativeToTerm,
    Schedule,
    TaskRule,
    Template,
    TimesPerTerm,
    TimesPerYear,
    Unit,
    Weekly,
)
from schoollogistics.school_calendar._template import primary_school_template
from schoollogistics.school_calendar._terms import SchoolYear

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
