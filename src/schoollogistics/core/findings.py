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
    _SAFETY,
)
"""Every kind of finding of every area, by code (read-only)."""


def finding(code: str) -> Finding:
    """The catalogue entry of ``code``.

    Raises:
        KeyError: no finding has this code.
    """
    return FINDINGS[code]
