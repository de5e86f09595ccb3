"""The audit of canteen operations: plain records in, findings (violations) out (CN-1 … CN-9).

[`audit_canteen`][schoollogistics.canteen.audit_canteen] works on records from any
source (a canteen's own log or an export), one check per rule, each a pure
function of an [`CanteenAuditInput`][schoollogistics.canteen.CanteenAuditInput];
the findings come from the core catalogue and are returned in canonical order,
so the result does not depend on the order of the records.

What is in the period: payments whose paid period ends in it (CN-1); the stock
on hand at its last day (CN-2: expired and near-expiry lots) and issues dated in
it; deliveries in it (CN-4, CN-5) and lots with no inspection at all; roster
entries (CN-3), meals (CN-5, CN-6, CN-7) and expenses (CN-8) dated in it; months
whose publication deadline falls in it (CN-8); serving days with meals in it
(CN-9).
"""

from __future__ import annotations

import bisect
import datetime as dt
from collections.abc import Callable, Mapping
from types import MappingProxyType
from typing import Final

import attrs
import pendulum

from schoollogistics.canteen._policy import NATIONAL_BANNED, CanteenPolicy
from schoollogistics.canteen._records import (
    CERTIFICATE_ZH,
    Account,
    CanteenLog,
    Certificate,
    CostKind,
    Inspection,
    Leave,
    Lot,
    ServingDays,
    Tasting,
)
from schoollogistics.canteen._refunds import refund_for
from schoollogistics.core.findings import FINDINGS as ALL_FINDINGS
from schoollogistics.core.findings import Finding
from schoollogistics.core.money import Money
from schoollogistics.core.time import DateRange, get_timezone
from schoollogistics.core.violations import Violation, sort_violations

__all__ = [
    "DEFAULT_CHECKS",
    "FINDINGS",
    "CanteenAuditInput",
    "audit_canteen",
    "cn1_refunds_as_due",
    "cn2_no_expired_stock",
    "cn3_handlers_fit_for_duty",
    "cn4_receipts_inspected",
    "cn5_no_banned_food",
    "cn6_meals_accompanied",
    "cn7_dishes_tasted",
    "cn8_accounts_kept_and_published",
    "cn9_waste_and_disinfection_logged",
    "stock_on_hand",
]

_DATE: Final = dt.datetime.date
_LAST_DAY: Final = pendulum.Date(2200, 12, 31)
_ZERO: Final = Money.zero()

FINDINGS: Final[Mapping[str, Finding]] = MappingProxyType(
    {code: entry for code, entry in ALL_FINDINGS.items() if entry.rule.startswith("CN-")}
)
"""Every finding the canteen audit can return, by code (read-only)."""

_COST_ZH: Final = {
    CostKind.PUPIL_MEALS: "学生伙食",
    CostKind.STAFF_MEALS: "教职工伙食",
    CostKind.OTHER: "非伙食支出",
}


@attrs.frozen
class CanteenAuditInput:
    """What a check reads: the records, the policy, the period and the serving days.

    Attributes:
        log: The records.
        policy: The policy.
        period: The audited days.
        serving_days: The days the canteen served (CN-1 refunds count them).
    """

    log: CanteenLog
    policy: CanteenPolicy
    period: DateRange
    serving_days: ServingDays

    def local_day(self, moment: pendulum.DateTime) -> dt.date:
        """The school-time day of a moment."""
        zone = get_timezone(self.policy.timezone)
        if moment.tzinfo is zone:
            return _DATE(moment)  # C-level: pendulum's ``date()`` runs in Python
        return _DATE(moment.in_timezone(zone))


Check = Callable[[CanteenAuditInput], tuple[Violation, ...]]


def _in(data: CanteenAuditInput, day: pendulum.Date) -> bool:
    return data.period.start <= day <= data.period.end


# ---------------------------------------------------------------- CN-1


def cn1_refunds_as_due(data: CanteenAuditInput) -> tuple[Violation, ...]:
    """CN-1: each payment whose period ends in the audit period was refunded what is due.

    The refund due counts the serving days of whole-day leave (see ``refund_for``);
    the payouts recorded for the payment must add up to it, to the fen.
    """
    entry = ALL_FINDINGS["canteen.refund_mismatch"]
    leaves: dict[str, list[Leave]] = {}
    for leave in data.log.leaves:
        leaves.setdefault(leave.pupil_id, []).append(leave)
    paid_out: dict[str, Money] = {}
    for payout in data.log.refunds_paid:
        paid_out[payout.payment_id] = paid_out.get(payout.payment_id, _ZERO) + payout.amount
    found: list[Violation] = []
    for payment in data.log.payments:
        if not _in(data, payment.end):
            continue
        out = paid_out.get(payment.payment_id, _ZERO)
        pupil_leaves = leaves.get(payment.pupil_id)
        if pupil_leaves is None and not out:
            continue  # no leave, nothing paid out: nothing due (the common case, fast)
        due = refund_for(payment, pupil_leaves or (), data.serving_days, data.policy)
        if out != due.amount:
            found.append(
                entry.violation(
                    payment.payment_id,
                    pupil=payment.pupil_name,
                    paid_out=str(out),
                    due=str(due.amount),
                    days=str(len(due.days)),
                )
            )
    return tuple(found)


# ---------------------------------------------------------------- CN-2


def stock_on_hand(log: CanteenLog, on: pendulum.Date) -> dict[str, int]:
    """CN-2: the units of each lot on hand at the end of ``on`` (may be negative in bad data)."""
    delivered = _delivered_on(log.inspections)
    units: dict[str, int] = {}
    for lot in log.lots:
        day = delivered.get(lot.lot_id)
        if day is None or day <= on:
            units[lot.lot_id] = units.get(lot.lot_id, 0) + lot.quantity
    for issue in log.issues:
        if issue.on <= on:
            for draw in issue.draws:
                units[draw.lot_id] = units.get(draw.lot_id, 0) - draw.quantity
    for disposal in log.disposals:
        if disposal.on <= on:
            units[disposal.lot_id] = units.get(disposal.lot_id, 0) - disposal.quantity
    return units


def _delivered_on(inspections: tuple[Inspection, ...]) -> dict[str, pendulum.Date]:
    """The earliest delivery date of each lot (order-independent)."""
    first: dict[str, pendulum.Date] = {}
    for inspection in inspections:
        known = first.get(inspection.lot_id)
        if known is None or inspection.delivered_on < known:
            first[inspection.lot_id] = inspection.delivered_on
    return first


def _lots(log: CanteenLog) -> dict[str, Lot]:
    """The lots by id (of a repeated id, the one first in a canonical order)."""
    found: dict[str, Lot] = {}
    for lot in log.lots:
        known = found.get(lot.lot_id)
        if known is None or repr(lot) < repr(known):
            found[lot.lot_id] = lot
    return found


def cn2_no_expired_stock(data: CanteenAuditInput) -> tuple[Violation, ...]:
    """CN-2: no lot past its expiry on hand, none near it unreported, no expired lot issued.

    Checked at the period's last day: an expired lot with units on hand is an
    error (it must be disposed of with a record); one expiring within the policy's
    window is a warning. An issue in the period that drew an expired lot is an
    error, and no lot's quantity may go below zero. A storeroom check in the period
    that passed a lot already expired, with units on hand at the end of its day (no
    disposal recorded by then), is an error, once per lot at the first such check.
    """
    on = data.period.end
    lots = _lots(data.log)
    units = stock_on_hand(data.log, on)
    expired = ALL_FINDINGS["canteen.expired_on_hand"]
    near = ALL_FINDINGS["canteen.near_expiry"]
    negative = ALL_FINDINGS["canteen.negative_stock"]
    window = data.policy.near_expiry_days
    found: list[Violation] = []
    for lot_id, have in units.items():
        lot = lots.get(lot_id)
        if lot is None or have <= 0:
            continue
        shown = f"{have} {lot.unit}"
        if on > lot.expiry:
            found.append(
                expired.violation(
                    lot_id,
                    product=lot.product,
                    expiry=lot.expiry.isoformat(),
                    units=shown,
                    on=on.isoformat(),
                )
            )
        elif lot.expiry.toordinal() - on.toordinal() < window:
            found.append(
                near.violation(
                    lot_id,
                    product=lot.product,
                    expiry=lot.expiry.isoformat(),
                    days=str(window),
                    on=on.isoformat(),
                    units=shown,
                )
            )
    everything = stock_on_hand(data.log, _LAST_DAY)
    for lot_id, have in everything.items():
        if have < 0 and lot_id in lots:
            received = lots[lot_id].quantity
            found.append(
                negative.violation(lot_id, issued=str(received - have), received=str(received))
            )
    drew = ALL_FINDINGS["canteen.expired_issued"]
    for issue in data.log.issues:
        if not _in(data, issue.on):
            continue
        for draw in issue.draws:
            lot = lots.get(draw.lot_id)
            if lot is not None and issue.on > lot.expiry:
                found.append(
                    drew.violation(
                        issue.issue_id,
                        on=issue.on.isoformat(),
                        lot=lot.lot_id,
                        expiry=lot.expiry.isoformat(),
                    )
                )
    found.extend(_checks_that_missed_expired(data, lots))
    return tuple(found)


def _checks_that_missed_expired(
    data: CanteenAuditInput, lots: Mapping[str, Lot]
) -> list[Violation]:
    """CN-2: the storeroom checks that passed an expired lot still on hand.

    A lot's stock only goes down after its delivery, so it is on hand at a check
    after its expiry exactly until the day its issues and disposals clear it.
    """
    checks: dict[pendulum.Date, str] = {}
    for record in data.log.storeroom_checks:
        if _in(data, record.on):
            known = checks.get(record.on)
            checks[record.on] = record.check_id if known is None else min(known, record.check_id)
    if not checks:
        return []
    days = sorted(checks)
    candidates = {lot_id: lot for lot_id, lot in lots.items() if lot.expiry < days[-1]}
    if not candidates:
        return []
    removals: dict[str, list[tuple[pendulum.Date, int]]] = {}
    for issue in data.log.issues:
        for draw in issue.draws:
            if draw.lot_id in candidates:
                removals.setdefault(draw.lot_id, []).append((issue.on, draw.quantity))
    for disposal in data.log.disposals:
        if disposal.lot_id in candidates:
            removals.setdefault(disposal.lot_id, []).append((disposal.on, disposal.quantity))
    delivered = _delivered_on(data.log.inspections)
    entry = ALL_FINDINGS["canteen.check_missed_expired"]
    found: list[Violation] = []
    for lot_id, lot in candidates.items():
        first = lot.expiry.add(days=1)
        arrived = delivered.get(lot_id)
        if arrived is not None and arrived > first:
            first = arrived
        index = bisect.bisect_left(days, first)
        if index == len(days):
            continue
        on = days[index]
        left = lot.quantity - sum(q for day, q in removals.get(lot_id, ()) if day <= on)
        if left > 0:
            found.append(
                entry.violation(
                    lot_id,
                    check=checks[on],
                    on=on.isoformat(),
                    product=lot.product,
                    expiry=lot.expiry.isoformat(),
                    units=f"{left} {lot.unit}",
                )
            )
    return found


# ---------------------------------------------------------------- CN-3


def cn3_handlers_fit_for_duty(data: CanteenAuditInput) -> tuple[Violation, ...]:
    """CN-3: every handler on duty had a valid certificate and a morning check, and passed it.

    A failed check (a symptom) needs a recorded clearance that day.
    """
    policy = data.policy
    certificates: dict[str, list[tuple[pendulum.Date, pendulum.Date]]] = {}
    for certificate in data.log.certificates:
        examined = certificate.examined_on
        certificates.setdefault(certificate.handler_id, []).append(
            (examined, policy.certificate_valid_through(examined))
        )
    checks: dict[tuple[str, pendulum.Date], list[bool]] = {}
    symptoms: dict[tuple[str, pendulum.Date], set[str]] = {}
    for morning in data.log.checks:
        key = (morning.handler_id, morning.day)
        checks.setdefault(key, []).append(morning.passed)
        symptoms.setdefault(key, set()).update(s.value for s in morning.symptoms)
    cleared = {(c.handler_id, c.day) for c in data.log.clearances}
    zh = {s.value: s.label_zh for m in data.log.checks for s in m.symptoms}
    no_cert = ALL_FINDINGS["canteen.handler_without_certificate"]
    no_check = ALL_FINDINGS["canteen.handler_without_check"]
    unfit = ALL_FINDINGS["canteen.handler_unfit_on_duty"]
    found: list[Violation] = []
    for key in sorted({(e.handler_id, e.day) for e in data.log.roster if _in(data, e.day)}):
        handler, day = key
        text = day.isoformat()
        if not any(
            examined <= day <= through for examined, through in certificates.get(handler, ())
        ):
            found.append(no_cert.violation(handler, day=text))
        results = checks.get(key)
        if results is None:
            found.append(no_check.violation(handler, day=text))
        elif not all(results) and key not in cleared:
            names = sorted(symptoms[key])
            found.append(
                unfit.violation(
                    handler,
                    day=text,
                    symptoms=", ".join(names),
                    symptoms_zh="、".join(zh[name] for name in names),
                )
            )
    return tuple(found)


# ---------------------------------------------------------------- CN-4


def cn4_receipts_inspected(data: CanteenAuditInput) -> tuple[Violation, ...]:
    """CN-4: every lot received has an inspection record with the certificates required.

    The supplier's licence and an invoice or delivery note always; a quarantine
    certificate where the law requires one; the acceptors the policy asks for. The
    records of a lot destroyed in the period (``purges``) before their retention
    ended (``CanteenPolicy.keep_records_until``) are an error.
    """
    inspections: dict[str, list[Inspection]] = {}
    for inspection in data.log.inspections:
        inspections.setdefault(inspection.lot_id, []).append(inspection)
    none = ALL_FINDINGS["canteen.receipt_uninspected"]
    incomplete = ALL_FINDINGS["canteen.receipt_without_certificates"]
    signers = 2 if data.policy.two_acceptors else 1
    found: list[Violation] = []
    for lot in _lots(data.log).values():
        records = inspections.get(lot.lot_id)
        if records is None:
            found.append(none.violation(lot.lot_id, product=lot.product))
            continue
        if not any(_in(data, r.delivered_on) for r in records):
            continue
        needed = [Certificate.SUPPLIER_LICENCE, Certificate.INVOICE]
        if lot.needs_quarantine:
            needed.append(Certificate.QUARANTINE)
        seen = {c for r in records for c in r.certificates}
        missing_en = [c.value for c in needed if c not in seen]
        missing_zh = [CERTIFICATE_ZH[c] for c in needed if c not in seen]
        if not any(len(set(r.accepted_by)) >= signers for r in records):
            missing_en.append(f"{signers} acceptor signature(s)")
            missing_zh.append(f"{signers} 人验收签字")
        if any(r.three_no for r in records):
            missing_en.append("label (三无 product)")
            missing_zh.append("标签（三无产品）")
        if missing_en:
            found.append(
                incomplete.violation(
                    lot.lot_id,
                    product=lot.product,
                    missing=", ".join(missing_en),
                    missing_zh="、".join(missing_zh),
                )
            )
    found.extend(_purged_early(data, inspections))
    return tuple(found)


def _purged_early(
    data: CanteenAuditInput, inspections: Mapping[str, list[Inspection]]
) -> list[Violation]:
    """CN-4: the destructions of records in the period made before the retention ended."""
    purges = [p for p in data.log.purges if _in(data, p.on)]
    if not purges:
        return []
    lots = _lots(data.log)
    entry = ALL_FINDINGS["canteen.records_purged_early"]
    found: list[Violation] = []
    for purge in purges:
        lot = lots.get(purge.lot_id)
        records = inspections.get(purge.lot_id)
        if lot is None or records is None:
            continue  # nothing left to date the retention from
        delivered = min(r.delivered_on for r in records)
        keep_until = data.policy.keep_records_until(lot, delivered)
        if purge.on < keep_until:
            found.append(
                entry.violation(
                    lot.lot_id,
                    product=lot.product,
                    on=purge.on.isoformat(),
                    keep_until=keep_until.isoformat(),
                )
            )
    return found


# ---------------------------------------------------------------- CN-5


def cn5_no_banned_food(data: CanteenAuditInput) -> tuple[Violation, ...]:
    """CN-5: no dish served and no lot bought in a banned high-risk category (2019 规定 §36)."""
    banned = data.policy.banned
    dish_entry = ALL_FINDINGS["canteen.banned_dish"]
    lot_entry = ALL_FINDINGS["canteen.banned_purchase"]
    found: list[Violation] = []
    for menu in data.log.menus:
        if not _in(data, menu.meal.day):
            continue
        found.extend(
            dish_entry.violation(
                menu.meal.meal_id,
                dish=dish.name,
                category=category,
                category_zh=NATIONAL_BANNED.get(category, category),
            )
            for dish in menu.dishes
            for category in dish.categories
            if category in banned
        )
    delivered = _delivered_on(data.log.inspections)
    for lot in _lots(data.log).values():
        day = delivered.get(lot.lot_id)
        if day is not None and not _in(data, day):
            continue
        found.extend(
            lot_entry.violation(
                lot.lot_id,
                product=lot.product,
                category=category,
                category_zh=NATIONAL_BANNED.get(category, category),
            )
            for category in lot.categories
            if category in banned
        )
    return tuple(found)


# ---------------------------------------------------------------- CN-6, CN-7


def cn6_meals_accompanied(data: CanteenAuditInput) -> tuple[Violation, ...]:
    """CN-6: every meal served to pupils in the period has a 陪餐 record (2019 规定 §13)."""
    accompanied = {a.meal_id for a in data.log.accompaniments}
    if data.policy.parent_accompaniment:
        accompanied &= {a.meal_id for a in data.log.accompaniments if a.parent is not None}
    entry = ALL_FINDINGS["canteen.meal_without_accompaniment"]
    return tuple(
        entry.violation(menu.meal.meal_id, day=menu.meal.day.isoformat())
        for menu in data.log.menus
        if _in(data, menu.meal.day) and menu.meal.meal_id not in accompanied
    )


def _decisive(tastings: list[Tasting], start: pendulum.DateTime) -> Tasting | None:
    """The tasting that decides a dish: the last one before service (a failed one wins a tie)."""
    before = [t for t in tastings if t.at <= start]
    if not before:
        return None
    return max(before, key=lambda t: (t.at, not t.passed))


def cn7_dishes_tasted(data: CanteenAuditInput) -> tuple[Violation, ...]:
    """CN-7: each dish was tasted (试尝) before service, and a dish that failed was withheld.

    The last tasting of a dish before service started decides it (a dish that
    failed may be remade and tasted again); a dish whose deciding tasting failed
    must have a withholding record (seed 002). A withheld dish is not served, so
    it needs no tasting.
    """
    tastings: dict[tuple[str, str], list[Tasting]] = {}
    for tasting in data.log.tastings:
        tastings.setdefault((tasting.meal_id, tasting.dish), []).append(tasting)
    withheld = {(w.meal_id, w.dish) for w in data.log.withholdings}
    untasted = ALL_FINDINGS["canteen.dish_not_tasted"]
    failed = ALL_FINDINGS["canteen.failed_dish_served"]
    found: list[Violation] = []
    for menu in data.log.menus:
        meal = menu.meal
        if not _in(data, meal.day):
            continue
        for dish in meal.dishes:
            key = (meal.meal_id, dish)
            if key in withheld:
                continue
            deciding = _decisive(tastings.get(key, []), meal.service_start)
            if deciding is None:
                found.append(
                    untasted.violation(
                        meal.meal_id, dish=dish, service_start=meal.service_start.isoformat()
                    )
                )
            elif not deciding.passed:
                found.append(failed.violation(meal.meal_id, dish=dish, at=deciding.at.isoformat()))
    return tuple(found)


# ---------------------------------------------------------------- CN-8


def cn8_accounts_kept_and_published(data: CanteenAuditInput) -> tuple[Violation, ...]:
    """CN-8: pupil fees pay pupils' meals only; each month's accounts are published in time.

    A month with account entries is due for publication ``publish_within_days``
    after it ends; a deadline in the period without a publication on or before it
    is flagged.
    """
    misuse = ALL_FINDINGS["canteen.pupil_account_misuse"]
    found: list[Violation] = [
        misuse.violation(
            expense.entry_id,
            kind=expense.kind.value,
            kind_zh=_COST_ZH[expense.kind],
            amount=str(expense.amount),
        )
        for expense in data.log.expenses
        if _in(data, expense.on)
        and expense.account is Account.PUPIL
        and expense.kind is not CostKind.PUPIL_MEALS
    ]
    months = {(e.on.year, e.on.month) for e in data.log.incomes} | {
        (e.on.year, e.on.month) for e in data.log.expenses
    }
    published: dict[tuple[int, int], pendulum.Date] = {}
    for publication in data.log.publications:
        key = (publication.year, publication.month)
        known = published.get(key)
        if known is None or publication.published_on < known:
            published[key] = publication.published_on
    late = ALL_FINDINGS["canteen.statement_unpublished"]
    for year, month in sorted(months):
        deadline = (
            pendulum.Date(year, month, 1).end_of("month").add(days=data.policy.publish_within_days)
        )
        if not _in(data, deadline):
            continue
        on = published.get((year, month))
        if on is None or on > deadline:
            found.append(
                late.violation(
                    f"{year}-{month:02d}",
                    deadline=deadline.isoformat(),
                    published="never" if on is None else on.isoformat(),
                    published_zh="未公示" if on is None else on.isoformat(),
                )
            )
    return tuple(found)


# ---------------------------------------------------------------- CN-9


def cn9_waste_and_disinfection_logged(data: CanteenAuditInput) -> tuple[Violation, ...]:
    """CN-9: each serving day has disinfection and waste entries; waste goes to approved hands.

    A serving day is a day in the period with a meal served. Collectors are
    checked once the policy holds the school's list (``approved_collectors``).
    """
    days = sorted({m.meal.day for m in data.log.menus if _in(data, m.meal.day)})
    disinfected = {data.local_day(d.at) for d in data.log.disinfections}
    cleared = {w.day for w in data.log.waste}
    no_disinfection = ALL_FINDINGS["canteen.no_disinfection"]
    no_waste = ALL_FINDINGS["canteen.no_waste_log"]
    unapproved = ALL_FINDINGS["canteen.waste_collector_unapproved"]
    found: list[Violation] = []
    for day in days:
        if day not in disinfected:
            found.append(no_disinfection.violation(day.isoformat()))
        if day not in cleared:
            found.append(no_waste.violation(day.isoformat()))
    approved = data.policy.approved_collectors
    if approved is not None:
        listed = set(approved)
        found.extend(
            unapproved.violation(w.removal_id, day=w.day.isoformat(), collector=w.collector)
            for w in data.log.waste
            if _in(data, w.day) and w.collector not in listed
        )
    return tuple(found)


DEFAULT_CHECKS: Final[tuple[Check, ...]] = (
    cn1_refunds_as_due,
    cn2_no_expired_stock,
    cn3_handlers_fit_for_duty,
    cn4_receipts_inspected,
    cn5_no_banned_food,
    cn6_meals_accompanied,
    cn7_dishes_tasted,
    cn8_accounts_kept_and_published,
    cn9_waste_and_disinfection_logged,
)
"""The checks of the default audit, one per rule."""


def audit_canteen(
    records: CanteenLog,
    policy: CanteenPolicy,
    period: DateRange,
    *,
    serving_days: ServingDays,
    checks: tuple[Check, ...] = DEFAULT_CHECKS,
) -> tuple[Violation, ...]:
    """Audit canteen records over ``period``: the findings of every check, in canonical order.

    Args:
        records: The records (a canteen's ``log()`` or an export).
        policy: The rules' settings.
        period: The audited days.
        serving_days: The days the canteen served (for the refunds, CN-1).
        checks: The checks to run (default: every rule).

    Returns:
        The findings (empty when the records follow every rule); never raises for
        what the records contain. The same records in any order give the same findings.
    """
    data = CanteenAuditInput(records, policy, period, serving_days)
    return sort_violations(violation for check in checks for violation in check(data))
