"""The ledger's audits: exact findings (params, both messages), boundaries, refusals."""

from __future__ import annotations

import datetime as dt

import pendulum
import pytest

from schoollogistics.assets import (
    AssetLedger,
    Condition,
    CountSchedulePolicy,
    HolderKind,
    PlaceKind,
    StockTake,
    audit_count_schedule,
    audit_loans_at_term_end,
)
from schoollogistics.core.time import DateRange
from schoollogistics.errors import InvalidArgumentError, TimeTypeError

D = pendulum.Date(2025, 9, 1)
CLERK = "t-li"
BOSS = "principal"
AUTUMN = DateRange(D, pendulum.Date(2026, 1, 23))
SPRING = DateRange(pendulum.Date(2026, 2, 16), pendulum.Date(2026, 7, 10))


def ledger() -> AssetLedger:
    led = AssetLedger()
    led.register_place("store", "库房", PlaceKind.STOREROOM, on=D, by=CLERK)
    led.register_place("room-32", "教室", PlaceKind.CLASSROOM, on=D, by=CLERK)
    led.register_place("office", "办公室", PlaceKind.OFFICE, on=D, by=CLERK)
    led.register_holder("t-wang", "王老师", HolderKind.STAFF, on=D, by=CLERK)
    led.register_item("chalk", "粉笔", unit="盒", unit_cost="3.50", on=D, by=CLERK)
    led.receive("chalk", "store", 5, acceptor=CLERK, invoice_ref="FP-1", on=D, by=CLERK)
    return led


def count(led: AssetLedger, count_id: str, place: str, day: pendulum.Date) -> None:
    led.post_stock_take(StockTake(count_id, place, day, CLERK, ()), approver=BOSS, by=CLERK)


@pytest.mark.rule("AS-2")
def test_count_schedule_findings_name_the_span_and_the_counts() -> None:
    led = ledger()
    count(led, "c1", "room-32", AUTUMN.start)  # the first day of a term counts
    count(led, "c2", "room-32", AUTUMN.end)  # and so does the last
    count(led, "c3", "office", pendulum.Date(2026, 2, 1))  # between terms: in neither
    found = audit_count_schedule(led, [AUTUMN, SPRING])
    by_subject = {(v.subject, v.params["start"]): v for v in found}
    assert set(by_subject) == {
        ("office", "2025-09-01"),
        ("office", "2026-02-16"),
        ("room-32", "2026-02-16"),
        ("store", "2025-09-01"),
    }
    office = by_subject[("office", "2025-09-01")]
    assert dict(office.params) == {
        "start": "2025-09-01",
        "end": "2026-01-23",
        "counted": "0",
        "required": "1",
    }
    assert office.severity.value == "warning"
    assert office.message_en == (
        "office was counted 0 time(s) between 2025-09-01 and 2026-01-23; 1 required"
    )
    assert office.message_zh == "office 在 2025-09-01 至 2026-01-23 期间盘点 0 次，应盘点 1 次"
    store = by_subject[("store", "2025-09-01")]
    assert (store.params["end"], store.params["required"]) == ("2026-07-10", "1")
    room = by_subject[("room-32", "2026-02-16")]
    assert (room.params["counted"], room.params["required"]) == ("0", "2")


@pytest.mark.rule("AS-2")
def test_count_schedule_counts_and_policy() -> None:
    led = ledger()
    count(led, "c1", "room-32", pendulum.Date(2025, 10, 1))
    count(led, "c0", "store", SPRING.end)  # the school year's last day counts for storerooms
    (room,) = [v for v in audit_count_schedule(led, [AUTUMN]) if v.subject == "room-32"]
    assert (room.params["counted"], room.params["required"]) == ("1", "2")
    assert [v.subject for v in audit_count_schedule(led, [AUTUMN, SPRING])].count("store") == 0
    once = CountSchedulePolicy(per_term=((PlaceKind.CLASSROOM, 1),), storeroom_per_year=2)
    found = audit_count_schedule(led, [AUTUMN], once)
    assert {v.subject for v in found} == {"store"}
    (store,) = found
    assert (store.params["counted"], store.params["required"]) == ("0", "2")
    assert CountSchedulePolicy().required(PlaceKind.STOREROOM) == 0
    assert CountSchedulePolicy().required(PlaceKind.CLASSROOM) == 2


def test_count_schedule_refuses_bad_terms() -> None:
    led = ledger()
    for terms in ([], [AUTUMN, (D, D)]):
        with pytest.raises(InvalidArgumentError) as info:
            audit_count_schedule(led, terms)  # type: ignore[arg-type] # the refusal under test
        assert info.value.params["field"] == "terms"
        assert info.value.params["reason"] == "one or more DateRange terms needed"


@pytest.mark.rule("AS-5")
def test_loans_open_at_term_end_name_the_loan() -> None:
    led = ledger()
    led.lend("L-1", "chalk", "store", "t-wang", 2, due_on=D.add(days=9), on=D, by=CLERK)
    led.lend("L-2", "chalk", "store", "t-wang", 1, due_on=D.add(days=9), on=D, by=CLERK)
    led.return_loan("L-2", condition=Condition.GOOD, on=AUTUMN.end, by=CLERK)  # back that day
    led.lend(
        "L-3",
        "chalk",
        "store",
        "t-wang",
        1,
        due_on=AUTUMN.end.add(days=9),
        on=AUTUMN.end.add(days=1),
        by=CLERK,
    )  # lent after the term
    (found,) = audit_loans_at_term_end(led, dt.date(2026, 1, 23))
    assert found.subject == "L-1"
    assert dict(found.params) == {
        "borrower": "t-wang",
        "item": "chalk",
        "due_on": "2025-09-10",
        "term_end": "2026-01-23",
    }
    assert found.message_en == (
        "loan L-1 of chalk to t-wang is still out at the end of term (2026-01-23)"
    )
    assert found.message_zh == "学期末（2026-01-23）t-wang 借用的 chalk（L-1）仍未归还"
    assert found.severity.value == "warning"
    with pytest.raises(TimeTypeError) as info:
        audit_loans_at_term_end(led, "2026-01-23")  # type: ignore[arg-type] # refusal under test
    assert info.value.params["field"] == "term_end"
