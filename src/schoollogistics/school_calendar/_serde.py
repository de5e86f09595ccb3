"""Types of this area that serialize (read by ``schoollogistics.serialization``).

``SERIALIZABLE_TYPES`` lists every public type that must round-trip;
``TAGGED_UNIONS`` lists unions serialized with a ``"type"`` key. This module must
not import ``schoollogistics.serialization`` (which imports it).
"""

from __future__ import annotations

from typing import Any, Final

from schoollogistics.school_calendar._audit import Period, RegulatoryFrequency
from schoollogistics.school_calendar._days import (
    ChildrensDayPolicy,
    DayKind,
    HolidayBlock,
    SchoolCalendar,
    SchoolDayPolicy,
)
from schoollogistics.school_calendar._holidays import (
    DataStatus,
    HolidayCalendar,
    HolidayDay,
    HolidayNotice,
    YearSource,
)
from schoollogistics.school_calendar._plans import MonthPlan, PlanDiff, PlanEntry, YearPlan
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
from schoollogistics.school_calendar._terms import SchoolYear, Term, Vacation

SERIALIZABLE_TYPES: Final[tuple[type, ...]] = (
    Anchor,
    AnnualDate,
    Category,
    ChildrensDayPolicy,
    Daily,
    DataStatus,
    DayKind,
    HolidayBlock,
    HolidayCalendar,
    HolidayDay,
    HolidayDuty,
    HolidayEve,
    HolidayNotice,
    MonthPlan,
    MonthlyFixedDay,
    MonthlyNthSchoolDay,
    MonthlyNthWeekday,
    OneOff,
    Period,
    PlanDiff,
    PlanEntry,
    RegulatoryFrequency,
    RelativeToTerm,
    SchoolCalendar,
    SchoolDayPolicy,
    SchoolYear,
    ShiftPolicy,
    TaskRule,
    Template,
    Term,
    TimesPerTerm,
    TimesPerYear,
    Unit,
    Vacation,
    Weekly,
    YearPlan,
    YearSource,
)
TAGGED_UNIONS: Final[tuple[Any, ...]] = (Schedule,)
