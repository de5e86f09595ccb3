"""Calendar engine benchmarks: plan a school year, against raw dateutil and recurring_ical_events.

Every ratio is measured with ``_measure.alternate``: ours and the baseline run in turn
(A B A B ...), each run after a garbage collection, in process CPU time; the figures are
the medians of each side and ``ratio`` is the median over the pairs of
**baseline time / our time** (above 1: ours is faster; 0.5 means ours takes twice as long).
The ``SchoolCalendar`` and the rule sets are built once, outside every timing.

* ``calendar.plan_year.template``: ``plan_year`` with the built-in primary-school template
  (101 rules) over Beijing 2025–26, against a raw ``dateutil`` expansion of roughly
  equivalent rules (below); target: ours at most twice the raw time (ratio ≥ 0.5).
* ``calendar.plan_year.50_rules``: the same with a 50-rule set mixing every recurring
  schedule kind (weekly, every two weeks, n-th weekday, n-th and last school day, fixed
  day, k per term, relative to term start, annual date, daily); same target.
* ``calendar.ical_expand``: the fair comparison with an iCalendar engine. The template's
  rules are written as RRULE/EXDATE/RDATE (below) and ``recurring_ical_events`` expands
  that calendar (parsed once, outside the timing) over the same school year; it is
  checked, before any timing, to give exactly our (rule, date) occurrences. Baseline:
  that expansion; subject: our ``plan_year``.
* ``calendar.ical_expand.with_parse`` (full run only): the same with ``icalendar``
  parsing the text inside the baseline's timing (our rules are Python records, theirs are
  text: this row shows what the text costs them).
* ``calendar.ical_expand.50_rules`` (full run only): the fair comparison for the 50-rule set.
* ``calendar.ical_read_export``: **not a comparison of recurrence engines**, and without a
  ratio: the time ``recurring_ical_events`` takes to parse and list our *flat* export (one
  VEVENT per entry, no RRULE at all: nothing to expand), beside the time of our
  ``plan_year`` + ``to_ical`` that produce it. It is what a consumer of the export pays to
  read it. (An earlier version reported the quotient of the two as a speed ratio; it
  compared generation against parsing.)

The iCalendar comparisons are skipped with a note when ``recurring_ical_events`` is not
installed (the ``bench`` dependency group; it pins python-dateutil < 3).

**The raw dateutil baseline** (``plan_year`` rows) is what a careful hand-written dateutil
program would do for the same rules, one ``rruleset`` per rule and per window, where a
window is each term for a school-day rule and the whole school year (1 August – 31 July)
for a working-day rule, with ``bymonth`` for a seasonal window:

* daily → ``DAILY`` on Monday–Friday plus the make-up working days as RDATEs;
* weekly / every N weeks → ``WEEKLY`` with ``interval``; n-th weekday → ``MONTHLY`` with
  ``byweekday=XX(n)``; n-th / last school day → ``MONTHLY`` on Monday–Friday with
  ``bysetpos``; fixed day → ``MONTHLY`` ``bymonthday``; annual date → ``YEARLY``;
* k times per term → ``k`` dates of a ``DAILY`` rule with ``interval`` = term length / k;
  relative-to-term, holiday-relative and one-off rules → one RDATE each;
* every public holiday of the data → an EXDATE in every set.

It does *less* than the engine and gives a different answer (558 occurrences against our
578 for the template, 1,437 against 1,480 for the 50 rules): no shift policy (an
occurrence on a holiday is dropped, not moved to the previous or next school day within
its week or month), n-th school days counted on weekdays rather than on school days, no
make-up school days except for the daily rule, k-per-term dates not on school days, no
deduplication, no numbering, notes or ``PlanEntry`` records: it only counts occurrences.
The engine's figure includes all of that.

**The RRULE/EXDATE calendar** (``ical_expand`` rows) holds, for each rule and window (as
above: a term for a school-day rule, the year otherwise), one all-day VEVENT:

* an RRULE where RFC 5545 has one (daily → ``FREQ=DAILY;BYDAY=MO..FR``; weekly →
  ``FREQ=WEEKLY;INTERVAL=n;BYDAY=..;WKST=MO`` in the engine's week phase; n-th weekday →
  ``FREQ=MONTHLY;BYDAY=2TU``; n-th / last school day → ``FREQ=MONTHLY;BYDAY=MO,..,FR;
  BYSETPOS=n``; fixed day → ``BYMONTHDAY``; annual date → ``FREQ=YEARLY``; a seasonal window
  → ``BYMONTH``), ``UNTIL`` the window's last day, ``DTSTART`` its first occurrence;
* an EXDATE for every date the RRULE gives that we do not plan (holidays, the days a
  shift moved an occurrence from, n-th weekdays that are not n-th school days) and an
  RDATE for every date we plan that the RRULE does not give (where the shift moved it to,
  make-up working days); RFC 5545 has no "school day" or "previous school day", so these
  exceptions are how such a schedule is published; their counts are in the record;
* k per term / per year, relative-to-term and holiday-relative rules: RDATEs only.

``recurring_ical_events`` then only expands RRULEs, removes EXDATEs and adds RDATEs: it
knows nothing of terms, holidays or shift policies (the exceptions carry them, computed
once outside the timing), and it builds one ``icalendar`` event per occurrence; we
compute the same occurrences from the rules and build numbered ``PlanEntry`` records.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pendulum
from _measure import Pairs, alternate, median_cpu
from dateutil import rrule

from schoollogistics.school_calendar import (
    Anchor,
    AnnualDate,
    Category,
    Daily,
    DayKind,
    HolidayCalendar,
    MonthlyFixedDay,
    MonthlyNthSchoolDay,
    MonthlyNthWeekday,
    RelativeToTerm,
    Schedule,
    SchoolCalendar,
    SchoolYear,
    TaskRule,
    Template,
    TimesPerTerm,
    Weekly,
    YearPlan,
    plan_year,
    primary_school_template,
    to_ical,
)

_DAYS = (rrule.MO, rrule.TU, rrule.WE, rrule.TH, rrule.FR, rrule.SA, rrule.SU)
_BYDAY = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")
_WEEKDAYS = "MO,TU,WE,TH,FR"
_WINDOW = ((2025, 8, 1), (2026, 8, 1))  # the school year, end exclusive
_RATIO = "ratio = baseline time / our time (>1: ours faster)"


def _calendar() -> SchoolCalendar:
    year = SchoolYear.of(
        2025,
        (pendulum.Date(2025, 9, 1), pendulum.Date(2026, 1, 23)),
        (pendulum.Date(2026, 3, 2), pendulum.Date(2026, 7, 7)),
    )
    return SchoolCalendar(year, HolidayCalendar.china([2025, 2026]))


def _fifty_rules() -> Template:
    kinds: list[Callable[[int], Schedule]] = [
        lambda i: Weekly(((i % 5),)),
        lambda i: Weekly(((i % 5),), 2),
        lambda i: MonthlyNthWeekday(i % 5, 1 + i % 4),
        lambda i: MonthlyNthSchoolDay(1 + i % 15),
        lambda i: MonthlyFixedDay(1 + i % 28),
        lambda i: TimesPerTerm(1 + i % 4),
        lambda i: RelativeToTerm(Anchor.START, i % 10),
        lambda i: AnnualDate(1 + i % 12, 1 + i % 28),
        lambda _: Daily(),
        lambda i: MonthlyNthSchoolDay(-(1 + i % 5)),
    ]
    rules = [
        TaskRule(f"r{i}", f"任务{i}", Category.SAFETY, kinds[i % len(kinds)](i), "bench")
        for i in range(50)
    ]
    return Template("50 rules", tuple(rules))


def _naive(day: pendulum.Date) -> dt.datetime:
    return dt.datetime(day.year, day.month, day.day)  # noqa: DTZ001 - days, as in the engine


def _ms_record(name: str, measured: Pairs, **extra: Any) -> dict[str, Any]:
    """Our median and the baseline's median in ms, and the median per-pair ratio."""
    out: dict[str, Any] = {
        "name": name,
        "value": round(measured.subject * 1000, 3),
        "unit": "ms per school year",
        "baseline": round(measured.baseline * 1000, 3),
        "ratio": round(measured.ratio, 3),
        "pairs": measured.pairs,
        "note": _RATIO,
    }
    out.update(extra)
    return out


# ---------------------------------------------------------------- raw dateutil baseline


def _equivalent(rule: TaskRule, start: dt.datetime, end: dt.datetime) -> Any:
    """A plain rrule for the rule over one window (what a hand-written dateutil version does)."""
    sch = rule.schedule
    months = rule.months or None
    weekdays = _DAYS[:5]
    common: dict[str, Any] = {"dtstart": start, "until": end, "bymonth": months}
    if isinstance(sch, Daily):
        return rrule.rrule(rrule.DAILY, byweekday=weekdays, **common)
    if isinstance(sch, Weekly):
        by = [_DAYS[d] for d in sch.weekdays]
        return rrule.rrule(rrule.WEEKLY, interval=sch.interval, byweekday=by, **common)
    if isinstance(sch, MonthlyNthWeekday):
        return rrule.rrule(rrule.MONTHLY, byweekday=_DAYS[sch.weekday](sch.n), **common)
    if isinstance(sch, MonthlyNthSchoolDay):
        return rrule.rrule(rrule.MONTHLY, byweekday=weekdays, bysetpos=sch.n, **common)
    if isinstance(sch, MonthlyFixedDay):
        return rrule.rrule(rrule.MONTHLY, bymonthday=sch.day, **common)
    if isinstance(sch, AnnualDate):
        return rrule.rrule(
            rrule.YEARLY, dtstart=start, until=end, bymonth=sch.month, bymonthday=sch.day
        )
    if isinstance(sch, TimesPerTerm):
        step = max(1, (end - start).days // sch.k)
        return rrule.rrule(rrule.DAILY, dtstart=start, interval=step, count=sch.k)
    return None  # relative, holiday-relative, one-off: a single RDATE


def _windows(calendar: SchoolCalendar, rule: TaskRule) -> list[tuple[dt.datetime, dt.datetime]]:
    if rule.allowed is DayKind.SCHOOL_DAY:
        return [(_naive(t.start), _naive(t.end)) for t in calendar.year.terms]
    return [(_naive(calendar.span.start), _naive(calendar.span.end))]


def _raw(calendar: SchoolCalendar, template: Template) -> int:
    off = [_naive(d.date) for d in calendar.holidays.days_off]
    work = [_naive(d) for d in calendar.holidays.workdays]
    total = 0
    for rule in template.rules:
        for start, end in _windows(calendar, rule):
            rset = rrule.rruleset()
            recurrence = _equivalent(rule, start, end)
            if recurrence is None:
                rset.rdate(start)
            else:
                rset.rrule(recurrence)
            for day in off:
                if start <= day <= end:
                    rset.exdate(day)
            if isinstance(rule.schedule, Daily):
                for day in work:
                    if start <= day <= end:
                        rset.rdate(day)
            total += sum(1 for _ in rset.between(start, end, inc=True))
    return total


def _compare(name: str, template: Template, quick: bool) -> list[dict[str, Any]]:
    calendar = _calendar()
    plan = plan_year(calendar, template)
    count = _raw(calendar, template)
    measured = alternate(
        lambda: plan_year(calendar, template),
        lambda: _raw(calendar, template),
        pairs=7 if quick else 31,
    )
    return [
        _ms_record(
            name,
            measured,
            entries=len(plan.entries),
            raw_occurrences=count,
            rules=len(template.rules),
        )
    ]


def bench_template(quick: bool) -> list[dict[str, Any]]:
    return _compare("calendar.plan_year.template", primary_school_template(), quick)


def bench_fifty(quick: bool) -> list[dict[str, Any]]:
    return _compare("calendar.plan_year.50_rules", _fifty_rules(), quick)


# ---------------------------------------------------------------- the rules as RRULE/EXDATE


def _recurrence(rule: TaskRule) -> str | None:
    """The RFC 5545 RRULE (without UNTIL) of a rule, where one expresses it."""
    sch = rule.schedule
    if isinstance(sch, Daily):
        text = "FREQ=DAILY" if rule.allowed is DayKind.ANY_DAY else f"FREQ=DAILY;BYDAY={_WEEKDAYS}"
    elif isinstance(sch, Weekly):
        days = ",".join(_BYDAY[d] for d in sch.weekdays)
        text = f"FREQ=WEEKLY;INTERVAL={sch.interval};BYDAY={days};WKST=MO"
    elif isinstance(sch, MonthlyNthWeekday):
        text = f"FREQ=MONTHLY;BYDAY={sch.n}{_BYDAY[sch.weekday]}"
    elif isinstance(sch, MonthlyNthSchoolDay):
        if rule.allowed is DayKind.ANY_DAY:
            text = f"FREQ=MONTHLY;BYMONTHDAY={sch.n}"
        else:
            text = f"FREQ=MONTHLY;BYDAY={_WEEKDAYS};BYSETPOS={sch.n}"
    elif isinstance(sch, MonthlyFixedDay):
        text = f"FREQ=MONTHLY;BYMONTHDAY={sch.day}"
    elif isinstance(sch, AnnualDate):
        return f"FREQ=YEARLY;BYMONTH={sch.month};BYMONTHDAY={sch.day}"
    else:
        return None  # k per term or year, relative, holiday-relative, one-off: RDATEs
    if rule.months:
        text += ";BYMONTH=" + ",".join(str(m) for m in rule.months)
    return text


def _seed(calendar: SchoolCalendar, rule: TaskRule, start: pendulum.Date) -> dt.datetime:
    """Where to start the RRULE so that it has the engine's phase (weeks of a weekly rule)."""
    sch = rule.schedule
    if not isinstance(sch, Weekly):
        return _naive(start)
    anchor = sch.anchor or calendar.allowed_days(DayKind.SCHOOL_DAY)[0]
    monday = anchor.subtract(days=anchor.weekday())
    step = 7 * sch.interval
    back = max(0, -(-(monday - start).days // step))
    return _naive(monday) - dt.timedelta(days=back * step)


def _rrule_calendar(
    calendar: SchoolCalendar, template: Template, plan: YearPlan
) -> tuple[str, dict[str, str], dict[str, int]]:
    """The rules as a VCALENDAR of RRULE/EXDATE/RDATE events giving ``plan``'s occurrences.

    Returns the text, the rule id of each UID, and counts (events, RRULEs, EXDATEs, RDATEs).
    """
    import icalendar  # noqa: PLC0415 - optional, benchmark only

    planned: dict[str, list[dt.datetime]] = {}
    for entry in plan.entries:
        planned.setdefault(entry.rule_id, []).append(_naive(entry.date))
    out = icalendar.Calendar()
    out.add("prodid", "-//schoollogistics//benchmark rules as RRULE//ZH")
    out.add("version", "2.0")
    stamp = dt.datetime(2025, 8, 1, tzinfo=dt.UTC)
    rule_of: dict[str, str] = {}
    counts = {"vevents": 0, "rrules": 0, "exdates": 0, "rdates": 0}
    span = calendar.span
    for index, rule in enumerate(template.rules):
        ours = planned.get(rule.id, [])
        if rule.allowed is DayKind.SCHOOL_DAY:
            windows = [(t.start, t.end) for t in calendar.year.terms]
        else:
            windows = [(span.start, span.end)]
        recurrence = _recurrence(rule)
        placed = 0
        for number, (start, end) in enumerate(windows):
            mine = {d for d in ours if _naive(start) <= d <= _naive(end)}
            placed += len(mine)
            if not mine:
                continue
            text = None
            first = min(mine)
            given = {first}
            if recurrence is not None:
                full = f"{recurrence};UNTIL={end:%Y%m%d}"
                series = rrule.rrulestr(full, dtstart=_seed(calendar, rule, start))
                head = next((d for d in series if d >= _naive(start)), None)
                if head is not None:
                    text, first = full, head
                    given = set(rrule.rrulestr(full, dtstart=first))
            event = icalendar.Event()
            uid = f"r{index}-w{number}@bench.invalid"
            rule_of[uid] = rule.id
            event.add("uid", uid)
            event.add("dtstamp", stamp)
            event.add("summary", rule.title_zh)
            event.add("dtstart", first.date())
            event.add("duration", dt.timedelta(days=1))
            if text is not None:
                event.add("rrule", icalendar.vRecur.from_ical(text))
                counts["rrules"] += 1
            excluded = sorted(given - mine)
            added = sorted(mine - given)
            if excluded:
                event.add("exdate", [d.date() for d in excluded])
            if added:
                event.add("rdate", [d.date() for d in added])
            counts["exdates"] += len(excluded)
            counts["rdates"] += len(added)
            counts["vevents"] += 1
            out.add_component(event)
        if placed != len(ours):
            message = f"{rule.id}: {len(ours) - placed} dates outside the rule's windows"
            raise RuntimeError(message)
    return out.to_ical().decode("utf-8"), rule_of, counts


def _occurrences(plan: YearPlan) -> set[tuple[str, dt.date]]:
    return {(e.rule_id, dt.date(e.date.year, e.date.month, e.date.day)) for e in plan.entries}


def _expanded(events: list[Any], rule_of: dict[str, str]) -> set[tuple[str, dt.date]]:
    return {(rule_of[str(e["UID"])], e["DTSTART"].dt) for e in events}


def _fair(name: str, template: Template, quick: bool, *, with_parse: bool) -> dict[str, Any]:
    import icalendar  # noqa: PLC0415 - optional, benchmark only
    import recurring_ical_events  # noqa: PLC0415

    calendar = _calendar()
    plan = plan_year(calendar, template)
    text, rule_of, counts = _rrule_calendar(calendar, template, plan)
    parsed = icalendar.Calendar.from_ical(text)

    def theirs() -> list[Any]:
        source = icalendar.Calendar.from_ical(text) if with_parse else parsed
        return list(recurring_ical_events.of(source).between(*_WINDOW))

    expected = _occurrences(plan)
    got = theirs()
    if len(got) != len(expected) or _expanded(got, rule_of) != expected:
        message = f"{name}: recurring_ical_events gives other occurrences than plan_year"
        raise RuntimeError(message)
    measured = alternate(lambda: plan_year(calendar, template), theirs, pairs=5 if quick else 15)
    return _ms_record(
        name, measured, occurrences=len(expected), rules=len(template.rules), **counts
    )


def _skipped(name: str, error: ImportError) -> list[dict[str, Any]]:
    return [
        {
            "name": name,
            "value": 0.0,
            "unit": "ms",
            "note": f"skipped: {error} (install the 'bench' dependency group)",
        }
    ]


def bench_ical(quick: bool) -> list[dict[str, Any]]:
    try:
        import icalendar  # noqa: PLC0415, F401 - optional, benchmark only
        import recurring_ical_events  # noqa: PLC0415, F401
    except ImportError as error:  # pragma: no cover - depends on the environment
        return _skipped("calendar.ical_expand", error)
    template = primary_school_template()
    records = [_fair("calendar.ical_expand", template, quick, with_parse=False)]
    if not quick:  # CI's quick run keeps to the main row (the others take the same path)
        records.append(_fair("calendar.ical_expand.with_parse", template, quick, with_parse=True))
        records.append(
            _fair("calendar.ical_expand.50_rules", _fifty_rules(), quick, with_parse=False)
        )
    return records


def bench_read_export(quick: bool) -> list[dict[str, Any]]:
    try:
        import icalendar  # noqa: PLC0415 - optional, benchmark only
        import recurring_ical_events  # noqa: PLC0415
    except ImportError as error:  # pragma: no cover - depends on the environment
        return _skipped("calendar.ical_read_export", error)
    calendar = _calendar()
    template = primary_school_template()
    stamp = pendulum.datetime(2025, 8, 1, tz="Asia/Shanghai")
    text = to_ical(plan_year(calendar, template), dtstamp=stamp)
    runs = 3 if quick else 9

    def read() -> int:
        parsed = icalendar.Calendar.from_ical(text)
        return len(recurring_ical_events.of(parsed).between(*_WINDOW))

    theirs, events = median_cpu(runs, read)
    ours, _ = median_cpu(runs, lambda: to_ical(plan_year(calendar, template), dtstamp=stamp))
    return [
        {
            "name": "calendar.ical_read_export",
            "value": round(theirs * 1000, 3),
            "unit": "ms (recurring_ical_events reads our flat export)",
            "plan_and_export_ms": round(ours * 1000, 3),
            "events": events,
            "runs": runs,
            "note": (
                "not a comparison: the export has one VEVENT per entry and no RRULE, so "
                "recurring_ical_events only parses it; see calendar.ical_expand"
            ),
        }
    ]


BENCHMARKS = {
    "calendar.plan_year.template": bench_template,
    "calendar.plan_year.50_rules": bench_fifty,
    "calendar.ical_expand": bench_ical,
    "calendar.ical_read_export": bench_read_export,
}
