"""CN-2: the storeroom of a `Canteen` run beside a simple model (Hypothesis stateful).

The model is a dict of lots (expiry, order received, units on hand). Each step receives,
issues (first expiry first out, or a named lot), disposes of stock or checks the storeroom;
the model says whether the canteen must accept, and what it must draw. After every step:
the units on hand agree with the model and are never negative; an accepted unnamed issue
took the earliest-expiring lot in stock (a tie to the lot received first); a refused
command left the canteen identical, equal and with the same serialized JSON.
"""

from __future__ import annotations

import json

import attrs
import pytest
from hypothesis import settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, rule

from schoollogistics import serialization
from schoollogistics.canteen import (
    Canteen,
    CanteenCommand,
    CheckStoreroom,
    DisposeLot,
    IssueStock,
    LotDisposal,
    ReceiveLot,
    StockIssued,
    StoreroomCheck,
)
from schoollogistics.errors import CanteenError

from ._build import D, inspection, lot

DAY = D(2025, 9, 1)
PRODUCT = "牛奶"


@attrs.define
class _Lot:
    expiry: D
    order: int
    units: int


def _json(canteen: Canteen) -> str:
    return json.dumps(serialization.to_dict(canteen.state()), sort_keys=True, ensure_ascii=False)


class StoreroomMachine(RuleBasedStateMachine):
    """A canteen's storeroom and its model, step by step."""

    def __init__(self) -> None:
        super().__init__()
        self.canteen = Canteen("c1")
        self.model: dict[str, _Lot] = {}
        self.steps = 0

    # ------------------------------------------------------------ running a command

    def _run(self, command: CanteenCommand, *, accepted: bool) -> StockIssued | None:
        self.steps += 1
        before, text = self.canteen.state(), _json(self.canteen)
        try:
            event = self.canteen.execute(command)
        except CanteenError:
            assert not accepted, f"refused, the model accepts: {command!r}"
            assert self.canteen.state() == before
            assert _json(self.canteen) == text
            return None
        assert accepted, f"accepted, the model refuses: {command!r}"
        return event if isinstance(event, StockIssued) else None

    def _usable(self, on: D) -> list[tuple[str, _Lot]]:
        return sorted(
            ((i, m) for i, m in self.model.items() if m.units > 0 and m.expiry >= on),
            key=lambda item: (item[1].expiry, item[1].order),
        )

    def _pick(self, index: int) -> str:
        names = sorted(self.model)
        return names[index % len(names)] if names else "none"

    # ------------------------------------------------------------ rules

    @rule(expiry=st.integers(-3, 20), delivered=st.integers(0, 5), units=st.integers(1, 12))
    def receive(self, expiry: int, delivered: int, units: int) -> None:
        lot_id = f"L{len(self.model)}"
        item = lot(lot_id, DAY.add(days=expiry), product=PRODUCT, quantity=units)
        ok = expiry >= delivered  # usable through its expiry day
        self._run(ReceiveLot(item, inspection(lot_id, DAY.add(days=delivered))), accepted=ok)
        if ok:
            self.model[lot_id] = _Lot(item.expiry, len(self.model), units)

    @rule(quantity=st.integers(1, 15), offset=st.integers(0, 20))
    def issue(self, quantity: int, offset: int) -> None:
        on = DAY.add(days=offset)
        usable = self._usable(on)
        ok = sum(m.units for _, m in usable) >= quantity
        command = IssueStock(
            issue_id=f"i{self.steps}", product=PRODUCT, quantity=quantity, on=on, by="仓管"
        )
        event = self._run(command, accepted=ok)
        if event is None:
            return
        assert event.issue.draws[0].lot_id == usable[0][0]  # the earliest expiry in stock
        left = quantity
        for (lot_id, item), draw in zip(usable, event.issue.draws, strict=False):
            take = min(item.units, left)
            assert (draw.lot_id, draw.quantity) == (lot_id, take)
            item.units -= take
            left -= take
        assert left == 0
        assert sum(d.quantity for d in event.issue.draws) == quantity

    @rule(index=st.integers(0, 50), quantity=st.integers(1, 8), offset=st.integers(0, 20))
    def issue_named(self, index: int, quantity: int, offset: int) -> None:
        lot_id, on = self._pick(index), DAY.add(days=offset)
        item = self.model.get(lot_id)
        ok = item is not None and item.expiry >= on and item.units >= quantity
        command = IssueStock(
            issue_id=f"i{self.steps}",
            product=PRODUCT,
            quantity=quantity,
            on=on,
            by="仓管",
            lot_id=lot_id,
        )
        self._run(command, accepted=ok)
        if ok and item is not None:
            item.units -= quantity

    @rule(index=st.integers(0, 50), quantity=st.integers(1, 12), offset=st.integers(0, 20))
    def dispose(self, index: int, quantity: int, offset: int) -> None:
        lot_id = self._pick(index)
        item = self.model.get(lot_id)
        ok = item is not None and item.units >= quantity
        disposal = LotDisposal(
            disposal_id=f"d{self.steps}",
            lot_id=lot_id,
            on=DAY.add(days=offset),
            by="仓管",
            quantity=quantity,
            reason="过期",
        )
        self._run(DisposeLot(disposal), accepted=ok)
        if ok and item is not None:
            item.units -= quantity

    @rule(offset=st.integers(0, 25))
    def check_storeroom(self, offset: int) -> None:
        on = DAY.add(days=offset)
        ok = not any(m.units > 0 and m.expiry < on for m in self.model.values())
        check = StoreroomCheck(check_id=f"k{self.steps}", on=on, by="仓管")
        self._run(CheckStoreroom(check), accepted=ok)

    @rule(quantity=st.integers(1, 5))
    def duplicate_lot(self, quantity: int) -> None:
        if self.model:
            lot_id = self._pick(quantity)
            item = lot(lot_id, DAY.add(days=30), product=PRODUCT, quantity=quantity)
            self._run(ReceiveLot(item, inspection(lot_id, DAY)), accepted=False)

    # ------------------------------------------------------------ invariants

    @invariant()
    def stock_agrees_with_the_model(self) -> None:
        for lot_id, item in self.model.items():
            assert self.canteen.on_hand(lot_id) == item.units >= 0
        assert self.canteen.stock(PRODUCT) == sum(m.units for m in self.model.values())

    def teardown(self) -> None:
        assert self.canteen.check_invariants() == ()
        assert Canteen.from_state(self.canteen.state()) == self.canteen


StoreroomMachine.TestCase.settings = settings(
    max_examples=30, stateful_step_count=20, deadline=None
)
test_the_storeroom_follows_its_model = pytest.mark.rule("CN-2")(StoreroomMachine.TestCase)
