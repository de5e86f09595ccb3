"""Hypothesis strategies for `schoollogistics.safety`.

Every serializable type of the area has one (``STRATEGIES``); the records are
valid but need not form a consistent history. ``hazards()`` gives fresh entries
of the register (state ``open``), the shape ``OpenHazard`` accepts.
"""

from __future__ import annotations

from typing import Final

import attrs
import pendulum
from attrs import AttrsInstance
from hypothesis import strategies as st

from schoollogistics.safety import (
    COMMAND_TYPES,
    EVENT_TYPES,
    Agreement,
    ApplianceBreach,
    Assignment,
    CheckItem,
    DayType,
    Drill,
    DutyPeriod,
    DutySlot,
    ExitPass,
    Extinguisher,
    ExtinguisherCheck,
    GateShift,
    Handover,
    Hazard,
    HazardState,
    InspectionKind,
    InspectionRecord,
    OfficeState,
    PupilExit,
    RiskLevel,
    Roster,
    RosterDay,
    SafetyCommand,
    SafetyEvent,
    SafetyLog,
    SafetyPolicy,
    Shift,
    VehicleEntry,
    VisitorEntry,
    build_roster,
    duty_periods,
)
from schoollogistics.school_calendar import SchoolCalendar
from schoollogistics.testing._core import StrategyTable, aware_datetimes, dates

__all__ = [
    "STRATEGIES",
    "hazards",
    "inspection_records",
    "rosters",
    "safety_commands",
    "safety_events",
    "safety_logs",
    "safety_policies",
    "simulate_safety",
]

_IDS: Final = st.text(alphabet="ABCDEFGHJKLMNPQRSTUVWXYZ0123456789-/_", min_size=1, max_size=8)
_NAMES: Final = st.text(alphabet="张三李四王五赵六钱七孙八周九吴十", min_size=1, max_size=3)
_TEXT: Final = st.text(alphabet="门窗灯水电漏插座线路消防栓", min_size=1, max_size=8)
_DAYS: Final = dates(pendulum.Date(2024, 1, 1), pendulum.Date(2027, 12, 31))
_MOMENTS: Final = aware_datetimes()


def safety_policies() -> st.SearchStrategy[SafetyPolicy]:
    """Valid safety policies."""

    def build(start: int, length: int) -> st.SearchStrategy[SafetyPolicy]:
        return st.builds(
            SafetyPolicy,
            weekly_check=st.booleans(),
            electrical_lead_days=st.integers(0, 30),
            power_limit_watts=st.integers(100, 3000),
            drills_per_term=st.integers(0, 3),
            class_from_hour=st.just(start),
            class_to_hour=st.just(min(24, start + length)),
            agreement_roles=st.lists(_IDS, max_size=2).map(tuple),
        )

    return st.tuples(st.integers(0, 12), st.integers(0, 12)).flatmap(lambda t: build(*t))


def check_items() -> st.SearchStrategy[CheckItem]:
    """Checklist items with or without a fault."""
    return st.builds(
        CheckItem,
        subject=_TEXT,
        item=_TEXT,
        ok=st.booleans(),
        note=st.just("") | _TEXT,
        fixed_on_spot=st.booleans(),
        corrected_by=st.none() | _NAMES,
        hazard_id=st.none() | _IDS,
    )


@st.composite
def inspection_records(draw: st.DrawFn, *, signed: bool | None = None) -> InspectionRecord:
    """Inspection records (signed by both when ``signed``, by neither or one otherwise)."""
    inspectors = tuple(draw(st.lists(_NAMES, min_size=1, max_size=2)))
    head = draw(_NAMES)
    both = draw(st.booleans()) if signed is None else signed
    inspector_signature = inspectors[0] if both else draw(st.none() | st.just(inspectors[0]))
    head_signature = head if both else None
    return InspectionRecord(
        record_id=draw(_IDS),
        kind=draw(st.sampled_from(InspectionKind)),
        on=draw(_DAYS),
        unit=draw(_TEXT),
        head=head,
        inspectors=inspectors,
        items=tuple(draw(st.lists(check_items(), max_size=3))),
        inspector_signature=inspector_signature,
        head_signature=head_signature,
    )


@st.composite
def hazards(draw: st.DrawFn, *, fresh: bool = True) -> Hazard:
    """Entries of the register; ``fresh`` ones are ``open`` with nothing after."""
    found = draw(_DAYS)
    hazard = Hazard(
        hazard_id=draw(_IDS),
        description=draw(_TEXT),
        place=draw(_TEXT),
        level=draw(st.sampled_from(RiskLevel)),
        found_on=found,
        found_by=draw(_NAMES),
        owner_unit=draw(_TEXT),
        owner=draw(_NAMES),
        deadline=found.add(days=draw(st.integers(0, 60))),
        interim=tuple(draw(st.lists(_TEXT, min_size=1, max_size=2))),
        source=draw(st.none() | _IDS),
    )
    if fresh:
        return hazard
    return attrs.evolve(
        hazard,
        state=draw(st.sampled_from(HazardState)),
        measures=tuple(draw(st.lists(_TEXT, max_size=2))),
        fixed_on=draw(st.none() | _DAYS),
        fixed_by=draw(st.none() | _NAMES),
        reinspected_on=draw(st.none() | _DAYS),
        reinspected_by=draw(st.none() | _NAMES),
        closed_on=draw(st.none() | _DAYS),
        approved_by=draw(st.none() | _NAMES),
    )


def _breaches() -> st.SearchStrategy[ApplianceBreach]:
    return st.builds(
        ApplianceBreach,
        breach_id=_IDS,
        on=_DAYS,
        place=_TEXT,
        appliance=_TEXT,
        person=_NAMES,
        checked_by=_NAMES,
        watts=st.none() | st.integers(0, 5000),
    )


def _assignments() -> st.SearchStrategy[Assignment]:
    return st.builds(Assignment, _DAYS, st.sampled_from(Shift), _TEXT, _NAMES)


@st.composite
def rosters(draw: st.DrawFn) -> Roster:
    """Rosters whose assignments fall inside their days (not necessarily covering them)."""
    start = draw(_DAYS)
    end = start.add(days=draw(st.integers(0, 10)))
    days = [start.add(days=n) for n in range((end - start).days + 1)]
    assignments = draw(
        st.lists(
            st.builds(Assignment, st.sampled_from(days), st.sampled_from(Shift), _TEXT, _NAMES),
            max_size=4,
            unique_by=lambda a: (a.day, a.shift, a.person),
        )
    )
    return Roster(
        roster_id=draw(_IDS),
        title_zh=draw(_TEXT),
        start=start,
        end=end,
        published_on=draw(_DAYS),
        days=tuple(
            RosterDay(day, draw(st.sampled_from(DayType)), draw(st.none() | _TEXT))
            for day in days[:3]
        ),
        assignments=tuple(assignments),
    )


@st.composite
def _gate_shifts(draw: st.DrawFn) -> GateShift:
    start = draw(_MOMENTS)
    return GateShift(
        shift_id=draw(_IDS),
        gatekeeper=draw(_NAMES),
        start=start,
        end=start.add(hours=draw(st.integers(1, 24))),
    )


@st.composite
def _visitors(draw: st.DrawFn) -> VisitorEntry:
    came = draw(_MOMENTS)
    return VisitorEntry(
        entry_id=draw(_IDS),
        name=draw(_NAMES),
        organisation=draw(_TEXT),
        purpose=draw(_TEXT),
        visiting=draw(_NAMES),
        time_in=came,
        gatekeeper=draw(_NAMES),
        id_seen=draw(st.booleans()),
        confirmed_by=draw(st.none() | _NAMES),
        time_out=draw(st.none() | st.integers(0, 600).map(lambda m: came.add(minutes=m))),
    )


@st.composite
def _agreements(draw: st.DrawFn) -> Agreement:
    start = draw(_DAYS)
    return Agreement(
        agreement_id=draw(_IDS),
        role=draw(st.sampled_from(["gatekeeper", "contractor", "class_teacher"])),
        party=draw(_NAMES),
        signed_for_school=draw(_NAMES),
        scope=draw(_TEXT),
        start=start,
        end=start.add(days=draw(st.integers(0, 400))),
    )


def _vehicles() -> st.SearchStrategy[VehicleEntry]:
    return st.builds(
        VehicleEntry,
        entry_id=_IDS,
        plate=_IDS,
        driver=_NAMES,
        purpose=_TEXT,
        time_in=_MOMENTS,
        gatekeeper=_NAMES,
        outside=st.booleans(),
        permitted_by=st.none() | _NAMES,
        agreement_id=st.none() | _IDS,
    )


def _passes() -> st.SearchStrategy[ExitPass]:
    return st.builds(
        ExitPass,
        pass_id=_IDS,
        pupil=_NAMES,
        class_name=_TEXT,
        issued_by=_NAMES,
        issued_at=_MOMENTS,
        reason=st.just("") | _TEXT,
    )


def _exits() -> st.SearchStrategy[PupilExit]:
    return st.builds(
        PupilExit,
        exit_id=_IDS,
        pupil=_NAMES,
        class_name=_TEXT,
        at=_MOMENTS,
        gatekeeper=_NAMES,
        pass_id=st.none() | _IDS,
    )


def _handovers() -> st.SearchStrategy[Handover]:
    return st.builds(
        Handover,
        at=_MOMENTS,
        handed_by=_NAMES,
        taken_by=_NAMES,
        handed_signature=st.none() | _NAMES,
        taken_signature=st.none() | _NAMES,
    )


def _extinguishers() -> st.SearchStrategy[Extinguisher]:
    return st.builds(
        Extinguisher,
        unit_id=_IDS,
        kind=_TEXT,
        count=st.integers(1, 20),
        place=_TEXT,
        provider=_TEXT,
        agent_changed_on=_DAYS,
    )


def _checks() -> st.SearchStrategy[ExtinguisherCheck]:
    return st.builds(ExtinguisherCheck, unit_id=_IDS, on=_DAYS, by=_NAMES, passed=st.booleans())


def _drills() -> st.SearchStrategy[Drill]:
    return st.builds(
        Drill,
        drill_id=_IDS,
        on=_DAYS,
        scope=_TEXT,
        participants=st.integers(0, 2000),
        led_by=_NAMES,
    )


def safety_logs() -> st.SearchStrategy[SafetyLog]:
    """Safety logs with a few records of each kind (not necessarily consistent)."""

    def few(strategy: st.SearchStrategy[object]) -> st.SearchStrategy[tuple[object, ...]]:
        return st.lists(strategy, max_size=2).map(tuple)

    return st.builds(
        SafetyLog,
        inspections=few(inspection_records()),
        hazards=few(hazards(fresh=False)),
        breaches=few(_breaches()),
        extinguishers=few(_extinguishers()),
        extinguisher_checks=few(_checks()),
        drills=few(_drills()),
        rosters=few(rosters()),
        gate_shifts=few(_gate_shifts()),
        handovers=few(_handovers()),
        visitors=few(_visitors()),
        passes=few(_passes()),
        exits=few(_exits()),
        vehicles=few(_vehicles()),
        agreements=few(_agreements()),
    )


def _fields() -> dict[str, st.SearchStrategy[object]]:
    return {
        "record": inspection_records(),
        "hazard": hazards(),
        "hazard_id": _IDS,
        "on": _DAYS,
        "by": _NAMES,
        "measures": st.lists(_TEXT, min_size=1, max_size=2).map(tuple),
        "approved_by": _NAMES,
        "breach": _breaches(),
        "roster": rosters(),
        "roster_id": _IDS,
        "day": _DAYS,
        "shift": st.sampled_from(Shift),
        "post": _TEXT,
        "person": _NAMES,
        "replacement": _NAMES,
    }


def _built(cls: type[AttrsInstance]) -> st.SearchStrategy[AttrsInstance]:
    fields = _fields()
    return st.builds(cls, **{field.name: fields[field.name] for field in attrs.fields(cls)})


def safety_events() -> st.SearchStrategy[SafetyEvent]:
    """Any office event (not necessarily a consistent history)."""
    return st.one_of(*map(_built, EVENT_TYPES))


def safety_commands() -> st.SearchStrategy[SafetyCommand]:
    """Any office command (the office may refuse it)."""
    return st.one_of(*map(_built, COMMAND_TYPES))


@st.composite
def _duty_periods(draw: st.DrawFn) -> DutyPeriod:
    start = draw(_DAYS)
    return DutyPeriod(
        name_zh=draw(_TEXT),
        start=start,
        end=start.add(days=draw(st.integers(0, 40))),
        night_of=draw(st.none() | st.just(start.subtract(days=1))),
    )


STRATEGIES: Final[StrategyTable] = {
    SafetyPolicy: safety_policies(),
    InspectionKind: st.sampled_from(InspectionKind),
    CheckItem: check_items(),
    InspectionRecord: inspection_records(),
    RiskLevel: st.sampled_from(RiskLevel),
    HazardState: st.sampled_from(HazardState),
    Hazard: hazards(fresh=False),
    ApplianceBreach: _breaches(),
    Extinguisher: _extinguishers(),
    ExtinguisherCheck: _checks(),
    Drill: _drills(),
    Shift: st.sampled_from(Shift),
    DayType: st.sampled_from(DayType),
    DutySlot: st.builds(DutySlot, _DAYS, st.sampled_from(Shift), _TEXT),
    Assignment: _assignments(),
    RosterDay: st.builds(RosterDay, _DAYS, st.sampled_from(DayType), st.none() | _TEXT),
    Roster: rosters(),
    DutyPeriod: _duty_periods(),
    GateShift: _gate_shifts(),
    Handover: _handovers(),
    VisitorEntry: _visitors(),
    VehicleEntry: _vehicles(),
    ExitPass: _passes(),
    PupilExit: _exits(),
    Agreement: _agreements(),
    SafetyLog: safety_logs(),
    **{cls: _built(cls) for cls in (*EVENT_TYPES, *COMMAND_TYPES)},
    OfficeState: st.builds(
        OfficeState, _IDS, safety_policies(), st.lists(safety_events(), max_size=3)
    ),
}
"""One strategy per serializable public type of the area."""


# ---------------------------------------------------------------- a compliant term

_ZONE: Final = "Asia/Shanghai"


def _at(day: pendulum.Date, hour: int, minute: int = 0) -> pendulum.DateTime:
    return pendulum.datetime(day.year, day.month, day.day, hour, minute, tz=_ZONE)


def simulate_safety(
    calendar: SchoolCalendar,
    start: pendulum.Date,
    end: pendulum.Date,
    *,
    school: str = "S",
    extinguishers: int = 4,
) -> SafetyLog:
    """The safety log of a school that follows every SF and DU rule from ``start`` to ``end``.

    Deterministic. Audited over those days with the default policy it finds
    nothing; tests inject one fault and check the audit reports exactly that.
    Weekly checks on each week's first school day, a fire inspection and an
    electrical check before each term and monthly, a register entry per month
    closed in time after a re-inspection, monthly extinguisher checks, a drill per
    term, duty rosters from the calendar, a staffed gate, visitors signed out, a
    pupil leaving with a pass, a permitted vehicle and a current gate agreement.
    """
    inspections: list[InspectionRecord] = []
    hazard_list: list[Hazard] = []
    weeks: set[pendulum.Date] = set()
    school_days = calendar.school_days(start, end)
    for day in school_days:
        week = day.start_of("week")
        if week not in weeks:
            weeks.add(week)
            inspections.append(_signed(f"{school}-W{day.isoformat()}", InspectionKind.WEEKLY, day))
    months = sorted({(d.year, d.month) for d in _span(start.subtract(days=31), end)})
    checks: list[ExtinguisherCheck] = []
    units = tuple(
        Extinguisher(
            unit_id=f"{school}-E{n}",
            kind="ABC干粉 4kg",
            count=2,
            place=f"{n + 1}楼走廊",
            provider="消防器材公司",
            agent_changed_on=start.subtract(days=100),
        )
        for n in range(extinguishers)
    )
    for year, month in months:
        first = pendulum.Date(year, month, 1)
        inspections.append(_signed(f"{school}-F{year}{month:02d}", InspectionKind.FIRE, first))
        inspections.append(
            _signed(f"{school}-L{year}{month:02d}", InspectionKind.ELECTRICAL, first)
        )
        checks.extend(
            ExtinguisherCheck(unit_id=unit.unit_id, on=first.add(days=1), by="赵师傅")
            for unit in units
        )
        found = first.add(days=2)
        hazard_id = f"{school}-H{year}{month:02d}"
        inspections.append(
            _signed(
                f"{school}-M{year}{month:02d}",
                InspectionKind.MONTHLY,
                found,
                (CheckItem(subject="配电房", item="线路", ok=False, hazard_id=hazard_id),),
            )
        )
        hazard_list.append(
            Hazard(
                hazard_id=hazard_id,
                description="线路老化",
                place="配电房",
                level=RiskLevel.GENERAL,
                found_on=found,
                found_by="王老师",
                owner_unit="后勤处",
                owner="赵师傅",
                deadline=found.add(days=7),
                interim=("断开该回路",),
                source=f"{school}-M{year}{month:02d}",
                state=HazardState.CLOSED,
                measures=("更换线路",),
                measures_on=found.add(days=1),
                fixed_on=found.add(days=3),
                fixed_by="赵师傅",
                reinspected_on=found.add(days=4),
                reinspected_by="王老师",
                closed_on=found.add(days=4),
                approved_by="校长",
            )
        )
    inspections.extend(
        _signed(f"{school}-T{term.start.isoformat()}", InspectionKind.TERM_START, day_before)
        for term in calendar.year.terms
        if start <= term.start <= end
        for day_before in (term.start.subtract(days=2),)
    )
    drills = tuple(
        Drill(
            drill_id=f"{school}-D{term.start.isoformat()}",
            on=term.start.add(days=30),
            scope="全校",
            participants=800,
            led_by="校长",
        )
        for term in calendar.year.terms
    )
    rosters = [
        build_roster(
            f"{school}-duty",
            calendar,
            start,
            end,
            ("甲老师", "乙老师", "丙老师", "丁老师", "戊老师"),
            cover_days_off=False,
            published_on=start,
            title_zh="值日表",
        )
    ]
    for period in duty_periods(calendar):
        first = period.night_of or period.start
        if period.end < start or first > end:
            continue
        rosters.append(
            build_roster(
                f"{school}-{period.start.isoformat()}",
                calendar,
                first,
                period.end,
                ("后勤张", "后勤李", "后勤王"),
                published_on=period.night_of or period.start,
                title_zh=f"{period.name_zh}值班表",
            )
        )
    days = _span(start, end)
    gate = tuple(
        GateShift(
            shift_id=f"{school}-G{day.isoformat()}",
            gatekeeper="门卫老刘" if day.day % 2 else "门卫老陈",
            start=_at(day, 0),
            end=_at(day, 0).add(days=1),
        )
        for day in days
    )
    handovers = tuple(
        Handover(
            at=_at(day, 0),
            handed_by="门卫老陈" if day.day % 2 else "门卫老刘",
            taken_by="门卫老刘" if day.day % 2 else "门卫老陈",
            handed_signature="门卫老陈" if day.day % 2 else "门卫老刘",
            taken_signature="门卫老刘" if day.day % 2 else "门卫老陈",
        )
        for day in days
    )
    visit_day = school_days[0] if school_days else start
    visitors = (
        VisitorEntry(
            entry_id=f"{school}-V1",
            name="家长甲",
            organisation="家长",
            purpose="送药",
            visiting="班主任乙",
            time_in=_at(visit_day, 10),
            gatekeeper="门卫老刘",
            confirmed_by="班主任乙",
            time_out=_at(visit_day, 10, 20),
        ),
    )
    passes = (
        ExitPass(
            pass_id=f"{school}-P1",
            pupil="学生丙",
            class_name="三(2)班",
            issued_by="班主任乙",
            issued_at=_at(visit_day, 9),
            reason="看病",
        ),
    )
    exits = (
        PupilExit(
            exit_id=f"{school}-X1",
            pupil="学生丙",
            class_name="三(2)班",
            at=_at(visit_day, 9, 30),
            gatekeeper="门卫老刘",
            pass_id=f"{school}-P1",
        ),
    )
    vehicles = (
        VehicleEntry(
            entry_id=f"{school}-C1",
            plate="京A12345",
            driver="司机丁",
            purpose="送货",
            time_in=_at(visit_day, 14),
            gatekeeper="门卫老刘",
            permitted_by="后勤主任",
            time_out=_at(visit_day, 14, 30),
        ),
    )
    agreements = (
        Agreement(
            agreement_id=f"{school}-A1",
            role="gatekeeper",
            party="门卫老刘",
            signed_for_school="校长",
            scope="门卫值守",
            start=calendar.span.start,
            end=calendar.span.end,
        ),
    )
    return SafetyLog(
        inspections=tuple(inspections),
        hazards=tuple(hazard_list),
        extinguishers=units,
        extinguisher_checks=tuple(checks),
        drills=drills,
        rosters=tuple(rosters),
        gate_shifts=gate,
        handovers=handovers,
        visitors=visitors,
        passes=passes,
        exits=exits,
        vehicles=vehicles,
        agreements=agreements,
    )


def _span(start: pendulum.Date, end: pendulum.Date) -> tuple[pendulum.Date, ...]:
    return tuple(start.add(days=n) for n in range((end - start).days + 1))


def _signed(
    record_id: str, kind: InspectionKind, on: pendulum.Date, items: tuple[CheckItem, ...] = ()
) -> InspectionRecord:
    return InspectionRecord(
        record_id=record_id,
        kind=kind,
        on=on,
        unit="全校",
        head="校长",
        inspectors=("王老师", "赵师傅"),
        items=items or (CheckItem(subject="教学楼", item="门窗"),),
        inspector_signature="王老师",
        head_signature="校长",
    )
