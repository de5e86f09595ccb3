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
    Category,
    Schedule,
    ShiftPolicy,
    TaskRule,
    Template,
    Unit,
)
from schoollogistics.school_calendar._terms import SchoolYear, Term, Vacation

SERIALIZABLE_TYPES: Final[tuple[type, ...]] = (
    Anchor,
    Category,
    ChildrensDayPolicy,
    DataStatus,
    DayKind,
    HolidayBlock,
    HolidayCalendar,
    HolidayDay,
    HolidayNotice,
    MonthPlan,
    Period,
    PlanDiff,
    PlanEntry,
    RegulatoryFrequency,
    SchoolCalendar,
    SchoolDayPolicy,
    SchoolYear,
    ShiftPolicy,
    TaskRule,
    Template,
    Term,
    Unit,
    Vacation,
    YearPlan,
    YearSource,
)
TAGGED_UNIONS: Final[tuple[Any, ...]] = (Schedule,)
