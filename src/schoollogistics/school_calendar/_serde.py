"""Types of this area that serialize (read by ``schoollogistics.serialization``).

``SERIALIZABLE_TYPES`` lists every public type that must round-trip;
``TAGGED_UNIONS`` lists unions serialized with a ``"type"`` key. This module must
not import ``schoollogistics.serialization`` (which imports it).
"""

from __future__ import annotations

from typing import Final

from schoollogistics.school_calendar._days import SchoolCalendar
from schoollogistics.school_calendar._holidays import HolidayCalendar
from schoollogistics.school_calendar._plans import MonthPlan, YearPlan
from schoollogistics.school_calendar._policy import (
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
from schoollogistics.school_calendar._terms import SchoolYear

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
TAGGED_UNIONS: Final[tuple[object, ...]] = (Schedule,)
