"""iCalendar (RFC 5545) export of plans, written by hand (no runtime dependency).

Each entry becomes an all-day ``VEVENT`` (``DTSTART;VALUE=DATE`` and the next day
as ``DTEND``). UIDs are derived from the data (day, rule id, domain): the same
plan exported twice gives the same text, and a calendar client updates events
instead of duplicating them. The rule id is percent-encoded in the UID (every
UTF-8 byte outside ``[A-Za-z0-9._-]``, ``%`` included, becomes ``%XX``), so two
different (day, rule id) pairs never share a UID. ``DTSTAMP`` comes from an
argument (no clock). Lines end with CRLF, text values are escaped (RFC 5545
§3.3.11) and lines are folded at 75 octets without splitting a UTF-8 character
(§3.1).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Final

import pendulum

from schoollogistics.core.time import DateTimeInput, as_datetime
from schoollogistics.school_calendar._plans import MonthPlan, YearPlan
from schoollogistics.school_calendar._records import PlanEntry

__all__ = ["to_ical"]

_CRLF: Final = "\r\n"
_LIMIT: Final = 75
_SAFE: Final = frozenset(b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789._-")


def escape_text(value: str) -> str:
    """Escape a TEXT value: backslash, semicolon, comma and newlines (§3.3.11)."""
    return (
        value.replace("\\", "\\\\")
        .replace(";", "\\;")
        .replace(",", "\\,")
        .replace("\r\n", "\\n")
        .replace("\n", "\\n")
        .replace("\r", "\\n")
    )


def fold(line: str) -> str:
    """Fold a content line at 75 octets (UTF-8), continuation lines starting with a space."""
    encoded = line.encode("utf-8")
    if len(encoded) <= _LIMIT:
        return line
    parts: list[str] = []
    current: list[str] = []
    size = 0
    limit = _LIMIT
    for char in line:
        width = len(char.encode("utf-8"))
        if size + width > limit:
            parts.append("".join(current))
            current, size, limit = [], 0, _LIMIT - 1
        current.append(char)
        size += width
    parts.append("".join(current))
    return (_CRLF + " ").join(parts)


def encode_rule_id(rule_id: str) -> str:
    """Percent-encode a rule id for a UID: injective, and ASCII letters, digits, ``._-`` only."""
    return "".join(
        chr(byte) if byte in _SAFE else f"%{byte:02X}" for byte in rule_id.encode("utf-8")
    )


def uid(entry: PlanEntry, domain: str) -> str:
    """The UID of an entry: ``YYYYMMDD-<percent-encoded rule id>@<domain>``."""
    return f"{entry.date:%Y%m%d}-{encode_rule_id(entry.rule_id)}@{domain}"


# The school documents the built-in template was written from, by their titles. The
# template's ``source`` cites them by the library's internal seed numbers and section
# locators ("seed 004 篇四 (四)1: …"), which mean nothing to a calendar's reader.
_SCHOOL_DOCUMENTS: Final = {
    "001": "学校后勤管理制度",
    "002": "学校后勤管理制度",
    "003": "小学第一学期后勤工作计划",
    "004": "第二学期后勤工作计划",
}
_SEED: Final = re.compile(r"\bseeds? ((?:\d{3}(?:, | and )?)+)")


def public_citation(entry: PlanEntry) -> str:
    """What a calendar's reader sees after 依据: the source, then the template rule.

    A source that cites the seed documents ("seed 004 篇四 (四)1: …", as the built-in
    template's do) names them by title instead, without the internal locator, and keeps its
    other citations (national texts, rule IDs such as ``CA-4: GB 50444 §5.2.1``). Any other
    source is shown as written.
    """
    cited: list[str] = []
    if _SEED.search(entry.source) is None:
        if entry.source:
            cited.append(entry.source)
    else:
        for raw in entry.source.split(";"):
            part = raw.strip()
            seeds = _SEED.match(part)
            if seeds:
                numbers = re.findall(r"\d{3}", seeds.group(1))
                cited.extend(f"《{_SCHOOL_DOCUMENTS.get(n, '学校后勤工作计划')}》" for n in numbers)
            elif part and not part.startswith("篇"):  # "篇…" continues a seed locator
                cited.append(part)
    cited.append(f"行事历规则 {entry.rule_id}")
    return "；".join(dict.fromkeys(cited))


def _event(entry: PlanEntry, stamp: str, domain: str) -> list[str]:
    description = f"{entry.category.label_zh}；依据：{public_citation(entry)}"
    if entry.note_zh:
        description += f"；{entry.note_zh}"
    return [
        "BEGIN:VEVENT",
        f"UID:{escape_text(uid(entry, domain))}",
        f"DTSTAMP:{stamp}",
        f"DTSTART;VALUE=DATE:{entry.date:%Y%m%d}",
        f"DTEND;VALUE=DATE:{entry.date.add(days=1):%Y%m%d}",
        f"SUMMARY:{escape_text(entry.title_zh)}",
        f"CATEGORIES:{escape_text(entry.category.label_zh)}",
        f"DESCRIPTION:{escape_text(description)}",
        "TRANSP:TRANSPARENT",
        "END:VEVENT",
    ]


def to_ical(
    plan: YearPlan | MonthPlan | Iterable[PlanEntry],
    *,
    dtstamp: DateTimeInput,
    calendar_name: str = "后勤行事历",
    uid_domain: str = "schoollogistics.invalid",
) -> str:
    """Export plan entries as an iCalendar stream (RFC 5545), one all-day event each.

    Args:
        plan: A year or month plan, or entries.
        dtstamp: The moment the export is made (aware; goes in every ``DTSTAMP`` in UTC).
        calendar_name: The calendar's display name (``X-WR-CALNAME``).
        uid_domain: The right-hand side of every UID (your school's domain). UIDs are
            ``YYYYMMDD-<rule id, percent-encoded>@<uid_domain>``: unique per (day, rule)
            and the same in every export.

    Raises:
        NaiveDateTimeError: ``dtstamp`` has no timezone (``time.naive_refused``).
    """
    moment = as_datetime(dtstamp, field="dtstamp").in_timezone(pendulum.UTC)
    stamp = f"{moment:%Y%m%dT%H%M%SZ}"
    entries = plan.entries if isinstance(plan, (YearPlan, MonthPlan)) else tuple(plan)
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//schoollogistics//calendar engine//ZH",
        "CALSCALE:GREGORIAN",
        f"X-WR-CALNAME:{escape_text(calendar_name)}",
        "X-WR-TIMEZONE:Asia/Shanghai",
    ]
    for entry in entries:
        lines.extend(_event(entry, stamp, uid_domain))
    lines.append("END:VCALENDAR")
    return "".join(fold(line) + _CRLF for line in lines)
