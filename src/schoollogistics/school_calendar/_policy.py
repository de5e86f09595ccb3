"""Every policy of the calendar engine, each citing its rule IDs (defaults from RULES.md).

* which days a task may fall on, and what a date that is not such a day becomes
  (``DayKind``, ``ShiftPolicy``: CA-5);
* how 1 June counts for the school (``ChildrensDayPolicy``, ``SchoolDayPolicy``: CA-2, CA-5);
* the regulatory frequencies a plan must meet (``RegulatoryFrequency``,
  ``DEFAULT_FREQUENCIES``: CA-4).
"""

from __future__ import annotations

import enum
from typing import Final

import attrs

from schoollogistics.core.shapes import checked_fields
from schoollogistics.errors import Phrase
from schoollogistics.school_calendar._rules import ca4_frequency_is_valid
from schoollogistics.school_calendar.errors import RuleInvalidError

__all__ = [
    "DEFAULT_FREQUENCIES",
    "ChildrensDayPolicy",
    "DayKind",
    "Period",
    "RegulatoryFrequency",
    "SchoolDayPolicy",
    "ShiftPolicy",
]


class DayKind(enum.Enum):
    """Which days a task may fall on (rule CA-5; default of a task rule: ``SCHOOL_DAY``)."""

    SCHOOL_DAY = "school_day"
    """A school day: a working day inside a term, not in a break, not a pupils' day off."""
    WORKING_DAY = "working_day"
    """Any official working day, vacations included (staff work; e.g. 开学前准备 in August)."""
    ANY_DAY = "any_day"
    """Any day, public holidays and weekends included (holiday duty, 值班)."""


class ShiftPolicy(enum.Enum):
    """What happens to a date that is not an allowed day (rule CA-5).

    RULES.md CA-5: "A task that falls on a day without school follows its rule's
    policy: previous school day, next school day, or skip." The default of a task
    rule is ``PREVIOUS``.

    A shift stays inside the rule's period (the week of a weekly rule, the month of
    a monthly rule, the school year otherwise); when no allowed day lies in the
    asked direction inside it, the nearest one in the other direction is taken.
    """

    PREVIOUS = "previous"
    """The previous allowed day (提前)."""
    NEXT = "next"
    """The next allowed day (顺延)."""
    SKIP = "skip"
    """Drop the occurrence (取消)."""
    KEEP = "keep"
    """Keep the date (a weekend event, 1 June); a public holiday is still never kept:
    the task then moves to the next allowed day."""


class ChildrensDayPolicy(enum.Enum):
    """How 1 June (六一儿童节) counts for the school (rule CA-2).

    The national holiday rules give children under 14 a day off on 1 June; adults
    work. Primary-school pupils are all under 14, so by default 1 June is not a
    school day (pupils are off), while it stays a working day for staff: tasks
    allowed on working days (and the 庆六一 event, which keeps its date) still
    fall on it.
    """

    PUPILS_OFF = "pupils_off"
    """1 June is not a school day (default, for primary schools)."""
    SCHOOL_DAY = "school_day"
    """1 June is an ordinary school day (schools whose pupils are 14 or older)."""


@attrs.frozen(field_transformer=checked_fields())
class SchoolDayPolicy:
    """Policies of the school-day predicate (rules CA-2, CA-5).

    Attributes:
        childrens_day: How 1 June counts; default: pupils off (CA-2, 全国年节及纪念日放假办法 §3).
    """

    childrens_day: ChildrensDayPolicy = ChildrensDayPolicy.PUPILS_OFF


class Period(enum.Enum):
    """The period a frequency counts in (school-year months, August first; rule CA-4)."""

    MONTH = 1
    """Each month."""
    QUARTER = 3
    """Each three months of the school year (Aug–Oct, Nov–Jan, Feb–Apr, May–Jul)."""
    YEAR = 12
    """The school year."""


@attrs.frozen(field_transformer=checked_fields())
class RegulatoryFrequency:
    """A duty required at least ``min_count`` times per period (rule CA-4).

    Raises ``RuleInvalidError`` (``calendar.rule_invalid``) for a blank key, a
    period that is not a ``Period`` or a ``min_count`` below 1.

    Attributes:
        key: Stable key, matched against ``TaskRule.regulatory_key``.
        title_zh: The duty, e.g. ``"防火检查"``.
        period: The period it is counted in.
        min_count: The least number of times per period.
        source: The text that requires it.
    """

    key: str
    title_zh: str
    period: Period
    min_count: int
    source: str

    def __attrs_post_init__(self) -> None:
        ca4_frequency_is_valid(self)
        if not isinstance(self.period, Period):
            raise RuleInvalidError(
                rule=self.key, reason=Phrase("period must be a Period", "「period」须为「Period」")
            )


DEFAULT_FREQUENCIES: Final[tuple[RegulatoryFrequency, ...]] = (
    RegulatoryFrequency(
        "fire_inspection", "防火检查", Period.QUARTER, 1, "公安部令第61号 §26 (at least quarterly)"
    ),
    RegulatoryFrequency(
        "extinguisher_check", "灭火器检查", Period.MONTH, 1, "GB 50444 §5.2.1 (monthly)"
    ),
    RegulatoryFrequency(
        "special_equipment_check",
        "特种设备自行检查",
        Period.MONTH,
        1,
        "特种设备安全监察条例 §27 (at least monthly)",
    ),
    RegulatoryFrequency(
        "asset_count", "固定资产与存货盘点", Period.YEAR, 1, "政府会计制度 (at least yearly)"
    ),
    RegulatoryFrequency(
        "food_handler_health_check", "食堂从业人员健康检查", Period.YEAR, 1, "食品安全法 §45"
    ),
)
"""The CA-4 frequencies of RULES.md (defaults of the policy; pass your own tuple to change them)."""
