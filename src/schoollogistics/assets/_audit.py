"""Audits of a ledger against the schedule rules of the seeds: findings as data.

Each audit is a pure function returning a tuple of
[`Violation`][schoollogistics.core.violations.Violation] records, never raising
for a finding.
"""

from __future__ import annotations

from collections.abc import Sequence

from schoollogistics.assets._events import StockTakePosted
from schoollogistics.assets._ledger import AssetLedger
from schoollogistics.assets._policy import (
    CountSchedulePolicy,
)
from schoollogistics.assets._records import (
    PlaceKind,
)
from schoollogistics.core.time import DateRange, as_date
from schoollogistics.core.violations import Severity, Violation
from schoollogistics.errors import InvalidArgumentError

__all__ = ["audit_count_schedule", "audit_loans_at_term_end"]


def audit_count_schedule(
    ledger: AssetLedger,
    terms: Sequence[DateRange],
    policy: CountSchedulePolicy | None = None,
) -> tuple[Violation, ...]:
    """AS-2: every place counted as often as its kind requires, in the given school year.

    Class property twice a term (期中、期末), offices and public rooms once a term
    ("办公室和公用教室的财产每学期检查一次"), storerooms at least once over the terms
    given ("年终对库房进行盘点"): pass the terms of one school year. A count is a
    posted stock-take (balanced or not) dated within the term.

    Returns:
        One ``assets.count_missing`` finding per place and term (or year) short of counts.
    """
    rules = policy if policy is not None else CountSchedulePolicy()
    if not terms or not all(isinstance(term, DateRange) for term in terms):
        raise InvalidArgumentError(field="terms", reason="one or more DateRange terms needed")
    counts: dict[str, list[object]] = {}
    for event in ledger.events:
        if isinstance(event, StockTakePosted):
            counts.setdefault(event.place_id, []).append(event.effective_on)
    found: list[Violation] = []
    year = DateRange(min(t.start for t in terms), max(t.end for t in terms))
    for place in ledger.places():
        days = counts.get(place.place_id, [])
        if place.kind is PlaceKind.STOREROOM:
            done = sum(1 for day in days if day in year)
            if done < rules.storeroom_per_year:
                found.append(_missing(place.place_id, year, done, rules.storeroom_per_year))
            continue
        required = rules.required(place.kind)
        for term in terms:
            done = sum(1 for day in days if day in term)
            if done < required:
                found.append(_missing(place.place_id, term, done, required))
    return tuple(found)


def _missing(place_id: str, span: DateRange, done: int, required: int) -> Violation:
    return Violation(
        code="assets.count_missing",
        severity=Severity.WARNING,
        subject=place_id,
        rule="AS-2",
        params={"start": span.start, "end": span.end, "counted": done, "required": required},
        message_en=(
            f"{place_id} was counted {done} time(s) between {span.start} and {span.end}; "
            f"{required} required"
        ),
        message_zh=(
            f"{place_id} 在 {span.start} 至 {span.end} 期间盘点 {done} 次，应盘点 {required} 次"
        ),
    )


def audit_loans_at_term_end(ledger: AssetLedger, term_end: object) -> tuple[Violation, ...]:
    """AS-5: loans still out at the end of term ("归还出借物品", the seeds' July list).

    Returns:
        One ``assets.loan_open_at_term_end`` finding per loan not returned by ``term_end``.
    """
    day = as_date(term_end, field="term_end")
    return tuple(
        Violation(
            code="assets.loan_open_at_term_end",
            severity=Severity.WARNING,
            subject=row.loan_id,
            rule="AS-5",
            params={
                "borrower": row.borrower_id,
                "item": row.item_id,
                "due_on": row.due_on,
                "term_end": day,
            },
            message_en=f"loan {row.loan_id} of {row.item_id} to {row.borrower_id} is still out "
            f"at the end of term ({day})",
            message_zh=(
                f"学期末（{day}）{row.borrower_id} 借用的 {row.item_id}（{row.loan_id}）仍未归还"
            ),
        )
        for row in ledger.as_of(day).loans(open_only=True)
    )
