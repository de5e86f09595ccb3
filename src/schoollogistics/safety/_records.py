"""The records of safety work, duty and the gate (SF-1 … SF-8, DU-1 … DU-7).

Inspections, the hidden-danger register, fire equipment, drills, duty rosters and
the gate logs.

Every record is a frozen attrs class with plain typed fields, so that records kept
by another system (a spreadsheet 安全台账, a gate terminal) load with
[`from_dict`][schoollogistics.serialization.from_dict] and can be audited. A
[`Hazard`][schoollogistics.safety.Hazard] carries its whole life (measures, fix,
re-inspection, closing): the office's fold evolves it one step at a time.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable
from typing import Final

import attrs
import pendulum

from schoollogistics.core.ids import require_id
from schoollogistics.core.shapes import checked_fields
from schoollogistics.core.time import as_date, as_datetime
from schoollogistics.errors import Phrase
from schoollogistics.safety.errors import InvalidSafetyRecordError

__all__ = [
    "Agreement",
    "ApplianceBreach",
    "Assignment",
    "CheckItem",
    "DayType",
    "Drill",
    "DutySlot",
    "ExitPass",
    "Extinguisher",
    "ExtinguisherCheck",
    "GateShift",
    "Handover",
    "Hazard",
    "HazardState",
    "InspectionKind",
    "InspectionRecord",
    "PupilExit",
    "RiskLevel",
    "Roster",
    "RosterDay",
    "SafetyLog",
    "Shift",
    "VehicleEntry",
    "VisitorEntry",
]


def _moment(value: object) -> pendulum.DateTime:
    return as_datetime(value, field="at")


def _optional_moment(value: object) -> pendulum.DateTime | None:
    return None if value is None else as_datetime(value, field="at")


def _day(value: object) -> pendulum.Date:
    return as_date(value, field="day")


def _optional_day(value: object) -> pendulum.Date | None:
    return None if value is None else as_date(value, field="day")


def _id(value: object) -> str:
    return require_id(value, field="id")


def _optional_id(value: object) -> str | None:
    return None if value is None else require_id(value, field="id")


def _names(value: Iterable[object]) -> tuple[str, ...]:
    return tuple(require_id(name, field="names") for name in value)


def _invalid(reason: Phrase, record: str, field: str) -> InvalidSafetyRecordError:
    return InvalidSafetyRecordError(record=record, field=field, reason=reason)


# ---------------------------------------------------------------- SF-1/SF-2 inspections


class InspectionKind(enum.Enum):
    """The kind of an inspection (SF-1, SF-5); the value is the stable serialized key."""

    WEEKLY = "weekly"
    """The weekly safety check (每周一次的安全检查, seed 004)."""
    MONTHLY = "monthly"
    """The monthly full check (每月一次深入全面的大检查)."""
    TERM_START = "term_start"
    """The check before term (开学前安全检查)."""
    FIRE = "fire"
    """A fire inspection (防火检查, at least quarterly, CA-4)."""
    FIRE_PATROL = "fire_patrol"
    """The daily fire patrol (防火巡查) of a 消防安全重点单位."""
    ELECTRICAL = "electrical"
    """The electrical and leakage check (漏电检查, SF-5)."""


KIND_ZH: Final = {
    InspectionKind.WEEKLY: "每周安全检查",
    InspectionKind.MONTHLY: "每月安全大检查",
    InspectionKind.TERM_START: "开学前安全检查",
    InspectionKind.FIRE: "防火检查",
    InspectionKind.FIRE_PATROL: "防火巡查",
    InspectionKind.ELECTRICAL: "用电线路漏电检查",
}


def _kind(value: object) -> InspectionKind:
    return value if isinstance(value, InspectionKind) else InspectionKind(value)


@attrs.frozen(kw_only=True, field_transformer=checked_fields())
class CheckItem:
    """One item of an inspection's checklist and what was found (SF-2, SF-3).

    Attributes:
        subject: The room or equipment checked (``"301教室"``, ``"配电房"``).
        item: What was checked (``"插座漏电"``, ``"灭火器"``).
        ok: Whether it was in order.
        note: What was found.
        fixed_on_spot: A fault put right on the spot (当场整改, still recorded).
        corrected_by: Who corrected it on the spot.
        hazard_id: The hidden-danger entry a fault not fixed on the spot opened (SF-3).
    """

    subject: str = attrs.field(converter=_id)
    item: str = attrs.field(converter=_id)
    ok: bool = True
    note: str = ""
    fixed_on_spot: bool = False
    corrected_by: str | None = attrs.field(default=None, converter=_optional_id)
    hazard_id: str | None = attrs.field(default=None, converter=_optional_id)

    @property
    def open_fault(self) -> bool:
        """A fault not fixed on the spot: it needs a hidden-danger entry (SF-3)."""
        return not self.ok and not self.fixed_on_spot


@attrs.frozen(kw_only=True, field_transformer=checked_fields())
class InspectionRecord:
    """An inspection record (检查记录): date, unit, inspectors, items, findings (SF-2).

    A record counts as done only when it is signed by an inspector and by the head
    of the inspected unit (``signed``).

    Attributes:
        record_id: The record's id.
        kind: The kind of inspection (SF-1).
        on: The day of the inspection.
        unit: The unit or area inspected (``"教学楼"``).
        head: The head of the inspected unit (被检查部门负责人).
        inspectors: Who inspected (at least one).
        items: The checklist with its findings.
        inspector_signature: The inspector who signed (one of ``inspectors``).
        head_signature: The head who signed (``head``).
    """

    record_id: str = attrs.field(converter=_id)
    kind: InspectionKind = attrs.field(converter=_kind)
    on: pendulum.Date = attrs.field(converter=_day)
    unit: str = attrs.field(converter=_id)
    head: str = attrs.field(converter=_id)
    inspectors: tuple[str, ...] = attrs.field(converter=_names)
    items: tuple[CheckItem, ...] = ()
    inspector_signature: str | None = attrs.field(default=None, converter=_optional_id)
    head_signature: str | None = attrs.field(default=None, converter=_optional_id)

    def __attrs_post_init__(self) -> None:
        if not self.inspectors:
            raise _invalid(
                Phrase("at least one inspector", "至少一名检查人"), "InspectionRecord", "inspectors"
            )
        if self.inspector_signature is not None and self.inspector_signature not in self.inspectors:
            raise _invalid(
                Phrase("signed by someone who is not an inspector", "签名人不是检查人"),
                "InspectionRecord",
                "inspector_signature",
            )
        if self.head_signature is not None and self.head_signature != self.head:
            raise _invalid(
                Phrase(
                    "signed by someone who is not the unit's head", "签名人不是被检查部门负责人"
                ),
                "InspectionRecord",
                "head_signature",
            )

    @property
    def signed(self) -> bool:
        """SF-2: signed by an inspector and by the head of the inspected unit."""
        return self.inspector_signature is not None and self.head_signature is not None

    @property
    def faults(self) -> tuple[CheckItem, ...]:
        """The items that found a fault."""
        return tuple(item for item in self.items if not item.ok)


# ---------------------------------------------------------------- SF-3/SF-4 the register


class RiskLevel(enum.Enum):
    """The level of a hidden danger (SF-3)."""

    GENERAL = "general"
    """一般隐患."""
    MAJOR = "major"
    """重大隐患: one that cannot be made safe closes the area (停用) until fixed."""


class HazardState(enum.Enum):
    """Where a hidden danger stands (SF-3, SF-4).

    The only path: open → measures → fixed → re-inspected → closed.
    """

    OPEN = "open"
    """Registered, with its owner, deadline and interim precautions."""
    MEASURES = "measures"
    """The owner has taken the rectification measures (整改措施)."""
    FIXED = "fixed"
    """The owner records it rectified (整改完成)."""
    REINSPECTED = "reinspected"
    """Someone other than the owner re-inspected it and confirmed the fix (复查)."""
    CLOSED = "closed"
    """The responsible person signed it off (销号)."""


STATE_ZH: Final = {
    HazardState.OPEN: "待整改",
    HazardState.MEASURES: "整改中",
    HazardState.FIXED: "已整改",
    HazardState.REINSPECTED: "已复查",
    HazardState.CLOSED: "已销号",
}

LEVEL_ZH: Final = {RiskLevel.GENERAL: "一般隐患", RiskLevel.MAJOR: "重大隐患"}


def _level(value: object) -> RiskLevel:
    return value if isinstance(value, RiskLevel) else RiskLevel(value)


def _state(value: object) -> HazardState:
    return value if isinstance(value, HazardState) else HazardState(value)


def _texts(value: Iterable[object]) -> tuple[str, ...]:
    return tuple(require_id(text, field="measures") for text in value)


@attrs.frozen(kw_only=True, field_transformer=checked_fields())
class Hazard:
    """An entry of the hidden-danger register (隐患台账) with its whole life (SF-3, SF-4).

    Attributes:
        hazard_id: The entry's id (what ``CheckItem.hazard_id`` and the repairs
            area's ``CheckResult.hazard_id`` name).
        description: What the danger is.
        place: Where it is.
        level: General or major.
        found_on: The day it was found.
        found_by: Who found it.
        owner_unit: The unit responsible for the rectification.
        owner: The person responsible (整改责任人).
        deadline: The last day for the rectification.
        interim: The interim precautions until it is fixed (临时防范措施).
        source: The inspection or round that found it, if any.
        state: Where it stands.
        measures: The rectification measures taken.
        measures_on: The day the measures were recorded.
        fixed_on: The day the owner recorded it fixed.
        fixed_by: Who recorded the fix.
        reinspected_on: The day of the re-inspection.
        reinspected_by: Who re-inspected it.
        closed_on: The day it was signed off.
        approved_by: The responsible person who signed it off.
    """

    hazard_id: str = attrs.field(converter=_id)
    description: str = attrs.field(converter=_id)
    place: str = attrs.field(converter=_id)
    level: RiskLevel = attrs.field(converter=_level)
    found_on: pendulum.Date = attrs.field(converter=_day)
    found_by: str = attrs.field(converter=_id)
    owner_unit: str = attrs.field(converter=_id)
    owner: str = attrs.field(converter=_id)
    deadline: pendulum.Date = attrs.field(converter=_day)
    interim: tuple[str, ...] = attrs.field(default=(), converter=_texts)
    source: str | None = attrs.field(default=None, converter=_optional_id)
    state: HazardState = attrs.field(default=HazardState.OPEN, converter=_state)
    measures: tuple[str, ...] = attrs.field(default=(), converter=_texts)
    measures_on: pendulum.Date | None = attrs.field(default=None, converter=_optional_day)
    fixed_on: pendulum.Date | None = attrs.field(default=None, converter=_optional_day)
    fixed_by: str | None = attrs.field(default=None, converter=_optional_id)
    reinspected_on: pendulum.Date | None = attrs.field(default=None, converter=_optional_day)
    reinspected_by: str | None = attrs.field(default=None, converter=_optional_id)
    closed_on: pendulum.Date | None = attrs.field(default=None, converter=_optional_day)
    approved_by: str | None = attrs.field(default=None, converter=_optional_id)

    def __attrs_post_init__(self) -> None:
        if self.deadline < self.found_on:
            raise _invalid(
                Phrase("deadline before the day it was found", "整改期限早于发现日期"),
                "Hazard",
                "deadline",
            )

    @property
    def is_open(self) -> bool:
        """Not yet signed off."""
        return self.state is not HazardState.CLOSED

    @property
    def properly_reinspected(self) -> bool:
        """SF-4: re-inspected by someone other than the owner (and the one who fixed it)."""
        return self.reinspected_by is not None and self.reinspected_by not in {
            self.owner,
            self.fixed_by,
        }


@attrs.frozen(kw_only=True, field_transformer=checked_fields())
class ApplianceBreach:
    """A banned or over-power appliance found in a spot check (违规用电, SF-6).

    Attributes:
        breach_id: The record's id.
        on: The day of the spot check.
        place: The room.
        appliance: The appliance (``"电炉"``).
        watts: Its power, when known.
        person: Who used it.
        checked_by: Who found it.
    """

    breach_id: str = attrs.field(converter=_id)
    on: pendulum.Date = attrs.field(converter=_day)
    place: str = attrs.field(converter=_id)
    appliance: str = attrs.field(converter=_id)
    person: str = attrs.field(converter=_id)
    checked_by: str = attrs.field(converter=_id)
    watts: int | None = attrs.field(default=None, metadata={"minimum": 0, "maximum": 1_000_000})


# ---------------------------------------------------------------- SF-7 fire equipment, SF-8 drills


@attrs.frozen(kw_only=True, field_transformer=checked_fields())
class Extinguisher:
    """A fire extinguisher (or a group of the same type at one place) and its service (SF-7).

    Attributes:
        unit_id: The equipment's id.
        kind: Its type (``"ABC干粉 4kg"``).
        count: How many.
        place: Where.
        provider: The service provider.
        agent_changed_on: The day its agent was last changed (换药日期).
    """

    unit_id: str = attrs.field(converter=_id)
    kind: str = attrs.field(converter=_id)
    count: int = attrs.field(metadata={"minimum": 1, "maximum": 100_000})
    place: str = attrs.field(converter=_id)
    provider: str = attrs.field(converter=_id)
    agent_changed_on: pendulum.Date = attrs.field(converter=_day)


@attrs.frozen(kw_only=True, field_transformer=checked_fields())
class ExtinguisherCheck:
    """One check of a fire extinguisher (monthly, SF-7 and CA-4).

    Attributes:
        unit_id: The equipment checked.
        on: The day.
        by: Who checked.
        passed: Whether it was in order (pressure, seal, date).
        note: What was found.
    """

    unit_id: str = attrs.field(converter=_id)
    on: pendulum.Date = attrs.field(converter=_day)
    by: str = attrs.field(converter=_id)
    passed: bool = True
    note: str = ""


@attrs.frozen(kw_only=True, field_transformer=checked_fields())
class Drill:
    """An evacuation drill (紧急疏散演练, SF-8).

    Attributes:
        drill_id: The record's id.
        on: The day.
        scope: What it covered (``"全校"``).
        participants: How many took part.
        led_by: Who led it.
    """

    drill_id: str = attrs.field(converter=_id)
    on: pendulum.Date = attrs.field(converter=_day)
    scope: str = attrs.field(converter=_id)
    participants: int = attrs.field(metadata={"minimum": 0, "maximum": 1_000_000})
    led_by: str = attrs.field(converter=_id)


# ---------------------------------------------------------------- DU-1/DU-2 duty rosters


class Shift(enum.Enum):
    """A duty shift (DU-2 default: day and night)."""

    DAY = "day"
    """白班."""
    NIGHT = "night"
    """夜班."""


SHIFT_ZH: Final = {Shift.DAY: "白班", Shift.NIGHT: "夜班"}


def _shift(value: object) -> Shift:
    return value if isinstance(value, Shift) else Shift(value)


class DayType(enum.Enum):
    """What a day of a roster is, read from the calendar (CA-2, CA-5)."""

    SCHOOL_DAY = "school_day"
    """A school day (DU-1: a duty teacher, 值日)."""
    WORKING_DAY = "working_day"
    """A working day without school (a make-up day in a vacation, 调休上班)."""
    DAY_OFF = "day_off"
    """A public holiday, weekend or vacation day."""


DAY_TYPE_ZH: Final = {
    DayType.SCHOOL_DAY: "上课日",
    DayType.WORKING_DAY: "工作日（调休上班）",
    DayType.DAY_OFF: "休息日",
}


def _day_type(value: object) -> DayType:
    return value if isinstance(value, DayType) else DayType(value)


@attrs.frozen(field_transformer=checked_fields())
class DutySlot:
    """A required post on a day and shift (DU-1, DU-2).

    Attributes:
        day: The day.
        shift: The shift.
        post: The post (``"值日"``, ``"值班"``).
    """

    day: pendulum.Date = attrs.field(converter=_day)
    shift: Shift = attrs.field(converter=_shift)
    post: str = attrs.field(converter=_id)


@attrs.frozen(field_transformer=checked_fields())
class Assignment:
    """A person on a post for a day and shift.

    Attributes:
        day: The day.
        shift: The shift.
        post: The post.
        person: Who is on duty.
    """

    day: pendulum.Date = attrs.field(converter=_day)
    shift: Shift = attrs.field(converter=_shift)
    post: str = attrs.field(converter=_id)
    person: str = attrs.field(converter=_id)

    @property
    def slot(self) -> DutySlot:
        """The slot it fills."""
        return DutySlot(self.day, self.shift, self.post)


@attrs.frozen(field_transformer=checked_fields())
class RosterDay:
    """A day of a roster with what the calendar says it is.

    Attributes:
        day: The day.
        day_type: School day, working day or day off.
        holiday_zh: The public holiday's name, if any (``"春节"``).
    """

    day: pendulum.Date = attrs.field(converter=_day)
    day_type: DayType = attrs.field(converter=_day_type)
    holiday_zh: str | None = None


@attrs.frozen(kw_only=True, field_transformer=checked_fields())
class Roster:
    """A duty roster (值班表) over a run of days (DU-1, DU-2).

    Build one from the calendar with
    [`build_roster`][schoollogistics.safety.build_roster].

    Attributes:
        roster_id: The roster's id.
        title_zh: Its title (``"2026年春节假期值班表"``).
        start: Its first day.
        end: Its last day.
        published_on: The day it was published (DU-2: by the last school day before).
        days: Its days, with what the calendar says each is.
        assignments: Who is on which post, day and shift.
    """

    roster_id: str = attrs.field(converter=_id)
    title_zh: str = attrs.field(converter=_id)
    start: pendulum.Date = attrs.field(converter=_day)
    end: pendulum.Date = attrs.field(converter=_day)
    published_on: pendulum.Date = attrs.field(converter=_day)
    days: tuple[RosterDay, ...] = ()
    assignments: tuple[Assignment, ...] = ()

    def __attrs_post_init__(self) -> None:
        if self.end < self.start:
            raise _invalid(Phrase("ends before it starts", "结束日期早于开始日期"), "Roster", "end")

    def on(self, day: pendulum.Date) -> tuple[Assignment, ...]:
        """The assignments of ``day``."""
        return tuple(a for a in self.assignments if a.day == day)


# ---------------------------------------------------------------- DU-3 … DU-7 the gate


@attrs.frozen(kw_only=True, field_transformer=checked_fields())
class GateShift:
    """A gatekeeper's shift at the gate (DU-3: shifts cover all 24 hours).

    Attributes:
        shift_id: The shift's id.
        gatekeeper: Who keeps the gate.
        start: When the shift starts.
        end: When it ends.
    """

    shift_id: str = attrs.field(converter=_id)
    gatekeeper: str = attrs.field(converter=_id)
    start: pendulum.DateTime = attrs.field(converter=_moment)
    end: pendulum.DateTime = attrs.field(converter=_moment)

    def __attrs_post_init__(self) -> None:
        if self.end <= self.start:
            raise _invalid(
                Phrase("ends before it starts", "结束时间早于开始时间"), "GateShift", "end"
            )


@attrs.frozen(kw_only=True, field_transformer=checked_fields())
class Handover:
    """The handover (交接班) between two gatekeepers, signed by both (DU-3).

    Attributes:
        at: When.
        handed_by: The gatekeeper going off.
        taken_by: The gatekeeper coming on.
        handed_signature: The signature of the one going off.
        taken_signature: The signature of the one coming on.
        note: What was handed over.
    """

    at: pendulum.DateTime = attrs.field(converter=_moment)
    handed_by: str = attrs.field(converter=_id)
    taken_by: str = attrs.field(converter=_id)
    handed_signature: str | None = attrs.field(default=None, converter=_optional_id)
    taken_signature: str | None = attrs.field(default=None, converter=_optional_id)
    note: str = ""

    @property
    def signed(self) -> bool:
        """DU-3: signed by both gatekeepers."""
        return self.handed_signature == self.handed_by and self.taken_signature == self.taken_by


@attrs.frozen(kw_only=True, field_transformer=checked_fields())
class VisitorEntry:
    """A line of the visitor log (会客登记, DU-4).

    Attributes:
        entry_id: The line's id.
        name: The visitor.
        id_seen: Whether an ID card was seen.
        organisation: Where the visitor comes from.
        purpose: Why.
        visiting: The person visited.
        confirmed_by: The person visited who confirmed the visit.
        time_in: When the visitor came in.
        time_out: When the visitor left (``None`` while inside).
        gatekeeper: Who logged it.
    """

    entry_id: str = attrs.field(converter=_id)
    name: str = attrs.field(converter=_id)
    organisation: str = attrs.field(converter=_id)
    purpose: str = attrs.field(converter=_id)
    visiting: str = attrs.field(converter=_id)
    time_in: pendulum.DateTime = attrs.field(converter=_moment)
    gatekeeper: str = attrs.field(converter=_id)
    id_seen: bool = True
    confirmed_by: str | None = attrs.field(default=None, converter=_optional_id)
    time_out: pendulum.DateTime | None = attrs.field(default=None, converter=_optional_moment)

    def __attrs_post_init__(self) -> None:
        if self.time_out is not None and self.time_out < self.time_in:
            raise _invalid(
                Phrase("out before in", "离校时间早于进校时间"), "VisitorEntry", "time_out"
            )


@attrs.frozen(kw_only=True, field_transformer=checked_fields())
class VehicleEntry:
    """A line of the vehicle log (车辆进出登记, DU-6).

    Attributes:
        entry_id: The line's id.
        plate: The number plate.
        driver: The driver.
        purpose: Why it came in.
        time_in: When it came in.
        gatekeeper: Who logged it.
        outside: An outside vehicle (not the school's or its staff's).
        permitted_by: Who permitted an outside vehicle.
        agreement_id: The site agreement a construction vehicle follows (DU-7).
        time_out: When it left.
    """

    entry_id: str = attrs.field(converter=_id)
    plate: str = attrs.field(converter=_id)
    driver: str = attrs.field(converter=_id)
    purpose: str = attrs.field(converter=_id)
    time_in: pendulum.DateTime = attrs.field(converter=_moment)
    gatekeeper: str = attrs.field(converter=_id)
    outside: bool = True
    permitted_by: str | None = attrs.field(default=None, converter=_optional_id)
    agreement_id: str | None = attrs.field(default=None, converter=_optional_id)
    time_out: pendulum.DateTime | None = attrs.field(default=None, converter=_optional_moment)


@attrs.frozen(kw_only=True, field_transformer=checked_fields())
class ExitPass:
    """A pass for a pupil to leave during class, issued by a named teacher (DU-5).

    Attributes:
        pass_id: The pass's id.
        pupil: The pupil.
        class_name: The class.
        issued_by: The class teacher (or configured approver) who signed it.
        issued_at: When it was issued.
        reason: Why.
    """

    pass_id: str = attrs.field(converter=_id)
    pupil: str = attrs.field(converter=_id)
    class_name: str = attrs.field(converter=_id)
    issued_by: str = attrs.field(converter=_id)
    issued_at: pendulum.DateTime = attrs.field(converter=_moment)
    reason: str = ""


@attrs.frozen(kw_only=True, field_transformer=checked_fields())
class PupilExit:
    """A pupil going out of the gate, as the gatekeeper records it (DU-5).

    Attributes:
        exit_id: The line's id.
        pupil: The pupil.
        class_name: The class.
        at: When.
        gatekeeper: Who let the pupil out.
        pass_id: The pass shown and kept.
    """

    exit_id: str = attrs.field(converter=_id)
    pupil: str = attrs.field(converter=_id)
    class_name: str = attrs.field(converter=_id)
    at: pendulum.DateTime = attrs.field(converter=_moment)
    gatekeeper: str = attrs.field(converter=_id)
    pass_id: str | None = attrs.field(default=None, converter=_optional_id)


@attrs.frozen(kw_only=True, field_transformer=checked_fields())
class Agreement:
    """A signed responsibility agreement (责任状 / 责任书) with its validity (DU-7).

    Attributes:
        agreement_id: The agreement's id.
        role: The role it covers (``"gatekeeper"``, ``"contractor"``, ``"class_teacher"`` …).
        party: Who signed for that role.
        signed_for_school: Who signed for the school.
        scope: What it covers.
        start: The first day it is valid.
        end: The last day it is valid (default: the school year).
    """

    agreement_id: str = attrs.field(converter=_id)
    role: str = attrs.field(converter=_id)
    party: str = attrs.field(converter=_id)
    signed_for_school: str = attrs.field(converter=_id)
    scope: str = attrs.field(converter=_id)
    start: pendulum.Date = attrs.field(converter=_day)
    end: pendulum.Date = attrs.field(converter=_day)

    def __attrs_post_init__(self) -> None:
        if self.end < self.start:
            raise _invalid(
                Phrase("ends before it starts", "结束日期早于开始日期"), "Agreement", "end"
            )

    def valid_on(self, day: pendulum.Date) -> bool:
        """Whether the agreement is current on ``day``."""
        return self.start <= day <= self.end


# ---------------------------------------------------------------- the log


@attrs.frozen(kw_only=True, field_transformer=checked_fields())
class SafetyLog:
    """Safety, duty and gate records to audit, from an office or another system.

    Attributes:
        inspections: The inspection records (SF-1, SF-2, SF-5).
        hazards: The hidden-danger register (SF-3, SF-4).
        breaches: Banned-appliance findings (SF-6).
        extinguishers: The fire equipment (SF-7).
        extinguisher_checks: Its check history (SF-7).
        drills: The evacuation drills (SF-8).
        rosters: The duty rosters (DU-1, DU-2).
        gate_shifts: The gate shifts (DU-3).
        handovers: The gate handovers (DU-3).
        visitors: The visitor log (DU-4).
        passes: The exit passes issued (DU-5).
        exits: The pupils' exits during the day (DU-5).
        vehicles: The vehicle log (DU-6).
        agreements: The responsibility agreements (DU-7).
    """

    inspections: tuple[InspectionRecord, ...] = ()
    hazards: tuple[Hazard, ...] = ()
    breaches: tuple[ApplianceBreach, ...] = ()
    extinguishers: tuple[Extinguisher, ...] = ()
    extinguisher_checks: tuple[ExtinguisherCheck, ...] = ()
    drills: tuple[Drill, ...] = ()
    rosters: tuple[Roster, ...] = ()
    gate_shifts: tuple[GateShift, ...] = ()
    handovers: tuple[Handover, ...] = ()
    visitors: tuple[VisitorEntry, ...] = ()
    passes: tuple[ExitPass, ...] = ()
    exits: tuple[PupilExit, ...] = ()
    vehicles: tuple[VehicleEntry, ...] = ()
    agreements: tuple[Agreement, ...] = ()

    @property
    def size(self) -> int:
        """The number of records."""
        return sum(len(getattr(self, field.name)) for field in attrs.fields(type(self)))
