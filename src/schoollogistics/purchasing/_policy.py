"""The policy of purchasing, vouchers, cash, fees and subsidies: defaults from the rules.

One policy, [`FinancePolicy`][schoollogistics.purchasing.FinancePolicy], carries
every configurable rule of PR-1 … PR-9 and SB-1 … SB-7; guards and audit checks
take it as an argument. Derive a local variant with ``attrs.evolve``.
"""

from __future__ import annotations

import enum
from typing import Final

import attrs
import pendulum

from schoollogistics.core.money import Money, non_negative
from schoollogistics.core.shapes import checked_fields
from schoollogistics.core.time import DEFAULT_TIMEZONE, get_timezone
from schoollogistics.errors import Phrase
from schoollogistics.purchasing.errors import InvalidFinanceRecordError
from schoollogistics.repairs import SchoolDays

__all__ = ["ApprovalTier", "DayCount", "FinancePolicy", "days_after", "days_between"]


class DayCount(enum.Enum):
    """How the days of a subsidy deadline are counted (the value is the stable serialized key)."""

    CALENDAR = "calendar"
    """Calendar days (自然日, the default of SB-3 and SB-4)."""
    WORKING = "working"
    """Official working days (工作日, from the calendar area: make-up days count,
    weekends and public holidays do not)."""


def _threshold(value: object) -> Money:
    return non_negative(value, field="from_amount")  # type: ignore[arg-type]  # checked


@attrs.frozen(kw_only=True, field_transformer=checked_fields())
class ApprovalTier:
    """One row of the value-tier table of approvers (PR-2).

    Attributes:
        from_amount: The tier applies to requests estimated at this or more.
        approver: The role that approves them (``"principal"``, ``"central_school"``,
            ``"bureau"``).
    """

    from_amount: Money = attrs.field(converter=_threshold)
    approver: str


def _quote_threshold(value: object) -> Money:
    return non_negative(value, field="quote_threshold")  # type: ignore[arg-type]  # checked


_DEFAULT_TIERS = (ApprovalTier(from_amount=Money(0), approver="principal"),)
_DEFAULT_KINDS = ("财政部门往来款项收据", "行政事业性收费收据", "税务统一发票")
_DEFAULT_BANNED = ("教辅费", "试卷资料费", "班费", "插班费", "罚款")
_DEFAULT_NOT_CHARGED = ("杂费", "课本费")
_DEFAULT_WAIVED = ("贫困", "残疾")


@attrs.frozen(kw_only=True, field_transformer=checked_fields())
class FinancePolicy:
    """The configurable rules of purchasing, vouchers, cash, fees and subsidies.

    Attributes:
        lead_days: PR-1 a request is filed at least this many days before the
            day needed (default 7: "提前一周"), unless marked urgent with a reason.
        approval_tiers: PR-2 the approver per estimated amount (default: the
            principal for every purchase); the highest tier reached applies.
        quote_threshold: PR-3 lines estimated at or above this need quotes
            (default 0: every line).
        min_quotes: PR-3 quotes from different suppliers (default 3: "货比三家").
        acceptor_not_buyer: PR-4 goods are accepted by someone other than the
            buyer (default yes).
        voucher_kinds: PR-5 the allowed voucher kinds (白条 is not among them).
        min_signatures: PR-5 different people who sign a voucher (default 3).
        banned_fees: PR-8 items always refused (教辅费, 试卷资料费, 班费, 插班费, fines).
        compulsory: PR-8, SB-6 the school gives compulsory education (义务教育):
            ``not_charged`` items are refused too (default yes).
        not_charged: PR-8 items not charged in compulsory education (杂费, 课本费).
        textbook_item: SB-6 the textbook fee's item name (课本费).
        waived_categories: SB-6 the categories of approved cases whose pupils
            are not charged the textbook fee (贫困, 残疾).
        posting_days: SB-3 the approved list is posted at least this many days
            before payment (default 7: "不得少于一周").
        payment_days: SB-4 each pupil is paid within this many days of the
            funds' receipt, or of the posting's end when later (default 2).
        day_count: SB-3, SB-4 calendar days (default) or working days.
        timezone: The school's IANA timezone (the day of a moment).
    """

    lead_days: int = attrs.field(default=7, metadata={"minimum": 0})
    approval_tiers: tuple[ApprovalTier, ...] = _DEFAULT_TIERS
    quote_threshold: Money = attrs.field(default=Money(0), converter=_quote_threshold)
    min_quotes: int = attrs.field(default=3, metadata={"minimum": 0})
    acceptor_not_buyer: bool = True
    voucher_kinds: tuple[str, ...] = _DEFAULT_KINDS
    min_signatures: int = attrs.field(default=3, metadata={"minimum": 0})
    banned_fees: tuple[str, ...] = _DEFAULT_BANNED
    compulsory: bool = True
    not_charged: tuple[str, ...] = _DEFAULT_NOT_CHARGED
    textbook_item: str = "课本费"
    waived_categories: tuple[str, ...] = _DEFAULT_WAIVED
    posting_days: int = attrs.field(default=7, metadata={"minimum": 0})
    payment_days: int = attrs.field(default=2, metadata={"minimum": 0})
    day_count: DayCount = DayCount.CALENDAR
    timezone: str = DEFAULT_TIMEZONE

    def __attrs_post_init__(self) -> None:
        if not self.approval_tiers:
            raise InvalidFinanceRecordError(
                record="FinancePolicy",
                field="approval_tiers",
                reason=Phrase("needs at least one tier", "至少须有一档审批人"),
            )
        get_timezone(self.timezone)

    def approver_for(self, estimate: Money) -> str:
        """PR-2: the role that approves a request of this estimate (the highest tier reached)."""
        role, reached = self.approval_tiers[0].approver, None
        for tier in self.approval_tiers:
            if tier.from_amount.amount <= estimate.amount and (
                reached is None or tier.from_amount.amount >= reached
            ):
                role, reached = tier.approver, tier.from_amount.amount
        return role

    def fee_refusal(self, item: str) -> str | None:
        """PR-8: why an item can never be charged (``"banned"``, ``"compulsory"``), or ``None``."""
        if item in self.banned_fees:
            return "banned"
        if self.compulsory and item in self.not_charged:
            return "compulsory"
        return None


def days_after(
    day: pendulum.Date, n: int, policy: FinancePolicy, working: SchoolDays | None = None
) -> pendulum.Date:
    """SB-3, SB-4: the ``n``-th counted day after ``day`` (calendar or working days).

    Working days are those of ``working`` (e.g. ``SchoolDays.working_days_of(calendar, …)``,
    make-up days included); Monday to Friday when not given or past the days given.
    """
    if policy.day_count is DayCount.CALENDAR:
        return day.add(days=n)
    if working is not None:
        found = working.nth_after(day, n)
        if found is not None:
            return found
    current, left = day, n
    while left > 0:
        current = current.add(days=1)
        if current.isoweekday() < _SATURDAY:
            left -= 1
    return current


def days_between(
    after: pendulum.Date,
    upto: pendulum.Date,
    policy: FinancePolicy,
    working: SchoolDays | None = None,
) -> int:
    """SB-3, SB-4: how many counted days ``d`` have ``after < d <= upto`` (0 if none)."""
    if upto <= after:
        return 0
    if policy.day_count is DayCount.CALENDAR:
        return upto.toordinal() - after.toordinal()
    if working is not None:
        return len(working.between(after.add(days=1), upto))
    return sum(
        1
        for n in range(1, upto.toordinal() - after.toordinal() + 1)
        if after.add(days=n).isoweekday() < _SATURDAY
    )


_SATURDAY: Final = 6
