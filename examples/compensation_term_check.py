"""End-of-term class-property check (期末班级财产检查) of three classes at 红星小学.

Run it with:  uv run python examples/compensation_term_check.py

* 三年级二班: a desk broken deliberately by two pupils — the amount is split exactly,
  the guardians are named, the discipline flag is raised (DC-7, DC-8, DC-9);
* 四年级一班: a projector lamp that wore out — no charge, only a repair order (DC-2);
* 五年级三班: a lost calculator — charged at net book value (DC-4, DC-6); it is read
  from a ledger-style loss report through the ``AssetLike`` protocol.

The library computes; this script prints (src/ never does I/O).
"""

from __future__ import annotations

import attrs
import pendulum

from schoollogistics.compensation import (
    AssetValue,
    Cause,
    CheckKind,
    ClassFindings,
    ClassPropertyCheck,
    CompensationPolicy,
    DamageClaim,
    DamagedItem,
    Extent,
    Guardian,
    LiableParty,
    audit_assessments,
    render_check_summary,
    render_notice,
    run_class_check,
)
from schoollogistics.core import AssetCategory, Money

CHECK_DAY = pendulum.Date(2026, 1, 16)


@attrs.frozen
class LossReport:
    """What the asset ledger's loss reports expose (a stand-in: no ledger import needed)."""

    tag: str
    item_id: str
    holder_id: str
    occurred_on: pendulum.Date
    original_value: Money
    acquired_on: pendulum.Date
    category: AssetCategory


def build_check() -> ClassPropertyCheck:
    class_3_2 = LiableParty.school_class("c-3-2", "三年级二班")
    class_4_1 = LiableParty.school_class("c-4-1", "四年级一班")
    class_5_3 = LiableParty.school_class("c-5-3", "五年级三班")

    xiaoming = LiableParty.student("s-301", "张小明", guardian=Guardian("g-301", "张建国", "父亲"))
    xiaohong = LiableParty.student("s-302", "李小红", guardian=Guardian("g-302", "王芳", "母亲"))
    desk = DamagedItem(
        "学生课桌（双人）",
        AssetValue(Money("368.00"), pendulum.Date(2024, 9, 1), AssetCategory.STUDENT_FURNITURE),
        Extent.DESTROYED,
        tag="ZC-2024-0312",
    )
    desk_claim = DamageClaim(
        "PC-2026-01-001", pendulum.Date(2026, 1, 9), Cause.DELIBERATE, (desk,), (xiaoming, xiaohong)
    )

    # The lamp is a consumable part (低值易耗品): not depreciated, valued at its price.
    lamp = DamagedItem(
        "投影仪灯泡",
        AssetValue(Money("380.00"), pendulum.Date(2024, 3, 1), AssetCategory.CONSUMABLES),
        Extent.REPAIRABLE,
        repair_quote=Money("360.00"),
        tag="ZC-2024-0088",
    )
    lamp_claim = DamageClaim("PC-2026-01-002", CHECK_DAY, Cause.NATURAL_WEAR, (lamp,))

    report = LossReport(
        tag="ZC-2023-0415",
        item_id="calculator-casio",
        holder_id="c-5-3",
        occurred_on=pendulum.Date(2025, 12, 22),
        original_value=Money("128.00"),
        acquired_on=pendulum.Date(2023, 9, 1),
        category=AssetCategory.OFFICE_EQUIPMENT,
    )
    wangqiang = LiableParty.student("s-503", "王强", guardian=Guardian("g-503", "王大伟", "父亲"))
    calculator_claim = DamageClaim.for_asset(
        report,
        claim_id="PC-2026-01-003",
        cause=Cause.NEGLIGENT,
        extent=Extent.LOST,
        description="函数计算器",
        parties=(wangqiang,),
    )

    return ClassPropertyCheck(
        "2025-2026-1-期末",
        CheckKind.END_OF_TERM,
        CHECK_DAY,
        (
            ClassFindings(class_3_2, (desk_claim,)),
            ClassFindings(class_4_1, (lamp_claim,)),
            ClassFindings(class_5_3, (calculator_claim,)),
        ),
    )


def main() -> None:
    result = run_class_check(build_check(), CompensationPolicy.default())
    print(render_check_summary(result))
    for assessment in result.assessments:
        print()
        print("=" * 72)
        print(render_notice(assessment, school_name="红星小学", issued_on=CHECK_DAY))
    print()
    print("Ledger operations to post (for the asset ledger):")
    for instruction in result.ledger_instructions:
        print(f"  {instruction.kind.value:15} {instruction.tag}  ({instruction.reason.value})")
    print("Repair orders:")
    for order in result.repair_orders:
        paid = "after payment" if order.after_payment else "at the school's cost"
        print(f"  {order.description}: quote {order.quote} yuan, {paid}")
    findings = audit_assessments(result.assessments)
    print(f"Audit findings: {len(findings)} (charged ≤ loss, shares add up, no fines)")


if __name__ == "__main__":
    main()
