"""Audits of a ledger against the schedule rules of the seeds: findings as data.

Each audit is a pure function returning a tuple of
[`Violation`][schoollogistics.core.violations.Violation] records, never raising
for a finding.
"""

from __future__ import annotations

from collections.abc import Sequence

import pendulum

from schoollogistics.assets._events import StockTakePosted
from schoollogistics.assets._ledger import AssetLedger
from schoollogistics.assets._policy import (
    CountSchedulePolicy,
)
from schoollogistics.assets._records import (
    PlaceKind,
)
from schoollogistics.core.findings import FINDINGS
from schoollogistics.core.time import DateInput, DateRange, as_date
from schoollogistics.core.violations import Violation
from schoollogistics.errors import InvalidArgumentError, Phrase

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
        raise InvalidArgumentError(
            field="terms",
            reason=Phrase("one or more DateRange terms needed", "须提供至少一个「DateRange」学期"),
        )
    counts: dict[str, list[pendulum.Date]] = {}
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
    return FINDINGS["assets.count_missing"].violation(
        place_id, start=span.start, end=span.end, counted=done, required=required
    )


def audit_loans_at_term_end(ledger: AssetLedger, term_end: DateInput) -> tuple[Violation, ...]:
    """AS-5: loans still out at the end of term ("归还出借物品", the seeds' July list).

    Returns:
        One ``assets.loan_open_at_term_end`` finding per loan not returned by ``term_end``.
    """
    return as5_loans_back_by_term_end(ledger, as_date(term_end, field="term_end"))


def as5_loans_back_by_term_end(ledger: AssetLedger, day: pendulum.Date) -> tuple[Violation, ...]:
    """AS-5: every loan is back by the end of term (the audit check of the rule)."""
    open_loan = FINDINGS["assets.loan_open_at_term_end"]
    return tuple(
        open_loan.violation(
            row.loan_id, borrower=row.borrower_id, item=row.item_id, due_on=row.due_on, term_end=day
        )
        for row in ledger.as_of(day).loans(open_only=True)
    )
