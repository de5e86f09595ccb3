"""CA-1, CA-3 … CA-6: terms, task rules, policies on non-school days, month and year plans."""

from __future__ import annotations

import datetime as dt
import itertools
import re
from collections import Counter
from collections.abc import Callable

import attrs
import pendulum
import pytest
from hypothesis import given
from hypothesis import strategies as st

from schoollogistics.core.time import DateRange
from schoollogistics.errors import FieldTypeError, NaiveDateTimeError, TimeOutOfRangeError
from schoollogistics.school_calendar import (
    Anchor,
    AnnualDate,
    Category,
    Daily,
    DayKind,
    HolidayDuty,
    HolidayEve,
    MonthlyFixedDay,
    MonthlyNthSchoolDay,
    MonthlyNthWeekday,
    OneOff,
    RelativeToTerm,
    SchoolCalendar,
    SchoolYear,
    ShiftPolicy,
    TaskRule,
    Template,
    Term,
    TimesPerTerm,
    TimesPerYear,
    Unit,
    Weekly,
    audit_frequencies,
    diff_plans,
    expand_rule,
    month_name_zh,
    plan_month,
    plan_year,
    render_month_zh,
)
from schoollogistics.school_calendar.errors import (
    DuplicateRuleError,
    MonthOutsideYearError,
    RuleInvalidError,
    RuleUnsatisfiableError,
    TermInvalidError,
    UnknownRuleError,
)
from schoollogistics.testing.school_calendar import school_calendars, task_rules


def _rule(schedule: object, title_zh: str = "任务", **kw: object) -> TaskRule:
    return TaskRule("r", title_zh, Category.SAFETY, schedule, "test", **kw)  # type: ignore[arg-type]


def _dates(calendar: SchoolCalendar, rule: TaskRule) -> list[pendulum.Date]:
    return [d for d, _ in expand_rule(calendar, rule)]


def _expand(calendar: SchoolCalendar, rule: TaskRule) -> list[pendulum.Date]:
    try:
        return _dates(calendar, rule)
    except (RuleUnsatisfiableError, RuleInvalidError):
        return []


# ---------------------------------------------------------------- CA-1


@pytest.mark.rule("CA-1")
def test_beijing_school_year(beijing_year: SchoolYear) -> None:
    assert beijing_year.label == "2025—2026学年"
    assert beijing_year.months[0] == (2025, 8)
    assert beijing_year.months[-1] == (2026, 7)
    assert [v.name_zh for v in beijing_year.vacations()] == ["暑假", "寒假", "暑假"]
    assert beijing_year.vacations()[1].span == DateRange(
        pendulum.Date(2026, 1, 24), pendulum.Date(2026, 3, 1)
    )
    assert beijing_year.term_of(pendulum.Date(2026, 2, 1)) is None
    term = beijing_year.term_of(dt.date(2025, 10, 9))
    assert term is not None
    assert term.name_zh == "第一学期"


@pytest.mark.rule("CA-1")
@pytest.mark.parametrize(
    "terms",
    [
        (("2025-09-01", "2026-01-23"), ("2026-01-20", "2026-07-07")),  # overlap
        (("2025-07-01", "2026-01-23"), ("2026-03-02", "2026-07-07")),  # before 1 August
        (("2025-09-01", "2026-01-23"), ("2026-03-02", "2026-08-07")),  # after 31 July
    ],
)
def test_invalid_terms_are_refused(terms: tuple[tuple[str, str], ...]) -> None:
    with pytest.raises(TermInvalidError):
        SchoolYear(
            2025,
            tuple(
                Term("学期", dt.date.fromisoformat(a), dt.date.fromisoformat(b)) for a, b in terms
            ),
        )


@pytest.mark.rule("CA-1")
def test_term_shapes_are_checked() -> None:
    with pytest.raises(TermInvalidError):
        Term("学期", dt.date(2025, 9, 2), dt.date(2025, 9, 1))
    with pytest.raises(TermInvalidError):
        Term(
            "学期",
            dt.date(2025, 9, 1),
            dt.date(2025, 9, 30),
            (DateRange(dt.date(2025, 10, 1), dt.date(2025, 10, 2)),),
        )
    with pytest.raises(TermInvalidError):
        SchoolYear(2025, ())
    with pytest.raises(TermInvalidError):
        SchoolYear(1800, (Term("学期", dt.date(2025, 9, 1), dt.date(2026, 1, 1)),))
    with pytest.raises(TimeOutOfRangeError) as early:  # a day before 1900 is outside time's bounds
        Term("学期", dt.date(1800, 9, 1), dt.date(1801, 1, 1))
    assert early.value.code == "time.out_of_range"
    assert early.value.params["field"] == "start"
    with pytest.raises(NaiveDateTimeError):
        Term("学期", dt.datetime(2025, 9, 1), dt.date(2025, 9, 30))  # noqa: DTZ001
    with pytest.raises(TermInvalidError):
        Term("学期", dt.date(2025, 9, 1), dt.date(2025, 9, 30), (("2025-09-02", "2025-09-03"),))  # type: ignore[arg-type]
    one = DateRange(dt.date(2025, 9, 8), dt.date(2025, 9, 9))
    assert Term("学期", dt.date(2025, 9, 1), dt.date(2025, 9, 30), (one,)).breaks == (one,)
    with pytest.raises(FieldTypeError) as single:  # one DateRange is not a list of breaks
        Term("学期", dt.date(2025, 9, 1), dt.date(2025, 9, 30), one)
    assert single.value.params == {
        "field": "Term.breaks",
        "expected": "a list or tuple",
        "expected_zh": "列表或元组",
        "type_name": "DateRange",
    }


@pytest.mark.rule("CA-1")
def test_breaks_and_make_up_days_in_the_school_day_predicate(beijing: SchoolCalendar) -> None:
    assert beijing.is_school_day(pendulum.Date(2025, 9, 28))  # Sunday worked (调休)
    assert beijing.is_school_day(pendulum.Date(2025, 10, 11))  # Saturday worked
    assert not beijing.is_school_day(pendulum.Date(2025, 10, 3))
    assert not beijing.is_school_day(pendulum.Date(2025, 8, 29))  # a vacation working day
    assert beijing.is_working_day(pendulum.Date(2025, 8, 29))
    assert not beijing.is_working_day(pendulum.Date(2027, 1, 2))  # outside the year: weekends
    assert beijing.is_public_holiday(dt.date(2025, 10, 1))
    assert len(beijing.school_days(dt.date(2025, 9, 22), dt.date(2025, 9, 28))) == 6
    with_break = attrs.evolve(
        beijing,
        year=SchoolYear(
            2025,
            (
                Term(
                    "第一学期",
                    dt.date(2025, 9, 1),
                    dt.date(2026, 1, 23),
                    (DateRange(dt.date(2025, 11, 10), dt.date(2025, 11, 14)),),
                ),
            ),
        ),
    )
    assert not with_break.is_school_day(pendulum.Date(2025, 11, 12))
    assert with_break.is_school_day(pendulum.Date(2025, 11, 17))


# ---------------------------------------------------------------- CA-3, CA-5 properties


@pytest.mark.rule("CA-5")
@given(school_calendars(), task_rules())
def test_every_planned_date_is_allowed_unless_the_rule_keeps_it(
    calendar: SchoolCalendar, rule: TaskRule
) -> None:
    for day, note in expand_rule(calendar, rule) if _expand(calendar, rule) else []:
        assert day in calendar.span
        if not calendar.allows(rule.allowed, day):
            assert rule.on_non_school_day is ShiftPolicy.KEEP
            assert note == "按原日期（非上学日）"
        if rule.allowed is not DayKind.ANY_DAY:
            assert not calendar.is_public_holiday(day)  # never on a public holiday
        if rule.months:
            assert day.month in rule.months


@pytest.mark.rule("CA-3")
@pytest.mark.rule("CA-5")
@given(
    school_calendars(),
    st.integers(0, 6),
    st.sampled_from([ShiftPolicy.PREVIOUS, ShiftPolicy.NEXT, ShiftPolicy.SKIP]),
)
def test_weekly_rule_one_date_per_school_week(
    calendar: SchoolCalendar, weekday: int, policy: ShiftPolicy
) -> None:
    rule = _rule(Weekly((weekday,)), on_non_school_day=policy)
    dates = _dates(calendar, rule)
    weeks = Counter(d.subtract(days=d.weekday()) for d in dates)
    assert set(weeks.values()) <= {1}
    school_weeks = {d.subtract(days=d.weekday()) for d in calendar.allowed_days(DayKind.SCHOOL_DAY)}
    if policy is ShiftPolicy.SKIP:
        expected = {
            d.subtract(days=d.weekday())
            for d in calendar.allowed_days(DayKind.SCHOOL_DAY)
            if d.weekday() == weekday
        }
        assert set(weeks) == expected
    else:
        assert set(weeks) == school_weeks


@pytest.mark.rule("CA-3")
@given(school_calendars(), st.integers(2, 3), st.integers(0, 6))
def test_every_n_weeks(calendar: SchoolCalendar, interval: int, weekday: int) -> None:
    dates = _dates(
        calendar, _rule(Weekly((weekday,), interval), on_non_school_day=ShiftPolicy.SKIP)
    )
    mondays = sorted({d.subtract(days=d.weekday()) for d in dates})
    for a, b in itertools.pairwise(mondays):
        assert (b - a).days % (7 * interval) == 0


@pytest.mark.rule("CA-3")
@given(school_calendars(), st.integers(1, 8))
def test_k_times_per_term(calendar: SchoolCalendar, k: int) -> None:
    dates = _dates(calendar, _rule(TimesPerTerm(k)))
    for term in calendar.year.terms:
        inside = [d for d in dates if term.start <= d <= term.end]
        assert len(inside) == k
        assert inside == sorted(set(inside))
        assert (
            inside[-1] == calendar.school_days(term.start, term.end)[-1]
        )  # the last is at the end
    assert len(dates) == k * len(calendar.year.terms)


@pytest.mark.rule("CA-3")
def test_twice_a_term_is_mid_term_and_end(beijing: SchoolCalendar) -> None:
    dates = _dates(beijing, _rule(TimesPerTerm(2)))
    first_term = beijing.school_days(pendulum.Date(2025, 9, 1), pendulum.Date(2026, 1, 23))
    assert dates[:2] == [first_term[len(first_term) // 2 - 1 + len(first_term) % 2], first_term[-1]]


@pytest.mark.rule("CA-3")
@given(school_calendars(), st.integers(1, 9))
def test_n_times_a_year_spread_over_terms(calendar: SchoolCalendar, n: int) -> None:
    dates = _dates(calendar, _rule(TimesPerYear(n)))
    assert len(dates) == n
    counts = [sum(t.start <= d <= t.end for d in dates) for t in calendar.year.terms]
    assert max(counts) - min(counts) <= 1
    assert counts == sorted(counts, reverse=True)


def test_k_times_in_a_too_short_term_is_refused(beijing: SchoolCalendar) -> None:
    short = attrs.evolve(
        beijing, year=SchoolYear(2025, (Term("短学期", dt.date(2025, 9, 1), dt.date(2025, 9, 2)),))
    )
    with pytest.raises(RuleUnsatisfiableError) as info:
        _dates(short, _rule(TimesPerTerm(3)))
    assert info.value.code == "calendar.rule_unsatisfiable"


@pytest.mark.rule("CA-3")
@given(school_calendars(), st.sampled_from([1, 2, 3, -1]), st.integers(0, 4))
def test_monthly_nth_weekday(calendar: SchoolCalendar, n: int, weekday: int) -> None:
    dates = _dates(
        calendar, _rule(MonthlyNthWeekday(weekday, n), on_non_school_day=ShiftPolicy.SKIP)
    )
    months = Counter((d.year, d.month) for d in dates)
    assert set(months.values()) <= {1}
    for day in dates:
        assert day.weekday() == weekday
        same = [day.add(weeks=w) for w in range(-5, 6) if day.add(weeks=w).month == day.month]
        assert (same.index(day) + 1 == n) if n > 0 else same[-1] == day


@pytest.mark.rule("CA-3")
@given(school_calendars(), st.integers(1, 5) | st.integers(-5, -1))
def test_monthly_nth_school_day(calendar: SchoolCalendar, n: int) -> None:
    dates = _dates(calendar, _rule(MonthlyNthSchoolDay(n)))
    for day in dates:
        month_days = calendar.school_days(day.start_of("month"), day.end_of("month"))
        assert month_days[n - 1 if n > 0 else n] == day
    expected = sum(
        1
        for y, m in calendar.year.months
        if len(calendar.school_days(pendulum.Date(y, m, 1), pendulum.Date(y, m, 1).end_of("month")))
        >= abs(n)
    )
    assert len(dates) == expected


@pytest.mark.rule("CA-5")
def test_fixed_day_moves_inside_its_month(beijing: SchoolCalendar) -> None:
    nxt = _dates(beijing, _rule(MonthlyFixedDay(31), on_non_school_day=ShiftPolicy.NEXT))
    # 31 January 2026 is in the winter vacation: NEXT finds nothing later in January,
    # so the occurrence falls back to the last school day before it in the month.
    assert pendulum.Date(2026, 1, 23) in nxt
    assert pendulum.Date(2025, 9, 30) in nxt  # 30 September: the month's last day
    assert all((d.month, d.year) != (2, 2026) for d in nxt)  # no school in February
    prev = _dates(beijing, _rule(MonthlyFixedDay(5), on_non_school_day=ShiftPolicy.PREVIOUS))
    assert pendulum.Date(2025, 10, 9) in prev  # nothing before 5 Oct in October is a school day


@pytest.mark.rule("CA-5")
def test_shift_policies_on_national_day(beijing: SchoolCalendar) -> None:
    day = OneOff(pendulum.Date(2025, 10, 3))
    assert expand_rule(beijing, _rule(day, on_non_school_day=ShiftPolicy.PREVIOUS)) == [
        (pendulum.Date(2025, 9, 30), "由10月3日提前")
    ]
    assert expand_rule(beijing, _rule(day, on_non_school_day=ShiftPolicy.NEXT)) == [
        (pendulum.Date(2025, 10, 9), "由10月3日顺延")
    ]
    assert expand_rule(beijing, _rule(day, on_non_school_day=ShiftPolicy.SKIP)) == []
    # KEEP never keeps a public holiday: it moves on to the next school day
    assert _dates(beijing, _rule(day, on_non_school_day=ShiftPolicy.KEEP)) == [
        pendulum.Date(2025, 10, 9)
    ]
    weekend = OneOff(pendulum.Date(2025, 9, 13))
    assert expand_rule(beijing, _rule(weekend, on_non_school_day=ShiftPolicy.KEEP)) == [
        (pendulum.Date(2025, 9, 13), "按原日期（非上学日）")
    ]
    assert _dates(beijing, _rule(OneOff(pendulum.Date(2030, 1, 1)))) == []


@pytest.mark.rule("CA-3")
def test_relative_to_term(beijing: SchoolCalendar) -> None:
    first = _dates(beijing, _rule(RelativeToTerm(Anchor.START)))
    assert first == [pendulum.Date(2025, 9, 1), pendulum.Date(2026, 3, 2)]
    before = _dates(
        beijing, _rule(RelativeToTerm(Anchor.START, -1, term=0), allowed=DayKind.WORKING_DAY)
    )
    assert before == [pendulum.Date(2025, 8, 29)]
    end = _dates(beijing, _rule(RelativeToTerm(Anchor.END, 0, term=1)))
    assert end == [pendulum.Date(2026, 7, 7)]
    days = _dates(
        beijing,
        _rule(RelativeToTerm(Anchor.END, 1, Unit.DAYS, term=0), on_non_school_day=ShiftPolicy.KEEP),
    )
    assert days == [pendulum.Date(2026, 1, 24)]
    with pytest.raises(RuleInvalidError):
        _dates(beijing, _rule(RelativeToTerm(Anchor.END, term=5)))
    assert _dates(beijing, _rule(RelativeToTerm(Anchor.START, -120, Unit.DAYS, term=0))) == []


@pytest.mark.rule("CA-3")
def test_holiday_eve_and_duty(beijing: SchoolCalendar) -> None:
    eve = _dates(beijing, _rule(HolidayEve(("国庆节",))))
    assert eve == [pendulum.Date(2025, 9, 30)]
    duty = _dates(beijing, _rule(HolidayDuty(("国庆节",)), allowed=DayKind.ANY_DAY))
    assert duty == [pendulum.Date(2025, 10, d) for d in range(1, 9)]
    all_eves = _dates(beijing, _rule(HolidayEve()))
    assert pendulum.Date(2025, 12, 31) in all_eves  # 元旦
    with pytest.raises(RuleInvalidError):  # no day of a block is a school day: refused up front
        _rule(HolidayDuty(("国庆节",)))


@pytest.mark.rule("CA-3")
def test_seasonal_window_and_annual_date(beijing: SchoolCalendar) -> None:
    winter = _dates(beijing, _rule(MonthlyNthSchoolDay(1), months=(11, 12, 1)))
    # 4 January 2026 is a Sunday worked in exchange for 2 January (调休)
    assert [(d.month, d.day) for d in winter] == [(11, 3), (12, 1), (1, 4)]
    teachers = _dates(beijing, _rule(AnnualDate(9, 10)))
    assert teachers == [pendulum.Date(2025, 9, 10)]
    womens = expand_rule(beijing, _rule(AnnualDate(3, 8)))
    assert womens == [(pendulum.Date(2026, 3, 6), "由3月8日提前")]
    leap = _dates(beijing, _rule(AnnualDate(2, 29), allowed=DayKind.ANY_DAY))
    assert leap == [pendulum.Date(2026, 2, 28)]


@pytest.mark.rule("CA-3")
def test_daily_rule_is_every_school_day(beijing: SchoolCalendar) -> None:
    assert tuple(_dates(beijing, _rule(Daily()))) == beijing.allowed_days(DayKind.SCHOOL_DAY)
    assert len(_dates(beijing, _rule(Daily(), allowed=DayKind.ANY_DAY))) == 365


@pytest.mark.parametrize(
    "build",
    [
        lambda: Weekly(()),
        lambda: Weekly((7,)),
        lambda: Weekly((1,), 0),
        lambda: MonthlyNthWeekday(1, 5),
        lambda: MonthlyNthSchoolDay(0),
        lambda: MonthlyFixedDay(32),
        lambda: TimesPerTerm(0),
        lambda: TimesPerYear(0),
        lambda: RelativeToTerm(Anchor.START, 500),
        lambda: RelativeToTerm(Anchor.START, term=-1),
        lambda: HolidayEve(offset=0),
        lambda: AnnualDate(13, 1),
        lambda: AnnualDate(2, 30),
        lambda: _rule(Daily(), months=(13,)),
        lambda: _rule(Daily(), months=(True,)),
        lambda: _rule(Daily(), rules=("",)),
        lambda: _rule(Daily(), regulatory_key=""),
        lambda: _rule(HolidayDuty(), allowed=DayKind.WORKING_DAY),
        lambda: Weekly(("1",)),  # type: ignore[arg-type]
        lambda: HolidayEve(("",)),
        lambda: Template("t", ("not a rule",)),  # type: ignore[arg-type]
    ],
)
def test_impossible_schedules_are_refused(build: object) -> None:
    with pytest.raises(RuleInvalidError) as info:
        build()  # type: ignore[operator]
    assert info.value.code == "calendar.rule_invalid"


_TEXT = ("text", "文本")
_LIST = ("a list or tuple", "列表或元组")


@pytest.mark.parametrize(
    ("build", "field", "type_name", "expected"),
    [
        (
            lambda: TaskRule("r", "任务", "safety", Daily(), "s"),  # type: ignore[arg-type]
            "TaskRule.category",
            "str",
            ("a Category", "枚举「Category」"),
        ),
        (
            lambda: _rule(Daily(), allowed="school_day"),
            "TaskRule.allowed",
            "str",
            ("a DayKind", "枚举「DayKind」"),
        ),
        (
            lambda: _rule(Daily(), on_non_school_day="next"),
            "TaskRule.on_non_school_day",
            "str",
            ("a ShiftPolicy", "枚举「ShiftPolicy」"),
        ),
        (lambda: _rule(Daily(), note_zh=None), "TaskRule.note_zh", "NoneType", _TEXT),
        (
            lambda: TaskRule("r", "任务", Category.SAFETY, Daily(), None),  # type: ignore[arg-type]
            "TaskRule.source",
            "NoneType",
            _TEXT,
        ),
        # the class, not a schedule (the expected text names the schedule union)
        (lambda: _rule(Weekly), "TaskRule.schedule", "type", None),
        (lambda: Weekly("0"), "Weekly.weekdays", "str", _LIST),  # type: ignore[arg-type]
        (lambda: _rule(Daily(), rules=None), "TaskRule.rules", "NoneType", _LIST),
    ],
)
def test_schedules_of_the_wrong_type_are_refused_when_built(
    build: Callable[[], object],
    field: str,
    type_name: str,
    expected: tuple[str, str] | None,
) -> None:
    """A wrong type (text for an enum, None for text or a list) is refused before the rules run."""
    with pytest.raises(FieldTypeError) as info:
        build()
    assert info.value.code == "input.wrong_type"
    assert (info.value.params["field"], info.value.params["type_name"]) == (field, type_name)
    if expected is not None:
        assert (info.value.params["expected"], info.value.params["expected_zh"]) == expected


@pytest.mark.rule("CA-3")
def test_a_single_string_or_int_is_refused_not_read_as_a_sequence() -> None:
    """A lone str or int for a tuple field is a wrong type: never split, never wrapped."""
    builds: list[tuple[Callable[[], object], str, str]] = [
        (lambda: HolidayEve("国庆节"), "HolidayEve.holidays_zh", "str"),
        (lambda: HolidayDuty("元旦"), "HolidayDuty.holidays_zh", "str"),
        (lambda: _rule(Daily(), rules="CA-4"), "TaskRule.rules", "str"),
        (lambda: _rule(Daily(), months=9), "TaskRule.months", "int"),
        (lambda: Weekly(0), "Weekly.weekdays", "int"),
    ]
    for build, field, type_name in builds:
        with pytest.raises(FieldTypeError) as info:
            build()
        assert info.value.params == {
            "field": field,
            "expected": "a list or tuple",
            "expected_zh": "列表或元组",
            "type_name": type_name,
        }
    assert HolidayEve(("国庆节",)).holidays_zh == ("国庆节",)
    assert HolidayDuty(["元旦"]).holidays_zh == ("元旦",)
    assert _rule(Daily(), rules=["CA-4"]).rules == ("CA-4",)
    assert _rule(Daily(), months=[9]).months == (9,)
    assert Weekly([0]).weekdays == (0,)


def test_schedule_descriptions() -> None:
    texts = [
        Daily().describe_zh(),
        Weekly((0, 4)).describe_zh(),
        Weekly((3,), 2).describe_zh(),
        MonthlyNthWeekday(0, -1).describe_zh(),
        MonthlyNthWeekday(0, 2).describe_zh(),
        MonthlyNthSchoolDay(-1).describe_zh(),
        MonthlyNthSchoolDay(-2).describe_zh(),
        MonthlyNthSchoolDay(3).describe_zh(),
        MonthlyFixedDay(5).describe_zh(),
        TimesPerTerm(2).describe_zh(),
        TimesPerYear(4).describe_zh(),
        RelativeToTerm(Anchor.START).describe_zh(),
        RelativeToTerm(Anchor.END, -3).describe_zh(),
        RelativeToTerm(Anchor.START, 2).describe_zh(),
        HolidayEve(("国庆节",)).describe_zh(),
        HolidayDuty().describe_zh(),
        AnnualDate(9, 10).describe_zh(),
        OneOff(dt.date(2025, 9, 1)).describe_zh(),
    ]
    assert texts == [
        "每天", "每周周一、周五", "每2周周四", "每月最后一个周一", "每月第2个周一",
        "每月最后一个工作日", "每月倒数第2个工作日", "每月第3个工作日", "每月5日", "每学期2次",
        "每年4次", "开学", "期末前3天", "开学后2天", "国庆节放假前", "节假日每日", "每年9月10日",
        "2025年9月1日",
    ]  # fmt: skip


# ---------------------------------------------------------------- CA-6 plans


@pytest.mark.rule("CA-6")
@given(school_calendars(), st.lists(task_rules(), max_size=4, unique_by=lambda r: r.id))
def test_month_plans_concatenate_to_the_year_plan(
    calendar: SchoolCalendar, rules: list[TaskRule]
) -> None:
    rules = [r for r in rules if _expand(calendar, r) or not _raises(calendar, r)]
    year = plan_year(calendar, rules)
    months = [plan_month(calendar, rules, y, m) for y, m in calendar.year.months]
    assert tuple(e for plan in months for e in plan.entries) == year.entries
    assert year.month_plans() == tuple(months)
    for plan in months:
        assert [e.number for e in plan.entries] == list(range(1, len(plan.entries) + 1))
        assert [e.date for e in plan.entries] == sorted(e.date for e in plan.entries)
    assert plan_year(calendar, rules) == year  # pure: same input, same plan
    assert diff_plans(year, plan_year(calendar, rules)).is_empty


def _raises(calendar: SchoolCalendar, rule: TaskRule) -> bool:
    try:
        expand_rule(calendar, rule)
    except (RuleUnsatisfiableError, RuleInvalidError):
        return True
    return False


@pytest.mark.rule("CA-6")
def test_diff_between_plans(beijing: SchoolCalendar, template: Template) -> None:
    old = plan_year(beijing, template)
    new = plan_year(
        beijing, template.remove("weekly_cleaning").add(_rule(OneOff(dt.date(2025, 9, 2))))
    )
    diff = diff_plans(old, new)
    assert [e.rule_id for e in diff.added] == ["r"]
    assert {e.rule_id for e in diff.removed} == {"weekly_cleaning"}
    assert not diff.is_empty


@pytest.mark.rule("CA-6")
def test_month_outside_the_year_is_refused(beijing: SchoolCalendar, template: Template) -> None:
    with pytest.raises(MonthOutsideYearError):
        plan_month(beijing, template, 2026, 8)
    with pytest.raises(MonthOutsideYearError):
        plan_year(beijing, template).month(2025, 7)


@pytest.mark.rule("CA-6")
def test_render_like_the_seeds(beijing: SchoolCalendar) -> None:
    rules = [
        _rule(Daily(), title_zh="下班前检查水电、门窗"),
        TaskRule(
            "duty",
            "安排好“十·一”长假值班",
            Category.SAFETY,
            HolidayEve(("国庆节",), 3),
            "seed 003 九月份 item 6",
        ),
        TaskRule(
            "eve",
            "国庆保障",
            Category.EVENTS,
            OneOff(dt.date(2025, 10, 1)),
            "x",
            on_non_school_day=ShiftPolicy.PREVIOUS,
        ),
    ]
    text = render_month_zh(plan_month(beijing, rules, 2025, 9))
    assert text.splitlines() == [
        "九月份：",
        "1、下班前检查水电、门窗（本月23次，9月1日至9月30日）",
        "2、9月28日（周日）安排好“十·一”长假值班（调休上班日）",
        "3、9月30日（周二）国庆保障（由10月1日提前）",
    ]
    full = render_month_zh(plan_month(beijing, rules[1:], 2025, 9), collapse_over=None)
    assert full.splitlines()[1].startswith("1、9月28日")
    assert render_month_zh(plan_month(beijing, [], 2025, 8)) == "八月份：\n（本月无安排）"
    assert [month_name_zh(m) for m in (1, 9, 10, 11, 12)] == [
        "一月份",
        "九月份",
        "十月份",
        "十一月份",
        "十二月份",
    ]


# ---------------------------------------------------------------- template


# Every numbered item of the seeds' month lists (seed 003: 八月份 … 一月份; seed 004 篇四: 二月 …
# 七月), as (month heading, item number).
_SEED_003_COUNTS = (
    ("八月份", 12),
    ("九月份", 11),
    ("十月份", 7),
    ("十一月份", 6),
    ("十二月份", 5),
    ("一月份", 6),
)
SEED_003_ITEMS = {(month, n) for month, count in _SEED_003_COUNTS for n in range(1, count + 1)}
SEED_004_ITEMS = {
    (month, n)
    for month, count in (
        ("二月", 7),
        ("三月", 5),
        ("四月", 5),
        ("五月", 6),
        ("六月", 6),
        ("七月", 3),
    )
    for n in range(1, count + 1)
}
# Kindergarten-only items (查看幼师的一日工作情况; 检查班级幼儿来园登记情况): left out on purpose.
SEED_004_LEFT_OUT = {("五月", 1), ("五月", 2)}

_MONTHS = "八月份|九月份|十月份|十一月份|十二月份|一月份|二月份|二月|三月|四月|五月|六月|七月"
_CITATION = re.compile(rf"({_MONTHS}) items? (\d+)(?:–(\d+))?")


def _cited(template: Template, part: str, months: tuple[str, ...]) -> set[tuple[str, int]]:
    """The (month, item) pairs cited after ``part`` in the template's sources."""
    found: set[tuple[str, int]] = set()
    for rule in template.rules:
        for chunk in rule.source.split(";"):
            if part not in chunk:
                continue
            tail = chunk[chunk.index(part) :]
            for match in _CITATION.finditer(tail):
                month, first, last = match.group(1), int(match.group(2)), match.group(3)
                if month in months:
                    found.update((month, n) for n in range(first, int(last or first) + 1))
    return found


@pytest.mark.rule("CA-3")
@pytest.mark.rule("CA-4")
@pytest.mark.rule("CA-6")
def test_template_covers_the_seeds_and_cites_sources(template: Template) -> None:
    covered_003 = _cited(
        template, "seed 003", ("八月份", "九月份", "十月份", "十一月份", "十二月份", "一月份")
    )
    assert covered_003 == SEED_003_ITEMS
    covered_004 = _cited(template, "篇四", ("二月", "三月", "四月", "五月", "六月", "七月"))
    assert covered_004 == SEED_004_ITEMS - SEED_004_LEFT_OUT
    assert not covered_004 & SEED_004_LEFT_OUT
    assert _cited(template, "篇二", ("二月份",)) == {("二月份", n) for n in range(1, 8)}
    assert all(r.source for r in template.rules)
    assert {r.regulatory_key for r in template.rules if "CA-4" in r.rules} == {
        "fire_inspection", "extinguisher_check", "special_equipment_check", "asset_count",
        "food_handler_health_check",
    }  # fmt: skip
    assert set(Category) <= {r.category for r in template.rules}


@pytest.mark.rule("CA-4")
def test_template_plan_meets_regulatory_frequencies(
    beijing: SchoolCalendar, template: Template
) -> None:
    plan = plan_year(beijing, template)
    assert audit_frequencies(plan, template) == ()
    weaker = template.remove("extinguisher_check")
    findings = audit_frequencies(plan_year(beijing, weaker), weaker.rules)
    assert len(findings) == 12
    assert {f.code for f in findings} == {"calendar.frequency_unmet"}
    assert findings[0].rule == "CA-4"
    assert "灭火器检查" in findings[0].message_zh


@pytest.mark.rule("CA-6")
def test_beijing_september_and_october(beijing: SchoolCalendar, template: Template) -> None:
    september = plan_month(beijing, template, 2025, 9)
    october = plan_month(beijing, template, 2025, 10)
    assert all(
        not (pendulum.Date(2025, 10, 1) <= e.date <= pendulum.Date(2025, 10, 8))
        for e in october.entries
    )
    titles = {e.title_zh: e for e in september.entries}
    assert titles["安排好“十·一”长假值班"].date == pendulum.Date(2025, 9, 28)
    assert titles["做好庆国庆后勤保障"].date == pendulum.Date(2025, 9, 29)
    assert any(e.date == pendulum.Date(2025, 10, 11) for e in october.entries)
    assert september.render_zh().startswith("九月份：\n1、")


def test_template_editing(template: Template) -> None:
    extra = _rule(Daily())
    bigger = template.add(extra)
    assert bigger.rule("r") == extra
    with pytest.raises(DuplicateRuleError):
        bigger.add(extra)
    with pytest.raises(UnknownRuleError):
        template.remove("nope")
    with pytest.raises(UnknownRuleError):
        template.replace(extra)
    changed = bigger.replace(attrs.evolve(extra, title_zh="新标题"))
    assert changed.rule("r").title_zh == "新标题"
    assert [r.id for r in changed.rules] == [r.id for r in bigger.rules]
    assert {r.category for r in template.only(Category.CANTEEN).rules} == {Category.CANTEEN}
    with pytest.raises(DuplicateRuleError):
        plan_year(SchoolCalendar.__new__(SchoolCalendar), [extra, extra])  # refused before planning
