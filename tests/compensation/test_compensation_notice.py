"""The zh-CN notice: itemised explanation, capital numerals, shares with guardians, repairs."""

from __future__ import annotations

from decimal import Decimal

import attrs
import pendulum
import pytest
from hypothesis import given

from schoollogistics.compensation import (
    Assessment,
    AssetValue,
    Cause,
    CompensationPolicy,
    DamageClaim,
    DamagedItem,
    Extent,
    Hardship,
    ValueBasis,
    assess,
    render_notice,
)
from schoollogistics.core import AssetCategory, Money
from schoollogistics.testing.compensation import assessments

from .conftest import INCIDENT, XIAOHONG, XIAOMING, desk_claim


@pytest.mark.rule("DC-8")
@pytest.mark.rule("DC-9")
def test_deliberate_desk_notice() -> None:
    result = assess(desk_claim(cause=Cause.DELIBERATE, parties=(XIAOMING, XIAOHONG)))
    text = render_notice(result, school_name="红星小学", issued_on=pendulum.Date(2026, 1, 10))
    assert text.startswith("红星小学损坏赔偿通知书\n编号：C-1\n保管单位：三年级二班")
    assert "月折旧额 368.00 ÷ 60 = 6.13 元" in text
    assert "已计提 15 个月" in text
    assert "累计折旧 6.13 × 15 = 91.95 元" in text
    assert "账面净值 368.00 − 91.95 = 276.05 元" in text
    assert "人民币 276.05 元（大写：贰佰柒拾陆元零伍分）" in text
    assert "张小明（学生，未成年）：138.03 元，由监护人 张建国（父亲）缴纳" in text
    assert "李小红（学生，未成年）：138.02 元，由监护人 王芳（母亲）缴纳" in text
    assert "故意" in text
    assert "教育处理" in text
    assert "不收取任何罚款" in text
    assert text.endswith("红星小学总务处　2026年1月10日")


@pytest.mark.rule("DC-4")
def test_cap_and_repair_order_in_notice() -> None:
    text = render_notice(assess(desk_claim(extent=Extent.REPAIRABLE, quote="500")))
    assert "维修报价 500.00 元，超过物品价值 276.05 元，以物品价值为限" in text
    assert "赔款后由学校安排维修" in text
    text = render_notice(assess(desk_claim(extent=Extent.REPAIRABLE, quote="80")))
    assert "未超过物品价值" in text


@pytest.mark.rule("DC-2")
def test_natural_wear_notice() -> None:
    lamp = AssetValue(
        Money("600.00"), pendulum.Date(2022, 3, 1), AssetCategory.TEACHING_INSTRUMENTS
    )
    item = DamagedItem("投影仪灯泡", lamp, Extent.REPAIRABLE, repair_quote=Money(180), tag="ZC-9")
    result = assess(DamageClaim("C-2", INCIDENT, Cause.NATURAL_WEAR, (item,)))
    text = render_notice(result)
    assert "自然损耗，不予赔偿，由学校负责维修" in text
    assert "零元整" in text
    assert "由学校负责维修，不收取费用" in text
    assert "分担明细" not in text
    assert text.endswith("学校总务处")


def test_other_outcomes_and_bases_render() -> None:
    texts = [
        render_notice(
            assess(desk_claim(), CompensationPolicy(value_basis=ValueBasis.ORIGINAL_PRICE))
        ),
        render_notice(
            assess(
                desk_claim(cause=Cause.ACCIDENTAL),
                CompensationPolicy(compensable_causes=(Cause.DELIBERATE,)),
            )
        ),
        render_notice(assess(desk_claim(parties=(), holder=None))),
        render_notice(assess(desk_claim(), CompensationPolicy(write_off_below=Money(1000)))),
        render_notice(
            assess(desk_claim(parties=(attrs.evolve(XIAOMING, hardship=Hardship.WAIVED),)))
        ),
        render_notice(
            assess(
                desk_claim(parties=(attrs.evolve(XIAOMING, hardship=Hardship.REDUCED), XIAOHONG))
            )
        ),
        render_notice(assess(desk_claim(), CompensationPolicy(multiplier=Decimal("0.8")))),
        render_notice(assess(attrs.evolve(desk_claim(), agreed_amount=Money(50)))),
        render_notice(assess(desk_claim(cause=Cause.UNKNOWN, parties=()))),
    ]
    assert "按原价计价，不扣除折旧" in texts[0]
    assert "不予赔偿" in texts[1]
    assert "损失由学校承担" in texts[2]
    assert "予以核销" in texts[3]
    assert "全部予以免除" in texts[4]
    assert "已按困难情况减免" in texts[5]
    assert "以损失的 80% 计收" in texts[6]
    assert "经协商，按 50.00 元计收" in texts[7]
    assert "由保管班级／部门承担" in texts[8]
    assert "已按困难情况免除" in texts[4]


def test_replacement_cost_undepreciated_fully_depreciated_and_disposal() -> None:
    old = AssetValue(
        Money("100.00"),
        pendulum.Date(2010, 1, 1),
        AssetCategory.COMPUTERS,
        replacement_cost=Money("80.00"),
    )
    book = AssetValue(Money("45.00"), pendulum.Date(2020, 1, 1), AssetCategory.BOOKS_AND_ARCHIVES)
    claim = DamageClaim(
        "C-3",
        INCIDENT,
        Cause.NEGLIGENT,
        (
            DamagedItem("旧电脑", old, Extent.LOST, tag="ZC-5"),
            DamagedItem("图书", book, Extent.DESTROYED),
        ),
        (XIAOMING,),
    )
    nbv = render_notice(assess(claim), holder_label="四年级一班")
    assert "已提足折旧" in nbv
    assert "不计提折旧" in nbv
    assert "资产编号 ZC-5：遗失，办理资产核销手续" in nbv
    assert "保管单位：四年级一班" in nbv
    priced = attrs.evolve(claim.items[1], asset=attrs.evolve(book, replacement_cost=Money(50)))
    claim = attrs.evolve(claim, items=(claim.items[0], priced))
    replacement = render_notice(
        assess(claim, CompensationPolicy(value_basis=ValueBasis.REPLACEMENT_COST))
    )
    assert "按重置成本计价" in replacement


@given(assessments())
def test_every_assessment_renders_its_total(assessment: Assessment) -> None:
    text = render_notice(assessment)
    assert assessment.total_capital in text
    assert "损坏赔偿通知书" in text
    assert render_notice(assessment) == text  # pure


@pytest.mark.rule("DC-4")
def test_fully_depreciated_loss_costs_nothing_and_lists_no_shares() -> None:
    old = AssetValue(Money("100.00"), pendulum.Date(2010, 1, 1), AssetCategory.COMPUTERS)
    claim = DamageClaim(
        "C-4", INCIDENT, Cause.NEGLIGENT, (DamagedItem("旧电脑", old, Extent.LOST),), (XIAOMING,)
    )
    result = assess(claim)
    assert (result.loss, result.total) == (Money(0), Money(0))
    text = render_notice(result)
    assert "核定损失为零，无需赔偿" in text
    assert "分担明细" not in text
    assert "DC-" not in text  # parents read no rule identifiers
