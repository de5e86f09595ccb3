"""The ledger beside a plain dict model, driven by a Hypothesis state machine.

The model keeps the accepted operations as plain tuples and folds them in
effective-date order into dicts of quantities; it decides on its own whether a
command must be accepted. After every step the machine checks the invariants of
issue 3: conservation per item, no negative quantity (AS-11), each tagged unit in
exactly one place, exchanges keep the holder's count, refused commands change
nothing, replay equals the live ledger, each month's closing is the next month's
opening, and closed months never change (AS-8).
"""

from __future__ import annotations

from typing import Any

import pendulum
import pytest
from hypothesis import settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, precondition, rule

from schoollogistics import serialization
from schoollogistics.assets import (
    AssetEvent,
    AssetLedger,
    Condition,
    CountLine,
    Disposed,
    Exchanged,
    HolderKind,
    Holding,
    Issue,
    LedgerCommand,
    MonthClosed,
    PlaceKind,
    Receive,
    Received,
    StockTake,
    StockTakePosted,
    SummaryScope,
)
from schoollogistics.core import AssetCategory
from schoollogistics.errors import AssetError

START = pendulum.Date(2025, 9, 18)  # late in a month: closes come early in a run
STORE = "store"
ROOMS = ("room-a", "room-b")
HOLDERS = ("h1", "class-1")
LOCATIONS = ROOMS + HOLDERS
CONSUMABLES = ("broom", "chalk")
CLERK = "clerk"
BOSS = "boss"

A, R, L, M = "A", "R", "L", "M"  # available, returned pool, on loan, in repair

Op = tuple[Any, ...]


class ModelRefusedError(Exception):
    """The model says the ledger must refuse."""


def _take(books: dict[tuple[str, str, str], int], key: tuple[str, str, str], q: int) -> None:
    if books.get(key, 0) < q:
        raise ModelRefusedError(key)
    books[key] -= q


def _put(books: dict[tuple[str, str, str], int], key: tuple[str, str, str], q: int) -> None:
    books[key] = books.get(key, 0) + q


def model_fold(ops: list[tuple[pendulum.Date, int, Op]]) -> tuple[dict[Any, int], dict[str, Any]]:
    """Fold the operations in effective order; raise ModelRefusedError if any is invalid."""
    books: dict[tuple[str, str, str], int] = {}
    tags: dict[str, tuple[str, str]] = {}
    loans: dict[str, tuple[str, str, bool]] = {}
    for _, _, op in sorted(ops, key=lambda o: (o[0], o[1])):
        kind = op[0]
        if kind == "recv":
            _, item, q, tag = op
            _put(books, (A, STORE, item), q)
            if tag:
                tags[tag] = (A, STORE)
        elif kind == "issue":
            _, item, to, q, initial, tag = op
            if tag and tags.get(tag) != (A, STORE):
                raise ModelRefusedError(tag)
            if item == "broom" and (not initial or books.get((A, to, item), 0)):
                msg = "AS-3"
                raise ModelRefusedError(msg)
            _take(books, (A, STORE, item), q)
            _put(books, (A, to, item), q)
            if tag:
                tags[tag] = (A, to)
        elif kind == "exch":
            _, holder, q, lost = op
            if books.get((A, holder, "broom"), 0) < q:
                msg = "nothing to exchange"
                raise ModelRefusedError(msg)
            _take(books, (A, STORE, "broom"), q)
            _put(books, (R, STORE, "broom"), q - lost)
        elif kind == "exch_tag":
            _, holder, old, new, lost = op
            if tags.get(old) != (A, holder) or tags.get(new) != (A, STORE):
                raise ModelRefusedError(old)
            _take(books, (A, STORE, "pj"), 1)
            if lost:
                del tags[old]
            else:
                _put(books, (R, STORE, "pj"), 1)
                tags[old] = (R, STORE)
            tags[new] = (A, holder)
        elif kind == "ret":
            _, item, holder, q, good, tag = op
            if tag and tags.get(tag) != (A, holder):
                raise ModelRefusedError(tag)
            _take(books, (A, holder, item), q)
            _put(books, (A if good else R, STORE, item), q)
            if tag:
                tags[tag] = (A if good else R, STORE)
        elif kind == "xfer":
            _, item, source, target, q, tag = op
            if tag and tags.get(tag) != (A, source):
                raise ModelRefusedError(tag)
            _take(books, (A, source, item), q)
            _put(books, (A, target, item), q)
            if tag:
                tags[tag] = (A, target)
        elif kind == "lend":
            _, loan_id, tag, borrower = op
            if tags.get(tag) != (A, STORE) or loan_id in loans:
                raise ModelRefusedError(tag)
            _take(books, (A, STORE, "pj"), 1)
            _put(books, (L, borrower, "pj"), 1)
            tags[tag] = (L, borrower)
            loans[loan_id] = (tag, borrower, False)
        elif kind == "loanret":
            _, loan_id = op
            if loan_id not in loans or loans[loan_id][2]:
                raise ModelRefusedError(loan_id)
            tag, borrower, _ = loans[loan_id]
            _take(books, (L, borrower, "pj"), 1)
            _put(books, (A, STORE, "pj"), 1)
            tags[tag] = (A, STORE)
            loans[loan_id] = (tag, borrower, True)
        elif kind == "disp":
            _, item, from_pool, q, approver = op
            if approver != BOSS:
                msg = "AS-7: an approver other than the recorder"
                raise ModelRefusedError(msg)
            _take(books, (R if from_pool else A, STORE, item), q)
        elif kind == "adj":
            _, place, item, delta, approver = op
            if approver != BOSS:
                msg = "AS-2: an approver other than the recorder"
                raise ModelRefusedError(msg)
            if delta < 0:
                _take(books, (A, place, item), -delta)
            else:
                _put(books, (A, place, item), delta)
    return {k: v for k, v in books.items() if v}, tags


class LedgerMachine(RuleBasedStateMachine):
    """AssetLedger against the dict model."""

    CHECKPOINT_EVERY: int = AssetLedger.CHECKPOINT_EVERY

    def __init__(self) -> None:
        super().__init__()
        self.ledger = AssetLedger(checkpoint_every=self.CHECKPOINT_EVERY)
        self.ops: list[tuple[pendulum.Date, int, Op]] = []
        self.today = START
        self.tag_no = 0
        self.loan_no = 0
        self.count_no = 0
        self.closed: dict[tuple[int, int], Any] = {}
        self.received: dict[str, int] = {}
        led = self.ledger
        led.register_place(
            STORE, "库房", PlaceKind.STOREROOM, custodian_id=CLERK, on=START, by=CLERK
        )
        for room in ROOMS:
            led.register_place(room, room, PlaceKind.CLASSROOM, on=START, by=CLERK)
        led.register_holder("h1", "王老师", HolderKind.STAFF, on=START, by=CLERK)
        led.register_holder("class-1", "一(1)班", HolderKind.CLASS, on=START, by=CLERK)
        led.register_item(
            "broom", "扫帚", unit="把", unit_cost="15", exchange_rule=True, on=START, by=CLERK
        )
        led.register_item("chalk", "粉笔", unit="盒", unit_cost="3.50", on=START, by=CLERK)
        led.register_item(
            "pj",
            "投影仪",
            unit="台",
            unit_cost="3200",
            category=AssetCategory.TEACHING_INSTRUMENTS,
            on=START,
            by=CLERK,
        )
        # Opening stock, so that most commands have something to work on.
        for op in (
            ("recv", "broom", 10, None),
            ("recv", "chalk", 10, None),
            ("recv", "pj", 1, "PJ-1"),
            ("recv", "pj", 1, "PJ-2"),
            ("recv", "pj", 1, "PJ-3"),
        ):
            self.ops.append((START, len(self.ops), op))
        led.receive("broom", STORE, 10, acceptor=CLERK, invoice_ref="FP-1", on=START, by=CLERK)
        led.receive("chalk", STORE, 10, acceptor=CLERK, invoice_ref="FP-1", on=START, by=CLERK)
        led.receive(
            "pj",
            STORE,
            tags=["PJ-1", "PJ-2", "PJ-3"],
            acceptor=CLERK,
            invoice_ref="FP-1",
            on=START,
            by=CLERK,
        )
        for holder in ("class-1", "room-a"):
            led.issue("broom", STORE, holder, 2, initial_allocation=True, on=START, by=CLERK)
            self.ops.append((START, len(self.ops), ("issue", "broom", holder, 2, True, None)))
        for holder, tag in (("class-1", "PJ-2"), ("room-a", "PJ-3")):
            led.issue("pj", STORE, holder, tags=[tag], on=START, by=CLERK)
            self.ops.append((START, len(self.ops), ("issue", "pj", holder, 1, False, tag)))
        self.tag_no = 3

    # ------------------------------------------------------------ helpers

    def _serialized(self) -> tuple[str, str]:
        return (
            serialization.dumps(list(self.ledger.events), list[AssetEvent]),
            serialization.dumps(self.ledger.snapshot()),
        )

    def _day(self, back: int) -> pendulum.Date:
        return max(self.today.subtract(days=back), START)

    def _attempt(self, day: pendulum.Date, op: Op, command: Any) -> bool:
        """Run ``command`` if the model accepts ``op`` at ``day``; else expect a refusal."""
        closed = self.ledger.closed_through
        candidate = [*self.ops, (day, len(self.ops), op)]
        try:
            if closed is not None and day <= closed:
                msg = "closed month"
                raise ModelRefusedError(msg)
            model_fold(candidate)
        except ModelRefusedError:
            before = self._serialized()
            with pytest.raises(AssetError):
                command()
            assert self._serialized() == before, "a refused command changed the ledger"
            return False
        command()
        self.ops = candidate
        return True

    def _held(self, location: str, item: str) -> int:
        return sum(
            row.quantity
            for row in self.ledger.on_hand(location_id=location, item_id=item)
            if row.holding is Holding.AVAILABLE
        )

    # ------------------------------------------------------------ rules

    @rule(days=st.integers(0, 12))
    def advance(self, days: int) -> None:
        self.today = self.today.add(days=days)

    @rule(days=st.integers(0, 3))
    def next_month(self, days: int) -> None:
        self.today = self.today.end_of("month").add(days=1 + days)

    @rule(item=st.sampled_from(CONSUMABLES), q=st.integers(1, 6), back=st.integers(0, 4))
    def receive(self, item: str, q: int, back: int) -> None:
        day = self._day(back)
        if self._attempt(
            day,
            ("recv", item, q, None),
            lambda: self.ledger.receive(
                item, STORE, q, acceptor=CLERK, invoice_ref="FP-1", on=day, by=CLERK
            ),
        ):
            self.received[item] = self.received.get(item, 0) + q

    @rule(back=st.integers(0, 4))
    def receive_projector(self, back: int) -> None:
        day = self._day(back)
        self.tag_no += 1
        tag = f"PJ-{self.tag_no}"
        self._attempt(
            day,
            ("recv", "pj", 1, tag),
            lambda: self.ledger.receive(
                "pj", STORE, tags=[tag], acceptor=CLERK, invoice_ref="FP-1", on=day, by=CLERK
            ),
        )

    @rule(
        item=st.sampled_from(CONSUMABLES),
        to=st.sampled_from(LOCATIONS),
        q=st.integers(1, 4),
        initial=st.booleans(),
        back=st.integers(0, 4),
    )
    def issue(self, item: str, to: str, q: int, initial: bool, back: int) -> None:
        day = self._day(back)
        self._attempt(
            day,
            ("issue", item, to, q, initial, None),
            lambda: self.ledger.issue(
                item, STORE, to, q, initial_allocation=initial, on=day, by=CLERK
            ),
        )

    def _execute(self, command: LedgerCommand) -> AssetEvent:
        """Run a command as a front end would send it: through JSON, then ``execute``."""
        sent = serialization.loads(LedgerCommand, serialization.dumps(command, LedgerCommand))
        assert sent == command
        return self.ledger.execute(sent)

    @rule(item=st.sampled_from(CONSUMABLES), q=st.integers(1, 6), back=st.integers(0, 4))
    def receive_by_command(self, item: str, q: int, back: int) -> None:
        day = self._day(back)
        command = Receive(
            item_id=item,
            place_id=STORE,
            quantity=q,
            acceptor=CLERK,
            invoice_ref="FP-1",
            on=day,
            by=CLERK,
        )
        if self._attempt(day, ("recv", item, q, None), lambda: self._execute(command)):
            self.received[item] = self.received.get(item, 0) + q

    @rule(
        item=st.sampled_from(CONSUMABLES),
        to=st.sampled_from(LOCATIONS),
        q=st.integers(1, 4),
        initial=st.booleans(),
        back=st.integers(0, 4),
    )
    def issue_by_command(self, item: str, to: str, q: int, initial: bool, back: int) -> None:
        day = self._day(back)
        command = Issue(
            item_id=item,
            from_place=STORE,
            to=to,
            quantity=q,
            initial_allocation=initial,
            on=day,
            by=CLERK,
        )
        self._attempt(day, ("issue", item, to, q, initial, None), lambda: self._execute(command))

    @rule(to=st.sampled_from(LOCATIONS), pick=st.integers(0, 50), back=st.integers(0, 4))
    def issue_projector(self, to: str, pick: int, back: int) -> None:
        day = self._day(back)
        tag = f"PJ-{pick % max(self.tag_no, 1) + 1}"
        self._attempt(
            day,
            ("issue", "pj", to, 1, False, tag),
            lambda: self.ledger.issue("pj", STORE, to, tags=[tag], on=day, by=CLERK),
        )

    @rule(holder=st.sampled_from(("class-1", "room-a")), q=st.integers(1, 2))
    def exchange_all_handed_back(self, holder: str, q: int) -> None:
        self.exchange(holder, q, 0, record_loss=False, back=0)

    @rule(holder=st.sampled_from(("class-1", "room-a")), lost=st.integers(1, 2))
    def exchange_recording_a_loss(self, holder: str, lost: int) -> None:
        self.exchange(holder, 2, lost, record_loss=True, back=0)

    @rule(
        holder=st.sampled_from(LOCATIONS),
        q=st.integers(1, 3),
        lost=st.integers(0, 3),
        record_loss=st.booleans(),
        back=st.integers(0, 4),
    )
    def exchange_with_loss(
        self, holder: str, q: int, lost: int, record_loss: bool, back: int
    ) -> None:
        self.exchange(holder, q, lost, record_loss=record_loss, back=back)

    def exchange(self, holder: str, q: int, lost: int, *, record_loss: bool, back: int) -> None:
        day = self._day(back)
        lost = min(lost, q)
        before = self._held(holder, "broom")

        def command() -> object:
            return self.ledger.exchange(
                "broom",
                holder,
                STORE,
                q,
                handed_back=q - lost,
                record_loss=record_loss,
                on=day,
                by=CLERK,
            )

        if lost and not record_loss:
            snapshot = self._serialized()
            with pytest.raises(AssetError) as info:
                command()
            assert info.value.code == "assets.old_unit_missing"
            assert self._serialized() == snapshot
            return
        if self._attempt(day, ("exch", holder, q, lost), command):
            # An exchange never changes how many units the holder has (AS-3).
            assert self._held(holder, "broom") == before

    @rule(
        holder=st.sampled_from(LOCATIONS),
        old=st.integers(0, 50),
        new=st.integers(0, 50),
        lost=st.booleans(),
        back=st.integers(0, 4),
    )
    def exchange_projector(self, holder: str, old: int, new: int, lost: bool, back: int) -> None:
        """A tagged unit for a tagged unit; the old one to the pool, or lost and recorded."""
        day = self._day(back)
        _, tags = model_fold(self.ops)
        held = sorted(t for t, where in tags.items() if where == (A, holder))
        stock = sorted(t for t, where in tags.items() if where == (A, STORE))
        # Mostly tags where they should be; now and then any tag (to be refused).
        old_tag = held[old % len(held)] if held and old < 45 else f"PJ-{old % self.tag_no + 1}"
        new_tag = stock[new % len(stock)] if stock and new < 45 else f"PJ-{new % self.tag_no + 1}"
        before = self._held(holder, "pj")
        accepted = self._attempt(
            day,
            ("exch_tag", holder, old_tag, new_tag, lost),
            lambda: self.ledger.exchange(
                "pj",
                holder,
                STORE,
                old_tags=() if lost else (old_tag,),
                lost_tags=(old_tag,) if lost else (),
                new_tags=(new_tag,),
                record_loss=True,
                on=day,
                by=CLERK,
            ),
        )
        if accepted:
            # An exchange never changes how many units the holder has (AS-3).
            assert self._held(holder, "pj") == before

    @rule(
        item=st.sampled_from(CONSUMABLES),
        holder=st.sampled_from(LOCATIONS),
        q=st.integers(1, 3),
        good=st.booleans(),
        back=st.integers(0, 4),
    )
    def hand_back(self, item: str, holder: str, q: int, good: bool, back: int) -> None:
        day = self._day(back)
        condition = Condition.GOOD if good else Condition.WORN
        self._attempt(
            day,
            ("ret", item, holder, q, good, None),
            lambda: self.ledger.hand_back(
                item, holder, STORE, q, condition=condition, on=day, by=CLERK
            ),
        )

    @rule(
        source=st.sampled_from((STORE, *LOCATIONS)),
        dest=st.sampled_from((STORE, *LOCATIONS)),
        q=st.integers(1, 3),
        item=st.sampled_from(CONSUMABLES),
        back=st.integers(0, 4),
    )
    def transfer(self, source: str, dest: str, q: int, item: str, back: int) -> None:
        day = self._day(back)
        if source == dest:
            return
        self._attempt(
            day,
            ("xfer", item, source, dest, q, None),
            lambda: self.ledger.transfer(item, source, dest, q, on=day, by=CLERK),
        )

    @rule(
        source=st.sampled_from((STORE, *LOCATIONS)),
        dest=st.sampled_from((STORE, *LOCATIONS)),
        pick=st.integers(0, 50),
        back=st.integers(0, 4),
    )
    def transfer_projector(self, source: str, dest: str, pick: int, back: int) -> None:
        day = self._day(back)
        tag = f"PJ-{pick % max(self.tag_no, 1) + 1}"
        if source == dest:
            return
        self._attempt(
            day,
            ("xfer", "pj", source, dest, 1, tag),
            lambda: self.ledger.transfer("pj", source, dest, tags=[tag], on=day, by=CLERK),
        )

    @rule(borrower=st.sampled_from(HOLDERS), pick=st.integers(0, 50), back=st.integers(0, 4))
    def lend(self, borrower: str, pick: int, back: int) -> None:
        day = self._day(back)
        tag = f"PJ-{pick % max(self.tag_no, 1) + 1}"
        self.loan_no += 1
        loan_id = f"loan-{self.loan_no}"
        self._attempt(
            day,
            ("lend", loan_id, tag, borrower),
            lambda: self.ledger.lend(
                loan_id, "pj", STORE, borrower, tags=[tag], due_on=day.add(days=7), on=day, by=CLERK
            ),
        )

    @rule(pick=st.integers(1, 50), back=st.integers(0, 4))
    def return_loan(self, pick: int, back: int) -> None:
        day = self._day(back)
        loan_id = f"loan-{pick % max(self.loan_no, 1) + 1}"
        self._attempt(
            day,
            ("loanret", loan_id),
            lambda: self.ledger.return_loan(loan_id, condition=Condition.GOOD, on=day, by=CLERK),
        )

    @rule(
        item=st.sampled_from(CONSUMABLES),
        from_pool=st.booleans(),
        q=st.integers(1, 3),
        approver=st.sampled_from((BOSS, BOSS, CLERK, " ")),
        back=st.integers(0, 4),
    )
    def dispose(self, item: str, from_pool: bool, q: int, approver: str, back: int) -> None:
        day = self._day(back)
        self._attempt(
            day,
            ("disp", item, from_pool, q, approver),
            lambda: self.ledger.dispose(
                item, STORE, q, from_pool=from_pool, approver=approver, on=day, by=CLERK
            ),
        )

    @rule(
        place=st.sampled_from((STORE, *ROOMS)),
        item=st.sampled_from(CONSUMABLES),
        counted=st.integers(0, 8),
        approver=st.sampled_from((BOSS, BOSS, BOSS, CLERK)),
        back=st.integers(0, 4),
    )
    def stock_take(self, place: str, item: str, counted: int, approver: str, back: int) -> None:
        day = self._day(back)
        closed = self.ledger.closed_through
        if closed is not None and day <= closed:
            return
        books, tags = model_fold([o for o in self.ops if o[0] <= day])
        lines = [
            CountLine(i, counted if i == item else books.get((A, place, i), 0)) for i in CONSUMABLES
        ]
        found = sorted(t for t, where in tags.items() if where == (A, place))
        lines.append(CountLine("pj", len(found), tuple(found)))
        self.count_no += 1
        count = StockTake(f"count-{self.count_no}", place, day, CLERK, tuple(lines))
        delta = counted - books.get((A, place, item), 0)
        reconciliation = self.ledger.reconcile(count)
        assert [(x.item_id, x.surplus - x.shortage) for x in reconciliation.differences()] == (
            [(item, delta)] if delta else []
        )
        self._attempt(
            day,
            ("adj", place, item, delta, approver),
            lambda: self.ledger.post_stock_take(count, approver=approver, by=CLERK),
        )

    def _month_to_close(self) -> pendulum.Date:
        closed = self.ledger.closed_through
        return START if closed is None else closed.add(days=1)

    @precondition(lambda self: self._month_to_close().end_of("month") < self.today)
    @rule()
    def close_month(self) -> None:
        month = self._month_to_close()
        self.ledger.close_month(month.year, month.month, by=CLERK)
        self.closed[(month.year, month.month)] = self.ledger.events[-1]

    @precondition(lambda self: self.ledger.closed_through is not None)
    @rule(back=st.integers(1, 40))
    def entry_in_closed_month_refused(self, back: int) -> None:
        closed = self.ledger.closed_through
        assert closed is not None
        day = max(closed.subtract(days=back % 28), START)
        before = self._serialized()
        with pytest.raises(AssetError) as info:
            self.ledger.receive(
                "chalk", STORE, 1, acceptor=CLERK, invoice_ref="FP-1", on=day, by=CLERK
            )
        assert info.value.code == "assets.month_closed"
        assert self._serialized() == before

    # ------------------------------------------------------------ invariants

    @invariant()
    def books_match_the_model(self) -> None:
        books, tags = model_fold(self.ops)
        holding_code = {
            Holding.AVAILABLE: A,
            Holding.RETURNED: R,
            Holding.ON_LOAN: L,
            Holding.IN_REPAIR: M,
        }
        rows = self.ledger.on_hand()
        assert {(holding_code[r.holding], r.location_id, r.item_id): r.quantity for r in rows} == (
            books
        )
        # No negative quantity (AS-11).
        assert all(r.quantity > 0 for r in rows)
        # A tagged unit is in exactly one place.
        seen = [tag for r in rows for tag in r.tags]
        assert len(seen) == len(set(seen))
        assert sorted(seen) == sorted(tags)
        for tag, (code, where) in tags.items():
            position = self.ledger.position(tag)
            assert (holding_code[position.holding], position.location_id) == (code, where)

    @invariant()
    def conservation_per_item(self) -> None:
        # received + surplus − shortage − disposed = the sum held everywhere.
        totals: dict[str, int] = {}
        for event in self.ledger.events:
            if isinstance(event, Received):
                totals[event.item_id] = totals.get(event.item_id, 0) + event.quantity
            elif isinstance(event, Disposed):
                totals[event.item_id] = totals.get(event.item_id, 0) - event.quantity
            elif isinstance(event, Exchanged):
                totals[event.item_id] = totals.get(event.item_id, 0) - event.lost_quantity
            elif isinstance(event, StockTakePosted):
                for line in event.lines:
                    delta = line.surplus - line.shortage
                    totals[line.item_id] = totals.get(line.item_id, 0) + delta
        held: dict[str, int] = {}
        for row in self.ledger.on_hand():
            held[row.item_id] = held.get(row.item_id, 0) + row.quantity
        assert {k: v for k, v in totals.items() if v} == held
        assert self.ledger.check_invariants() == ()

    @invariant()
    def replay_equals_live(self) -> None:
        events: list[AssetEvent] = serialization.loads(
            list[AssetEvent], serialization.dumps(list(self.ledger.events), list[AssetEvent])
        )
        assert AssetLedger.replay(events) == self.ledger
        assert AssetLedger.replay(events, check=False) == self.ledger
        assert self.ledger.check_invariants() == ()

    @invariant()
    def months_chain_and_closed_months_never_change(self) -> None:
        last = self.ledger.snapshot().last_effective_on or START
        month = START
        while month <= last:
            following = month.add(months=1)
            for scope in SummaryScope:
                this = {
                    r.category: r
                    for r in self.ledger.monthly_summary(month.year, month.month, scope=scope)
                }
                nxt = {
                    r.category: r
                    for r in self.ledger.monthly_summary(
                        following.year, following.month, scope=scope
                    )
                }
                closing = {c: (r.closing_qty, r.closing_value) for c, r in this.items()}
                opening = {c: (r.opening_qty, r.opening_value) for c, r in nxt.items()}
                assert {c: v for c, v in closing.items() if v[0] or v[1]} == {
                    c: v for c, v in opening.items() if v[0] or v[1]
                }
            month = following
        for (year, month_no), event in self.closed.items():
            assert isinstance(event, MonthClosed)
            assert self.ledger.monthly_summary(year, month_no) == event.summary


LedgerMachine.TestCase.settings = settings(
    max_examples=25, stateful_step_count=50, deadline=None, derandomize=True
)
TestLedgerMachine = pytest.mark.rule("AS-2", "AS-3", "AS-8", "AS-11")(LedgerMachine.TestCase)


class CheckpointMachine(LedgerMachine):
    """The same machine with a checkpoint every few events, each command cross-checked.

    Before each command, a reference ledger is rebuilt from the events with no
    checkpoint at all (a back-dated entry there refolds the whole history); the
    command runs on both, and the outcomes must agree: the same refusal (code,
    params, message) or the same events and state. Together with the model and
    ``replay_equals_live`` (a full sorted refold), this is the property of issue 11:
    the checkpoint path gives the same ledger, events and refusals as a full refold.
    """

    CHECKPOINT_EVERY = 3

    def _attempt(self, day: pendulum.Date, op: Op, command: Any) -> bool:
        live = self.ledger
        self.ledger = AssetLedger.replay(live.events, checkpoint_every=10**9)
        try:
            expected = _outcome(command)
            reference = self.ledger
        finally:
            self.ledger = live
        outcome: list[object] = []

        def recorded() -> object:
            try:
                result = command()
            except AssetError as error:
                outcome.append(error.to_dict())
                raise
            outcome.append("accepted")
            return result

        accepted = super()._attempt(day, op, recorded)
        assert outcome == [expected]
        if accepted:
            assert self.ledger.events == reference.events
            assert self.ledger.snapshot() == reference.snapshot()
        return accepted

    @invariant()
    def checkpoints_are_bounded_and_ordered(self) -> None:
        positions = self.ledger.checkpoint_positions
        assert len(positions) <= AssetLedger.MAX_CHECKPOINTS
        assert list(positions) == sorted(set(positions))
        assert all(0 < position <= len(self.ledger) for position in positions)


def _outcome(command: Any) -> object:
    try:
        command()
    except AssetError as error:
        return error.to_dict()
    return "accepted"


CheckpointMachine.TestCase.settings = settings(
    max_examples=25, stateful_step_count=50, deadline=None, derandomize=True
)
TestCheckpointMachine = pytest.mark.rule("AS-8")(CheckpointMachine.TestCase)
