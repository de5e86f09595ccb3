"""Meal-fee refunds per serving day of leave (CN-1): exact to the fen, never above what was paid.

The refund of a payment counts the days of the pupil's recorded whole-day leave
that are serving days (school days the canteen served, from the calendar area:
make-up working days count, weekends, holidays and vacations do not) inside the
paid period. With the default daily rate (what was paid ÷ the period's serving
days) the rate is never rounded: the refund is ``paid × leave days ÷ serving
days`` computed in whole fen and rounded once, half-up by default
(``ROUND_HALF_UP``; ``Rounding.DOWN`` truncates). Leave on every serving day
refunds exactly what was paid.
"""

from __future__ import annotations

import decimal
from collections.abc import Iterable

import pendulum

from schoollogistics.canteen._policy import CanteenPolicy, Rounding
from schoollogistics.canteen._records import Leave, MealFeePayment, Refund, ServingDays
from schoollogistics.core.money import Money

__all__ = ["leave_days", "monthly_refunds", "refund_for", "refunds"]


def _divide(numerator: int, denominator: int, rounding: Rounding) -> int:
    """``numerator ÷ denominator`` (both ≥ 0, denominator > 0) rounded to a whole number."""
    if rounding is Rounding.DOWN:
        return numerator // denominator
    return (2 * numerator + denominator) // (2 * denominator)


def leave_days(
    payment: MealFeePayment,
    leaves: Iterable[Leave],
    serving: ServingDays,
    policy: CanteenPolicy,
) -> tuple[pendulum.Date, ...]:
    """CN-1: the serving days of the pupil's whole-day leave inside the paid period.

    A leave counts only when it has at least ``policy.min_leave_days`` such days;
    half days never count; a day covered by two leaves counts once.
    """
    counted: set[pendulum.Date] = set()
    for leave in leaves:
        if leave.pupil_id != payment.pupil_id:
            continue
        start = max(leave.start, payment.start)
        end = min(leave.end, payment.end)
        if end < start:
            continue
        halves = set(leave.half_days)
        days = [day for day in serving.between(start, end) if day not in halves]
        if len(days) >= policy.min_leave_days:
            counted.update(days)
    return tuple(sorted(counted))


def _amount(
    payment: MealFeePayment, count: int, serving_count: int, policy: CanteenPolicy
) -> Money:
    """The refund of ``count`` leave days out of ``serving_count``, rounded once, capped."""
    if count == 0:
        return Money.zero()
    if policy.daily_rate is None:
        fen = _divide(payment.paid.fen * count, serving_count, policy.rounding)
        return Money.from_fen(min(fen, payment.paid.fen))
    mode = decimal.ROUND_DOWN if policy.rounding is Rounding.DOWN else decimal.ROUND_HALF_UP
    return min((policy.daily_rate * count).quantize_fen(mode), payment.paid)


def refund_for(
    payment: MealFeePayment,
    leaves: Iterable[Leave],
    serving: ServingDays,
    policy: CanteenPolicy,
) -> Refund:
    """CN-1: the refund of one payment for the pupil's leave (one payout, rounded once)."""
    days = leave_days(payment, leaves, serving, policy)
    serving_count = len(serving.between(payment.start, payment.end))
    return Refund(
        payment_id=payment.payment_id,
        pupil_id=payment.pupil_id,
        pupil_name=payment.pupil_name,
        class_name=payment.class_name,
        paid=payment.paid,
        serving_days=serving_count,
        days=days,
        amount=_amount(payment, len(days), serving_count, policy),
    )


def refunds(
    payments: Iterable[MealFeePayment],
    leaves: Iterable[Leave],
    serving: ServingDays,
    policy: CanteenPolicy,
) -> tuple[Refund, ...]:
    """CN-1: the refund of every payment, by class, pupil and payment (a refund list)."""
    by_pupil: dict[str, list[Leave]] = {}
    for leave in leaves:
        by_pupil.setdefault(leave.pupil_id, []).append(leave)
    found = [
        refund_for(payment, by_pupil.get(payment.pupil_id, ()), serving, policy)
        for payment in payments
    ]
    return tuple(sorted(found, key=lambda r: (r.class_name, r.pupil_id, r.payment_id)))


def monthly_refunds(
    payment: MealFeePayment,
    leaves: Iterable[Leave],
    serving: ServingDays,
    policy: CanteenPolicy,
) -> tuple[tuple[int, int, Money], ...]:
    """CN-1 paid monthly: ``(year, month, payout)`` for each month of the paid period.

    Each month pays the cumulative refund through its end less what the months
    before paid, so the payouts add up, to the fen, to the term-end refund.
    """
    days = leave_days(payment, leaves, serving, policy)
    serving_count = len(serving.between(payment.start, payment.end))
    out: list[tuple[int, int, Money]] = []
    before = Money.zero()
    month = payment.start.start_of("month")
    while month <= payment.end:
        last = min(month.end_of("month"), payment.end)
        count = sum(1 for day in days if day <= last)
        total = _amount(payment, count, serving_count, policy)
        out.append((month.year, month.month, total - before))
        before = total
        month = month.add(months=1)
    return tuple(out)
