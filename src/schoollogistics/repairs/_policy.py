"""The policy of repairs: every configurable rule, defaults from the rules (RP-1 … RP-7).

One policy, [`RepairPolicy`][schoollogistics.repairs.RepairPolicy], carries the
deadlines of RP-1, the small-repair limit of RP-2, the accounting of repairs of
RP-5, the order of claim and repair of RP-6 and the school's timezone. Guards and
audit checks take it as an argument.
"""

from __future__ import annotations

import enum

import attrs
import pendulum

from schoollogistics.core.money import Money, non_negative
from schoollogistics.core.shapes import checked_fields
from schoollogistics.core.time import DEFAULT_TIMEZONE, day_end, get_timezone, local_date
from schoollogistics.errors import Phrase
from schoollogistics.repairs._records import RepairRequest, SchoolDays, WorkerKind, WorkOrder
from schoollogistics.repairs.errors import InvalidRepairRecordError

__all__ = ["RepairAccounting", "RepairPolicy"]


class RepairAccounting(enum.Enum):
    """How a completed repair's cost is booked (RP-5; the value is the stable serialized key)."""

    EXPENSE = "expense"
    """Every repair is an expense (费用化, the default): the item's cost and
    depreciation are unchanged."""
    CAPITALISE_IMPROVEMENTS = "capitalise_improvements"
    """A repair that lengthens the item's life or raises its capacity (a work
    order marked ``improves``) is added to the item's cost (资本化), which
    restarts its depreciation over the remaining life; ordinary repairs stay
    expenses."""


def _limit(value: object) -> Money:
    return non_negative(value, field="small_repair_limit")  # type: ignore[arg-type]  # checked


@attrs.frozen(kw_only=True, field_transformer=checked_fields())
class RepairPolicy:
    """The configurable rules of repairs and maintenance.

    Derive a local variant with ``attrs.evolve(policy, fix_school_days=5)``.

    Attributes:
        response_school_days: RP-1 response deadline: by the end of this many
            school days after the filing day (default 1: "within one school day"
            is by the end of the first school day after the request was filed).
        safety_same_day: RP-1 a safety matter is answered by the end of the
            filing day (default yes).
        fix_school_days: RP-1 fix deadline, school days after the filing day
            (default 3); past it the reporter needs an explanation with a new date.
        small_repair_limit: RP-2 an estimate at or above this needs approval
            before work (default 1000 yuan).
        contractor_needs_approval: RP-2 any outside contractor needs approval
            (default yes).
        repair_accounting: RP-5 whether an improving repair is added to the
            item's cost (default: every repair is an expense).
        claim_first: RP-6 man-made damage: the claim is settled before work
            starts (default yes).
        repair_first_for_safety: RP-6 a safety matter may be repaired first and
            the claim settled after (default no).
        timezone: The school's IANA timezone (the end of a day is midnight there).
    """

    response_school_days: int = attrs.field(default=1, metadata={"minimum": 1, "maximum": 30})
    safety_same_day: bool = True
    fix_school_days: int = attrs.field(default=3, metadata={"minimum": 1, "maximum": 60})
    small_repair_limit: Money = attrs.field(default=Money(1000), converter=_limit)
    contractor_needs_approval: bool = True
    repair_accounting: RepairAccounting = RepairAccounting.EXPENSE
    claim_first: bool = True
    repair_first_for_safety: bool = False
    timezone: str = DEFAULT_TIMEZONE

    def __attrs_post_init__(self) -> None:
        if self.fix_school_days < self.response_school_days:
            raise InvalidRepairRecordError(
                record="RepairPolicy",
                field="fix_school_days",
                reason=Phrase("is shorter than the response deadline", "短于回应时限"),
            )
        get_timezone(self.timezone)

    def _end_of(self, day: pendulum.Date) -> pendulum.DateTime:
        return day_end(day, self.timezone)

    def response_deadline(
        self, request: RepairRequest, days: SchoolDays
    ) -> pendulum.DateTime | None:
        """RP-1: the moment (exclusive) by which the request must be answered.

        ``None`` when the school days given do not reach that far.
        """
        filed = local_date(request.filed_at, self.timezone)
        if request.safety and self.safety_same_day:
            return self._end_of(filed)
        day = days.nth_after(filed, self.response_school_days)
        return None if day is None else self._end_of(day)

    def fix_deadline(self, request: RepairRequest, days: SchoolDays) -> pendulum.DateTime | None:
        """RP-1: the moment (exclusive) by which the repair is due without an explanation."""
        filed = local_date(request.filed_at, self.timezone)
        day = days.nth_after(filed, self.fix_school_days)
        return None if day is None else self._end_of(day)

    def approval_reason(self, order: WorkOrder) -> tuple[str, str] | None:
        """RP-2: why the order needs prior approval (English, Chinese), or ``None``."""
        if self.contractor_needs_approval and order.worker_kind is WorkerKind.CONTRACTOR:
            return ("outside contractor", "外包施工")
        if order.estimated_cost.amount >= self.small_repair_limit.amount:
            return (
                f"estimate {order.estimated_cost} ≥ limit {self.small_repair_limit}",
                f"预算 {order.estimated_cost} 元，达到小型维修限额 {self.small_repair_limit} 元",
            )
        return None

    def capitalises(self, order: WorkOrder) -> bool:
        """RP-5: whether the order's cost is added to the item's cost (an allowed improvement)."""
        return order.improves and self.repair_accounting is RepairAccounting.CAPITALISE_IMPROVEMENTS

    def claim_needed_before_work(self, request: RepairRequest) -> bool:
        """RP-6: whether a settled claim must come before work on this request."""
        if not request.man_made or not self.claim_first:
            return False
        return not (request.safety and self.repair_first_for_safety)
