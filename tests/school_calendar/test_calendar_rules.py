"""The CA guards (``_rules.py``), policies (``_policy.py``) and audit checks (``_audit.py``).

Each guard is met at its boundaries, and every refusal's ``params`` are asserted
(front ends read them); properties cover the invariants the CA rules name.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from functools import partial

import pendulum
import pytest
from hypothesis import given
from hypothesis import strategies as st

from schoollogistics.core.findings import FINDINGS
from schoollogistics.core.time import DateRange
from schoollogistics.core.violations import Severity
from schoollogistics.errors import FieldTypeError, SchoolLogisticsError, TimeOutOfRangeError
from schoollogistics.school_calendar import (
    DEFAULT_FREQUENCIES,
    Anchor,
    AnnualDate,
    Category,
    ChildrensDayPolicy,
    Daily,
    DayKind,
    HolidayCalendar,
    HolidayDay,
    HolidayDuty,
    HolidayEve,
    HolidayNotice,
    MonthlyFixedDay,
    MonthlyNthSchoolDay,
    MonthlyNthWeekday,
    Period,
    PlanEntry,
    RegulatoryFrequency,
    RelativeToTerm,
    Schedule,
    SchoolCalendar,
    SchoolDayPolicy,
    SchoolYear,
    ShiftPolicy,
    TaskRule,
    Template,
    Term,
    TimesPerTerm,
    TimesPerYear,
    Weekly,
    YearPlan,
    audit_frequencies,
    expand_rule,
    plan_month,
)
from schoollogistics.school_calendar._audit import CHECKS, ca4_frequency_met
from schoollogistics.school_calendar._rules import describe_years
from schoollogistics.school_calendar.errors import (
    DuplicateRuleError,
    HolidayDataMissingError,
    HolidayYearNotCoveredError,
    MonthOutsideYearError,
    NoticeInvalidError,
    RuleInvalidError,
    RuleUnsatisfiableError,
    TermInvalidError,
)
from schoollogistics.testing.school_calendar import school_years

D = pendulum.Date


def _refused(build: Callable[[], object], error: type[SchoolLogisticsError]) -> dict[str, object]:
    with pytest.raises(error) as caught:
        build()
    return dict(caught.value.params)


def _invalid(rule: str, reason: str) -> dict[str, object]:
    return {"rule": rule, "reason": reason}


def _wrong_type(field: str, type_name: str, expected: str, expected_zh: str) -> dict[str, object]:
    return {
        "field": field,
        "expected": expected,
        "expected_zh": expected_zh,
        "type_name": type_name,
    }


# ---------------------------------------------------------------- CA-1


@pytest.mark.rule("CA-1")
def test_ca1_term_guards_and_params() -> None:
    assert Term("学期", D(2025, 9, 1), D(2025, 9, 1)).span == DateRange(
        D(2025, 9, 1), D(2025, 9, 1)
    )
    assert _refused(lambda: Term("学期", D(2025, 9, 2), D(2025, 9, 1)), TermInvalidError) == {
        "year": "学期",
        "reason": "term ends (2025-09-01) before it starts (2025-09-02)",
    }
    edge = DateRange(D(2025, 9, 1), D(2025, 9, 30))
    assert Term("学期", D(2025, 9, 1), D(2025, 9, 30), (edge,)).breaks == (edge,)
    assert _refused(lambda: Term("学期", D(2025, 9, 1), D(2025, 9, 30), edge), FieldTypeError) == {
        "field": "Term.breaks",
        "expected": "a list or tuple",
        "expected_zh": "列表或元组",
        "type_name": "DateRange",
    }
    for gap in (
        DateRange(D(2025, 8, 31), D(2025, 9, 2)),
        DateRange(D(2025, 9, 29), D(2025, 10, 1)),
    ):
        params = _refused(
            partial(Term, "学期", D(2025, 9, 1), D(2025, 9, 30), (gap,)), TermInvalidError
        )
        assert params == {
            "year": "学期",
            "reason": f"break {gap.start}..{gap.end} is outside the term",
        }
    bad = (edge, "x")
    assert _refused(lambda: Term("学期", D(2025, 9, 1), D(2025, 9, 30), bad), TermInvalidError) == {  # type: ignore[arg-type]
        "year": "?",
        "reason": "a break must be a DateRange, not str",
    }


def _year(first: int, *terms: Term) -> SchoolYear:
    return SchoolYear(first, terms)


@pytest.mark.rule("CA-1")
def test_ca1_school_year_2200_is_refused_as_out_of_range() -> None:
    term = Term("学期", D(2200, 9, 1), D(2200, 9, 2))
    assert _refused(partial(_year, 2200, term), TermInvalidError) == {
        "year": "2200—2201学年",
        "reason": "first_year out of range",
    }


@pytest.mark.rule("CA-1")
def test_ca1_school_year_guards_and_params() -> None:
    for first in (1900, 2199):  # the school year 2199—2200 is the last inside time's bounds
        term = Term("学期", D(first, 9, 1), D(first, 9, 2))
        assert _year(first, term).first_year == first
    # the terms are inside time's bounds (1900..2200), the first years are not
    for first, term in (
        (1899, Term("学期", D(1900, 1, 4), D(1900, 1, 5))),
        (2201, Term("学期", D(2200, 9, 1), D(2200, 9, 2))),
    ):
        assert _refused(partial(_year, first, term), TermInvalidError) == {
            "year": f"{first}—{first + 1}学年",
            "reason": "first_year out of range",
        }
    for year in (1899, 2201):  # a term outside time's bounds
        assert _refused(
            partial(Term, "学期", D(year, 9, 1), D(year, 9, 2)), TimeOutOfRangeError
        ) == {
            "field": "start",
            "reason": "years run from 1900 to 2200",
            "reason_zh": "年份须在 1900 至 2200 之间",
        }
    assert _refused(lambda: _year(2025), TermInvalidError) == {
        "year": "2025—2026学年",
        "reason": "a school year needs at least one term",
    }
    whole = Term("学期", D(2025, 8, 1), D(2026, 7, 31))
    assert _year(2025, whole).terms == (whole,)
    for start, end in ((D(2025, 7, 31), D(2025, 9, 1)), (D(2026, 6, 1), D(2026, 8, 1))):
        term = Term("学期", start, end)
        assert _refused(partial(_year, 2025, term), TermInvalidError) == {
            "year": "2025—2026学年",
            "reason": f"学期 ({start}..{end}) is outside 2025-08-01..2026-07-31",
        }
    one = Term("一", D(2025, 9, 1), D(2026, 1, 23))
    touching = Term("二", D(2026, 1, 23), D(2026, 7, 7))
    assert _refused(lambda: _year(2025, one, touching), TermInvalidError) == {
        "year": "2025—2026学年",
        "reason": "二 starts before 一 ends",
    }
    after = Term("二", D(2026, 1, 24), D(2026, 7, 7))
    third = Term("三", D(2026, 3, 1), D(2026, 7, 8))
    assert _year(2025, one, after).terms == (one, after)
    assert _refused(lambda: _year(2025, one, after, third), TermInvalidError)["reason"] == (
        "三 starts before 二 ends"
    )


@pytest.mark.rule("CA-1")
@given(school_years())
def test_ca1_terms_lie_inside_the_year_in_order(year: SchoolYear) -> None:
    assert all(t.start in year.span and t.end in year.span for t in year.terms)
    assert all(a.end < b.start for a, b in zip(year.terms, year.terms[1:], strict=False))
    days = sum(len(tuple(t.span)) for t in year.terms) + sum(
        len(tuple(v.span)) for v in year.vacations()
    )
    assert days == len(tuple(year.span))


# ---------------------------------------------------------------- CA-2


def _notice(off: Sequence[dt.date], work: Sequence[dt.date], year: int = 2030) -> HolidayNotice:
    return HolidayNotice(year, tuple(HolidayDay(d, "假") for d in off), tuple(work))


@pytest.mark.rule("CA-2")
def test_ca2_notice_guards_and_params() -> None:
    saturday, sunday, friday = D(2030, 1, 5), D(2030, 1, 6), D(2030, 1, 4)
    assert _notice([friday], [saturday, sunday]).workdays == (saturday, sunday)
    cases = [
        (([friday, friday], []), "a day off is listed twice"),
        (([friday], [saturday, saturday]), "a working day is listed twice"),
        (([saturday], [saturday]), "2030-01-05 is both a day off and a working day"),
        (([], [friday]), "make-up working day 2030-01-04 is a weekday"),
        (([D(2028, 12, 30)], []), "2028-12-30 is too far from the notice's year"),
        (([], [D(2032, 1, 3)]), "2032-01-03 is too far from the notice's year"),
    ]
    for (off, work), reason in cases:
        params = _refused(partial(_notice, off, work), NoticeInvalidError)
        assert params == {"year": 2030, "reason": reason}
    near = _notice([D(2029, 1, 1), D(2031, 12, 31)], [])
    assert len(near.days_off) == 2
    notice = _notice([friday], [])
    assert _refused(
        lambda: HolidayCalendar.china([2030], notices=[notice, notice]), NoticeInvalidError
    ) == {"year": 2030, "reason": "two notices for one year"}


@pytest.mark.rule("CA-2")
def test_ca2_years_without_official_data_are_flagged() -> None:
    params = _refused(lambda: HolidayCalendar.china([2025, 2099]), HolidayDataMissingError)
    assert params["year"] == 2099
    assert params["official"] == describe_years(frozenset(range(2001, 2027))) == "2001–2026"
    calendar = HolidayCalendar.china([2098, 2099], accept_provisional=True)
    assert calendar.provisional_years == (2098, 2099)
    assert describe_years(frozenset()) == "none"
    assert describe_years(frozenset({2001, 2003})) == "2001, 2003"
    year = SchoolYear.of(2025, (D(2025, 9, 1), D(2026, 1, 23)), (D(2026, 3, 2), D(2026, 7, 7)))
    for covered, missing in (([2025], 2026), ([2026], 2025)):
        params = _refused(
            partial(_calendar_of, year, covered),
            HolidayYearNotCoveredError,
        )
        assert params == {"year": missing, "label": "2025—2026学年"}


def _calendar_of(year: SchoolYear, covered: list[int]) -> SchoolCalendar:
    return SchoolCalendar(year, HolidayCalendar.china(covered))


# ---------------------------------------------------------------- CA-3


BOUNDS: list[tuple[Callable[[int], object], str, str, tuple[int, ...], tuple[int, ...]]] = [
    (lambda v: Weekly((v,)), "Weekly", "weekday must be 0 (Mon) to 6 (Sun)", (0, 6), (-1, 7)),
    (lambda v: Weekly((0,), v), "Weekly", "interval must be 1 to 52", (1, 52), (0, 53)),
    (
        MonthlyNthWeekday,
        "MonthlyNthWeekday",
        "weekday must be 0 (Mon) to 6 (Sun)",
        (0, 6),
        (-1, 7),
    ),
    (
        lambda v: MonthlyNthWeekday(0, v),
        "MonthlyNthWeekday",
        "n must be 1 to 4 or -1",
        (1, 2, 3, 4, -1),
        (0, 5, -2),
    ),
    (
        MonthlyNthSchoolDay,
        "MonthlyNthSchoolDay",
        "n must be ±1 to ±23",
        (1, 23, -1, -23),
        (0, 24, -24),
    ),
    (MonthlyFixedDay, "MonthlyFixedDay", "day must be 1 to 31", (1, 31), (0, 32)),
    (TimesPerTerm, "TimesPerTerm", "k must be 1 to 60", (1, 60), (0, 61)),
    (TimesPerYear, "TimesPerYear", "n must be 1 to 120", (1, 120), (0, 121)),
    (
        lambda v: RelativeToTerm(Anchor.START, v),
        "RelativeToTerm",
        "offset must be -120 to 120",
        (-120, 120),
        (-121, 121),
    ),
    (
        lambda v: RelativeToTerm(Anchor.END, 0, term=v),
        "RelativeToTerm",
        "term index must be ≥ 0",
        (0, 1),
        (-1,),
    ),
    (lambda v: HolidayEve(offset=v), "HolidayEve", "offset must be 1 to 30", (1, 30), (0, 31)),
    (lambda v: AnnualDate(v, 1), "AnnualDate", "month must be 1 to 12", (1, 12), (0, 13)),
    (lambda v: AnnualDate(2, v), "AnnualDate", "day out of range for the month", (1, 29), (0, 30)),
    (lambda v: AnnualDate(4, v), "AnnualDate", "day out of range for the month", (30,), (31,)),
    (lambda v: _task(Daily(), months=(v,)), "months", "months must be 1 to 12", (1, 12), (0, 13)),
]


def _task(schedule: Schedule, **kw: object) -> TaskRule:
    return TaskRule("r", "任务", Category.SAFETY, schedule, "test", **kw)  # type: ignore[arg-type]


@pytest.mark.rule("CA-3")
@pytest.mark.parametrize(("build", "rule", "reason", "ok", "bad"), BOUNDS)
def test_ca3_schedule_guards_at_their_bounds(
    build: Callable[[int], object],
    rule: str,
    reason: str,
    ok: tuple[int, ...],
    bad: tuple[int, ...],
) -> None:
    for value in ok:
        build(value)
    for value in bad:
        assert _refused(partial(build, value), RuleInvalidError) == _invalid(rule, reason)


@pytest.mark.rule("CA-3")
def test_ca3_weekly_needs_a_weekday_and_rules_unique_ids() -> None:
    assert _refused(lambda: Weekly(()), RuleInvalidError) == _invalid(
        "Weekly", "needs at least one weekday"
    )
    assert Weekly((6, 0, 0)).weekdays == (0, 6)
    one, two = _task(Daily()), _task(Weekly((0,)))
    assert _refused(lambda: Template("t", (one, two)), DuplicateRuleError) == {"rule": "r"}
    other = TaskRule("s", "任务", Category.SAFETY, Daily(), "test")
    assert Template("t", (one, other)).rules == (one, other)


@pytest.mark.rule("CA-3")
def test_ca3_planning_guards(beijing: SchoolCalendar) -> None:
    third = _task(RelativeToTerm(Anchor.START, 0, term=2))
    assert _refused(lambda: expand_rule(beijing, third), RuleInvalidError) == _invalid(
        "r", "the school year has no term 2"
    )
    assert expand_rule(beijing, _task(RelativeToTerm(Anchor.START, 0, term=1)))
    short = SchoolYear.of(2025, (D(2025, 9, 1), D(2025, 9, 5)), (D(2026, 3, 2), D(2026, 7, 7)))
    calendar = SchoolCalendar(short, beijing.holidays)
    assert len(expand_rule(calendar, _task(TimesPerTerm(5)))) == 5 * 2
    assert _refused(
        lambda: expand_rule(calendar, _task(TimesPerTerm(6))), RuleUnsatisfiableError
    ) == {
        "rule": "r",
        "needed": 6,
        "period": "第一学期 2025-09-01..2025-09-05",
        "available": 5,
    }


# ---------------------------------------------------------------- CA-4


def _plan(*days: pendulum.Date, rule: str = "fire") -> YearPlan:
    year = SchoolYear.of(2025, (D(2025, 9, 1), D(2026, 1, 23)), (D(2026, 3, 2), D(2026, 7, 7)))
    entries = tuple(
        PlanEntry(i + 1, d, "检查", Category.SAFETY, rule, "s") for i, d in enumerate(days)
    )
    return YearPlan(year.label, year.months, entries)


def _fire(period: Period = Period.QUARTER, count: int = 1) -> RegulatoryFrequency:
    return RegulatoryFrequency("fire_inspection", "防火检查", period, count, "§26")


FIRE_RULE = TaskRule(
    "fire", "防火检查", Category.SAFETY, Daily(), "s", regulatory_key="fire_inspection"
)


@pytest.mark.rule("CA-4")
def test_ca4_frequency_guard_and_params() -> None:
    assert _fire(count=1).min_count == 1
    assert _refused(lambda: _fire(count=0), RuleInvalidError) == _invalid(
        "fire_inspection", "min_count must be at least 1"
    )
    assert _refused(lambda: _fire(count=True), FieldTypeError) == _wrong_type(
        "RegulatoryFrequency.min_count", "bool", "an integer", "整数"
    )
    assert _refused(lambda: _fire(count="1"), FieldTypeError) == _wrong_type(  # type: ignore[arg-type]
        "RegulatoryFrequency.min_count", "str", "an integer", "整数"
    )
    assert _refused(
        lambda: RegulatoryFrequency("", "检查", Period.MONTH, 1, "s"), RuleInvalidError
    ) == _invalid("''", "a frequency needs a key")
    assert _refused(
        lambda: RegulatoryFrequency(None, "检查", Period.MONTH, 1, "s"),  # type: ignore[arg-type]
        FieldTypeError,
    ) == _wrong_type("RegulatoryFrequency.key", "NoneType", "text", "文本")
    assert _refused(
        lambda: RegulatoryFrequency("k", "检查", 3, 1, "s"),  # type: ignore[arg-type]
        FieldTypeError,
    ) == _wrong_type("RegulatoryFrequency.period", "int", "a Period", "枚举「Period」")


@pytest.mark.rule("CA-4")
def test_ca4_frequency_met_counts_each_period() -> None:
    assert (ca4_frequency_met,) == CHECKS
    quarters = [D(2025, 8, 5), D(2025, 11, 5), D(2026, 2, 5), D(2026, 5, 5)]
    assert audit_frequencies(_plan(*quarters), [FIRE_RULE], [_fire()]) == ()
    assert audit_frequencies(_plan(*quarters), Template("t", (FIRE_RULE,)), [_fire()]) == ()
    found = audit_frequencies(_plan(*quarters[:3]), [FIRE_RULE], [_fire()])
    assert len(found) == 1
    (finding,) = found
    assert finding == FINDINGS["calendar.frequency_unmet"].violation(
        "fire_inspection",
        period="2026-05..2026-07",
        count=0,
        required=1,
        title_zh="防火检查",
        source="§26",
    )
    assert finding.code == "calendar.frequency_unmet"
    assert finding.rule == "CA-4"
    assert finding.severity is Severity.ERROR
    assert (
        finding.message_en
        == "fire_inspection: 0 planned in 2026-05..2026-07, at least 1 required (§26)"
    )
    assert finding.message_zh == "防火检查：2026-05..2026-07 仅安排 0 次，至少需要 1 次（§26）"
    twice = audit_frequencies(
        _plan(D(2025, 8, 5), D(2025, 8, 6)), [FIRE_RULE], [_fire(Period.YEAR, 2)]
    )
    assert twice == ()
    once = audit_frequencies(_plan(D(2025, 8, 5)), [FIRE_RULE], [_fire(Period.YEAR, 2)])
    assert [(v.params["period"], v.params["count"], v.params["required"]) for v in once] == [
        ("2025-08..2026-07", "1", "2")
    ]
    monthly = audit_frequencies(
        _plan(D(2025, 8, 31), D(2025, 9, 1)), [FIRE_RULE], [_fire(Period.MONTH)]
    )
    assert [v.params["period"] for v in monthly] == [
        f"{y}-{m:02d}..{y}-{m:02d}" for y, m in _plan().months[2:]
    ]
    outside = audit_frequencies(
        _plan(D(2026, 8, 5), rule="fire"), [FIRE_RULE], [_fire(Period.YEAR)]
    )
    assert [v.params["count"] for v in outside] == ["0"]
    other = audit_frequencies(_plan(D(2025, 8, 5), rule="other"), [FIRE_RULE], [_fire(Period.YEAR)])
    assert [v.params["count"] for v in other] == ["0"]


@pytest.mark.rule("CA-4")
def test_ca4_default_frequencies_are_those_of_rules_md() -> None:
    assert [(f.key, f.title_zh, f.period, f.min_count, f.source) for f in DEFAULT_FREQUENCIES] == [
        (
            "fire_inspection",
            "防火检查",
            Period.QUARTER,
            1,
            "公安部令第61号 §26 (at least quarterly)",
        ),
        ("extinguisher_check", "灭火器检查", Period.MONTH, 1, "GB 50444 §5.2.1 (monthly)"),
        (
            "special_equipment_check",
            "特种设备自行检查",
            Period.MONTH,
            1,
            "特种设备安全监察条例 §27 (at least monthly)",
        ),
        ("asset_count", "固定资产与存货盘点", Period.YEAR, 1, "政府会计制度 (at least yearly)"),
        ("food_handler_health_check", "食堂从业人员健康检查", Period.YEAR, 1, "食品安全法 §45"),
    ]
    assert [p.value for p in Period] == [1, 3, 12]


# ---------------------------------------------------------------- CA-5


@pytest.mark.rule("CA-5")
def test_ca5_policies_and_their_defaults() -> None:
    assert [k.value for k in DayKind] == ["school_day", "working_day", "any_day"]
    assert [p.value for p in ShiftPolicy] == ["previous", "next", "skip", "keep"]
    assert [p.value for p in ChildrensDayPolicy] == ["pupils_off", "school_day"]
    assert SchoolDayPolicy().childrens_day is ChildrensDayPolicy.PUPILS_OFF
    rule = _task(Daily())
    assert (rule.allowed, rule.on_non_school_day) == (DayKind.SCHOOL_DAY, ShiftPolicy.PREVIOUS)
    for kind in (DayKind.SCHOOL_DAY, DayKind.WORKING_DAY):
        assert _refused(partial(_task, HolidayDuty(), allowed=kind), RuleInvalidError) == (
            _invalid("r", "HolidayDuty falls on days off: it needs allowed=DayKind.ANY_DAY")
        )
    assert _task(HolidayDuty(), allowed=DayKind.ANY_DAY).allowed is DayKind.ANY_DAY
    assert _task(Daily(), allowed=DayKind.WORKING_DAY).allowed is DayKind.WORKING_DAY


@pytest.mark.rule("CA-5")
@given(st.sampled_from(ShiftPolicy), st.sampled_from([DayKind.SCHOOL_DAY, DayKind.WORKING_DAY]))
def test_ca5_a_shifted_task_lands_on_an_allowed_day_of_its_week(
    policy: ShiftPolicy, kind: DayKind
) -> None:
    calendar = _BEIJING
    rule = _task(Weekly((2,)), allowed=kind, on_non_school_day=policy)
    for day, note in expand_rule(calendar, rule):
        if policy is not ShiftPolicy.KEEP or not note.startswith("按原日期"):
            assert calendar.allows(kind, day)
        assert not calendar.is_public_holiday(day)
    skipped = {
        d
        for d, _ in expand_rule(
            calendar, _task(Weekly((2,)), allowed=kind, on_non_school_day=ShiftPolicy.SKIP)
        )
    }
    assert all(calendar.allows(kind, d) and d.weekday() == 2 for d in skipped)


_BEIJING = SchoolCalendar(
    SchoolYear.of(2025, (D(2025, 9, 1), D(2026, 1, 23)), (D(2026, 3, 2), D(2026, 7, 7))),
    HolidayCalendar.china([2025, 2026]),
)


# ---------------------------------------------------------------- CA-6


@pytest.mark.rule("CA-6")
def test_ca6_month_guard_and_params(beijing: SchoolCalendar) -> None:
    assert plan_month(beijing, [_task(Daily())], 2025, 8).month == 8
    assert plan_month(beijing, [_task(Daily())], 2026, 7).month == 7
    for year, month in ((2025, 7), (2026, 8)):
        params = _refused(
            partial(plan_month, beijing, [], year, month),
            MonthOutsideYearError,
        )
        assert params == {"year": year, "month": month, "label": "2025—2026学年"}
        plan = _plan()
        assert (
            _refused(
                partial(plan.month, year, month),
                MonthOutsideYearError,
            )
            == params
        )


@pytest.mark.rule("CA-6")
@given(st.lists(st.sampled_from(["daily", "weekly", "monthly"]), min_size=1, max_size=3))
def test_ca6_month_plans_are_numbered_from_one_in_date_order(kinds: list[str]) -> None:
    schedules: dict[str, Schedule] = {
        "daily": Daily(),
        "weekly": Weekly((0, 3)),
        "monthly": MonthlyFixedDay(15),
    }
    rules = [
        TaskRule(f"r{i}", "任务", Category.SAFETY, schedules[k], "s") for i, k in enumerate(kinds)
    ]
    plan = plan_month(_BEIJING, rules, 2025, 10)
    assert [e.number for e in plan.entries] == list(range(1, len(plan.entries) + 1))
    assert [e.date for e in plan.entries] == sorted(e.date for e in plan.entries)
    assert all((e.date.year, e.date.month) == (2025, 10) for e in plan.entries)
