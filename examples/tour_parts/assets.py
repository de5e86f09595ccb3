"""Tour section: the asset ledger (资产台账)."""

from __future__ import annotations

import pendulum

from schoollogistics import SchoolLogisticsError
from schoollogistics.assets import (
    AssetLedger,
    Condition,
    CountLine,
    HolderKind,
    PlaceKind,
    StockTake,
)
from schoollogistics.core import AssetCategory

TITLE = "The asset ledger: exchange, loans, stock-take, monthly close (资产台账)"


def show() -> None:
    day = pendulum.Date(2025, 9, 1)
    led = AssetLedger()
    led.register_place(
        "store", "总务库房", PlaceKind.STOREROOM, custodian_id="t-li", on=day, by="t-li"
    )
    led.register_holder("class-32", "三(2)班", HolderKind.CLASS, on=day, by="t-li")
    led.register_holder("t-wang", "王老师", HolderKind.STAFF, on=day, by="t-li")
    led.register_item(
        "broom", "扫帚", unit="把", unit_cost="15", exchange_rule=True, on=day, by="t-li"
    )
    led.register_item(
        "projector",
        "投影仪",
        unit="台",
        unit_cost="3200",
        category=AssetCategory.TEACHING_INSTRUMENTS,
        on=day,
        by="t-li",
    )
    led.receive("broom", "store", 10, acceptor="t-li", invoice_ref="FP-1", on=day, by="t-li")
    led.receive(
        "projector",
        "store",
        tags=["PJ-001"],
        acceptor="t-li",
        invoice_ref="FP-1",
        on=day,
        by="t-li",
    )
    led.issue("broom", "store", "class-32", 3, initial_allocation=True, on=day, by="t-li")
    try:
        led.issue("broom", "store", "class-32", 1, on=day.add(days=9), by="t-li")
    except SchoolLogisticsError as error:
        print(f"A new broom without the old one is refused: {error.code}")
    led.exchange("broom", "class-32", "store", 1, on=day.add(days=9), by="t-li")
    print(
        f"After an exchange class 3(2) still holds {led.holdings('class-32')[0].quantity} brooms;"
        f" the old one waits in the returned pool ({led.returned_pool()[0].quantity})"
    )
    led.lend(
        "L-1",
        "projector",
        "store",
        "t-wang",
        tags=["PJ-001"],
        due_on=day.add(days=5),
        on=day.add(days=1),
        by="t-li",
    )
    led.return_loan("L-1", condition=Condition.DAMAGED, on=day.add(days=6), by="t-li")
    report = led.loss_reports()[0]
    print(
        f"The projector came back damaged: a claim input for {report.holder_id}, "
        f"original value {report.original_value}, acquired {report.acquired_on}"
    )
    count = StockTake(
        "mid",
        "store",
        day.add(days=20),
        "t-li",
        (CountLine("broom", 5), CountLine("projector", 1, ("PJ-001",))),
    )
    line = led.reconcile(count).differences()[0]
    print(
        f"Stock-take: {line.item_id} book {line.book}, counted {line.counted}"
        f" → shortage {line.shortage}"
    )
    led.post_stock_take(count, approver="t-zhang", by="t-li")
    closed = led.close_month(2025, 9, by="t-li")
    for row in closed.summary:
        print(
            f"  September {row.category.label_zh}: opening {row.opening_qty}, received "
            f"{row.received_qty}, closing {row.closing_qty} ({row.closing_value} yuan)"
        )
    print(
        f"Replaying {len(led)} events rebuilds the same ledger:"
        f" {AssetLedger.replay(led.events) == led}"
    )
