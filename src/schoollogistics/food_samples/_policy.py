"""The policy of food-sample retention: every configurable rule, defaults from the rules.

One policy, [`RetentionPolicy`][schoollogistics.food_samples.RetentionPolicy],
carries every setting of FS-2 (weight), FS-3 (retention), FS-4 (reviewer),
FS-5 (temperature range, reading gap) and FS-6 (overdue warning). The guards
(``_rules.py``) and the audit checks (``_audit.py``) take it as an argument.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import attrs
import pendulum

from schoollogistics.core.shapes import checked_fields
from schoollogistics.core.time import DEFAULT_TIMEZONE, get_timezone, hours
from schoollogistics.errors import Phrase
from schoollogistics.food_samples._records import _decimal
from schoollogistics.food_samples.errors import InvalidRecordError

__all__ = ["RetentionPolicy"]


def _policy_decimal(value: object) -> Decimal:
    return _decimal(value, "RetentionPolicy", "number")


def _duration(value: object) -> pendulum.Duration:
    if isinstance(value, pendulum.Duration):
        return value
    if isinstance(value, dt.timedelta):
        return pendulum.duration(
            days=value.days, seconds=value.seconds, microseconds=value.microseconds
        )
    raise InvalidRecordError(
        record="RetentionPolicy",
        field="duration",
        reason=Phrase("expected a duration (timedelta)", "须为时长（「timedelta」）"),
    )


def _refuse(*, field: str, reason: Phrase) -> InvalidRecordError:
    return InvalidRecordError(record="RetentionPolicy", field=field, reason=reason)


@attrs.frozen(kw_only=True, field_transformer=checked_fields())
class RetentionPolicy:
    """The configurable rules of food-sample retention (FS-2, FS-3, FS-4, FS-5, FS-6).

    The defaults follow 学校食品安全与营养健康管理规定 (2019) §40 and common local
    templates; derive a local variant with ``attrs.evolve(policy, min_grams=200)``.

    Attributes:
        min_grams: FS-2 minimum weight of a sample, in grams (default 125; the
            pre-2018 rule was 100, some localities ask 200).
        retention: FS-3 minimum time a sample is kept, an absolute duration from
            the moment it is taken (default 48 hours).
        min_celsius: FS-5 lowest allowed cabinet temperature (default 0 °C:
            refrigerated, not frozen).
        max_celsius: FS-5 highest allowed cabinet temperature (default 8 °C;
            templates use 4 °C, the older norm 10 °C).
        reviewer_required: FS-4 whether a reviewer (审核人) must sign each sample
            (default yes, as most local templates do).
        max_reading_gap: FS-5 longest allowed time between two temperature
            readings of a cabinet while a sample is in its window (default 4
            hours: a warm excursion cannot then last longer than the 4 hours the
            common 2-hour/4-hour food-safety rule tolerates without a reading
            showing it; paper logs read twice a day need about 16 hours).
        overdue_after: FS-6 time after taking from which a sample still without a
            disposal counts as kept long past its time (a warning; default 72
            hours, i.e. the 48-hour retention plus one daily disposal round).
        timezone: The school's IANA timezone, used to turn the audited period's
            days into moments and to show times in messages.

    Raises:
        InvalidRecordError: a setting is out of range (weight, retention or gap
            not positive, a minimum above the maximum, ``overdue_after`` shorter
            than the retention, a reviewer flag that is not a bool).
        UnknownTimezoneError: ``timezone`` is not an IANA zone.
    """

    min_grams: Decimal = attrs.field(default=Decimal(125), converter=_policy_decimal)
    retention: pendulum.Duration = attrs.field(default=hours(48), converter=_duration)
    min_celsius: Decimal = attrs.field(default=Decimal(0), converter=_policy_decimal)
    max_celsius: Decimal = attrs.field(default=Decimal(8), converter=_policy_decimal)
    reviewer_required: bool = True
    max_reading_gap: pendulum.Duration = attrs.field(default=hours(4), converter=_duration)
    overdue_after: pendulum.Duration = attrs.field(default=hours(72), converter=_duration)
    timezone: str = DEFAULT_TIMEZONE

    def __attrs_post_init__(self) -> None:
        if self.min_grams <= 0:
            raise _refuse(field="min_grams", reason=Phrase("must be positive", "必须为正数"))
        if self.retention.total_seconds() <= 0:
            raise _refuse(field="retention", reason=Phrase("must be positive", "必须为正数"))
        if self.min_celsius > self.max_celsius:
            raise _refuse(
                field="min_celsius", reason=Phrase("is above max_celsius", "高于「max_celsius」")
            )
        if not isinstance(self.reviewer_required, bool):
            raise _refuse(field="reviewer_required", reason=Phrase("must be a bool", "须为布尔值"))
        if self.max_reading_gap.total_seconds() <= 0:
            raise _refuse(field="max_reading_gap", reason=Phrase("must be positive", "必须为正数"))
        if self.overdue_after < self.retention:
            raise _refuse(
                field="overdue_after",
                reason=Phrase("is shorter than the retention", "短于留存时长"),
            )
        get_timezone(self.timezone)  # refuses an unknown zone with time.unknown_timezone
