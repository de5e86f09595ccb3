"""The issue's invariants as Hypothesis properties (CA-2, CA-3, CA-5, CA-6).

Each property draws school years 2004–05 to 2025–26 over the official holiday data, so
it meets real holiday blocks, make-up working days (调休) and term edges.
"""

from __future__ import annotations

import datetime as dt
import itertools
import re
from collections import Counter
from collections.abc import Callable

import holidays
import pendulum
import pytest
from hypothesis import given
from hypothesis import strategies as st

from schoollogistics import CalendarError, serialization
from schoollogistics.errors import FieldTypeError, NaiveDateTimeError, TimeTypeError
from schoollogistics.school_calendar import (
    Category,
    DayKind,
    HolidayCalendar,
    HolidayDay,
    HolidayNotice,
    Period,
    PlanEntry,
    RegulatoryFrequency,
    SchoolCalendar,
    SchoolYear,
    ShiftPolicy,
    TaskRule,
    Template,
    TimesPerTerm,
    Weekly,
    expand_rule,
    official_years,
    plan_month,
    plan_year,
    primary_school_template,
    render_month_zh,
)
from schoollogistics.school_calendar._rules import describe_years as _describe
from schoollogistics.school_calendar.errors import HolidayDataMissingError, RuleInvalidError
from schoollogistics.testing.school_calendar import school_calendars, task_rules

TEMPLATE = primary_school_template()
RULES = {rule.id: rule for rule in TEMPLATE.rules}


def _monday(day: pendulum.Date) -> pendulum.Date:
    return day.subtract(days=day.weekday())


@pytest.mark.rule("CA-2")
@pytest.mark.rule("CA-5")
@pytest.mark.rule("CA-6")
@given(school_calendars())
def test_template_plans_only_allowed_days_and_never_a_public_holiday(
    calendar: SchoolCalendar,
) -> None:
    """Every date of the built-in template's year plan is allowed by its rule, never a holiday."""
    plan = plan_year(calendar, TEMPLATE)
    assert plan.entries
    for entry in plan.entries:
        rule = RULES[entry.rule_id]
        assert rule.on_non_school_day is not ShiftPolicy.KEEP  # the template keeps nothing
        assert calendar.allows(rule.allowed, entry.date)
        if rule.allowed is DayKind.SCHOOL_DAY:
            assert calendar.is_school_day(entry.date)
        assert not calendar.is_public_holiday(entry.date)
        if rule.months:
            assert entry.date.month in rule.months


@pytest.mark.rule("CA-3")
@pytest.mark.rule("CA-5")
@given(
    school_calendars(),
    st.integers(0, 6),
    st.integers(1, 3),
    st.sampled_from([ShiftPolicy.PREVIOUS, ShiftPolicy.NEXT, ShiftPolicy.SKIP]),
)
def test_every_n_weeks_one_date_per_school_week_of_the_rule(
    calendar: SchoolCalendar, weekday: int, interval: int, policy: ShiftPolicy
) -> None:
    """Every ``interval``-th week from the first school week: one date if it has a school day.

    With ``SKIP``, exactly the rule's weeks whose weekday is a school day; with
    ``PREVIOUS``/``NEXT``, every rule week that has any school day, the date inside it.
    """
    rule = TaskRule(
        "w", "任务", Category.SAFETY, Weekly((weekday,), interval), "t", on_non_school_day=policy
    )
    dates = [d for d, _ in expand_rule(calendar, rule)]
    weeks = Counter(_monday(d) for d in dates)
    assert set(weeks.values()) <= {1}
    school = calendar.allowed_days(DayKind.SCHOOL_DAY)
    first = _monday(school[0])

    def rule_week(monday: pendulum.Date) -> bool:
        return (monday - first).days % (7 * interval) == 0

    if policy is ShiftPolicy.SKIP:
        expected = {_monday(d) for d in school if d.weekday() == weekday and rule_week(_monday(d))}
    else:
        expected = {_monday(d) for d in school if rule_week(_monday(d))}
    assert set(weeks) == expected
    assert all(calendar.is_school_day(d) for d in dates)


@pytest.mark.rule("CA-3")
@given(school_calendars(), st.integers(1, 12))
def test_k_times_per_term_exactly_k_ordered_evenly_spread(calendar: SchoolCalendar, k: int) -> None:
    """k dates in each term, strictly ordered, evenly spread, the last on the term's last day."""
    rule = TaskRule("k", "任务", Category.ASSETS, TimesPerTerm(k), "t")
    dates = [d for d, _ in expand_rule(calendar, rule)]
    assert len(dates) == k * len(calendar.year.terms)
    for term in calendar.year.terms:
        inside = [d for d in dates if term.start <= d <= term.end]
        assert len(inside) == k
        assert all(a < b for a, b in itertools.pairwise(inside))
        days = calendar.school_days(term.start, term.end)
        positions = [days.index(d) + 1 for d in inside]
        assert positions[-1] == len(days)
        # the i-th falls after i/k of the term's school days
        assert positions == [-(-i * len(days) // k) for i in range(1, k + 1)]


@pytest.mark.rule("CA-6")
@given(school_calendars(), st.lists(task_rules(), max_size=3, unique_by=lambda r: r.id))
def test_plans_are_pure_functions_of_their_data(
    calendar: SchoolCalendar, rules: list[TaskRule]
) -> None:
    """The same input gives the same plan, also after the input went through JSON."""
    template = Template("t", tuple(rules))
    try:
        plan = plan_year(calendar, template)
    except CalendarError as error:  # a typed refusal is a result too: it must repeat
        with pytest.raises(type(error)):
            plan_year(calendar, template)
        return
    assert plan_year(calendar, template) == plan
    loaded_calendar = serialization.loads(SchoolCalendar, serialization.dumps(calendar))
    loaded_template = serialization.loads(Template, serialization.dumps(template))
    assert plan_year(loaded_calendar, loaded_template) == plan


_LINE = re.compile(r"^(\d+)、")


@pytest.mark.rule("CA-6")
@given(school_calendars(), st.lists(task_rules(), max_size=4, unique_by=lambda r: r.id))
def test_zh_text_numbers_lines_and_collapses_frequent_duties(
    calendar: SchoolCalendar, rules: list[TaskRule]
) -> None:
    """Uncollapsed, line i is entry i; collapsed, one line per frequent rule, numbered 1, 2, …"""
    try:
        plan = plan_year(calendar, rules)
    except CalendarError:
        return
    for month in plan.month_plans():
        full = render_month_zh(month, collapse_over=None).splitlines()
        assert full[0] == f"{month.heading_zh}："
        if not month.entries:
            assert full[1:] == ["（本月无安排）"]
            continue
        assert len(full) == len(month.entries) + 1
        for line, entry in zip(full[1:], month.entries, strict=True):
            assert line.startswith(f"{entry.number}、{entry.date.month}月{entry.date.day}日")
        per_rule = Counter(e.rule_id for e in month.entries)
        collapsed = month.render_zh().splitlines()[1:]
        frequent = sum(1 for n in per_rule.values() if n > 3)
        rare = sum(n for n in per_rule.values() if n <= 3)
        assert len(collapsed) == frequent + rare
        numbers = [int(m.group(1)) for m in map(_LINE.match, collapsed) if m]
        assert numbers == list(range(1, len(collapsed) + 1))


# ---------------------------------------------------------------- CA-2: official data


@pytest.mark.rule("CA-2")
def test_official_years_are_exactly_the_years_the_package_has_a_notice_for() -> None:
    """Derived from the package's data (its make-up working days), not from a fixed year."""
    official = official_years()
    for year in range(1995, max(official) + 4):
        table = holidays.China(language="zh_CN", years=[year])  # type: ignore[attr-defined]
        has_notice = any(day.year == year for day in table.weekend_workdays)
        assert (year in official) == has_notice, year


def _notice_2027(*, extra_off: tuple[pendulum.Date, ...] = ()) -> HolidayNotice:
    days = [
        (pendulum.Date(2027, 1, 1), "元旦"),
        *[(pendulum.Date(2027, 2, d), "春节") for d in range(6, 13)],
        *[(pendulum.Date(2027, 5, d), "劳动节") for d in range(1, 6)],
        *[(pendulum.Date(2027, 10, d), "国庆节") for d in range(1, 8)],
        *[(day, "额外放假") for day in extra_off],
    ]
    return HolidayNotice.build(
        2027,
        days,
        [pendulum.Date(2027, 2, 20), pendulum.Date(2027, 4, 25), pendulum.Date(2027, 5, 8)],
        source="国办发明电〔2026〕示例号",
    )


@pytest.mark.rule("CA-2")
@pytest.mark.rule("CA-6")
def test_a_notice_adds_2027_and_the_2026_27_year_plans_on_it() -> None:
    """Without data for 2027 the school year cannot be planned; the notice makes it plannable."""
    year = SchoolYear.of(
        2026,
        (pendulum.Date(2026, 9, 1), pendulum.Date(2027, 1, 22)),
        (pendulum.Date(2027, 2, 22), pendulum.Date(2027, 7, 6)),
    )
    if 2027 not in official_years():
        with pytest.raises(HolidayDataMissingError):
            HolidayCalendar.china([2026, 2027])
    calendar = SchoolCalendar(year, HolidayCalendar.china([2026, 2027], notices=[_notice_2027()]))
    assert calendar.is_school_day(pendulum.Date(2027, 4, 25))  # a Sunday worked
    assert not calendar.is_school_day(pendulum.Date(2027, 5, 3))
    plan = plan_year(calendar, TEMPLATE)
    days = {e.date for e in plan.entries}
    assert pendulum.Date(2027, 4, 25) in days
    assert not days & {d.date for d in _notice_2027().days_off}


@pytest.mark.rule("CA-2")
@pytest.mark.rule("CA-5")
def test_a_notice_overriding_an_official_year_moves_the_plan(beijing: SchoolCalendar) -> None:
    """Replacing 2025's data with a notice that adds a day off moves that day's tasks."""
    official = beijing.holidays
    extra = pendulum.Date(2025, 9, 12)  # a Friday, made a day off by the (hypothetical) notice
    days_off = [HolidayDay(d.date, d.name_zh) for d in official.days_off if d.date.year == 2025]
    workdays = [d for d in official.workdays if d.year == 2025]
    notice = HolidayNotice(2025, (*days_off, HolidayDay(extra, "额外放假")), tuple(workdays))
    changed = SchoolCalendar(beijing.year, HolidayCalendar.china([2025, 2026], notices=[notice]))
    assert not changed.is_school_day(extra)
    before = plan_month(beijing, TEMPLATE, 2025, 9)
    after = plan_month(changed, TEMPLATE, 2025, 9)
    assert any(e.date == extra for e in before.entries)
    assert all(e.date != extra for e in after.entries)
    # everything else about 2025 is unchanged: the notice carried the package's days
    unchanged = [d for d in beijing.allowed_days(DayKind.SCHOOL_DAY) if d != extra]
    assert tuple(unchanged) == changed.allowed_days(DayKind.SCHOOL_DAY)


# ---------------------------------------------------------------- small API pins


def test_frequencies_are_checked_when_built() -> None:
    good = RegulatoryFrequency("k", "检查", Period.MONTH, 1, "s")
    assert good.min_count == 1
    builds: tuple[Callable[[], object], ...] = (
        lambda: RegulatoryFrequency("", "检查", Period.MONTH, 1, "s"),
        lambda: RegulatoryFrequency("k", "检查", Period.MONTH, 0, "s"),
    )
    for bad in builds:
        with pytest.raises(RuleInvalidError):
            bad()
    wrong_types: tuple[tuple[Callable[[], object], str, str], ...] = (
        (
            lambda: RegulatoryFrequency("k", "检查", "month", 1, "s"),  # type: ignore[arg-type]
            "RegulatoryFrequency.period",
            "str",
        ),
        (
            lambda: RegulatoryFrequency("k", "检查", Period.MONTH, True, "s"),
            "RegulatoryFrequency.min_count",
            "bool",
        ),
    )
    for bad, field, type_name in wrong_types:
        with pytest.raises(FieldTypeError) as info:
            bad()
        assert info.value.code == "input.wrong_type"
        assert (info.value.params["field"], info.value.params["type_name"]) == (field, type_name)


def test_official_years_text_in_the_refusal() -> None:
    assert _describe(frozenset()) == "none"
    assert _describe(frozenset({2001, 2002, 2003})) == "2001–2003"
    assert _describe(frozenset({2001, 2003})) == "2001, 2003"


def test_year_plan_text_and_term_lookups(beijing: SchoolCalendar) -> None:
    plan = plan_year(beijing, TEMPLATE)
    text = plan.render_zh(collapse_over=None)
    assert text.split("\n\n")[1].startswith("九月份：\n1、9月1日（周一）")
    assert len(text.splitlines()) == len(plan.entries) + 12 + 11  # headings, blank lines
    term = beijing.term_of(pendulum.Date(2025, 10, 9))
    assert term is not None
    assert term.span.start == pendulum.Date(2025, 9, 1)
    assert not beijing.allows(DayKind.SCHOOL_DAY, pendulum.Date(2025, 10, 1))
    with pytest.raises(TimeTypeError):
        beijing.allows(DayKind.SCHOOL_DAY, pendulum.datetime(2025, 10, 1))
    with pytest.raises(NaiveDateTimeError):
        beijing.holidays.is_working_day(dt.datetime(2025, 10, 1))  # noqa: DTZ001
    with pytest.raises(NaiveDateTimeError):
        PlanEntry(1, dt.datetime(2025, 10, 1), "任务", Category.SAFETY, "r", "s")  # noqa: DTZ001
