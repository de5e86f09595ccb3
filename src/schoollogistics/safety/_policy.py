"""The policy of safety, duty and the gate: every configurable rule, defaults from RULES.md.

One policy, [`SafetyPolicy`][schoollogistics.safety.SafetyPolicy], carries the
inspection schedules of SF-1 (the CA-4 frequencies of the calendar area, reused as
they are), the power limit of SF-6, the drills of SF-8, the shifts and posts of
DU-1/DU-2, the gate's hours of DU-3 … DU-5 and the roles that need an agreement
(DU-7). Guards, the roster builder and the audit take it as an argument.
"""

from __future__ import annotations

from collections.abc import Iterable

import attrs

from schoollogistics.core.shapes import checked_fields
from schoollogistics.core.time import DEFAULT_TIMEZONE, get_timezone
from schoollogistics.errors import Phrase
from schoollogistics.safety._records import Shift
from schoollogistics.safety.errors import InvalidSafetyRecordError
from schoollogistics.school_calendar import DEFAULT_FREQUENCIES, RegulatoryFrequency

__all__ = ["SafetyPolicy"]


def _shifts(value: Iterable[object]) -> tuple[Shift, ...]:
    return tuple(v if isinstance(v, Shift) else Shift(v) for v in value)


def _frequencies(value: Iterable[RegulatoryFrequency]) -> tuple[RegulatoryFrequency, ...]:
    return tuple(value)


def _roles(value: Iterable[str]) -> tuple[str, ...]:
    return tuple(value)


@attrs.frozen(kw_only=True, field_transformer=checked_fields())
class SafetyPolicy:
    """The configurable rules of safety work, duty and the gate.

    Derive a local variant with ``attrs.evolve(policy, drills_per_term=2)``.

    Attributes:
        frequencies: SF-1/CA-4 the regulatory frequencies (the calendar area's
            ``DEFAULT_FREQUENCIES``): ``fire_inspection`` counts signed fire
            inspections, ``extinguisher_check`` each extinguisher's checks; other
            keys belong to other areas and are ignored here.
        weekly_check: SF-1 a signed weekly safety check in every week with school
            (default yes, seed 004).
        monthly_check: SF-1 a signed monthly full check in every month with school
            (default yes, seed 004 "每月开展一次深入全面的大检查").
        term_start_check: SF-1 a signed start-of-term check in the
            ``electrical_lead_days`` before each term (default yes, seed 003).
        electrical_lead_days: SF-5 the electrical check before a term falls within
            this many days before its first day (default 14).
        power_limit_watts: SF-6 the power limit per appliance (default 1000 W, a
            placeholder chosen here, not sourced).
        drills_per_term: SF-8 evacuation drills per term (default 1).
        school_day_shifts: DU-1 the shifts of a school day (default: the day).
        school_day_post: DU-1 the post of a school day (default ``"值日"``).
        holiday_shifts: DU-2 the shifts of a day without school (default day and night).
        holiday_post: DU-2 the post of a day without school (default ``"值班"``).
        gate_closes_hour: DU-4 the hour the gate closes to visitors (default 18).
        class_from_hour: DU-5 class hours start (default 8).
        class_to_hour: DU-5 class hours end, exclusive (default 17).
        agreement_roles: DU-7 the roles that need a current agreement (default
            the gatekeeper).
        timezone: The school's IANA timezone.
    """

    frequencies: tuple[RegulatoryFrequency, ...] = attrs.field(
        default=DEFAULT_FREQUENCIES, converter=_frequencies
    )
    weekly_check: bool = True
    monthly_check: bool = True
    term_start_check: bool = True
    electrical_lead_days: int = attrs.field(default=14, metadata={"minimum": 0, "maximum": 90})
    power_limit_watts: int = attrs.field(default=1000, metadata={"minimum": 1, "maximum": 100_000})
    drills_per_term: int = attrs.field(default=1, metadata={"minimum": 0, "maximum": 20})
    school_day_shifts: tuple[Shift, ...] = attrs.field(default=(Shift.DAY,), converter=_shifts)
    school_day_post: str = "值日"
    holiday_shifts: tuple[Shift, ...] = attrs.field(
        default=(Shift.DAY, Shift.NIGHT), converter=_shifts
    )
    holiday_post: str = "值班"
    gate_closes_hour: int = attrs.field(default=18, metadata={"minimum": 0, "maximum": 24})
    class_from_hour: int = attrs.field(default=8, metadata={"minimum": 0, "maximum": 24})
    class_to_hour: int = attrs.field(default=17, metadata={"minimum": 0, "maximum": 24})
    agreement_roles: tuple[str, ...] = attrs.field(default=("gatekeeper",), converter=_roles)
    timezone: str = DEFAULT_TIMEZONE

    def __attrs_post_init__(self) -> None:
        if self.class_to_hour < self.class_from_hour:
            raise InvalidSafetyRecordError(
                record="SafetyPolicy",
                field="class_to_hour",
                reason=Phrase("class hours end before they start", "上课结束时间早于开始时间"),
            )
        if not self.school_day_post.strip() or not self.holiday_post.strip():
            raise InvalidSafetyRecordError(
                record="SafetyPolicy",
                field="holiday_post",
                reason=Phrase("a post needs a name", "岗位须有名称"),
            )
        get_timezone(self.timezone)
