"""The storeroom's issue order (CN-2): which lots an issue takes, first to expire first out.

A lot is usable through its expiry date and expired from the next day. An issue
skips expired lots (and reports them), takes the lot that expires first (a tie
goes to the lot received first), or the lot received first under FIFO.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import pendulum

from schoollogistics.canteen._policy import CanteenPolicy, IssueOrder
from schoollogistics.canteen._records import Draw, Lot

__all__ = ["is_expired", "plan_issue", "usable_order"]


def is_expired(lot: Lot, on: pendulum.Date) -> bool:
    """CN-2: whether the lot is past its expiry on ``on`` (usable through the expiry day)."""
    return on > lot.expiry


def usable_order(
    lots: Sequence[Lot],
    on_hand: Mapping[str, int],
    product: str,
    on: pendulum.Date,
    policy: CanteenPolicy,
) -> tuple[list[Lot], list[Lot]]:
    """The product's usable lots in stock in the order issues take them, and the expired ones.

    ``lots`` is in the order received.
    """
    usable: list[tuple[int, int, Lot]] = []
    expired: list[Lot] = []
    for index, lot in enumerate(lots):
        if lot.product != product or on_hand.get(lot.lot_id, 0) <= 0:
            continue
        if is_expired(lot, on):
            expired.append(lot)
        elif policy.issue_order is IssueOrder.FEFO:
            usable.append((lot.expiry.toordinal(), index, lot))
        else:
            usable.append((0, index, lot))
    usable.sort(key=lambda item: (item[0], item[1]))
    return [lot for _, _, lot in usable], expired


def plan_issue(
    lots: Sequence[Lot],
    on_hand: Mapping[str, int],
    product: str,
    *,
    quantity: int,
    on: pendulum.Date,
    policy: CanteenPolicy,
) -> tuple[tuple[Draw, ...], tuple[str, ...], int]:
    """The draws of an issue of ``quantity``, the expired lots skipped, and the usable total.

    The draws cover less than ``quantity`` when the usable stock is short (the
    guard refuses such an issue).
    """
    usable, expired = usable_order(lots, on_hand, product, on, policy)
    draws: list[Draw] = []
    left = quantity
    available = 0
    for lot in usable:
        have = on_hand[lot.lot_id]
        available += have
        if left > 0:
            take = min(have, left)
            draws.append(Draw(lot.lot_id, take))
            left -= take
    return tuple(draws), tuple(lot.lot_id for lot in expired), available
