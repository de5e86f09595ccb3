"""One term of a primary school storeroom (红星小学总务库房), with the asset ledger.

The autumn term, from the receipts before school starts to the November close:
brooms go out by new-for-old exchange, a projector is lent and comes back damaged,
the mid-term class-property check (期中) finds a shortage that becomes a damage case,
and each month is closed (月结) in turn.

Run it with:  uv run python examples/assets_term.py
"""

from __future__ import annotations

import pendulum

from schoollogistics import SchoolLogisticsError, serialization
from schoollogistics.assets import (
    AssetEvent,
    AssetLedger,
    Condition,
    CountLine,
    Decision,
    HolderKind,
    PlaceKind,
    StockTake,
    SummaryScope,
    to_records,
)
from schoollogistics.core import AssetCategory

CLERK = "t-li"  # 李老师, storeroom custodian (库管)
HEAD = "t-zhang"  # 张主任, head of general affairs (总务主任), approves


def d(month: int, day: int) -> pendulum.Date:
    return pendulum.Date(2025, month, day)


def main() -> None:
    led = AssetLedger()
    start = d(8, 25)

    # -- the school: a storeroom, two classrooms, a teacher, two classes
    led.register_place(
        "store", "总务库房", PlaceKind.STOREROOM, custodian_id=CLERK, on=start, by=CLERK
    )
    led.register_place(
        "room-32", "三(2)班教室", PlaceKind.CLASSROOM, custodian_id="t-wang", on=start, by=CLERK
    )
    led.register_place(
        "room-41", "四(1)班教室", PlaceKind.CLASSROOM, custodian_id="t-zhao", on=start, by=CLERK
    )
    led.register_holder("class-32", "三(2)班", HolderKind.CLASS, on=start, by=CLERK)
    led.register_holder("class-41", "四(1)班", HolderKind.CLASS, on=start, by=CLERK)
    led.register_holder("t-wang", "王老师", HolderKind.STAFF, on=start, by=CLERK)

    # -- the catalogue: AS-10 classifies by unit value (≥ 1000 yuan: fixed asset);
    # desks bought by the batch of 80 fall under the bulk clause (大批同类物资)
    led.register_item(
        "broom", "扫帚", unit="把", unit_cost="15.00", exchange_rule=True, on=start, by=CLERK
    )
    led.register_item(
        "desk",
        "学生课桌椅",
        unit="套",
        unit_cost="260.00",
        category=AssetCategory.STUDENT_FURNITURE,
        batch_quantity=80,
        on=start,
        by=CLERK,
    )
    led.register_item(
        "projector",
        "投影仪",
        unit="台",
        unit_cost="3200.00",
        category=AssetCategory.TEACHING_INSTRUMENTS,
        on=start,
        by=CLERK,
    )
    for item in led.items():
        print(f"{item.name:<6} {item.kind.value:<16} {item.category.label_zh}")

    # -- receipts (入库) and the start-of-term allocation
    led.receive(
        "broom",
        "store",
        30,
        acceptor=CLERK,
        supplier="城东五金店",
        invoice_ref="FP-0825",
        on=start,
        by=CLERK,
    )
    led.receive("desk", "store", 80, acceptor=CLERK, supplier="教育装备公司", on=start, by=CLERK)
    led.receive(
        "projector",
        "store",
        tags=["PJ-001", "PJ-002"],
        acceptor=CLERK,
        supplier="教育装备公司",
        on=start,
        by=CLERK,
    )
    for room, holder in (("room-32", "class-32"), ("room-41", "class-41")):
        led.issue("desk", "store", room, 40, on=d(8, 28), by=CLERK, reason="新学期桌椅配备")
        led.issue(
            "broom",
            "store",
            holder,
            4,
            initial_allocation=True,
            on=d(9, 1),
            by=CLERK,
            reason="开学卫生工具发放",
        )

    # -- AS-3: a fifth broom only against an old one
    try:
        led.issue("broom", "store", "class-32", 1, on=d(9, 15), by=CLERK)
    except SchoolLogisticsError as error:
        print(f"\nIssue without exchange refused: {error.code} — {error.message_zh}")
    led.exchange(
        "broom",
        "class-32",
        "store",
        2,
        condition=Condition.WORN,
        on=d(9, 22),
        by=CLERK,
        reason="扫帚磨损",
    )
    led.exchange(
        "broom",
        "class-41",
        "store",
        1,
        handed_back=0,
        record_loss=True,
        on=d(9, 24),
        by=CLERK,
        reason="扫帚丢失",
    )
    print(
        f"class 3(2) still holds {led.holdings('class-32')[0].quantity} brooms after exchanging 2"
    )
    pool = led.returned_pool("store")
    print(f"returned pool (回收池): {[(r.item_id, r.quantity) for r in pool]}")

    # -- AS-5/AS-6: the projector is lent and comes back damaged
    led.lend(
        "L-0901",
        "projector",
        "store",
        "t-wang",
        tags=["PJ-001"],
        due_on=d(9, 12),
        on=d(9, 5),
        by=CLERK,
        reason="公开课",
    )
    print(f"overdue on 15 Sept: {[r.loan_id for r in led.overdue_loans(d(9, 15))]}")
    led.return_loan("L-0901", condition=Condition.DAMAGED, on=d(9, 16), by=CLERK, reason="镜头裂纹")
    led.send_to_repair(
        "projector", "store", tags=["PJ-001"], repairer="市电教维修站", on=d(9, 17), by=CLERK
    )
    led.record_repair("projector", "store", tags=["PJ-001"], cost="380.00", on=d(9, 26), by=CLERK)

    # -- AS-8: September and October are closed as the term goes on
    led.close_month(2025, 9, by=CLERK, reason="九月结账")
    led.exchange("broom", "class-41", "store", 2, on=d(10, 20), by=CLERK, reason="扫帚磨损")
    led.close_month(2025, 10, by=CLERK, reason="十月结账")

    # -- AS-2: the mid-term class-property check (期中班级财产检查) finds a shortage
    check = StockTake("mid-32", "room-32", d(11, 12), "t-wang", (CountLine("desk", 39),))
    reconciliation = led.reconcile(check)
    for line in reconciliation.differences():
        print(
            f"\nstock-take {check.count_id}: {line.item_id} book {line.book}, "
            f"counted {line.counted}, shortage {line.shortage} ({line.shortage_value} yuan)"
        )
    led.post_stock_take(
        check, approver=HEAD, responsible_id="class-32", by=CLERK, reason="期中检查"
    )
    led.decide_adjustments("mid-32", Decision.CHARGE_BACK, approver=HEAD, on=d(11, 14), by=CLERK)

    print("\nDamage-claim inputs for the compensation area (损坏赔偿):")
    for report in led.loss_reports():
        print(
            f"  {report.kind.value:<8} {report.description:<14} holder {report.holder_id:<9} "
            f"value {report.original_value} acquired {report.acquired_on} "
            f"on {report.occurred_on}: {report.reason}"
        )

    # -- AS-7: the worn brooms of the pool are disposed of, with approval
    led.dispose(
        "broom",
        "store",
        4,
        from_pool=True,
        approver=HEAD,
        on=d(11, 28),
        by=CLERK,
        reason="无法修复",
    )

    # -- AS-8: the monthly close (月结) of November
    closed = led.close_month(2025, 11, by=CLERK, reason="十一月结账")
    print("\nNovember summary (storerooms):")
    heads = ("open", "in", "out", "back", "disp", "adj", "close")
    print(f"  {'category':<8} " + " ".join(f"{h:>5}" for h in heads) + f" {'value':>10}")
    for row in closed.summary:
        figures = (
            row.opening_qty,
            row.received_qty,
            row.issued_qty,
            row.returned_qty,
            row.disposed_qty,
            row.adjusted_qty,
            row.closing_qty,
        )
        numbers = " ".join(f"{n:>5}" for n in figures)
        print(f"  {row.category.label_zh:<8} {numbers} {row.closing_value!s:>10}")
    for row in led.monthly_summary(2025, 11, scope=SummaryScope.SCHOOL):
        if row.adjusted_qty:
            print(
                f"  whole school, {row.category.label_zh}: adjusted {row.adjusted_qty}"
                f" ({row.adjusted_value} yuan, the mid-term shortage)"
            )
    try:
        led.receive("broom", "store", 5, acceptor=CLERK, invoice_ref="FP-1", on=d(11, 30), by=CLERK)
    except SchoolLogisticsError as error:
        print(f"late entry refused: {error.code} — {error.message_en}")

    print(
        f"\nevents: {len(led)}; replay equals the ledger: {AssetLedger.replay(led.events) == led}"
    )
    print(f"books check (帐帐相符): {led.check_invariants() or 'no findings'}")
    text = serialization.dumps(list(led.events[-3:]), list[AssetEvent])
    print(f"last events as JSON: {text[:150]}…")
    print(f"as records for pandas: {to_records(led.holdings('room-32'))}")


if __name__ == "__main__":
    main()
