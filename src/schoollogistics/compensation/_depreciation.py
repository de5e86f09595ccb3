"""Depreciation (折旧) of school assets: straight line, monthly, no residual (rule DC-6).

The rules, all pinned by tests:

* **Straight line, monthly, no residual value** (年限平均法, 净残值为零). An asset of
  original value ``V`` and useful life ``Y`` years depreciates over ``L = 12 Y``
  months. The monthly amount is ``V / L`` rounded to the fen with
  ``ROUND_HALF_UP``; months ``1 … L-1`` charge that amount and **the last
  month absorbs the rounding** (it charges ``V`` minus what was charged
  before), so the schedule adds up to ``V`` exactly, to the fen. When the
  rounded monthly amount is so large that ``V`` would be exceeded early (a
  value of a few fen over many months), the month that reaches ``V`` charges
  only what is left and the later months charge zero: accumulated
  depreciation never exceeds ``V``.
* **Month convention**
  ([`MonthConvention`][schoollogistics.compensation.MonthConvention]): by default an
  asset starts depreciating in the month it is acquired
  (当月增加当月计提); a school may choose the next month (次月计提). Either way an
  asset stops in the month it leaves (当月减少当月不提): that month is not charged.
* **Stops at full depreciation**: after ``L`` months the net book value is zero
  and stays zero.
* **Not depreciated** (政府会计准则第3号): the five classes of the standard,
  cultural relics and exhibits, plants and animals, books and archives, land
  booked separately, and assets recorded at a nominal amount; and, by this
  library's choice, consumables (低值易耗品: expensed when issued, never
  capitalised). Their value stays
  their original value (or their replacement cost, when a compensation policy
  asks for it).

* **Capitalised repairs** (RP-5: a repair that lengthens the asset's life or raises
  its capacity, added to its cost when the school's repair policy capitalises
  improvements): the repair is an increase of the asset's cost in the month of the
  repair, under the same month convention as an acquisition. Its cost ``C`` is added
  to the net book value at the restart point (the start of the repair's month by
  default, the start of the next month under 次月计提) and that sum is depreciated
  straight line over the months that remain of the **original** life, with the same
  rounding (the monthly amount rounded ``ROUND_HALF_UP``, the last month absorbing
  the rounding). So the value still reaches zero at the original end of life, and
  valued as leaving on the repair day the asset is worth what it was worth without
  the repair plus ``C``. A repair whose restart point is past the end of the life
  has no remaining life to spread over and adds nothing (an expense); for a
  category that is not depreciated the cost simply adds to the value.

Everything works in whole fen internally (integer arithmetic, no pendulum
arithmetic per asset): the month index of a date is ``12 × year + month``.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Final

import attrs
import pendulum

from schoollogistics.compensation._policy import DepreciationPolicy, MonthConvention
from schoollogistics.compensation._records import AssetValue, CapitalisedRepair
from schoollogistics.compensation._rules import dc6_not_before_acquisition
from schoollogistics.core.money import Money
from schoollogistics.core.shapes import checked_fields
from schoollogistics.core.time import DateInput, as_date

__all__ = [
    "DepreciationMonth",
    "accumulated_depreciation",
    "depreciation_schedule",
    "months_depreciated",
    "net_book_value",
]


_DEFAULT_POLICY: Final = DepreciationPolicy()
"""The school table and the default convention (built once: policies are frozen)."""


@attrs.frozen(field_transformer=checked_fields())
class DepreciationMonth:
    """One month of a depreciation schedule (折旧明细).

    Attributes:
        year: Calendar year of the month.
        month: Calendar month (1–12).
        number: 1 for the first depreciated month, up to the life in months.
        amount: Depreciation charged this month.
        accumulated: Accumulated depreciation at the end of the month.
        net_book_value: Original value minus accumulated depreciation.
    """

    year: int
    month: int
    number: int
    amount: Money
    accumulated: Money
    net_book_value: Money


# ---------------------------------------------------------------- integer core


def monthly_fen(original_fen: int, life_months: int) -> int:
    """The monthly amount ``original / life`` in fen, rounded ``ROUND_HALF_UP``."""
    return (2 * original_fen + life_months) // (2 * life_months)


def accumulated_fen(original_fen: int, life_months: int, months: int) -> int:
    """Accumulated depreciation in fen after ``months`` depreciated months (DC-6)."""
    if months <= 0:
        return 0
    if months >= life_months:
        return original_fen
    return min(months * monthly_fen(original_fen, life_months), original_fen)


def elapsed_months(
    acquired_index: int,
    on_index: int,
    life_months: int,
    convention: MonthConvention,
    *,
    leaving: bool,
) -> int:
    """Depreciated months from acquisition to the month ``on_index`` (clamped to the life).

    The month ``on_index`` itself is charged unless the asset leaves in it.
    """
    start = acquired_index if convention is MonthConvention.SAME_MONTH else acquired_index + 1
    months = on_index - start + (0 if leaving else 1)
    if months <= 0:
        return 0
    return min(months, life_months)


def _month_index(day: pendulum.Date) -> int:
    return day.year * 12 + day.month - 1


def _on_index(asset: AssetValue, on: DateInput) -> int:
    day = as_date(on, field="on")
    dc6_not_before_acquisition("asset", on=day, acquired_on=asset.acquired_on)
    return _month_index(day)


def months_depreciated(
    asset: AssetValue,
    on: DateInput,
    policy: DepreciationPolicy | None = None,
    *,
    leaving: bool = False,
) -> int:
    """How many months of depreciation have been charged by ``on`` (rule DC-6).

    Args:
        asset: The asset's values.
        on: The day of valuation.
        policy: Life table and month convention (default: the school table).
        leaving: The asset leaves the books in ``on``'s month (destroyed,
            lost, disposed): that month is not charged (当月减少当月不提).

    Returns:
        A number between 0 and the life in months; 0 for a category that is
        not depreciated.

    Raises:
        IncidentBeforeAcquisitionError: ``on`` is before the acquisition.
    """
    policy = _DEFAULT_POLICY if policy is None else policy
    index = _on_index(asset, on)
    life = policy.life_table.life_months(asset.category)
    if life is None:
        return 0
    return elapsed_months(
        asset.acquired_month_index, index, life, policy.convention, leaving=leaving
    )


def accumulated_depreciation(
    asset: AssetValue,
    on: DateInput,
    policy: DepreciationPolicy | None = None,
    *,
    leaving: bool = False,
) -> Money:
    """Accumulated depreciation (累计折旧) at ``on``: never decreasing, never above the original.

    See [`months_depreciated`][schoollogistics.compensation.months_depreciated]
    for the arguments.
    """
    policy = _DEFAULT_POLICY if policy is None else policy
    months = months_depreciated(asset, on, policy, leaving=leaving)
    life = policy.life_table.life_months(asset.category)
    if life is None:
        return Money.zero()
    return Money.from_fen(accumulated_fen(asset.original_fen, life, months))


def capitalised_book_fen(
    original_fen: int,
    *,
    life_months: int,
    first_index: int,
    offset: int,
    repairs: Iterable[tuple[int, int]],
    last_charged: int,
) -> int:
    """The net book value in fen with capitalised repairs, at the end of month ``last_charged``.

    Args:
        original_fen: The original value.
        life_months: The life in months.
        first_index: The month index of the first depreciated month.
        offset: 0 when the month of an addition is charged (当月计提), 1 otherwise.
        repairs: ``(month index, cost in fen)`` of the capitalised repairs dated
            on or before the valuation day, in date order.
        last_charged: The month index of the last month charged.

    Each repair restarts the schedule at ``restart = month + offset``: the base
    becomes the value at the end of ``restart - 1`` plus the cost, spread over
    the months from ``restart`` to the original last month. A repair whose
    restart is after ``last_charged + 1`` (the valuation leaves in the repair's
    month) adds its cost to the value found; one restarting past the end of the
    life adds nothing.
    """
    end = first_index + life_months - 1
    base, start, length = original_fen, first_index, life_months
    pending = 0
    for month, cost in repairs:
        restart = month + offset
        if restart > end:
            continue
        if restart - 1 > last_charged:
            pending += cost
            continue
        before = base - accumulated_fen(base, length, min(max(restart - start, 0), length))
        base, start, length = before + cost, restart, end - restart + 1
    charged = min(max(last_charged - start + 1, 0), length)
    return base - accumulated_fen(base, length, charged) + pending


def net_book_value(
    asset: AssetValue,
    on: DateInput,
    policy: DepreciationPolicy | None = None,
    *,
    leaving: bool = False,
    capitalised_repairs: Iterable[CapitalisedRepair] = (),
) -> Money:
    """Net book value (账面净值) at ``on``: original minus accumulated, never negative (DC-6).

    Args:
        asset: The asset's values.
        on: The day of valuation.
        policy: Life table and month convention (default: the school table).
        leaving: The asset leaves the books in ``on``'s month: that month is not charged.
        capitalised_repairs: Repairs added to the asset's cost (RP-5); those dated
            on or before ``on`` count. Each restarts the depreciation at the value
            before it plus its cost, over the remaining original life (see the
            module's rules). None given (the default): the plain schedule.

    Raises:
        IncidentBeforeAcquisitionError: ``on`` or a repair is before the acquisition.
    """
    repairs = sorted(capitalised_repairs, key=_repair_day)
    if not repairs:
        accumulated = accumulated_depreciation(asset, on, policy, leaving=leaving)
        return Money.from_fen(asset.original_fen - accumulated.fen)
    policy = _DEFAULT_POLICY if policy is None else policy
    index = _on_index(asset, on)
    day = as_date(on, field="on")
    for repair in repairs:
        dc6_not_before_acquisition(
            "capitalised repair", on=repair.on, acquired_on=asset.acquired_on
        )
    counted = [(_month_index(r.on), r.cost.fen) for r in repairs if r.on <= day]
    life = policy.life_table.life_months(asset.category)
    if life is None:
        return Money.from_fen(asset.original_fen + sum(cost for _, cost in counted))
    offset = 0 if policy.convention is MonthConvention.SAME_MONTH else 1
    return Money.from_fen(
        capitalised_book_fen(
            asset.original_fen,
            life_months=life,
            first_index=asset.acquired_month_index + offset,
            offset=offset,
            repairs=counted,
            last_charged=index - (1 if leaving else 0),
        )
    )


def _repair_day(repair: CapitalisedRepair) -> pendulum.Date:
    return repair.on


def depreciation_schedule(
    asset: AssetValue, policy: DepreciationPolicy | None = None
) -> tuple[DepreciationMonth, ...]:
    """The full monthly schedule of an asset (DC-6); empty if its category is not depreciated.

    The amounts add up exactly to the original value: the last month absorbs
    the rounding of the monthly amount (``ROUND_HALF_UP`` to the fen).
    """
    policy = _DEFAULT_POLICY if policy is None else policy
    life = policy.life_table.life_months(asset.category)
    if life is None:
        return ()
    original = asset.original_fen
    first = asset.acquired_month_index + (
        0 if policy.convention is MonthConvention.SAME_MONTH else 1
    )
    months: list[DepreciationMonth] = []
    before = 0
    for number in range(1, life + 1):
        after = accumulated_fen(original, life, number)
        year, month0 = divmod(first + number - 1, 12)
        months.append(
            DepreciationMonth(
                year=year,
                month=month0 + 1,
                number=number,
                amount=Money.from_fen(after - before),
                accumulated=Money.from_fen(after),
                net_book_value=Money.from_fen(original - after),
            )
        )
        before = after
    return tuple(months)
