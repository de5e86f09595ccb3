"""The one catalogue of audit findings: every kind of finding every area can return.

A [`Finding`][schoollogistics.core.findings.Finding] describes one kind of
finding: its stable code, the rule it concerns, its severity and its message
templates in English and Simplified Chinese. Audits and ``check_invariants``
never format a message at the call site: they look the kind up in
[`FINDINGS`][schoollogistics.core.findings.FINDINGS] (or call
[`finding`][schoollogistics.core.findings.finding]) and build the
[`Violation`][schoollogistics.core.violations.Violation] with
[`Finding.violation`][schoollogistics.core.findings.Finding.violation].

The catalogue is data, grouped by area below; ``core`` imports no area. A test
fails when a code used in ``src/`` is missing here or from the docs, and when a
template names a parameter that is not filled.
"""

from __future__ import annotations

import string
from collections.abc import Mapping
from types import MappingProxyType
from typing import Final

import attrs

from schoollogistics.core.violations import Params, Severity, Violation

__all__ = ["FINDINGS", "Finding", "finding"]

_FORMATTER: Final = string.Formatter()


def _placeholders(template: str) -> frozenset[str]:
    return frozenset(
        name.split(".")[0].split("[")[0]
        for _, name, _, _ in _FORMATTER.parse(template)
        if name is not None and name != ""
    )


@attrs.frozen
class Finding:
    """The description of one kind of audit finding (code, rule, severity, messages).

    Attributes:
        code: The stable violation code (``food_samples.underweight``).
        rule: The rule ID (``FS-2``).
        severity: How serious a finding of this kind is.
        message_en: English message template (``str.format`` with ``subject`` and
            the params).
        message_zh: Chinese message template.
    """

    code: str
    rule: str
    severity: Severity
    message_en: str
    message_zh: str

    @property
    def placeholders(self) -> frozenset[str]:
        """The names the templates use (``subject`` included when used)."""
        return _placeholders(self.message_en) | _placeholders(self.message_zh)

    def violation(self, subject: str, **params: object) -> Violation:
        """Build the violation for ``subject`` with its parameters and both messages.

        Parameter values are kept as text (amounts keep their exact decimal text,
        moments their ISO 8601 text), and the messages are formatted from that
        text.

        Raises:
            TypeError: a template names a parameter that was not given (a bug in
                the calling check, never a refusal of input).
        """
        fields = Params(params)
        values = {"subject": subject, **fields}
        missing = self.placeholders - values.keys()
        if missing:
            msg = f"finding {self.code}: parameter(s) {sorted(missing)} not given"
            raise TypeError(msg)
        return Violation(
            self.code,
            self.severity,
            subject,
            self.rule,
            fields,
            self.message_en.format_map(values),
            self.message_zh.format_map(values),
        )


_ERROR: Final = Severity.ERROR
_WARNING: Final = Severity.WARNING
_INFO: Final = Severity.INFO

# ---------------------------------------------------------------- assets (AS)

_ASSETS: Final[tuple[Finding, ...]] = (
    Finding(
        "assets.negative_quantity",
        "AS-11",
        _ERROR,
        "negative quantity on the books at {subject}: {quantity}",
        "{subject} 账面数量为负：{quantity}",
    ),
    Finding(
        "assets.not_conserved",
        "AS-2",
        _ERROR,
        "{subject}: quantity held {held} differs from received + surplus − shortage − disposed "
        "({expected})",
        "{subject}：在账数量 {held} 不等于入库 + 盘盈 − 盘亏 − 报废（{expected}）",
    ),
    Finding(
        "assets.units_not_booked",
        "AS-1",
        _ERROR,
        "{subject}: {units} tagged unit(s) but {booked} booked",
        "{subject}：资产卡片 {units} 张，账面数量 {booked}，不符",
    ),
    Finding(
        "assets.count_missing",
        "AS-2",
        _WARNING,
        "{subject} was counted {counted} time(s) between {start} and {end}; {required} required",
        "{subject} 在 {start} 至 {end} 期间盘点 {counted} 次，应盘点 {required} 次",
    ),
    Finding(
        "assets.loan_open_at_term_end",
        "AS-5",
        _WARNING,
        "loan {subject} of {item} to {borrower} is still out at the end of term ({term_end})",
        "学期末（{term_end}）{borrower} 借用的 {item}（{subject}）仍未归还",
    ),
)

# ---------------------------------------------------------------- food samples (FS)

_FOOD_SAMPLES: Final[tuple[Finding, ...]] = (
    Finding(
        "food_samples.dish_without_sample",
        "FS-1",
        _ERROR,
        "meal {meal} ({day} {kind}) served {dish!r} but no sample of it was kept",
        "{meal_zh}供应的“{dish}”未留样",
    ),
    Finding(
        "food_samples.sample_of_unserved_dish",
        "FS-1",
        _ERROR,
        "sample {subject} is of {dish!r}, which meal {meal} did not serve",
        "留样 {subject} 的菜品“{dish}”不在{meal_zh}的菜单上",
    ),
    Finding(
        "food_samples.sample_without_meal",
        "FS-1",
        _ERROR,
        "sample {subject} names meal {meal}, which is not on record",
        "留样 {subject} 所属餐次 {meal} 没有记录",
    ),
    Finding(
        "food_samples.conflicting_meals",
        "FS-1",
        _ERROR,
        "meal {subject} is recorded {count} times with different contents",
        "餐次 {subject} 有 {count} 条内容不一致的记录",
    ),
    Finding(
        "food_samples.underweight",
        "FS-2",
        _ERROR,
        "sample {subject} ({dish}) weighs {grams} g, below the minimum of {minimum} g",
        "留样 {subject}（{dish}）仅 {grams} 克，低于最低 {minimum} 克",
    ),
    Finding(
        "food_samples.discarded_too_early",
        "FS-3",
        _ERROR,
        "sample {subject} was discarded at {discarded_at}, before {earliest_discard_at} "
        "({retention_hours} h after it was taken)",
        "留样 {subject} 于 {discarded_at} 销毁，早于最早可销毁时间 {earliest_discard_at}"
        "（留样须满 {retention_hours} 小时）",
    ),
    Finding(
        "food_samples.missing_label",
        "FS-4",
        _ERROR,
        "sample {subject} lacks: {fields}",
        "留样 {subject} 的记录缺少：{fields_zh}",
    ),
    Finding(
        "food_samples.temperature_out_of_range",
        "FS-5",
        _ERROR,
        "cabinet {cabinet} read {celsius} °C at {at} (allowed {minimum}–{maximum} °C) "
        "while sample {subject} was in its retention window "
        "({count} reading(s) out of range)",
        "留样 {subject} 留存期间，留样柜 {cabinet} 于 {at} 温度为 {celsius} °C"
        "（应在 {minimum}–{maximum} °C 之间，共 {count} 次超限）",
    ),
    Finding(
        "food_samples.temperature_gap",
        "FS-5",
        _ERROR,
        "cabinet {cabinet} has no temperature reading from {gap_from} to {gap_to} "
        "(more than {max_gap_hours} h) while sample {subject} was in its retention window",
        "留样 {subject} 留存期间，留样柜 {cabinet} 自 {gap_from} 至 {gap_to} "
        "无温度记录（超过 {max_gap_hours} 小时）",
    ),
    Finding(
        "food_samples.disposal_unsigned",
        "FS-6",
        _ERROR,
        "the disposal of sample {subject} at {discarded_at} does not say who destroyed it",
        "留样 {subject} 于 {discarded_at} 的销毁记录未写明销毁人",
    ),
    Finding(
        "food_samples.disposal_without_sample",
        "FS-6",
        _ERROR,
        "a disposal at {discarded_at} names sample {subject}, which is not on record",
        "{discarded_at} 的销毁记录所指留样 {subject} 没有留样记录",
    ),
    Finding(
        "food_samples.kept_past_time",
        "FS-6",
        Severity.WARNING,
        "sample {subject} was taken at {taken_at}; {state} (due for disposal by {due_by})",
        "留样 {subject} 于 {taken_at} 留取，{state_zh}（应于 {due_by} 前销毁）",
    ),
    Finding(
        "food_samples.held_sample_discarded",
        "FS-7",
        _ERROR,
        "sample {subject} was discarded at {discarded_at} while hold {hold} was in force",
        "留样 {subject} 在封存 {hold} 期间于 {discarded_at} 被销毁",
    ),
    Finding(
        "food_samples.taken_after_service",
        "FS-8",
        _ERROR,
        "sample {subject} was taken at {taken_at}, after service of meal {meal} started at "
        "{service_start}",
        "留样 {subject} 于 {taken_at} 留取，晚于{meal_zh}的开餐时间 {service_start}",
    ),
    # The cabinet's own consistency (SampleCabinet.check_invariants; besides the audit
    # findings above, which it also returns for its own records).
    Finding(
        "food_samples.sample_in_other_cabinet",
        "FS-3",
        _ERROR,
        "sample {subject} names cabinet {given} but is recorded in cabinet {cabinet}",
        "留样 {subject} 的留样柜为 {given}，却登记在留样柜 {cabinet} 中",
    ),
    Finding(
        "food_samples.history_refused",
        "FS-4",
        _ERROR,
        "cabinet {subject}: event {index} ({event}) is refused when its events are replayed "
        "({refusal})",
        "留样柜 {subject}：重放事件时第 {index} 条（{event}）被拒绝（{refusal}）",
    ),
    Finding(
        "food_samples.history_mismatch",
        "FS-4",
        _ERROR,
        "cabinet {subject}: its records differ from those its events give when replayed",
        "留样柜 {subject}：现有记录与重放事件所得记录不一致",
    ),
)

# ---------------------------------------------------------------- compensation (DC)

_COMPENSATION: Final[tuple[Finding, ...]] = (
    Finding(
        "compensation.natural_wear_charged",
        "DC-2",
        _ERROR,
        "natural wear charged {total}: the school repairs it at no charge",
        "自然损耗收取了 {total} 元：应由学校免费维修",
    ),
    Finding(
        "compensation.loss_mismatch",
        "DC-4",
        _ERROR,
        "the loss {loss} is not the sum of its lines {lines}",
        "核定损失 {loss} 元与各项之和 {lines} 元不符",
    ),
    Finding(
        "compensation.repair_above_value",
        "DC-4",
        _ERROR,
        "{item}: repair {loss} above value {value}",
        "{item}：维修费 {loss} 元超过物品价值 {value} 元",
    ),
    Finding(
        "compensation.charged_above_loss",
        "DC-5",
        _ERROR,
        "charged {total} (charge {charge}) above the loss {loss}: a fine",
        "收取 {total} 元（计收 {charge} 元）超过核定损失 {loss} 元，属罚款",
    ),
    Finding(
        "compensation.book_value_mismatch",
        "DC-6",
        _ERROR,
        "{item}: inconsistent depreciation",
        "{item}：折旧与净值不一致",
    ),
    Finding(
        "compensation.shares_mismatch",
        "DC-7",
        _ERROR,
        "shares add up to {shares}, not to the total {total}",
        "各份额之和 {shares} 元与应赔合计 {total} 元不符",
    ),
    Finding(
        "compensation.minor_pays_directly",
        "DC-8",
        _WARNING,
        "minor {party_name} is named as payer of {amount}",
        "未成年人 {party_name} 被列为缴款人（{amount} 元）",
    ),
    Finding(
        "compensation.deliberate_not_flagged",
        "DC-9",
        _WARNING,
        "deliberate damage without a discipline flag",
        "故意损坏未提请教育处理",
    ),
)

# ---------------------------------------------------------------- calendar (CA)

_CALENDAR: Final[tuple[Finding, ...]] = (
    Finding(
        "calendar.frequency_unmet",
        "CA-4",
        _ERROR,
        "{subject}: {count} planned in {period}, at least {required} required ({source})",
        "{title_zh}：{period} 仅安排 {count} 次，至少需要 {required} 次（{source}）",
    ),
)

# ---------------------------------------------------------------- repairs (RP)

_REPAIRS: Final[tuple[Finding, ...]] = (
    Finding(
        "repairs.answer_late",
        "RP-1",
        _ERROR,
        "request {subject} was not answered by its deadline {deadline} (answered: {answered})",
        "报修单 {subject} 未在时限 {deadline} 前回应（回应时间：{answered_zh}）",
    ),
    Finding(
        "repairs.fix_late_unexplained",
        "RP-1",
        _WARNING,
        "request {subject} was not fixed by {deadline} and the reporter got no explanation "
        "with a new date by then",
        "报修单 {subject} 未在 {deadline} 前修复，且未向报修人说明情况并给出新的完成日期",
    ),
    Finding(
        "repairs.deadline_unknown",
        "RP-1",
        _INFO,
        "request {subject}: its {deadline} deadline is past the last school day given",
        "报修单 {subject}：所给校历不足以计算其时限（{deadline}）",
    ),
    Finding(
        "repairs.work_without_approval",
        "RP-2",
        _ERROR,
        "work order {subject} started at {started_at} without prior approval ({why}; approved: "
        "{approved_at}): 先斩后奏, its cost is not reimbursable",
        "维修单 {subject} 于 {started_at} 开工，未经事先审批（{why_zh}）：先斩后奏，费用不予报销",
    ),
    Finding(
        "repairs.closed_without_acceptance",
        "RP-3",
        _ERROR,
        "work order {subject} closed at {closed_at} without an acceptance signed by the reporter "
        "or the room's custodian (signed: {signer})",
        "维修单 {subject} 于 {closed_at} 关闭，未经报修人（或房间保管人注明原因）验收签字"
        "（签字：{signer}）",
    ),
    Finding(
        "repairs.project_without_evidence",
        "RP-4",
        _ERROR,
        "project {subject} closed without evidence: {missing}",
        "工程 {subject} 关闭时缺少：{missing_zh}",
    ),
    Finding(
        "repairs.site_log_incomplete",
        "RP-4",
        _ERROR,
        "project {subject}: no site-log entry for {count} working day(s) of its work ({days})",
        "工程 {subject}：施工期间有 {count} 个工作日无施工日志（{days}）",
    ),
    Finding(
        "repairs.holiday_work_late",
        "RP-4",
        _ERROR,
        "holiday project {subject} was not completed before term started on {term_starts} "
        "(completed: {completed})",
        "假期工程 {subject} 未在 {term_starts} 开学前完工（完工时间：{completed_zh}）",
    ),
    Finding(
        "repairs.repair_before_claim",
        "RP-6",
        _ERROR,
        "work order {subject} repaired man-made damage (request {request}) at {started_at} "
        "before its damage claim {claim} was settled",
        "维修单 {subject} 于 {started_at} 维修人为损坏（报修单 {request}），赔偿 {claim} 尚未结清",
    ),
    Finding(
        "repairs.claim_not_at_repair_cost",
        "RP-6",
        _WARNING,
        "work order {subject} cost {cost} but its damage claim {claim} was assessed at a "
        "repair cost of {assessed} (DC-4)",
        "维修单 {subject} 实际费用 {cost} 元，其赔偿单 {claim} 按维修费 {assessed} 元核定（DC-4）",
    ),
    Finding(
        "repairs.round_missed",
        "RP-7",
        _WARNING,
        "plan {subject} ({subject_name}, {frequency}): no round from {opens_on} to {due_on}",
        "{subject_name}（{frequency_zh}检查，计划 {subject}）：{opens_on} 至 {due_on} 未检查",
    ),
    Finding(
        "repairs.defect_without_request",
        "RP-7",
        _ERROR,
        "round {subject} on {on} found a defect ({check}) but opened no filed repair request "
        "(or, for a safety matter, no hidden-danger entry)",
        "巡检记录 {subject}（{on}）发现问题（{check}），未开报修单（安全问题未登记隐患）",
    ),
    # The desk's own consistency (RepairDesk.check_invariants).
    Finding(
        "repairs.history_refused",
        "RP-1",
        _ERROR,
        "desk {subject}: event {index} ({event}) is refused when its events are replayed "
        "({refusal})",
        "报修台 {subject}：重放事件时第 {index} 条（{event}）被拒绝（{refusal}）",
    ),
    Finding(
        "repairs.history_mismatch",
        "RP-1",
        _ERROR,
        "desk {subject}: its records differ from those its events give when replayed",
        "报修台 {subject}：现有记录与重放事件所得记录不一致",
    ),
)

# ---------------------------------------------------------------- canteen (CN)

_CANTEEN: Final[tuple[Finding, ...]] = (
    Finding(
        "canteen.refund_mismatch",
        "CN-1",
        _ERROR,
        "payment {subject} ({pupil}): refunds paid {paid_out} differ from the refund due {due} "
        "for {days} serving day(s) of leave",
        "缴费 {subject}（{pupil}）：已退 {paid_out} 元，应退 {due} 元（请假 {days} 个就餐日）",
    ),
    Finding(
        "canteen.expired_on_hand",
        "CN-2",
        _ERROR,
        "lot {subject} ({product}) expired on {expiry}: {units} still on hand on {on}",
        "批次 {subject}（{product}）已于 {expiry} 到期，{on} 库内仍有 {units}，须登记处理",
    ),
    Finding(
        "canteen.near_expiry",
        "CN-2",
        _WARNING,
        "lot {subject} ({product}) expires on {expiry}, within {days} day(s) of {on}: "
        "{units} on hand",
        "批次 {subject}（{product}）将于 {expiry} 到期（距 {on} 不足 {days} 天），库存 {units}",
    ),
    Finding(
        "canteen.expired_issued",
        "CN-2",
        _ERROR,
        "issue {subject} on {on} drew lot {lot}, expired on {expiry}",
        "出库单 {subject}（{on}）发放了已于 {expiry} 到期的批次 {lot}",
    ),
    Finding(
        "canteen.negative_stock",
        "CN-2",
        _ERROR,
        "lot {subject}: {issued} issued or disposed of {received} received",
        "批次 {subject}：出库及处理共 {issued}，超过入库 {received}",
    ),
    Finding(
        "canteen.check_missed_expired",
        "CN-2",
        _ERROR,
        "storeroom check {check} on {on} passed lot {subject} ({product}), expired on {expiry}, "
        "with {units} on hand and no disposal recorded",
        "{on} 库存检查 {check} 时，已于 {expiry} 到期的批次 {subject}（{product}）仍有 {units} "
        "在库，未登记处理",
    ),
    Finding(
        "canteen.handler_without_certificate",
        "CN-3",
        _ERROR,
        "handler {subject} on duty on {day} without a health certificate valid that day",
        "从业人员 {subject} {day} 上岗，无当日有效的健康证明",
    ),
    Finding(
        "canteen.handler_without_check",
        "CN-3",
        _ERROR,
        "handler {subject} on duty on {day} without a morning check",
        "从业人员 {subject} {day} 上岗，无晨检记录",
    ),
    Finding(
        "canteen.handler_unfit_on_duty",
        "CN-3",
        _ERROR,
        "handler {subject} on duty on {day} after a failed morning check ({symptoms}) "
        "and no clearance",
        "从业人员 {subject} {day} 晨检异常（{symptoms_zh}），未经复岗确认即上岗",
    ),
    Finding(
        "canteen.receipt_uninspected",
        "CN-4",
        _ERROR,
        "lot {subject} ({product}) has no inbound inspection record",
        "批次 {subject}（{product}）无进货查验记录",
    ),
    Finding(
        "canteen.receipt_without_certificates",
        "CN-4",
        _ERROR,
        "lot {subject} ({product}) accepted without: {missing}",
        "批次 {subject}（{product}）验收时缺少：{missing_zh}",
    ),
    Finding(
        "canteen.records_purged_early",
        "CN-4",
        _ERROR,
        "the records of lot {subject} ({product}) were destroyed on {on}, before {keep_until}",
        "批次 {subject}（{product}）的查验记录及票证于 {on} 销毁，早于保存期限 {keep_until}",
    ),
    Finding(
        "canteen.banned_dish",
        "CN-5",
        _ERROR,
        "meal {subject}: dish {dish} is in the banned category {category}",
        "餐次 {subject}：菜品「{dish}」属于禁止供应的{category_zh}",
    ),
    Finding(
        "canteen.banned_purchase",
        "CN-5",
        _ERROR,
        "lot {subject}: product {product} is in the banned category {category}",
        "批次 {subject}：采购的「{product}」属于禁止类别{category_zh}",
    ),
    Finding(
        "canteen.meal_without_accompaniment",
        "CN-6",
        _ERROR,
        "meal {subject} on {day} has no 陪餐 record of a school leader",
        "{day} 餐次 {subject} 无学校负责人陪餐记录",
    ),
    Finding(
        "canteen.dish_not_tasted",
        "CN-7",
        _ERROR,
        "meal {subject}: dish {dish} was not tasted before service at {service_start}",
        "餐次 {subject}：菜品「{dish}」未在开餐（{service_start}）前试尝",
    ),
    Finding(
        "canteen.failed_dish_served",
        "CN-7",
        _ERROR,
        "meal {subject}: dish {dish} failed tasting at {at} and was not withheld",
        "餐次 {subject}：菜品「{dish}」于 {at} 试尝不合格，未停止供应",
    ),
    Finding(
        "canteen.pupil_account_misuse",
        "CN-8",
        _ERROR,
        "expense {subject} ({kind}, {amount}) charged to the pupils' meal account",
        "支出 {subject}（{kind_zh}，{amount} 元）列入学生伙食账户，违反专款专用",
    ),
    Finding(
        "canteen.statement_unpublished",
        "CN-8",
        _WARNING,
        "the meal accounts of {subject} were not published by {deadline} (published: {published})",
        "{subject} 伙食账目未在 {deadline} 前公示（公示日期：{published_zh}）",
    ),
    Finding(
        "canteen.no_disinfection",
        "CN-9",
        _ERROR,
        "serving day {subject} has no disinfection entry",
        "就餐日 {subject} 无消毒记录",
    ),
    Finding(
        "canteen.no_waste_log",
        "CN-9",
        _WARNING,
        "serving day {subject} has no food-waste removal logged",
        "就餐日 {subject} 无餐厨废弃物清运登记",
    ),
    Finding(
        "canteen.waste_collector_unapproved",
        "CN-9",
        _ERROR,
        "waste removal {subject} on {day} went to {collector}, not an approved collector",
        "{day} 餐厨废弃物清运 {subject} 交给了未经核准的收运单位「{collector}」",
    ),
    # The canteen's own consistency (Canteen.check_invariants).
    Finding(
        "canteen.history_refused",
        "CN-2",
        _ERROR,
        "canteen {subject}: event {index} ({event}) is refused when its events are replayed "
        "({refusal})",
        "食堂 {subject}：重放事件时第 {index} 条（{event}）被拒绝（{refusal}）",
    ),
    Finding(
        "canteen.history_mismatch",
        "CN-2",
        _ERROR,
        "canteen {subject}: its records differ from those its events give when replayed",
        "食堂 {subject}：现有记录与重放事件所得记录不一致",
    ),
)

# ---------------------------------------------------------------- purchasing (PR)

_PURCHASING: Final[tuple[Finding, ...]] = (
    Finding(
        "purchasing.request_late",
        "PR-1",
        _WARNING,
        "purchase request {subject} was filed {days} day(s) before it is needed "
        "({minimum} required) and is not marked urgent with a reason",
        "采购申请 {subject} 仅提前 {days} 天填报（须提前 {minimum} 天），且未注明急需原因",
    ),
    Finding(
        "purchasing.bought_without_approval",
        "PR-2",
        _ERROR,
        "purchase {subject} was ordered at {ordered_at} without an approval dated before it: "
        "it is not recognised and cannot be reimbursed",
        "采购 {subject} 于 {ordered_at} 下单前未经审批：一律不认账，不得报销",
    ),
    Finding(
        "purchasing.wrong_approver",
        "PR-2",
        _ERROR,
        "purchase {subject} (estimate {estimate}) was approved by {role}; "
        "its tier needs {required}",
        "采购 {subject}（估价 {estimate} 元）由 {role} 审批，按金额应由 {required} 审批",
    ),
    Finding(
        "purchasing.too_few_quotes",
        "PR-3",
        _ERROR,
        "purchase {subject} line {line}: {quotes} quote(s) from different suppliers, "
        "{minimum} required",
        "采购 {subject} 第 {line} 项：仅 {quotes} 家报价，须货比 {minimum} 家",
    ),
    Finding(
        "purchasing.price_above_lowest_quote",
        "PR-3",
        _WARNING,
        "purchase {subject} line {line}: price {price} is above the lowest quote {lowest} "
        "and no reason is recorded",
        "采购 {subject} 第 {line} 项：单价 {price} 元高于最低报价 {lowest} 元，且未注明原因",
    ),
    Finding(
        "purchasing.price_above_market",
        "PR-3",
        _ERROR,
        "purchase {subject} line {line}: price {price} is above the market reference {reference}",
        "采购 {subject} 第 {line} 项：单价 {price} 元高于市场价 {reference} 元",
    ),
    Finding(
        "purchasing.unsupervised",
        "PR-3",
        _ERROR,
        "purchase {subject}: the supervisor {supervisor} is also its requester or buyer",
        "采购 {subject}：监督人 {supervisor} 同时是申请人或采购人，没有第三人监督",
    ),
    Finding(
        "purchasing.accepted_by_buyer",
        "PR-4",
        _ERROR,
        "purchase {subject}: the goods were accepted by the buyer {acceptor}",
        "采购 {subject}：由采购人 {acceptor} 本人验收",
    ),
    Finding(
        "purchasing.stage_skipped",
        "PR-4",
        _ERROR,
        "purchase {subject} reached {stage} without {missing}",
        "采购 {subject} 未经「{missing}」即已「{stage}」",
    ),
    Finding(
        "purchasing.voucher_kind",
        "PR-5",
        _ERROR,
        "voucher {subject} is a {kind}, not an allowed kind of voucher",
        "报销凭证 {subject} 为「{kind}」，不是合规票据",
    ),
    Finding(
        "purchasing.voucher_element_missing",
        "PR-5",
        _ERROR,
        "voucher {subject} lacks {element}",
        "报销凭证 {subject} 缺少「{element_zh}」",
    ),
    Finding(
        "purchasing.voucher_amount_mismatch",
        "PR-5",
        _ERROR,
        "voucher {subject}: {quantity} × {unit_price} = {product}, but the amount is {amount}",
        "报销凭证 {subject}：数量 {quantity} × 单价 {unit_price} = {product} 元，"
        "金额却为 {amount} 元",
    ),
    Finding(
        "purchasing.voucher_words_disagree",
        "PR-5",
        _ERROR,
        "voucher {subject}: the amount in words {words} is {words_amount}, not {amount}",
        "报销凭证 {subject}：大写金额「{words}」为 {words_amount} 元，与小写金额 {amount} 元不符",
    ),
    Finding(
        "purchasing.voucher_words_unreadable",
        "PR-5",
        _ERROR,
        "voucher {subject}: the amount in words {words} is not written as capital numerals",
        "报销凭证 {subject}：大写金额「{words}」书写不规范",
    ),
    Finding(
        "purchasing.voucher_signatures",
        "PR-5",
        _ERROR,
        "voucher {subject}: signed by {count} different people, {minimum} required",
        "报销凭证 {subject}：仅 {count} 人签字，须三人以上（{minimum} 人）签字",
    ),
    Finding(
        "purchasing.voucher_signer_missing",
        "PR-5",
        _ERROR,
        "voucher {subject}: no signature of the {role}",
        "报销凭证 {subject}：缺少「{role_zh}」签字",
    ),
    Finding(
        "purchasing.voucher_expired",
        "PR-5",
        _ERROR,
        "voucher {subject} was valid until {valid_until}, used on {on}",
        "报销凭证 {subject} 有效期至 {valid_until}，{on} 入账时已过期",
    ),
    Finding(
        "purchasing.over_cap",
        "PR-6",
        _ERROR,
        "budget line {subject}: {committed} committed, above its cap {cap}, not re-approved",
        "预算科目 {subject}：已支出 {committed} 元，超过限额 {cap} 元且未经重新审批",
    ),
    Finding(
        "purchasing.spent_before_banked",
        "PR-7",
        _ERROR,
        "fund {subject}: spending {entry} on {on} while income {income} was not yet banked",
        "经费 {subject}：{on} 支出 {entry} 时收入 {income} 尚未存入账户（边收边用）",
    ),
    Finding(
        "purchasing.red_figure",
        "PR-7",
        _ERROR,
        "fund {subject}: the balance is {balance} after entry {entry} on {on}",
        "经费 {subject}：{on} 记账 {entry} 后余额为 {balance} 元，出现红字",
    ),
    Finding(
        "purchasing.accounts_not_posted",
        "PR-7",
        _WARNING,
        "fund {subject}: month {month} is closed but its income and spending are not posted",
        "经费 {subject}：{month} 已结账，但收支情况未在公示栏公示",
    ),
    Finding(
        "purchasing.fee_off_list",
        "PR-8",
        _ERROR,
        "charge {subject}: {item} is not on the approved fee list of term {term}",
        "收费 {subject}：「{item}」不在学期 {term} 批准的收费项目内",
    ),
    Finding(
        "purchasing.fee_banned",
        "PR-8",
        _ERROR,
        "charge {subject}: {item} is never charged",
        "收费 {subject}：「{item}」属于禁止收取的费用",
    ),
    Finding(
        "purchasing.fee_amount_differs",
        "PR-8",
        _ERROR,
        "charge {subject}: {item} charged {amount}, approved {approved}",
        "收费 {subject}：「{item}」收取 {amount} 元，批准标准为 {approved} 元",
    ),
    Finding(
        "purchasing.fee_before_posting",
        "PR-8",
        _ERROR,
        "charge {subject} on {on}: the fee list of term {term} was not posted yet",
        "收费 {subject}：{on} 收费时学期 {term} 的收费项目尚未公示",
    ),
    Finding(
        "purchasing.receipts_unaccounted",
        "PR-9",
        _ERROR,
        "receipt book {subject}: numbers {numbers} are neither used, voided nor returned unused",
        "票据 {subject}：第 {numbers} 号既未使用、作废，也未作为空白票据交回",
    ),
    Finding(
        "purchasing.receipts_total_differs",
        "PR-9",
        _ERROR,
        "receipt book {subject}: the used receipts total {total}, {handed_in} was handed in",
        "票据 {subject}：已开票据合计 {total} 元，上交 {handed_in} 元，不符",
    ),
    Finding(
        "purchasing.book_not_returned",
        "PR-9",
        _WARNING,
        "receipt book {subject} issued to {collector} on {issued_on} has not been handed back",
        "票据 {subject}（{issued_on} 领给 {collector}）尚未上交财务室",
    ),
    # The office's own consistency (FinanceOffice.check_invariants).
    Finding(
        "purchasing.history_refused",
        "PR-4",
        _ERROR,
        "office {subject}: event {index} ({event}) is refused when its events are replayed "
        "({refusal})",
        "财务室 {subject}：重放事件时第 {index} 条（{event}）被拒绝（{refusal}）",
    ),
    Finding(
        "purchasing.history_mismatch",
        "PR-4",
        _ERROR,
        "office {subject}: its records differ from those its events give when replayed",
        "财务室 {subject}：现有记录与重放事件所得记录不一致",
    ),
)

# ---------------------------------------------------------------- subsidies (SB)

_SUBSIDIES: Final[tuple[Finding, ...]] = (
    Finding(
        "subsidies.case_out_of_order",
        "SB-1",
        _ERROR,
        "subsidy case {subject}: {stage} on {on} is before {before} on {before_on}",
        "资助 {subject}：{on}「{stage}」早于 {before_on}「{before}」，顺序不对",
    ),
    Finding(
        "subsidies.over_quota",
        "SB-2",
        _ERROR,
        "subsidy {subject}: {approved} cases approved, the quota is {quota}",
        "资助 {subject}：批准 {approved} 人，超过指标数 {quota}",
    ),
    Finding(
        "subsidies.not_posted",
        "SB-3",
        _ERROR,
        "round {subject}: paid without its approved list posted",
        "资助批次 {subject}：名单未公示即发放",
    ),
    Finding(
        "subsidies.posted_too_short",
        "SB-3",
        _ERROR,
        "round {subject}: payment {payment} on {paid_on} after {days} day(s) of posting, "
        "{minimum} required",
        "资助批次 {subject}：{paid_on} 发放 {payment} 时名单仅公示 {days} 天，须满 {minimum} 天",
    ),
    Finding(
        "subsidies.paid_late",
        "SB-4",
        _ERROR,
        "payment {subject} on {paid_on} is {late} {unit} late: due by {due}",
        "资助发放 {subject}：{paid_on} 发放，最迟应于 {due} 发放，迟延 {late} 个{unit_zh}",
    ),
    Finding(
        "subsidies.unpaid",
        "SB-4",
        _ERROR,
        "round {subject}: case {case} was not paid by {due}",
        "资助批次 {subject}：{case} 至 {due} 仍未发放",
    ),
    Finding(
        "subsidies.amount_differs",
        "SB-5",
        _ERROR,
        "case {subject}: paid {paid}, approved {approved} (no averaging, no withholding)",
        "资助 {subject}：发放 {paid} 元，批准金额 {approved} 元（不得平均发放或截留）",
    ),
    Finding(
        "subsidies.payee_not_approved",
        "SB-5",
        _ERROR,
        "payment {subject}: {payee} is not an approved pupil of round {round} (case {case})",
        "资助发放 {subject}：{payee} 不是批次 {round} 批准的学生（{case}），张冠李戴",
    ),
    Finding(
        "subsidies.funds_unaccounted",
        "SB-5",
        _ERROR,
        "round {subject}: received {received}, paid {paid}, carried over {carried}",
        "资助批次 {subject}：到账 {received} 元，发放 {paid} 元，结转 {carried} 元，不平",
    ),
    Finding(
        "subsidies.textbook_fee_charged",
        "SB-6",
        _ERROR,
        "charge {subject}: {pupil} ({category}) is exempt from {item}",
        "收费 {subject}：{pupil}（{category}）应免收「{item}」",
    ),
    Finding(
        "subsidies.payment_unrecorded",
        "SB-7",
        _WARNING,
        "payment {subject} records no {missing}",
        "资助发放 {subject} 未记录「{missing_zh}」",
    ),
    Finding(
        "subsidies.paid_list_not_posted",
        "SB-7",
        _WARNING,
        "round {subject}: the paid list is not posted",
        "资助批次 {subject}：发放名单未公示",
    ),
)

# ---------------------------------------------------------------- safety, duty, gate (SF, DU)

_SAFETY: Final[tuple[Finding, ...]] = (
    Finding(
        "safety.inspection_missing",
        "SF-1",
        _ERROR,
        "{subject}: {count} signed inspections in {period}, {required} required ({source})",
        "{period} 的「{title_zh}」签字检查记录 {count} 次，应至少 {required} 次（{source}）",
    ),
    Finding(
        "safety.record_unsigned",
        "SF-2",
        _ERROR,
        "inspection {subject} on {on} is not signed by both the inspector and the unit's head: "
        "it does not count as done",
        "{on} 的检查记录 {subject} 未经检查人和被检查部门负责人双方签名，不算已检查",
    ),
    Finding(
        "safety.fault_unregistered",
        "SF-3",
        _ERROR,
        "inspection {subject}: a fault ({item}, {place}) not fixed on the spot opened no entry "
        "of the hidden-danger register",
        "检查记录 {subject}：「{place}」的「{item}」问题未当场整改，也未登记入隐患台账",
    ),
    Finding(
        "safety.round_hazard_unregistered",
        "SF-3",
        _ERROR,
        "round {subject}: the safety defect {check} names hazard {hazard}, which is not in the "
        "hidden-danger register",
        "巡检记录 {subject}：安全问题「{check}」对应的隐患 {hazard} 未登记入隐患台账",
    ),
    Finding(
        "safety.danger_overdue",
        "SF-4",
        _ERROR,
        "hazard {subject} ({level}) is still {state} past its deadline {deadline}: escalate it",
        "隐患 {subject}（{level_zh}）超过整改期限 {deadline} 仍为「{state_zh}」，应上报督办",
    ),
    Finding(
        "safety.danger_closed_late",
        "SF-4",
        _WARNING,
        "hazard {subject} was closed on {closed_on}, after its deadline {deadline}",
        "隐患 {subject} 于 {closed_on} 销号，晚于整改期限 {deadline}",
    ),
    Finding(
        "safety.closed_without_reinspection",
        "SF-4",
        _ERROR,
        "hazard {subject} was closed without a re-inspection by someone other than its owner "
        "{owner}",
        "隐患 {subject} 未经整改责任人「{owner}」以外的人员复查即销号",
    ),
    Finding(
        "safety.electrical_check_missing",
        "SF-5",
        _ERROR,
        "term starting {subject}: no signed electrical and leakage check in the {days} days "
        "before it",
        "{subject} 开学前 {days} 天内无签字的用电线路漏电检查记录",
    ),
    Finding(
        "safety.banned_appliance",
        "SF-6",
        _WARNING,
        "{subject}: {appliance} ({watts} W) used by {person} at {place} on {on}",
        "{subject}：{on} 在「{place}」发现「{person}」使用「{appliance}」（{watts} 瓦）",
    ),
    Finding(
        "safety.extinguisher_unchecked",
        "SF-7",
        _ERROR,
        "extinguisher {subject} at {place}: no check in {month}",
        "「{place}」的灭火器 {subject} 在 {month} 未检查",
    ),
    Finding(
        "safety.extinguisher_failed",
        "SF-7",
        _ERROR,
        "extinguisher {subject} at {place} failed its check on {on} and has not passed since: "
        "replace it",
        "「{place}」的灭火器 {subject} 于 {on} 检查不合格且此后未复检合格，应更换",
    ),
    Finding(
        "safety.drill_missing",
        "SF-8",
        _ERROR,
        "term {subject}: {count} evacuation drills, {required} required",
        "{subject} 学期紧急疏散演练 {count} 次，应至少 {required} 次",
    ),
    Finding(
        "safety.duty_uncovered",
        "DU-1",
        _ERROR,
        "school day {subject}: nobody on post {post}",
        "上课日 {subject} 无人在「{post}」岗值日",
    ),
    Finding(
        "safety.double_posted",
        "DU-1",
        _ERROR,
        "{subject} is on two posts at once on {day} ({shift}): {posts}",
        "「{subject}」在 {day}（{shift_zh}）同时排在两个岗位：{posts}",
    ),
    Finding(
        "safety.holiday_uncovered",
        "DU-2",
        _ERROR,
        "{period} ({name}): {subject} {shift} has nobody on post {post}",
        "{period}（{name}）：{subject} {shift_zh}「{post}」岗无人值班",
    ),
    Finding(
        "safety.roster_late",
        "DU-2",
        _WARNING,
        "roster {subject} was published on {published_on}, after the last school day "
        "{last_school_day} before it",
        "值班表 {subject} 于 {published_on} 公布，晚于假前最后一个上课日 {last_school_day}",
    ),
    Finding(
        "safety.gate_gap",
        "DU-3",
        _ERROR,
        "the gate was unstaffed from {subject} to {end}",
        "{subject} 至 {end} 门卫无人值守",
    ),
    Finding(
        "safety.handover_unsigned",
        "DU-3",
        _ERROR,
        "the handover at {subject} from {handed_by} to {taken_by} is not signed by both",
        "{subject}「{handed_by}」与「{taken_by}」交接班未经双方签字",
    ),
    Finding(
        "safety.visitor_still_in",
        "DU-4",
        _ERROR,
        "visitor {name} (entry {subject}) was still in after the gate closed on {day}",
        "来访人员「{name}」（登记 {subject}）在 {day} 关门后仍未离校",
    ),
    Finding(
        "safety.visitor_unconfirmed",
        "DU-4",
        _WARNING,
        "visitor {name} (entry {subject}) came in without confirmation by {visiting} or "
        "without an ID seen",
        "来访人员「{name}」（登记 {subject}）未经被访人「{visiting}」确认或未查验证件即入校",
    ),
    Finding(
        "safety.exit_without_pass",
        "DU-5",
        _ERROR,
        "pupil {pupil} ({class_name}) left at {subject} during class without a valid pass",
        "学生「{pupil}」（{class_name}）于 {subject} 上课期间出校，无有效批条",
    ),
    Finding(
        "safety.vehicle_unpermitted",
        "DU-6",
        _ERROR,
        "outside vehicle {plate} (entry {subject}) came in without permission or a current "
        "site agreement",
        "外来车辆「{plate}」（登记 {subject}）未经许可或无有效施工责任书即入校",
    ),
    Finding(
        "safety.agreement_expired",
        "DU-7",
        _WARNING,
        "agreement {subject} ({role}, {party}) expired on {end}",
        "责任书 {subject}（{role}，「{party}」）已于 {end} 到期",
    ),
    Finding(
        "safety.agreement_missing",
        "DU-7",
        _ERROR,
        "role {subject}: no current responsibility agreement on {day}",
        "「{subject}」岗位在 {day} 无有效责任书",
    ),
    # The office's own consistency (SafetyOffice.check_invariants).
    Finding(
        "safety.history_refused",
        "SF-3",
        _ERROR,
        "office {subject}: event {index} ({event}) is refused when its events are replayed "
        "({refusal})",
        "安全办 {subject}：重放事件时第 {index} 条（{event}）被拒绝（{refusal}）",
    ),
    Finding(
        "safety.history_mismatch",
        "SF-3",
        _ERROR,
        "office {subject}: its records differ from those its events give when replayed",
        "安全办 {subject}：现有记录与重放事件所得记录不一致",
    ),
)

# ---------------------------------------------------------------- the catalogue


def _catalogue(*groups: tuple[Finding, ...]) -> Mapping[str, Finding]:
    entries: dict[str, Finding] = {}
    for group in groups:
        for entry in group:
            if entry.code in entries:  # pragma: no cover - caught by the catalogue test
                msg = f"finding code {entry.code} is defined twice"
                raise ValueError(msg)
            entries[entry.code] = entry
    return MappingProxyType(entries)


FINDINGS: Final[Mapping[str, Finding]] = _catalogue(
    _ASSETS,
    _FOOD_SAMPLES,
    _COMPENSATION,
    _CALENDAR,
    _REPAIRS,
    _CANTEEN,
    _PURCHASING,
    _SUBSIDIES,
    _SAFETY,
)
"""Every kind of finding of every area, by code (read-only)."""


def finding(code: str) -> Finding:
    """The catalogue entry of ``code``.

    Raises:
        KeyError: no finding has this code.
    """
    return FINDINGS[code]
