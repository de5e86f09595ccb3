"""The records of repairs and maintenance: requests, answers, work orders, rounds.

Every record is a frozen attrs class with plain typed fields, so that records
exported by another system (a 网上报修 platform, a spreadsheet) load with
[`from_dict`][schoollogistics.serialization.from_dict] and can be audited.
A [`WorkOrder`][schoollogistics.repairs.WorkOrder] carries its whole life
(approval, start, completion, evidence, acceptances, closing): the desk's fold
evolves it one step at a time.
"""

from __future__ import annotations

import bisect
import enum
from collections.abc import Container, Iterable
from typing import Final, Protocol

import attrs
import pendulum

from schoollogistics.core.ids import require_id
from schoollogistics.core.money import Money, non_negative
from schoollogistics.core.shapes import checked_fields
from schoollogistics.core.time import as_date, as_datetime, get_timezone
from schoollogistics.errors import Phrase
from schoollogistics.repairs.errors import InvalidRepairRecordError

__all__ = [
    "Acceptance",
    "CheckResult",
    "Deferral",
    "Evidence",
    "EvidenceKind",
    "Frequency",
    "MaintenancePlan",
    "RepairLog",
    "RepairRequest",
    "Response",
    "RoundRecord",
    "SchoolDays",
    "WorkOrder",
    "WorkerKind",
]


def _moment(value: object) -> pendulum.DateTime:
    return as_datetime(value, field="at")


def _optional_moment(value: object) -> pendulum.DateTime | None:
    return None if value is None else as_datetime(value, field="at")


def _day(value: object) -> pendulum.Date:
    return as_date(value, field="day")


def _id(value: object) -> str:
    return require_id(value, field="id")


def _optional_id(value: object) -> str | None:
    return None if value is None else require_id(value, field="id")


def _cost(value: object) -> Money:
    return non_negative(value, field="cost")  # type: ignore[arg-type]  # refused if not money


def _optional_cost(value: object) -> Money | None:
    return None if value is None else _cost(value)


def _invalid(reason: Phrase, record: str, field: str) -> InvalidRepairRecordError:
    return InvalidRepairRecordError(record=record, field=field, reason=reason)


# ---------------------------------------------------------------- school days


def _days(value: Iterable[object]) -> tuple[pendulum.Date, ...]:
    return tuple(sorted({as_date(day, field="days") for day in value}))


@attrs.frozen(field_transformer=checked_fields())
class SchoolDays:
    """The school days the deadlines count (RP-1) and the rounds follow (RP-7).

    An explicit, serializable set of days rather than a live calendar: the audit
    of imported records needs no calendar object, and the days are data a front
    end can store. Build it from the calendar area with
    [`from_calendar`][schoollogistics.repairs.SchoolDays.from_calendar].

    Attributes:
        days: The school days, sorted, each once.
    """

    days: tuple[pendulum.Date, ...] = attrs.field(converter=_days)

    @classmethod
    def from_calendar(
        cls, calendar: _HasSchoolDays, start: pendulum.Date, end: pendulum.Date
    ) -> SchoolDays:
        """The school days of a ``SchoolCalendar`` from ``start`` to ``end`` inclusive."""
        return cls(calendar.school_days(start, end))

    def nth_after(self, day: pendulum.Date, n: int) -> pendulum.Date | None:
        """The ``n``-th school day strictly after ``day`` (``None`` past the known days)."""
        index = bisect.bisect_right(self.days, day) + n - 1
        return self.days[index] if 0 <= index < len(self.days) else None

    @classmethod
    def working_days_of(
        cls, calendar: _HasWorkingDays, start: pendulum.Date, end: pendulum.Date
    ) -> SchoolDays:
        """The official working days (工作日, make-up days included) from ``start`` to ``end``.

        The days a project's site log must cover (RP-4): holiday works go on
        when there are no school days, so they count working days instead.
        """
        days, day = [], start
        while day <= end:
            if calendar.is_working_day(day):
                days.append(day)
            day = day.add(days=1)
        return cls(days)

    def between(self, start: pendulum.Date, end: pendulum.Date) -> tuple[pendulum.Date, ...]:
        """The school days from ``start`` to ``end`` inclusive."""
        low = bisect.bisect_left(self.days, start)
        high = bisect.bisect_right(self.days, end)
        return self.days[low:high]

    def term_start_after(self, day: pendulum.Date) -> pendulum.Date | None:
        """The first day of the term that follows ``day``, if ``day`` is in a break.

        A break is a run of more than ``TERM_BREAK_DAYS`` (14) days without a
        school day; the first school day given also starts a term. ``None``
        when ``day`` is a school day, in a short gap (a weekend, the National
        Day week) or past the days given.
        """
        index = bisect.bisect_left(self.days, day)
        if index == len(self.days) or self.days[index] == day:
            return None
        first = self.days[index]
        if index == 0 or (first - self.days[index - 1]).days > TERM_BREAK_DAYS:
            return first
        return None


TERM_BREAK_DAYS: Final = 14
"""A gap longer than this without school days is a break between terms (RP-4, RP-7)."""


class _HasSchoolDays(Protocol):
    def school_days(
        self, start: pendulum.Date, end: pendulum.Date, /
    ) -> tuple[pendulum.Date, ...]: ...


class _HasWorkingDays(Protocol):
    def is_working_day(self, day: pendulum.Date, /) -> bool: ...


# ---------------------------------------------------------------- requests


def _request_id(value: object) -> str:
    return require_id(value, field="request_id")


def _text(value: object) -> str:
    return require_id(value, field="text")


def _tags(value: Iterable[object]) -> tuple[str, ...]:
    return tuple(require_id(tag, field="tags") for tag in value)


@attrs.frozen(kw_only=True, field_transformer=checked_fields())
class RepairRequest:
    """A repair request (报修单) from a person, for a room or an item (RP-1).

    Attributes:
        request_id: The request's id (报修单号).
        filed_at: When it was filed (aware).
        reporter: Who reported it (报修人); they sign acceptance (RP-3).
        unit: The reporter's unit (报修部门、班级).
        description: What is wrong.
        safety: Whether it is a safety matter (answered the same day, RP-1).
        place_id: The room or place (an asset-ledger place id), if any.
        item_id: The item type (an asset-ledger item id), if any.
        tags: The tagged units concerned (资产编号), if any.
        custodian: The room's custodian (保管人, AS-4), who may sign in the
            reporter's stead (RP-3).
        man_made: Whether the damage is man-made (人为损坏, DC-2; RP-6).
        claim_id: The damage claim of man-made damage (RP-6).
        claim_settled_at: When that claim was settled, if it is.
    """

    request_id: str = attrs.field(converter=_request_id)
    filed_at: pendulum.DateTime = attrs.field(converter=_moment)
    reporter: str = attrs.field(converter=_id)
    unit: str = attrs.field(converter=_id)
    description: str = attrs.field(converter=_text)
    safety: bool = False
    place_id: str | None = attrs.field(default=None, converter=_optional_id)
    item_id: str | None = attrs.field(default=None, converter=_optional_id)
    tags: tuple[str, ...] = attrs.field(default=(), converter=_tags)
    custodian: str | None = attrs.field(default=None, converter=_optional_id)
    man_made: bool = False
    claim_id: str | None = attrs.field(default=None, converter=_optional_id)
    claim_settled_at: pendulum.DateTime | None = attrs.field(
        default=None, converter=_optional_moment
    )

    def __attrs_post_init__(self) -> None:
        if self.place_id is None and self.item_id is None:
            raise _invalid(
                Phrase("names no room and no item", "未注明报修的房间或物品"),
                "RepairRequest",
                "place_id",
            )
        if self.tags and self.item_id is None:
            raise _invalid(
                Phrase("tags need an item_id", "资产编号须注明物品"), "RepairRequest", "tags"
            )
        if self.claim_settled_at is not None and self.claim_id is None:
            raise _invalid(
                Phrase("a settled claim needs its id", "已结赔偿须注明赔偿单号"),
                "RepairRequest",
                "claim_settled_at",
            )

    @property
    def subject(self) -> str:
        """The room or item, as shown on the request (``"projector PJ-001 @ room-301"``)."""
        parts = [p for p in (self.item_id, " ".join(self.tags) or None) if p]
        if self.place_id is not None:
            parts.append(f"@ {self.place_id}" if parts else self.place_id)
        return " ".join(parts)


@attrs.frozen(kw_only=True, field_transformer=checked_fields())
class Response:
    """The answer to a request (回应, RP-1): someone looked at it and told the reporter.

    Attributes:
        request_id: The request answered.
        at: When.
        by: Who answered.
        note: What was said (安排、处理意见).
    """

    request_id: str = attrs.field(converter=_request_id)
    at: pendulum.DateTime = attrs.field(converter=_moment)
    by: str = attrs.field(converter=_id)
    note: str = ""


@attrs.frozen(kw_only=True, field_transformer=checked_fields())
class Deferral:
    """An explanation to the reporter, with a new date, when the fix is late (RP-1).

    Attributes:
        request_id: The request.
        at: When the explanation was given.
        by: Who gave it.
        explanation: Why it cannot be fixed in time (说明情况).
        new_date: The day it will be fixed by.
    """

    request_id: str = attrs.field(converter=_request_id)
    at: pendulum.DateTime = attrs.field(converter=_moment)
    by: str = attrs.field(converter=_id)
    explanation: str = attrs.field(converter=_text)
    new_date: pendulum.Date = attrs.field(converter=_day)

    def __attrs_post_init__(self) -> None:
        if self.new_date < self.at.date():
            raise _invalid(
                Phrase("is before the explanation", "新日期早于说明日期"), "Deferral", "new_date"
            )


# ---------------------------------------------------------------- work orders


class WorkerKind(enum.Enum):
    """Who does the work (the value is the stable serialized key)."""

    STAFF = "staff"
    """The school's own staff (校内维修工)."""
    CONTRACTOR = "contractor"
    """An outside contractor (外包单位): always above the small-repair limit by default."""


def _worker_kind(value: object) -> WorkerKind:
    try:
        return WorkerKind(value)
    except ValueError:
        raise _invalid(
            Phrase("not a worker kind", "不是施工方类型"), "WorkOrder", "worker_kind"
        ) from None


class EvidenceKind(enum.Enum):
    """A kind of project evidence (RP-4; the value is the stable serialized key)."""

    BEFORE_PHOTO = "before_photo"
    """维修前照片."""
    SITE_LOG = "site_log"
    """施工日志 entry."""
    SITE_PHOTO = "site_photo"
    """施工现场照片."""
    SAFETY_AGREEMENT = "safety_agreement"
    """校内施工安全责任书, signed with the contractor (DU-7)."""
    SITE_CLEARANCE = "site_clearance"
    """现场清理记录."""

    @property
    def label_zh(self) -> str:
        """The Chinese name."""
        return EVIDENCE_ZH[self]


EVIDENCE_ZH: Final = {
    EvidenceKind.BEFORE_PHOTO: "维修前照片",
    EvidenceKind.SITE_LOG: "施工日志",
    EvidenceKind.SITE_PHOTO: "施工现场照片",
    EvidenceKind.SAFETY_AGREEMENT: "施工安全责任书",
    EvidenceKind.SITE_CLEARANCE: "现场清理记录",
}


def _evidence_kind(value: object) -> EvidenceKind:
    try:
        return EvidenceKind(value)
    except ValueError:
        raise _invalid(
            Phrase("not an evidence kind", "不是佐证材料类型"), "Evidence", "kind"
        ) from None


@attrs.frozen(kw_only=True, field_transformer=checked_fields())
class Evidence:
    """A reference to a piece of project evidence (a photo id, a site-log entry …; RP-4).

    Attributes:
        kind: What it is.
        reference: Its id in the school's archive (照片编号、日志页码).
        on: The day it concerns.
    """

    kind: EvidenceKind = attrs.field(converter=_evidence_kind)
    reference: str = attrs.field(converter=_id)
    on: pendulum.Date = attrs.field(converter=_day)


@attrs.frozen(kw_only=True, field_transformer=checked_fields())
class Acceptance:
    """A signature on the acceptance (验收) of a repair, accepting or refusing it (RP-3).

    Attributes:
        signed_by: Who signed: the reporter, or a substitute (the room's custodian).
        at: When.
        accepted: Accepted (验收合格) or refused (不合格, the order reopens).
        reason: Why a substitute signs, or why the work is refused.
    """

    signed_by: str = attrs.field(converter=_id)
    at: pendulum.DateTime = attrs.field(converter=_moment)
    accepted: bool = True
    reason: str = ""

    def __attrs_post_init__(self) -> None:
        if not self.accepted and not self.reason.strip():
            raise _invalid(
                Phrase("a refusal needs a reason", "验收不合格须写明原因"), "Acceptance", "reason"
            )


_WEEKEND_ORDINALS: Final = frozenset({6, 0})
"""``date.toordinal() % 7`` of Saturday and Sunday (day 1, 1 January of year 1, was a Monday)."""


def _local_date(moment: pendulum.DateTime, timezone: str) -> pendulum.Date:
    zone = get_timezone(timezone)
    local = moment if moment.tzinfo is zone else moment.in_timezone(zone)  # skip pendulum's
    return pendulum.Date(local.year, local.month, local.day)  # conversion when in the zone


def _order_id(value: object) -> str:
    return require_id(value, field="order_id")


@attrs.frozen(kw_only=True, field_transformer=checked_fields())
class WorkOrder:
    """A work order (维修单) for a request, with its whole life so far (RP-2 … RP-5).

    Attributes:
        order_id: The order's id.
        request_id: The request it answers.
        opened_at: When the order was opened.
        worker_kind: School staff or an outside contractor.
        worker: Who does the work (a person or a company).
        estimated_cost: The estimate (预算), which decides whether approval is needed (RP-2).
        project: A holiday or contracted project (工程), which needs evidence (RP-4).
        improves: The work lengthens the item's life or raises its capacity
            (改良, RP-5): with a policy that capitalises improvements its cost is
            added to the item's cost; otherwise, and by default, it is an expense.
            It needs a request naming the item.
        approved_at: When it was approved (审批), if it was.
        approved_by: Who approved it.
        started_at: When work started.
        completed_at: When work was completed (cleared again by a refused acceptance).
        cost: The actual cost, recorded at completion.
        evidence: The evidence references, in the order added.
        acceptances: The acceptance signatures, in order (refusals included).
        closed_at: When the order was closed.
    """

    order_id: str = attrs.field(converter=_order_id)
    request_id: str = attrs.field(converter=_request_id)
    opened_at: pendulum.DateTime = attrs.field(converter=_moment)
    worker_kind: WorkerKind = attrs.field(converter=_worker_kind)
    worker: str = attrs.field(converter=_id)
    estimated_cost: Money = attrs.field(converter=_cost)
    project: bool = False
    improves: bool = False
    approved_at: pendulum.DateTime | None = attrs.field(default=None, converter=_optional_moment)
    approved_by: str | None = attrs.field(default=None, converter=_optional_id)
    started_at: pendulum.DateTime | None = attrs.field(default=None, converter=_optional_moment)
    completed_at: pendulum.DateTime | None = attrs.field(default=None, converter=_optional_moment)
    cost: Money | None = attrs.field(default=None, converter=_optional_cost)
    evidence: tuple[Evidence, ...] = ()
    acceptances: tuple[Acceptance, ...] = ()
    closed_at: pendulum.DateTime | None = attrs.field(default=None, converter=_optional_moment)

    def __attrs_post_init__(self) -> None:
        if (self.approved_at is None) != (self.approved_by is None):
            raise _invalid(
                Phrase("approved_at and approved_by go together", "审批时间与审批人须同时填写"),
                "WorkOrder",
                "approved_by",
            )

    @property
    def accepted(self) -> Acceptance | None:
        """The last acceptance, if it accepted the work."""
        last = self.acceptances[-1] if self.acceptances else None
        return last if last is not None and last.accepted else None

    def missing_evidence(self) -> tuple[EvidenceKind, ...]:
        """RP-4: the kinds of evidence a project lacks (empty for an ordinary repair).

        A project needs before-photos, a site log, site photos and a site
        clearance; one by a contractor also needs the signed safety agreement.
        """
        if not self.project:
            return ()
        have = {piece.kind for piece in self.evidence}
        return tuple(
            kind
            for kind in EvidenceKind
            if kind not in have
            and (
                kind is not EvidenceKind.SAFETY_AGREEMENT
                or self.worker_kind is WorkerKind.CONTRACTOR
            )
        )

    def site_log_gaps(
        self, working_days: SchoolDays | None, timezone: str
    ) -> tuple[pendulum.Date, ...]:
        """RP-4: the working days of a project's work without a site-log entry.

        The days from the day work started to the day it was completed (in the
        school's ``timezone``) that are official working days: those of
        ``working_days`` when given (``SchoolDays.working_days_of(calendar, …)``),
        else Monday to Friday. Empty for an ordinary repair or unfinished work.
        """
        if not self.project or self.started_at is None or self.completed_at is None:
            return ()
        first = _local_date(self.started_at, timezone)
        last = _local_date(self.completed_at, timezone)
        logged = {piece.on for piece in self.evidence if piece.kind is EvidenceKind.SITE_LOG}
        if working_days is not None:
            return tuple(day for day in working_days.between(first, last) if day not in logged)
        ordinals = {day.toordinal() for day in logged}
        return tuple(
            pendulum.Date.fromordinal(ordinal)
            for ordinal in range(first.toordinal(), last.toordinal() + 1)
            if ordinal % 7 not in _WEEKEND_ORDINALS and ordinal not in ordinals
        )

    @property
    def state(self) -> str:
        """``open``, ``started``, ``completed`` or ``closed``."""
        if self.closed_at is not None:
            return "closed"
        if self.completed_at is not None:
            return "completed"
        if self.started_at is not None:
            return "started"
        return "open"


# ---------------------------------------------------------------- preventive rounds


class Frequency(enum.Enum):
    """How often a preventive round is due (RP-7; the value is the stable serialized key)."""

    DAILY = "daily"
    """Every school day, at the end of the day (水电、门窗)."""
    WEEKLY = "weekly"
    """Once in each week that has school days (电器设备、门窗)."""
    MONTHLY = "monthly"
    """Once in each month that has school days (大型玩具、体育器材)."""
    BEFORE_TERM = "before_term"
    """In the two weeks before each term's first day (校舍、消防设施、电器、体育器材)."""
    BEFORE_SUMMER = "before_summer"
    """In the four weeks before the summer break (空调清洗)."""

    @property
    def label_zh(self) -> str:
        """The Chinese name."""
        return FREQUENCY_ZH[self]


FREQUENCY_ZH: Final = {
    Frequency.DAILY: "每日",
    Frequency.WEEKLY: "每周",
    Frequency.MONTHLY: "每月",
    Frequency.BEFORE_TERM: "开学前",
    Frequency.BEFORE_SUMMER: "暑假前",
}


def _frequency(value: object) -> Frequency:
    try:
        return Frequency(value)
    except ValueError:
        raise _invalid(
            Phrase("not a frequency", "不是检查频次"), "MaintenancePlan", "frequency"
        ) from None


def _plan_id(value: object) -> str:
    return require_id(value, field="plan_id")


@attrs.frozen(kw_only=True, field_transformer=checked_fields())
class MaintenancePlan:
    """A preventive maintenance plan (检查维修计划) for an item type or a room (RP-7).

    Attributes:
        plan_id: The plan's id.
        subject: The item type or room it covers (``"大型玩具"``, ``"room-301"``).
        frequency: How often a round is due.
        checks: What a round checks (``"水"``, ``"电"``, ``"门窗"``).
        starts_on: The first day the plan applies.
    """

    plan_id: str = attrs.field(converter=_plan_id)
    subject: str = attrs.field(converter=_id)
    frequency: Frequency = attrs.field(converter=_frequency)
    checks: tuple[str, ...] = attrs.field(converter=_tags)
    starts_on: pendulum.Date = attrs.field(converter=_day)


@attrs.frozen(kw_only=True, field_transformer=checked_fields())
class CheckResult:
    """The result of one check of a round (RP-7).

    Attributes:
        check: What was checked.
        ok: Whether it was in order.
        note: What was found.
        request_id: The repair request a defect opened (RP-1).
        safety: Whether a defect is a safety matter (安全隐患).
        hazard_id: The hidden-danger entry (隐患台账, SF-3) a safety defect
            opened instead of a repair request.
    """

    check: str = attrs.field(converter=_id)
    ok: bool = True
    note: str = ""
    request_id: str | None = attrs.field(default=None, converter=_optional_id)
    safety: bool = False
    hazard_id: str | None = attrs.field(default=None, converter=_optional_id)

    def opened(self, filed: Container[str]) -> bool:
        """RP-7: whether a defect opened what it must, given the filed request ids.

        A filed repair request (RP-1), or for a safety matter a hidden-danger
        entry (SF-3). A result without a defect needs nothing.
        """
        if self.ok or (self.request_id is not None and self.request_id in filed):
            return True
        return self.safety and self.hazard_id is not None


@attrs.frozen(kw_only=True, field_transformer=checked_fields())
class RoundRecord:
    """The record of a preventive round (巡检记录): what was checked and the result (RP-7).

    Attributes:
        round_id: The record's id.
        plan_id: The plan it carries out.
        on: The day of the round.
        by: Who did it.
        results: One result per check.
    """

    round_id: str = attrs.field(converter=_id)
    plan_id: str = attrs.field(converter=_plan_id)
    on: pendulum.Date = attrs.field(converter=_day)
    by: str = attrs.field(converter=_id)
    results: tuple[CheckResult, ...] = ()

    @property
    def defects(self) -> tuple[CheckResult, ...]:
        """The checks that found a defect."""
        return tuple(result for result in self.results if not result.ok)


# ---------------------------------------------------------------- the log


@attrs.frozen(kw_only=True, field_transformer=checked_fields())
class RepairLog:
    """Repair records to audit, from a desk or exported by another system.

    Attributes:
        requests: The requests.
        responses: The answers.
        deferrals: The explanations with a new date.
        orders: The work orders, each with its life so far.
        plans: The preventive maintenance plans (RP-7).
        rounds: The round records (RP-7).
    """

    requests: tuple[RepairRequest, ...] = ()
    responses: tuple[Response, ...] = ()
    deferrals: tuple[Deferral, ...] = ()
    orders: tuple[WorkOrder, ...] = ()
    plans: tuple[MaintenancePlan, ...] = ()
    rounds: tuple[RoundRecord, ...] = ()
