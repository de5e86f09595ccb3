"""CA-6: the iCalendar export (RFC 5545) parses with `icalendar` and gives the same dates back."""

from __future__ import annotations

import datetime as dt

import icalendar
import pendulum
import pytest
from hypothesis import given
from hypothesis import strategies as st

from schoollogistics.errors import ControlCharacterError, NaiveDateTimeError
from schoollogistics.school_calendar import (
    Category,
    MonthPlan,
    PlanEntry,
    SchoolCalendar,
    Template,
    YearPlan,
    plan_month,
    plan_year,
    to_ical,
)
from schoollogistics.school_calendar._ical import encode_rule_id, fold, public_citation, uid
from schoollogistics.testing.school_calendar import plan_entries

STAMP = pendulum.datetime(2025, 8, 1, 9, 0, tz="Asia/Shanghai")


def _events(text: str) -> list[icalendar.cal.Component]:
    calendar = icalendar.Calendar.from_ical(text)
    return list(calendar.walk("VEVENT"))


@pytest.mark.rule("CA-6")
@given(st.lists(plan_entries(), max_size=6, unique_by=lambda e: e.key))
def test_export_round_trips(entries: list[PlanEntry]) -> None:
    text = to_ical(entries, dtstamp=STAMP)
    assert all(line.endswith("\r") or not line for line in text.split("\n"))
    assert all(len(line.encode()) <= 75 for line in text.split("\r\n"))
    events = _events(text)
    assert len(events) == len(entries)
    for event, entry in zip(events, entries, strict=True):
        assert event.decoded("DTSTART") == dt.date(
            entry.date.year, entry.date.month, entry.date.day
        )
        assert event.decoded("DTEND") - event.decoded("DTSTART") == dt.timedelta(days=1)
        assert str(event["SUMMARY"]) == entry.title_zh
        assert entry.category.label_zh in str(event["DESCRIPTION"])
        # the source as a reader sees it: seed locators become the documents' titles
        assert public_citation(entry) in str(event["DESCRIPTION"])
        assert event.decoded("DTSTAMP") == dt.datetime(2025, 8, 1, 1, 0, tzinfo=dt.UTC)
        assert str(event["UID"]) == uid(entry, "schoollogistics.invalid")
        if entry.note_zh:
            assert entry.note_zh in str(event["DESCRIPTION"])
    assert len({str(e["UID"]) for e in events}) == len(entries)


_ANY_IDS = st.text(  # any text the text policy allows: no surrogates, no controls but tab/LF/CR
    alphabet=st.characters(
        codec="utf-8", exclude_categories=["Cs", "Cc"], include_characters="\t\n\r"
    ),
    min_size=1,
    max_size=8,
).filter(str.strip)


@pytest.mark.rule("CA-6")
@given(
    st.tuples(_ANY_IDS, _ANY_IDS).filter(lambda pair: pair[0] != pair[1]),
    st.sampled_from(["a b", "a_b", "a%20b", "a/b", "a_b%", "行事历"]),
)
def test_uids_are_injective(pair: tuple[str, str], fixed: str) -> None:
    """Two different rule ids never share a UID, even when they differ only in other characters."""
    day = pendulum.Date(2025, 9, 1)
    ids = {*pair, fixed}
    entries = [PlanEntry(1, day, "任务", Category.SAFETY, rule_id, "s") for rule_id in ids]
    uids = {uid(entry, "d.example") for entry in entries}
    assert len(uids) == len(ids)
    for rule_id in ids:
        encoded = encode_rule_id(rule_id)
        assert set(encoded) <= set(
            "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789._-%"
        )
    # ids that the old scheme (unsafe characters → "_") mapped to one UID stay apart
    assert encode_rule_id("a b") != encode_rule_id("a_b") != encode_rule_id("a%20b")


@pytest.mark.parametrize(
    ("rule_id", "point", "position"), [("0\x1f", 0x1F, 1), ("\x00", 0, 0), ("a\x85", 0x85, 1)]
)
def test_rule_ids_with_control_characters_are_refused(
    rule_id: str, point: int, position: int
) -> None:
    """The ids the UID test no longer draws: refused by the text policy when the entry is built."""
    with pytest.raises(ControlCharacterError) as info:
        PlanEntry(1, pendulum.Date(2025, 9, 1), "任务", Category.SAFETY, rule_id, "s")
    assert info.value.code == "text.control_character"
    assert info.value.params == {
        "field": "PlanEntry.rule_id",
        "reason": f"control character U+{point:04X} at position {position}",
        "reason_zh": f"第 {position} 个字符是控制字符 U+{point:04X}",
    }


@pytest.mark.rule("CA-6")
def test_year_plan_export_is_stable(beijing: SchoolCalendar, template: Template) -> None:
    plan = plan_year(beijing, template)
    text = to_ical(plan, dtstamp=STAMP, calendar_name="红星小学后勤行事历", uid_domain="hx.example")
    assert text == to_ical(
        plan_year(beijing, template),
        dtstamp=STAMP,
        calendar_name="红星小学后勤行事历",
        uid_domain="hx.example",
    )
    events = _events(text)
    assert [e.decoded("DTSTART") for e in events] == [e.date for e in plan.entries]
    assert str(events[0]["UID"]).endswith("@hx.example")
    october: MonthPlan = plan_month(beijing, template, 2025, 10)
    month_events = _events(to_ical(october, dtstamp=STAMP))
    assert {e.decoded("DTSTART") for e in month_events}.isdisjoint(
        {dt.date(2025, 10, d) for d in range(1, 9)}
    )
    assert isinstance(plan, YearPlan)


def test_text_is_escaped_and_folded() -> None:
    entry = PlanEntry(
        1,
        pendulum.Date(2025, 9, 1),
        "检查;水电,门窗\\备注\n第二行" * 3,
        Category.SAFETY,
        "a b",
        "s",
        "n",
    )
    text = to_ical([entry], dtstamp=STAMP)
    assert "SUMMARY:检查\\;水电\\,门窗\\\\备注\\n" in text.replace("\r\n ", "")
    assert "UID:20250901-a%20b@schoollogistics.invalid" in text
    (event,) = _events(text)
    assert str(event["SUMMARY"]) == entry.title_zh
    assert fold("短") == "短"
    folded = fold("X" * 200)
    assert [len(p) for p in folded.split("\r\n")] == [75, 75, 52]


def test_dtstamp_must_be_aware() -> None:
    with pytest.raises(NaiveDateTimeError):
        to_ical([], dtstamp=dt.datetime(2025, 8, 1))  # noqa: DTZ001
