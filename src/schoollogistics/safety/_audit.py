"""The audit of safety work, duty and the gate: one check per rule, findings from the catalogue.

Each check is ``(log, context, policy) -> tuple[Violation, ...]``: the records
([`SafetyLog`][schoollogistics.safety.SafetyLog]), the context (the audited days and
the school calendar, read through its public API only) and the policy.
[`audit_safety`][schoollogistics.safety.audit_safety] runs ``DEFAULT_CHECKS`` and
returns the findings in canonical order, so the result does not depend on the
order of the records. Findings are data, never raised.

A schedule's period (a week, a month, a quarter of the school year) is checked
once it is over by the end of the audited days and overlaps them.
"""

# ruff: noqa: ARG001 - every check has the signature (log, context, policy), used or not

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from typing import Final, TypeAlias

import attrs
import pendulum

from schoollogistics.core.findings import FINDINGS
from schoollogistics.core.time import DateRange, day_end
from schoollogistics.core.violations import Violation, sort_violations
from schoollogistics.repairs import RoundRecord
from schoollogistics.safety._duty import DutyPeriod, _slot_keys, duty_periods
from schoollogistics.safety._fast import local_date, week_of
from schoollogistics.safety._policy import SafetyPolicy
from schoollogistics.safety._records import (
    KIND_ZH,
    LEVEL_ZH,
    SHIFT_ZH,
    STATE_ZH,
    HazardState,
    InspectionKind,
    SafetyLog,
    Shift,
)
from schoollogistics.school_calendar import SchoolCalendar

__all__ = [
    "DEFAULT_CHECKS",
    "AuditContext",
    "audit_safety",
    "du1_duty_every_school_day",
    "du1_nobody_on_two_posts_at_once",
    "du2_holidays_covered",
    "du2_roster_published_in_time",
    "du3_gate_always_staffed",
    "du3_handovers_signed",
    "du4_visitors_confirmed",
    "du4_visitors_out_by_closing",
    "du5_exits_with_a_pass",
    "du6_vehicles_permitted",
    "du7_agreements_current",
    "du7_roles_covered",
    "sf1_inspections_on_schedule",
    "sf1_monthly_and_term_start_checks_kept",
    "sf1_weekly_check_kept",
    "sf2_records_signed",
    "sf3_faults_registered",
    "sf3_round_hazards_registered",
    "sf4_closed_after_reinspection",
    "sf4_dangers_in_time",
    "sf5_electrical_check_before_term",
    "sf6_breaches_reported",
    "sf7_extinguishers_checked",
    "sf7_failed_extinguishers_replaced",
    "sf8_drills_each_term",
]


@attrs.frozen
class AuditContext:
    """What the checks read besides the records: the audited days and the calendar.

    Attributes:
        period: The days audited, inclusive.
        calendar: The school calendar (school days, holidays, make-up days, terms).
        duty: The holiday periods of DU-2 (``duty_periods(calendar)``, computed once).
    """

    period: DateRange
    calendar: SchoolCalendar
    duty: tuple[DutyPeriod, ...] = attrs.field(
        default=attrs.Factory(lambda self: duty_periods(self.calendar), takes_self=True)
    )


Check: TypeAlias = Callable[[SafetyLog, AuditContext, SafetyPolicy], tuple[Violation, ...]]
"""An audit check: (log, context, policy) -> findings."""


def _local(moment: pendulum.DateTime, policy: SafetyPolicy) -> pendulum.DateTime:
    return moment.in_timezone(policy.timezone)


def _frequency_periods(
    context: AuditContext, size: int
) -> Iterator[tuple[pendulum.Date, pendulum.Date]]:
    """The school-year periods of ``size`` months over by the audit's end and overlapping it."""
    months = context.calendar.year.months
    period = context.period
    for index in range(0, len(months) - size + 1, size):
        first_year, first_month = months[index]
        last_year, last_month = months[index + size - 1]
        start = pendulum.Date(first_year, first_month, 1)
        end = pendulum.Date(last_year, last_month, 1).end_of("month")
        if end <= period.end and end >= period.start:
            yield start, end


def _label(start: pendulum.Date, end: pendulum.Date) -> str:
    return f"{start.isoformat()}..{end.isoformat()}"


# ---------------------------------------------------------------- SF-1 schedules


def sf1_inspections_on_schedule(
    log: SafetyLog, context: AuditContext, policy: SafetyPolicy
) -> tuple[Violation, ...]:
    """SF-1: a signed fire inspection at least once a quarter (the CA-4 frequency).

    RULES.md SF-1: "A school (事业单位) runs a fire inspection (防火检查) at least once
    a quarter [N 公安部令第61号 §26 ¶1]". The frequency is the calendar area's
    ``fire_inspection`` entry of ``policy.frequencies``; only signed records count
    (SF-2).
    """
    found: list[Violation] = []
    days = sorted(r.on for r in log.inspections if r.kind is InspectionKind.FIRE and r.signed)
    for frequency in policy.frequencies:
        if frequency.key != "fire_inspection":
            continue
        for start, end in _frequency_periods(context, frequency.period.value):
            count = sum(1 for day in days if start <= day <= end)
            if count < frequency.min_count:
                found.append(
                    FINDINGS["safety.inspection_missing"].violation(
                        frequency.key,
                        period=_label(start, end),
                        count=count,
                        required=frequency.min_count,
                        title_zh=frequency.title_zh,
                        source=frequency.source,
                    )
                )
    return tuple(found)


def sf1_weekly_check_kept(
    log: SafetyLog, context: AuditContext, policy: SafetyPolicy
) -> tuple[Violation, ...]:
    """SF-1: a signed weekly safety check in every week with school (seed 004 default).

    "认真执行每周一次的安全检查制度" [S 004]; a week is Monday to Sunday, checked once
    it is over by the end of the audited days.
    """
    if not policy.weekly_check:
        return ()
    period = context.period
    checked = {
        week_of(r.on) for r in log.inspections if r.kind is InspectionKind.WEEKLY and r.signed
    }
    weeks = sorted({week_of(day) for day in context.calendar.school_days(period.start, period.end)})
    last = period.end.toordinal()
    return tuple(
        FINDINGS["safety.inspection_missing"].violation(
            "weekly",
            period=_label(pendulum.Date.fromordinal(week), pendulum.Date.fromordinal(week + 6)),
            count=0,
            required=1,
            title_zh=KIND_ZH[InspectionKind.WEEKLY],
            source="seed 004",
        )
        for week in weeks
        if week not in checked and week + 6 <= last
    )


def sf1_monthly_and_term_start_checks_kept(
    log: SafetyLog, context: AuditContext, policy: SafetyPolicy
) -> tuple[Violation, ...]:
    """SF-1: a signed monthly full check in every month with school, a check before each term.

    "每月开展一次深入全面的大检查" [S 004]; "做好开学前校舍、消防设施…的安全检查" [S 003]. A
    month is checked once it is over by the end of the audited days; a term start in
    the audited days needs a signed start-of-term check in the
    ``policy.electrical_lead_days`` days before it (or on it).
    """
    period = context.period
    found: list[Violation] = []
    if policy.monthly_check:
        checked = {
            (r.on.year, r.on.month)
            for r in log.inspections
            if r.kind is InspectionKind.MONTHLY and r.signed
        }
        months = sorted(
            {(d.year, d.month) for d in context.calendar.school_days(period.start, period.end)}
        )
        for year, month in months:
            first = pendulum.Date(year, month, 1)
            last = first.end_of("month")
            if (year, month) not in checked and last <= period.end:
                found.append(
                    FINDINGS["safety.inspection_missing"].violation(
                        "monthly",
                        period=_label(first, last),
                        count=0,
                        required=1,
                        title_zh=KIND_ZH[InspectionKind.MONTHLY],
                        source="seed 004",
                    )
                )
    if policy.term_start_check:
        days = [r.on for r in log.inspections if r.kind is InspectionKind.TERM_START and r.signed]
        for term in context.calendar.year.terms:
            if term.start not in period:
                continue
            earliest = term.start.subtract(days=policy.electrical_lead_days)
            if not any(earliest <= day <= term.start for day in days):
                found.append(
                    FINDINGS["safety.inspection_missing"].violation(
                        "term_start",
                        period=_label(earliest, term.start),
                        count=0,
                        required=1,
                        title_zh=KIND_ZH[InspectionKind.TERM_START],
                        source="seed 003",
                    )
                )
    return tuple(found)


# ---------------------------------------------------------------- SF-2 … SF-4 records and register


def sf2_records_signed(
    log: SafetyLog, context: AuditContext, policy: SafetyPolicy
) -> tuple[Violation, ...]:
    """SF-2: every inspection record is signed by the inspector and the unit's head.

    "检查人员和被检查部门负责人应当在检查记录上签名" [N 61号令 §26 ¶2]; an unsigned record
    does not count as done.
    """
    period = context.period
    return tuple(
        FINDINGS["safety.record_unsigned"].violation(record.record_id, on=record.on)
        for record in log.inspections
        if record.on in period and not record.signed
    )


def sf3_faults_registered(
    log: SafetyLog, context: AuditContext, policy: SafetyPolicy
) -> tuple[Violation, ...]:
    """SF-3: a fault not fixed on the spot opens an entry of the hidden-danger register.

    "建立安全台账，发现问题及时上报并整改" [S 004]; 61号令 §31, §32.
    """
    period = context.period
    registered = {hazard.hazard_id for hazard in log.hazards}
    return tuple(
        FINDINGS["safety.fault_unregistered"].violation(
            record.record_id, item=item.item, place=item.subject
        )
        for record in log.inspections
        if record.on in period
        for item in record.items
        if item.open_fault and item.hazard_id not in registered
    )


def sf3_round_hazards_registered(
    rounds: Iterable[RoundRecord], log: SafetyLog, period: DateRange
) -> tuple[Violation, ...]:
    """SF-3 with RP-7: a safety defect of a maintenance round names an entry of this register.

    The repairs area lets a round's safety defect open a hidden-danger entry instead of a
    repair request (``CheckResult.hazard_id``, RP-7); the id must be an entry of the
    register. A cross-check of two areas' records, not one of ``DEFAULT_CHECKS``.
    """
    registered = {hazard.hazard_id for hazard in log.hazards}
    return tuple(
        FINDINGS["safety.round_hazard_unregistered"].violation(
            round_record.round_id, check=result.check, hazard=result.hazard_id
        )
        for round_record in rounds
        if round_record.on in period
        for result in round_record.results
        if not result.ok and result.hazard_id is not None and result.hazard_id not in registered
    )


def sf4_dangers_in_time(
    log: SafetyLog, context: AuditContext, policy: SafetyPolicy
) -> tuple[Violation, ...]:
    """SF-4: an open entry past its deadline is flagged; one closed late is reported.

    RULES.md SF-4: "An open entry past its deadline is flagged and escalated"
    [N 61号令 §32 ¶2]. Open means not closed by the end of the audited days.
    """
    end = context.period.end
    found: list[Violation] = []
    for hazard in log.hazards:
        if hazard.found_on > end:
            continue
        closed = hazard.closed_on is not None and hazard.closed_on <= end
        if not closed and hazard.deadline < end:
            state = (
                hazard.state if hazard.state is not HazardState.CLOSED else HazardState.REINSPECTED
            )
            found.append(
                FINDINGS["safety.danger_overdue"].violation(
                    hazard.hazard_id,
                    level=hazard.level.value,
                    level_zh=LEVEL_ZH[hazard.level],
                    state=state.value,
                    state_zh=STATE_ZH[state],
                    deadline=hazard.deadline,
                )
            )
        elif closed and hazard.closed_on is not None and hazard.closed_on > hazard.deadline:
            found.append(
                FINDINGS["safety.danger_closed_late"].violation(
                    hazard.hazard_id, closed_on=hazard.closed_on, deadline=hazard.deadline
                )
            )
    return tuple(found)


def sf4_closed_after_reinspection(
    log: SafetyLog, context: AuditContext, policy: SafetyPolicy
) -> tuple[Violation, ...]:
    """SF-4: a closed entry was re-inspected by someone other than its owner.

    Records imported from another system may close an entry the office would
    have refused to close (``safety.reinspection_required``): the audit reports it.
    """
    period = context.period
    return tuple(
        FINDINGS["safety.closed_without_reinspection"].violation(
            hazard.hazard_id, owner=hazard.owner
        )
        for hazard in log.hazards
        if (hazard.state is HazardState.CLOSED or hazard.closed_on is not None)
        and (hazard.closed_on is None or hazard.closed_on in period)
        and not hazard.properly_reinspected
    )


# ---------------------------------------------------------------- SF-5 … SF-8


def sf5_electrical_check_before_term(
    log: SafetyLog, context: AuditContext, policy: SafetyPolicy
) -> tuple[Violation, ...]:
    """SF-5: every circuit is checked for leakage before each term (a signed record).

    "校园内所有的电源线进行检测,是否漏电" [S 001]: a signed electrical inspection in
    the ``policy.electrical_lead_days`` days before a term's first day (or on it).
    """
    period = context.period
    days = [r.on for r in log.inspections if r.kind is InspectionKind.ELECTRICAL and r.signed]
    found: list[Violation] = []
    for term in context.calendar.year.terms:
        if term.start not in period:
            continue
        earliest = term.start.subtract(days=policy.electrical_lead_days)
        if not any(earliest <= day <= term.start for day in days):
            found.append(
                FINDINGS["safety.electrical_check_missing"].violation(
                    term.start.isoformat(), days=policy.electrical_lead_days
                )
            )
    return tuple(found)


def sf6_breaches_reported(
    log: SafetyLog, context: AuditContext, policy: SafetyPolicy
) -> tuple[Violation, ...]:
    """SF-6: each banned or over-power appliance found is reported (no fines computed).

    "校内不能使用大功率用电器" [S 004]; the power limit is ``policy.power_limit_watts``.
    """
    period = context.period
    return tuple(
        FINDINGS["safety.banned_appliance"].violation(
            breach.breach_id,
            appliance=breach.appliance,
            watts="?" if breach.watts is None else breach.watts,
            person=breach.person,
            place=breach.place,
            on=breach.on,
        )
        for breach in log.breaches
        if breach.on in period
    )


def sf7_extinguishers_checked(
    log: SafetyLog, context: AuditContext, policy: SafetyPolicy
) -> tuple[Violation, ...]:
    """SF-7: each extinguisher is checked in every period of the CA-4 frequency (monthly).

    "灭火器…每月检查" [N GB 50444 §5.2.1, as in CA-4]; the frequency is the calendar
    area's ``extinguisher_check`` entry of ``policy.frequencies``.
    """
    months = context.calendar.year.months
    index = {month: n for n, month in enumerate(months)}
    found: list[Violation] = []
    for frequency in policy.frequencies:
        if frequency.key != "extinguisher_check":
            continue
        size = frequency.period.value
        counts: dict[tuple[str, int], int] = defaultdict(int)
        for check in log.extinguisher_checks:
            month = index.get((check.on.year, check.on.month))
            if month is not None:
                counts[check.unit_id, month // size] += 1
        for start, end in _frequency_periods(context, size):
            number = index[start.year, start.month] // size
            found.extend(
                FINDINGS["safety.extinguisher_unchecked"].violation(
                    unit.unit_id, place=unit.place, month=_label(start, end)
                )
                for unit in log.extinguishers
                if counts[unit.unit_id, number] < frequency.min_count
            )
    return tuple(found)


def sf7_failed_extinguishers_replaced(
    log: SafetyLog, context: AuditContext, policy: SafetyPolicy
) -> tuple[Violation, ...]:
    """SF-7: a unit that failed its check is replaced (a later check passes) or flagged."""
    end = context.period.end
    failed: dict[str, pendulum.Date] = {}
    passed: dict[str, pendulum.Date] = {}
    for check in log.extinguisher_checks:
        if check.on > end:
            continue
        table = passed if check.passed else failed
        if check.unit_id not in table or table[check.unit_id] < check.on:
            table[check.unit_id] = check.on
    places = {unit.unit_id: unit.place for unit in log.extinguishers}
    return tuple(
        FINDINGS["safety.extinguisher_failed"].violation(
            unit_id, place=places.get(unit_id, "?"), on=day
        )
        for unit_id, day in failed.items()
        if unit_id not in passed or passed[unit_id] <= day
    )


def sf8_drills_each_term(
    log: SafetyLog, context: AuditContext, policy: SafetyPolicy
) -> tuple[Violation, ...]:
    """SF-8: at least ``policy.drills_per_term`` evacuation drills in every term.

    "本学期拟组织一次紧急疏散演练" [S 004]; a term is checked once it is over.
    """
    period = context.period
    found: list[Violation] = []
    for term in context.calendar.year.terms:
        if term.end > period.end or term.end < period.start:
            continue
        count = sum(1 for drill in log.drills if term.start <= drill.on <= term.end)
        if count < policy.drills_per_term:
            found.append(
                FINDINGS["safety.drill_missing"].violation(
                    _label(term.start, term.end), count=count, required=policy.drills_per_term
                )
            )
    return tuple(found)


# ---------------------------------------------------------------- DU-1/DU-2 duty


def _posted(log: SafetyLog) -> set[tuple[pendulum.Date, Shift, str]]:
    return {(a.day, a.shift, a.post) for roster in log.rosters for a in roster.assignments}


def du1_duty_every_school_day(
    log: SafetyLog, context: AuditContext, policy: SafetyPolicy
) -> tuple[Violation, ...]:
    """DU-1: every school day has a named duty teacher on ``policy.school_day_post``.

    "每天确定值日的教师，定时定点到位值日" [S 004].
    """
    period = context.period
    posted = _posted(log)
    return tuple(
        FINDINGS["safety.duty_uncovered"].violation(day.isoformat(), post=policy.school_day_post)
        for day in context.calendar.school_days(period.start, period.end)
        for shift in policy.school_day_shifts
        if (day, shift, policy.school_day_post) not in posted
    )


def du1_nobody_on_two_posts_at_once(
    log: SafetyLog, context: AuditContext, policy: SafetyPolicy
) -> tuple[Violation, ...]:
    """DU-1: nobody is on two posts on the same day and shift, across all rosters."""
    period = context.period
    posts: dict[tuple[str, pendulum.Date, Shift], set[str]] = defaultdict(set)
    for roster in log.rosters:
        for a in roster.assignments:
            if a.day in period:
                posts[a.person, a.day, a.shift].add(f"{roster.roster_id}/{a.post}")
    return tuple(
        FINDINGS["safety.double_posted"].violation(
            person,
            day=day,
            shift=shift.value,
            shift_zh=SHIFT_ZH[shift],
            posts="、".join(sorted(where)),
        )
        for (person, day, shift), where in posts.items()
        if len(where) > 1
    )


def du2_holidays_covered(
    log: SafetyLog, context: AuditContext, policy: SafetyPolicy
) -> tuple[Violation, ...]:
    """DU-2: a holiday period's roster covers every day and every shift.

    RULES.md DU-2: "the roster covers every day from the last school day to the
    first, and every shift (default: day and night)"; the periods come from the
    calendar (CA-1 vacations, CA-2 holiday blocks).
    """
    period = context.period
    posted = _posted(log)
    found: list[Violation] = []
    for duty in context.duty:
        first = max(duty.night_of or duty.start, period.start)
        last = min(duty.end, period.end)
        if last < first:
            continue
        for key in _slot_keys(context.calendar, first, last, policy, True):  # noqa: FBT003
            day, shift, post = key
            if post != policy.holiday_post or key in posted:
                continue
            found.append(
                FINDINGS["safety.holiday_uncovered"].violation(
                    day.isoformat(),
                    period=_label(duty.start, duty.end),
                    name=duty.name_zh,
                    shift=shift.value,
                    shift_zh=SHIFT_ZH[shift],
                    post=post,
                )
            )
    return tuple(found)


def du2_roster_published_in_time(
    log: SafetyLog, context: AuditContext, policy: SafetyPolicy
) -> tuple[Violation, ...]:
    """DU-2: a holiday roster is published by the last school day before the holiday."""
    period = context.period
    found: list[Violation] = []
    periods = context.duty
    for roster in log.rosters:
        if roster.published_on not in period:
            continue
        for duty in periods:
            due = duty.publish_by
            if due is None or roster.end < duty.start or roster.start > duty.end:
                continue
            if roster.published_on > due:
                found.append(
                    FINDINGS["safety.roster_late"].violation(
                        roster.roster_id, published_on=roster.published_on, last_school_day=due
                    )
                )
                break
    return tuple(found)


# ---------------------------------------------------------------- DU-3 … DU-7 the gate


def du3_gate_always_staffed(
    log: SafetyLog, context: AuditContext, policy: SafetyPolicy
) -> tuple[Violation, ...]:
    """DU-3: the gate shifts cover all 24 hours of every audited day ("门卫24小时不离岗", S 004).

    Checked only when gate shifts are recorded at all (a school keeping its gate
    log elsewhere gives none).
    """
    if not log.gate_shifts:
        return ()
    zone = policy.timezone
    start = pendulum.datetime(
        context.period.start.year, context.period.start.month, context.period.start.day, tz=zone
    )
    stop = day_end(context.period.end, zone)
    found: list[Violation] = []
    cursor = start
    for shift in sorted(log.gate_shifts, key=lambda s: (s.start, s.end)):
        if shift.end <= cursor:
            continue
        if shift.start >= stop:
            break
        if shift.start > cursor:
            found.append(
                FINDINGS["safety.gate_gap"].violation(
                    _local(cursor, policy).isoformat(), end=_local(shift.start, policy).isoformat()
                )
            )
        cursor = max(cursor, shift.end)
    if cursor < stop:
        found.append(
            FINDINGS["safety.gate_gap"].violation(
                _local(cursor, policy).isoformat(), end=_local(stop, policy).isoformat()
            )
        )
    return tuple(found)


def du3_handovers_signed(
    log: SafetyLog, context: AuditContext, policy: SafetyPolicy
) -> tuple[Violation, ...]:
    """DU-3: each gate handover is signed by both gatekeepers (L)."""
    period = context.period
    return tuple(
        FINDINGS["safety.handover_unsigned"].violation(
            _local(h.at, policy).isoformat(), handed_by=h.handed_by, taken_by=h.taken_by
        )
        for h in log.handovers
        if not h.signed and local_date(h.at, policy.timezone) in period
    )


def du4_visitors_out_by_closing(
    log: SafetyLog, context: AuditContext, policy: SafetyPolicy
) -> tuple[Violation, ...]:
    """DU-4: a visitor is out by the time the gate closes (an entry without a time out is flagged).

    RULES.md DU-4: "an entry still without a time out at day end is flagged".
    """
    period = context.period
    found: list[Violation] = []
    for entry in log.visitors:
        came = local_date(entry.time_in, policy.timezone)
        if came not in period:
            continue
        closing = pendulum.datetime(came.year, came.month, came.day, tz=policy.timezone).add(
            hours=policy.gate_closes_hour
        )
        if entry.time_out is None or entry.time_out > closing:
            found.append(
                FINDINGS["safety.visitor_still_in"].violation(
                    entry.entry_id, name=entry.name, day=came
                )
            )
    return tuple(found)


def du4_visitors_confirmed(
    log: SafetyLog, context: AuditContext, policy: SafetyPolicy
) -> tuple[Violation, ...]:
    """DU-4: a visitor's ID is seen and the person visited confirms before entry.

    "校外人员进入校园要登记" [S 004]; "Entry follows confirmation by the person visited".
    """
    period = context.period
    return tuple(
        FINDINGS["safety.visitor_unconfirmed"].violation(
            entry.entry_id, name=entry.name, visiting=entry.visiting
        )
        for entry in log.visitors
        if (not entry.id_seen or entry.confirmed_by != entry.visiting)
        and local_date(entry.time_in, policy.timezone) in period
    )


def du5_exits_with_a_pass(
    log: SafetyLog, context: AuditContext, policy: SafetyPolicy
) -> tuple[Violation, ...]:
    """DU-5: a pupil leaves during class only with a pass issued by a named teacher.

    "上课期间学生出校门要盘查" [S 004]: the pass names the pupil, was issued that day
    before the exit, and is kept by the gatekeeper.
    """
    period = context.period
    passes = {p.pass_id: p for p in log.passes}
    found: list[Violation] = []
    for out in log.exits:
        at = _local(out.at, policy)
        day = at.date()
        if day not in period or not context.calendar.is_school_day(day):
            continue
        if not policy.class_from_hour <= at.hour < policy.class_to_hour:
            continue
        given = passes.get(out.pass_id) if out.pass_id is not None else None
        valid = (
            given is not None
            and given.pupil == out.pupil
            and given.issued_at <= out.at
            and local_date(given.issued_at, policy.timezone) == day
        )
        if not valid:
            found.append(
                FINDINGS["safety.exit_without_pass"].violation(
                    at.isoformat(), pupil=out.pupil, class_name=out.class_name
                )
            )
    return tuple(found)


def du6_vehicles_permitted(
    log: SafetyLog, context: AuditContext, policy: SafetyPolicy
) -> tuple[Violation, ...]:
    """DU-6: an outside vehicle comes in with permission or under a current site agreement.

    "严格管理校园车辆进出" [S 000]; construction vehicles follow their site agreement (DU-7).
    """
    period = context.period
    agreements = {a.agreement_id: a for a in log.agreements}
    found: list[Violation] = []
    for entry in log.vehicles:
        if not entry.outside or entry.permitted_by is not None:
            continue
        day = local_date(entry.time_in, policy.timezone)
        if day not in period:
            continue
        agreement = agreements.get(entry.agreement_id) if entry.agreement_id is not None else None
        if agreement is None or not agreement.valid_on(day):
            found.append(
                FINDINGS["safety.vehicle_unpermitted"].violation(entry.entry_id, plate=entry.plate)
            )
    return tuple(found)


def du7_agreements_current(
    log: SafetyLog, context: AuditContext, policy: SafetyPolicy
) -> tuple[Violation, ...]:
    """DU-7: an agreement that expired in the audited days without a renewal is flagged.

    "签订门卫责任状" [S 000]; a renewal is an agreement of the same role and party
    valid on the day after the end.
    """
    period = context.period
    found: list[Violation] = []
    for agreement in log.agreements:
        if not period.start <= agreement.end < period.end:
            continue
        after = agreement.end.add(days=1)
        renewed = any(
            other.role == agreement.role
            and other.party == agreement.party
            and other.valid_on(after)
            for other in log.agreements
        )
        if not renewed:
            found.append(
                FINDINGS["safety.agreement_expired"].violation(
                    agreement.agreement_id,
                    role=agreement.role,
                    party=agreement.party,
                    end=agreement.end,
                )
            )
    return tuple(found)


def du7_roles_covered(
    log: SafetyLog, context: AuditContext, policy: SafetyPolicy
) -> tuple[Violation, ...]:
    """DU-7: each role of ``policy.agreement_roles`` has a current agreement at the audit's end."""
    day = context.period.end
    return tuple(
        FINDINGS["safety.agreement_missing"].violation(role, day=day)
        for role in policy.agreement_roles
        if not any(a.role == role and a.valid_on(day) for a in log.agreements)
    )


DEFAULT_CHECKS: Final[tuple[Check, ...]] = (
    sf1_inspections_on_schedule,
    sf1_weekly_check_kept,
    sf1_monthly_and_term_start_checks_kept,
    sf2_records_signed,
    sf3_faults_registered,
    sf4_dangers_in_time,
    sf4_closed_after_reinspection,
    sf5_electrical_check_before_term,
    sf6_breaches_reported,
    sf7_extinguishers_checked,
    sf7_failed_extinguishers_replaced,
    sf8_drills_each_term,
    du1_duty_every_school_day,
    du1_nobody_on_two_posts_at_once,
    du2_holidays_covered,
    du2_roster_published_in_time,
    du3_gate_always_staffed,
    du3_handovers_signed,
    du4_visitors_out_by_closing,
    du4_visitors_confirmed,
    du5_exits_with_a_pass,
    du6_vehicles_permitted,
    du7_agreements_current,
    du7_roles_covered,
)
"""The checks ``audit_safety`` runs, one or two per rule, in rule order."""


def audit_safety(
    log: SafetyLog,
    period: DateRange,
    *,
    calendar: SchoolCalendar,
    policy: SafetyPolicy | None = None,
    checks: tuple[Check, ...] = DEFAULT_CHECKS,
) -> tuple[Violation, ...]:
    """Audit safety, duty and gate records over ``period`` (SF-1 … SF-8, DU-1 … DU-7).

    Returns the findings of every check in canonical order (the order of the
    records does not matter). Never raises for what it finds.
    """
    policy = SafetyPolicy() if policy is None else policy
    context = AuditContext(period, calendar)
    return sort_violations(v for check in checks for v in check(log, context, policy))
