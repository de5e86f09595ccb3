"""CN-1: meal-fee refunds per serving day of leave, from the calendar area, exact to the fen."""

from __future__ import annotations

import attrs
import pendulum
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from schoollogistics.canteen import (
    CanteenPolicy,
    Leave,
    MealFeePayment,
    Payout,
    Rounding,
    ServingDays,
    leave_days,
    monthly_refunds,
    refund_for,
    refunds,
    render_refund_list,
)
from schoollogistics.canteen.errors import InvalidCanteenRecordError
from schoollogistics.core.money import Money
from schoollogistics.school_calendar import SchoolCalendar

from .conftest import TERM_END, TERM_START

D = pendulum.Date
POLICY = CanteenPolicy()


def _payment(paid: str, pupil: str = "s1", payment_id: str = "P1") -> MealFeePayment:
    return MealFeePayment(
        payment_id=payment_id,
        pupil_id=pupil,
        pupil_name="张小明",
        class_name="三年级(2)班",
        start=TERM_START,
        end=TERM_END,
        paid=Money(paid),
    )


def _leave(start: D, end: D, pupil: str = "s1", leave_id: str = "L1", **kw: object) -> Leave:
    return Leave(leave_id=leave_id, pupil_id=pupil, start=start, end=end, **kw)  # type: ignore[arg-type]  # half_days only


@pytest.mark.rule("CN-1")
def test_national_day_week_2025_by_hand(
    calendar_2025: SchoolCalendar, autumn_term: ServingDays
) -> None:
    # 2025: 10/1–10/8 off; Sunday 9/28 and Saturday 10/11 are make-up school days.
    assert calendar_2025.is_school_day(D(2025, 9, 28))
    assert calendar_2025.is_school_day(D(2025, 10, 11))
    assert not any(calendar_2025.is_school_day(D(2025, 10, day)) for day in range(1, 9))
    # Leave from Friday 9/26 to Sunday 10/12: by hand, the serving days are
    # 9/26, 9/28 (make-up), 9/29, 9/30, 10/9, 10/10, 10/11 (make-up): seven.
    leave = _leave(D(2025, 9, 26), D(2025, 10, 12))
    days = leave_days(_payment("1000.00"), [leave], autumn_term, POLICY)
    assert days == (
        D(2025, 9, 26),
        D(2025, 9, 28),
        D(2025, 9, 29),
        D(2025, 9, 30),
        D(2025, 10, 9),
        D(2025, 10, 10),
        D(2025, 10, 11),
    )
    serving = len(autumn_term.days)
    assert serving == len(calendar_2025.school_days(TERM_START, TERM_END))
    # Default rate: paid ÷ serving days, not rounded; the refund is rounded once.
    refund = refund_for(_payment("1234.56"), [leave], autumn_term, POLICY)
    assert refund.serving_days == serving
    exact = Money("1234.56") * 7
    assert refund.amount == Money.from_fen((exact.fen * 2 + serving) // (2 * serving))
    # A fixed daily rate of 12.50 gives 87.50.
    fixed = attrs.evolve(POLICY, daily_rate=Money("12.50"))
    assert refund_for(_payment("1234.56"), [leave], autumn_term, fixed).amount == Money("87.50")


@pytest.mark.rule("CN-1")
def test_rounding_once_half_up_or_down() -> None:
    serving = ServingDays(tuple(D(2025, 9, day) for day in range(1, 4)))  # three days
    payment = attrs.evolve(_payment("10.00"), start=D(2025, 9, 1), end=D(2025, 9, 3))
    leave = _leave(D(2025, 9, 1), D(2025, 9, 1))
    # 10.00 / 3 = 3.333… → 3.33 either way; two days 6.666… → 6.67 half-up, 6.66 down.
    two = _leave(D(2025, 9, 1), D(2025, 9, 2))
    assert refund_for(payment, [leave], serving, POLICY).amount == Money("3.33")
    assert refund_for(payment, [two], serving, POLICY).amount == Money("6.67")
    down = attrs.evolve(POLICY, rounding=Rounding.DOWN)
    assert refund_for(payment, [two], serving, down).amount == Money("6.66")
    whole = _leave(D(2025, 8, 1), D(2025, 12, 1))
    assert refund_for(payment, [whole], serving, POLICY).amount == Money("10.00")


@pytest.mark.rule("CN-1")
def test_half_days_minimum_and_other_pupils(autumn_term: ServingDays) -> None:
    half = _leave(D(2025, 9, 1), D(2025, 9, 2), half_days=(D(2025, 9, 2),))
    assert leave_days(_payment("100"), [half], autumn_term, POLICY) == (D(2025, 9, 1),)
    two_days = attrs.evolve(POLICY, min_leave_days=2)
    assert leave_days(_payment("100"), [half], autumn_term, two_days) == ()
    other = _leave(D(2025, 9, 1), D(2025, 9, 5), pupil="s2")
    assert leave_days(_payment("100"), [other], autumn_term, POLICY) == ()
    weekend = _leave(D(2025, 9, 6), D(2025, 9, 7))
    assert refund_for(_payment("100"), [weekend], autumn_term, POLICY).amount == Money(0)


@pytest.mark.rule("CN-1")
def test_records_refuse_nonsense() -> None:
    with pytest.raises(InvalidCanteenRecordError):
        _leave(D(2025, 9, 5), D(2025, 9, 1))
    with pytest.raises(InvalidCanteenRecordError):
        _leave(D(2025, 9, 1), D(2025, 9, 2), half_days=(D(2025, 9, 3),))
    with pytest.raises(InvalidCanteenRecordError):
        _payment("10.005")


@pytest.mark.rule("CN-1")
def test_refund_list_in_figures_and_capitals(autumn_term: ServingDays) -> None:
    leave = _leave(D(2025, 9, 26), D(2025, 10, 12))
    found = refunds(
        [_payment("1000.00"), _payment("800.00", pupil="s2", payment_id="P2")],
        [leave],
        autumn_term,
        POLICY,
    )
    text = render_refund_list(found)
    assert "退费清单" in text
    assert "| 7 | 70.00 | 柒拾元整" in text
    assert "合计：1 人，70.00 元（大写：柒拾元整）" in text


_SERVING = ServingDays(tuple(D(2025, 9, 1).add(days=n) for n in range(60) if n % 7 < 5))
_PAYMENT = st.builds(
    lambda fen: attrs.evolve(
        _payment("0"), start=D(2025, 9, 1), end=D(2025, 10, 31), paid=Money.from_fen(fen)
    ),
    st.integers(0, 500_000),
)
_LEAVE_SPANS = st.lists(st.tuples(st.integers(0, 70), st.integers(0, 10)), max_size=4)
_POLICIES = st.builds(
    CanteenPolicy,
    daily_rate=st.none() | st.integers(0, 3000).map(Money.from_fen),
    rounding=st.sampled_from(Rounding),
    min_leave_days=st.integers(1, 3),
)


def _leaves(spans: list[tuple[int, int]]) -> list[Leave]:
    base = D(2025, 8, 25)
    return [
        _leave(base.add(days=a), base.add(days=a + b), leave_id=f"L{n}")
        for n, (a, b) in enumerate(spans)
    ]


@pytest.mark.rule("CN-1")
@settings(max_examples=60, deadline=None)
@given(
    payment=_PAYMENT,
    spans=_LEAVE_SPANS,
    policy=_POLICIES,
    extra=st.tuples(st.integers(0, 70), st.integers(0, 10)),
)
def test_refunds_whole_fen_monotone_and_capped(
    payment: MealFeePayment,
    spans: list[tuple[int, int]],
    policy: CanteenPolicy,
    extra: tuple[int, int],
) -> None:
    leaves = _leaves(spans)
    refund = refund_for(payment, leaves, _SERVING, policy)
    assert refund.amount.is_fen_exact
    assert Money(0) <= refund.amount <= payment.paid
    more = refund_for(
        payment,
        [
            *leaves,
            *_leaves([extra])[:0],
            _leave(
                D(2025, 8, 25).add(days=extra[0]),
                D(2025, 8, 25).add(days=extra[0] + extra[1]),
                leave_id="Lx",
            ),
        ],
        _SERVING,
        policy,
    )
    assert len(more.days) >= len(refund.days)
    assert more.amount >= refund.amount
    if policy.daily_rate is None and len(refund.days) == refund.serving_days:
        assert refund.amount == payment.paid


@pytest.mark.rule("CN-1")
@settings(max_examples=40, deadline=None)
@given(payment=_PAYMENT, spans=_LEAVE_SPANS, policy=_POLICIES)
def test_monthly_payouts_add_up_to_the_fen(
    payment: MealFeePayment, spans: list[tuple[int, int]], policy: CanteenPolicy
) -> None:
    leaves = _leaves(spans)
    monthly = attrs.evolve(policy, payout=Payout.MONTHLY)
    payouts = monthly_refunds(payment, leaves, _SERVING, monthly)
    assert [(y, m) for y, m, _ in payouts] == [(2025, 9), (2025, 10)]
    assert all(amount >= Money(0) for _, _, amount in payouts)
    total = Money.sum(amount for _, _, amount in payouts)
    assert total == refund_for(payment, leaves, _SERVING, policy).amount
