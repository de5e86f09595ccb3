"""The policy of canteen operations: every configurable rule, defaults from the rules (CN-1 … CN-9).

One policy, [`CanteenPolicy`][schoollogistics.canteen.CanteenPolicy], carries the
refund settings of CN-1, the issue order and near-expiry window of CN-2, the
certificate validity of CN-3, the acceptance and retention settings of CN-4, the
provincial additions to the banned list of CN-5, parent 陪餐 of CN-6, the
publication deadline of CN-8 and the approved waste collectors of CN-9.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable, Mapping
from types import MappingProxyType
from typing import Final

import attrs
import pendulum

from schoollogistics.canteen._records import Lot
from schoollogistics.core.ids import require_id
from schoollogistics.core.money import Money, non_negative
from schoollogistics.core.shapes import checked_fields
from schoollogistics.core.time import DEFAULT_TIMEZONE, get_timezone
from schoollogistics.errors import FieldTypeError

__all__ = [
    "NATIONAL_BANNED",
    "CanteenPolicy",
    "IssueOrder",
    "Payout",
    "Rounding",
]

NATIONAL_BANNED: Final[Mapping[str, str]] = MappingProxyType(
    {
        "cold_meat": "冷荤类食品",
        "raw_food": "生食类食品",
        "decorated_cream_cake": "裱花蛋糕",
        "green_beans": "四季豆",
        "fresh_day_lily": "鲜黄花菜",
        "wild_mushroom": "野生蘑菇",
        "sprouted_potato": "发芽土豆",
    }
)
"""CN-5: the national list (学校食品安全与营养健康管理规定 §36), key → Chinese name.

A school or province adds to it (``CanteenPolicy.additional_banned``), never in place of it.
"""


class Rounding(enum.Enum):
    """How a refund is rounded to the fen, once per payout (CN-1)."""

    HALF_UP = "half_up"
    """四舍五入 (``ROUND_HALF_UP``), the rule's default."""
    DOWN = "down"
    """舍去分以下 (``ROUND_DOWN``): never refund a fraction of a fen up."""


class Payout(enum.Enum):
    """When refunds are paid (CN-1)."""

    TERM_END = "term_end"
    """Once, at the end of the paid period (default)."""
    MONTHLY = "monthly"
    """Each month: the month's payout is the cumulative refund less what was paid before,
    so that the monthly payouts add up to the term-end refund to the fen."""


class IssueOrder(enum.Enum):
    """Which lot an issue takes first (CN-2)."""

    FEFO = "fefo"
    """First to expire, first out (default); a tie goes to the lot received first."""
    FIFO = "fifo"
    """First received, first out ("先入库的先发放")."""


def _rate(value: object) -> Money | None:
    if value is None:
        return None
    return non_negative(value, field="daily_rate")  # type: ignore[arg-type]  # checked


def _names(value: Iterable[object]) -> tuple[str, ...]:
    return tuple(sorted({require_id(item, field="names") for item in value}))


def _optional_names(value: Iterable[object] | None) -> tuple[str, ...] | None:
    if value is None:
        return None
    if not isinstance(value, list | tuple | frozenset):
        raise FieldTypeError(
            field="CanteenPolicy.approved_collectors",
            expected="a list or tuple, or null",
            expected_zh="列表、元组或空值",
            type_name=type(value).__name__,
        )
    return _names(value)


@attrs.frozen(kw_only=True, field_transformer=checked_fields())
class CanteenPolicy:
    """The configurable rules of canteen operations.

    Derive a local variant with ``attrs.evolve(policy, near_expiry_days=7)``.

    Attributes:
        daily_rate: CN-1 a fixed daily rate; ``None`` (default) divides what was
            paid by the serving days of the paid period (the rate itself is not
            rounded: refund = paid × leave days ÷ serving days, rounded once).
        rounding: CN-1 the rounding to the fen, once per payout (default half-up).
        min_leave_days: CN-1 a leave refunds only when it counts at least this many
            whole serving days (default 1; half days never count).
        payout: CN-1 refunds paid at term end (default) or monthly.
        issue_order: CN-2 FEFO (default) or FIFO.
        near_expiry_days: CN-2 a lot expiring within this many days of the audit
            day is reported as near expiry (default 3).
        certificate_years: CN-3 a health certificate is valid this many years from
            the examination, through the day before the anniversary (default 1).
        two_acceptors: CN-4 two people sign each acceptance (双人验收, default off).
        retention_months_after_expiry: CN-4 records are kept this long after the
            product's expiry (default 6 months).
        retention_years_without_shelf_life: CN-4 records of a product with no stated
            shelf life are kept this long (default 2 years).
        additional_banned: CN-5 provincial or school categories banned on top of
            [`NATIONAL_BANNED`][schoollogistics.canteen.NATIONAL_BANNED].
        parent_accompaniment: CN-6 a parent also eats with the pupils (default off).
        publish_within_days: CN-8 a month's statement is published within this many
            days after the month ends (default 10).
        approved_collectors: CN-9 the collectors food waste may be handed to. ``None``
            (default): the school has not entered its list, and a removal is not
            checked against one (no national list exists: the approved collectors
            are a local licence, 餐厨垃圾收运许可). A tuple (even empty) is the
            list: a removal to anyone else is refused by the canteen and
            reported by the audit. Enter the list to enforce the rule.
        timezone: The school's IANA timezone.
    """

    daily_rate: Money | None = attrs.field(default=None, converter=_rate)
    rounding: Rounding = Rounding.HALF_UP
    min_leave_days: int = attrs.field(default=1, metadata={"minimum": 1, "maximum": 200})
    payout: Payout = Payout.TERM_END
    issue_order: IssueOrder = IssueOrder.FEFO
    near_expiry_days: int = attrs.field(default=3, metadata={"minimum": 0, "maximum": 365})
    certificate_years: int = attrs.field(default=1, metadata={"minimum": 1, "maximum": 5})
    two_acceptors: bool = False
    retention_months_after_expiry: int = attrs.field(
        default=6, metadata={"minimum": 6, "maximum": 240}
    )
    retention_years_without_shelf_life: int = attrs.field(
        default=2, metadata={"minimum": 2, "maximum": 20}
    )
    additional_banned: tuple[str, ...] = attrs.field(default=(), converter=_names)
    parent_accompaniment: bool = False
    publish_within_days: int = attrs.field(default=10, metadata={"minimum": 0, "maximum": 60})
    approved_collectors: tuple[str, ...] | None = attrs.field(
        default=None, converter=_optional_names
    )
    timezone: str = DEFAULT_TIMEZONE

    def __attrs_post_init__(self) -> None:
        get_timezone(self.timezone)

    @property
    def banned(self) -> frozenset[str]:
        """CN-5: every banned category (the national list and the additions)."""
        return frozenset(NATIONAL_BANNED) | frozenset(self.additional_banned)

    def certificate_valid_through(self, examined_on: pendulum.Date) -> pendulum.Date:
        """CN-3: the last day a certificate from ``examined_on`` is valid.

        The day before the anniversary: an examination on 2025-03-10 is valid
        through 2026-03-09, one on 2024-02-29 through 2025-02-27.
        """
        return examined_on.add(years=self.certificate_years).subtract(days=1)

    def collector_approved(self, collector: str) -> bool:
        """CN-9: whether waste may go to ``collector`` (always, while no list is entered)."""
        return self.approved_collectors is None or collector in self.approved_collectors

    def keep_records_until(self, lot: Lot, delivered_on: pendulum.Date) -> pendulum.Date:
        """CN-4: the first day the inspection records of a lot may be purged.

        Six months (by default) after the product's expiry, or two years after the
        delivery when the label states no shelf life: a lot expiring on 2025-03-31
        may have its records purged from 2025-09-30, one delivered on 2025-03-01
        without a stated shelf life from 2027-03-01.
        """
        if lot.shelf_life_stated:
            return lot.expiry.add(months=self.retention_months_after_expiry)
        return delivered_on.add(years=self.retention_years_without_shelf_life)
