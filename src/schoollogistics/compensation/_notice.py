"""The compensation notice (损坏赔偿通知书) as a pure string, in Simplified Chinese.

[`render_notice`][schoollogistics.compensation.render_notice] writes an
[`Assessment`][schoollogistics.compensation.Assessment] as the text a
general-affairs office hands to a head teacher and to parents: the itemised
lines with their arithmetic (basis, months elapsed, net book value, any cap),
the total in figures and in capital numerals, each payer's share (a minor's
guardian named, DC-8), the repair order (DC-3), the discipline note (DC-9) and
the reminder that no fine is charged (DC-5). Nothing is printed: the caller
decides where the text goes.
"""

from __future__ import annotations

import pendulum

from schoollogistics.compensation._assessment import (
    Assessment,
    AssessmentLine,
    LossBasis,
    Outcome,
    PayerRole,
    Share,
)
from schoollogistics.compensation._policy import ValueBasis
from schoollogistics.compensation._records import Cause, Extent, Hardship
from schoollogistics.core.money import COMPUTE_CONTEXT, Money

__all__ = ["render_notice", "yuan"]

_BASIS_ZH = {
    LossBasis.REPAIR_COST: "维修费用",
    LossBasis.NET_BOOK_VALUE: "账面净值",
    LossBasis.REPLACEMENT_COST: "重置成本",
    LossBasis.ORIGINAL_PRICE: "原价",
}
_NUMBERS_ZH = ("一", "二", "三", "四", "五", "六", "七")
_EVENT_ZH = {Extent.REPAIRABLE: "损坏", Extent.DESTROYED: "损毁", Extent.LOST: "遗失"}
_DISPOSAL_ZH = {Extent.DESTROYED: "办理资产报废手续", Extent.LOST: "办理资产核销手续"}
_CAUSE_ZH = {
    Cause.DELIBERATE: "故意",
    Cause.NEGLIGENT: "过失",
    Cause.ACCIDENTAL: "意外",
    Cause.NATURAL_WEAR: "自然损耗",
    Cause.UNKNOWN: "不明",
}
_CHARGED = frozenset({Outcome.CHARGED, Outcome.WAIVED, Outcome.WRITTEN_OFF})


def yuan(amount: Money) -> str:
    """An amount as shown on notices: two decimals (``368`` → ``368.00``)."""
    return f"{amount.amount:.2f}"


def _day(day: pendulum.Date) -> str:
    return f"{day.year}年{day.month}月{day.day}日"


def _value_text(line: AssessmentLine, value_basis: ValueBasis) -> list[str]:
    """The valuation arithmetic of one line (DC-4, DC-6)."""
    head = (
        f"原值 {yuan(line.original_value)} 元，购置于{_day(line.acquired_on)}，"
        f"类别：{line.category.label_zh}。"
    )
    out = [head]
    if value_basis is ValueBasis.ORIGINAL_PRICE:
        out.append(f"按原价计价，不扣除折旧：价值 {yuan(line.value)} 元。")
        return out
    if value_basis is ValueBasis.REPLACEMENT_COST:
        out.append(f"按重置成本计价：价值 {yuan(line.value)} 元。")
        return out
    if line.life_months is None:
        out.append(f"该类别不计提折旧，账面净值即原值：{yuan(line.value)} 元。")
        return out
    years = line.life_months // 12
    out.append(
        f"折旧年限 {years} 年（{line.life_months} 个月），年限平均法、无残值；"
        f"月折旧额 {yuan(line.original_value)} ÷ {line.life_months} = "
        f"{yuan(line.monthly_depreciation)} 元（四舍五入到分）。"
    )
    product = COMPUTE_CONTEXT.multiply(line.monthly_depreciation.amount, line.months_elapsed)
    if line.months_elapsed >= line.life_months or product > line.original_value.amount:
        out.append(
            f"已计提 {line.months_elapsed} 个月，已提足折旧：累计折旧 "
            f"{yuan(line.accumulated_depreciation)} 元（以原值为限）。"
        )
    else:
        out.append(
            f"已计提 {line.months_elapsed} 个月（{_EVENT_ZH[line.extent]}当月不计提）：累计折旧 "
            f"{yuan(line.monthly_depreciation)} × {line.months_elapsed} = "
            f"{yuan(line.accumulated_depreciation)} 元。"
        )
    out.append(
        f"账面净值 {yuan(line.original_value)} − {yuan(line.accumulated_depreciation)} = "
        f"{yuan(line.net_book_value)} 元。"
    )
    return out


def _line_text(number: int, line: AssessmentLine, value_basis: ValueBasis) -> list[str]:
    tag = f"，资产编号 {line.tag}" if line.tag else ""
    head = (
        f"{number}. {line.description}（{line.extent.label_zh}{tag}）"
        f"——计价依据：{_BASIS_ZH[line.basis]}"
    )
    out = [head]
    out.extend("   " + text for text in _value_text(line, value_basis))
    if line.extent is Extent.REPAIRABLE and line.repair_quote is not None:
        if line.cap_applied:
            out.append(
                f"   维修报价 {yuan(line.repair_quote)} 元，超过物品价值 {yuan(line.value)} 元，"
                f"以物品价值为限：{yuan(line.loss)} 元。"
            )
        else:
            out.append(
                f"   维修报价 {yuan(line.repair_quote)} 元，未超过物品价值 {yuan(line.value)} 元，"
                f"按维修费用计：{yuan(line.loss)} 元。"
            )
    out.append(f"   本项损失：{yuan(line.loss)} 元。")
    return out


def _share_text(number: int, share: Share) -> str:
    who = share.party_kind.label_zh + ("，未成年" if share.minor else "")
    text = f"{number}. {share.party_name}（{who}）：{yuan(share.amount)} 元"
    if share.payer_role is PayerRole.GUARDIAN:
        text += f"，由监护人 {share.payer_name}（{share.guardian_relation}）缴纳"
    elif share.payer_role is PayerRole.HOLDER:
        text += "，未查明具体责任人，由保管班级／部门承担"
    if share.hardship is Hardship.REDUCED:
        text += "，已按困难情况减免"
    elif share.hardship is Hardship.WAIVED:
        text += "，已按困难情况免除"
    return text + "。"


def _outcome_text(assessment: Assessment) -> str | None:
    outcome = assessment.outcome
    if outcome is Outcome.NATURAL_WEAR:
        return "经核定属自然损耗，不予赔偿，由学校负责维修。"
    if outcome is Outcome.NOT_COMPENSABLE:
        return f"按本校赔偿政策，{assessment.cause.label_zh}不予赔偿，由学校负责处理。"
    if outcome is Outcome.SCHOOL_BEARS:
        return "未查明责任人，亦无保管班级／部门承担，损失由学校承担。"
    if outcome is Outcome.WRITTEN_OFF:
        return "应赔金额低于本校核销标准，属轻微损失，予以核销，不再收取。"
    if outcome is Outcome.WAIVED:
        return "经困难认定，应赔金额全部予以免除。"
    if not assessment.loss:
        return "核定损失为零，无需赔偿。"
    return None


def render_notice(
    assessment: Assessment,
    *,
    school_name: str | None = None,
    issued_on: pendulum.Date | None = None,
    holder_label: str | None = None,
) -> str:
    """Render an assessment as a zh-CN compensation notice (损坏赔偿通知书); a pure string.

    Args:
        assessment: The assessment.
        school_name: Printed in the title and signature, if given.
        issued_on: The notice date, if given (the library never reads the clock).
        holder_label: Overrides the holder's name in the header (e.g. 三年级二班).

    Returns:
        The notice text, one line per notice line.
    """
    title = f"{school_name}损坏赔偿通知书" if school_name else "损坏赔偿通知书"
    out = [title, f"编号：{assessment.claim_id}"]
    holder = holder_label or (assessment.holder.name if assessment.holder else None)
    if holder:
        out.append(f"保管单位：{holder}")
    events = "、".join(line.description + _EVENT_ZH[line.extent] for line in assessment.lines)
    out.append(
        f"事由：{_day(assessment.incident_on)}，{events}（原因：{_CAUSE_ZH[assessment.cause]}）。"
    )
    sections: list[tuple[str, list[str]]] = []

    loss_lines: list[str] = []
    for number, line in enumerate(assessment.lines, start=1):
        loss_lines.extend(_line_text(number, line, assessment.value_basis))
    loss_lines.append(f"核定损失合计：{yuan(assessment.loss)} 元。")
    sections.append(("损失核定", loss_lines))

    amount_lines: list[str] = []
    outcome_text = _outcome_text(assessment)
    if assessment.agreed:
        amount_lines.append(f"经协商，按 {yuan(assessment.charge)} 元计收（不超过核定损失）。")
    elif assessment.outcome in _CHARGED and assessment.charge != assessment.loss:
        amount_lines.append(
            f"按本校政策以损失的 {(assessment.multiplier * 100).normalize():f}% 计收："
            f"{yuan(assessment.charge)} 元。"
        )
    if outcome_text:
        amount_lines.append(outcome_text)
    amount_lines.append(
        f"应赔偿合计：人民币 {yuan(assessment.total)} 元（大写：{assessment.total_capital}）。"
    )
    sections.append(("赔偿金额", amount_lines))

    if assessment.shares and assessment.loss:
        share_lines = [_share_text(n, share) for n, share in enumerate(assessment.shares, 1)]
        share_sum = Money.sum(share.amount for share in assessment.shares)
        share_lines.append(
            f"以上各份额按比例精确到分，合计 {yuan(share_sum)} 元，与应赔偿合计一致。"
        )
        sections.append(("分担明细", share_lines))

    if assessment.repair_orders:
        repair_lines = []
        for order in assessment.repair_orders:
            when = "赔款后由学校安排维修" if order.after_payment else "由学校负责维修，不收取费用"
            tag = f"（资产编号 {order.tag}）" if order.tag else ""
            repair_lines.append(
                f"{order.description}{tag}：{when}，维修报价 {yuan(order.quote)} 元。"
            )
        sections.append(("维修安排", repair_lines))

    disposals = [i for i in assessment.ledger_instructions if i.reason is not Extent.REPAIRABLE]
    if disposals:
        sections.append(
            (
                "资产处理",
                [
                    f"资产编号 {i.tag}：{i.reason.label_zh}，{_DISPOSAL_ZH[i.reason]}。"
                    for i in disposals
                ],
            )
        )

    if assessment.discipline_flag:
        sections.append(
            (
                "教育处理",
                [
                    (
                        "本次损坏系故意所为，已提请学校依规进行批评教育；"
                        "赔偿金额仍以实际损失为限，不因故意而加收。"
                    )
                ],
            )
        )

    for index, (heading, body) in enumerate(sections):
        out.append(f"{_NUMBERS_ZH[index]}、{heading}")
        out.extend("   " + text for text in body)
    out.append("说明：赔偿仅以实际损失为限，不收取任何罚款，不实行加倍赔偿。")
    signature = school_name or "学校"
    out.append(f"{signature}总务处" + (f"　{_day(issued_on)}" if issued_on else ""))
    return "\n".join(out)
