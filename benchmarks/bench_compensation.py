"""Compensation benchmarks: assessing claims, schedules, notices.

The claims are built before timing (a deterministic mix: every category, every
extent, natural wear included, 0–3 liable parties with guardians, a class as
holder); only ``assess`` is timed, under the default policy.

``compensation.assess`` is measured in alternation with its baseline
(``_measure.alternate``: A B A B, at least five pairs, process CPU time, medians,
the median of the per-pair ratios). The baseline is a **bare integer-fen
valuation**: the same month-index depreciation (``12 × year + month``, the
month of the incident not charged), the same ``ROUND_HALF_UP`` monthly amount,
the repair capped at the value, the same largest-remainder split among the
payers, the holder paying when no one is identified; plain ``int`` arithmetic
that returns each claim's total in fen and nothing else: no ``Money``, no
``allocate``, no records, no explanation, no repair orders or ledger
instructions. It covers only the rules this claim mix reaches under the default
policy (no relief, multiplier, agreed amount, write-off or other value basis).
Before timing, the benchmark checks that it gives every claim the total
``assess`` gives. The record carries two targets of issue 11:
``target`` (200,000 assessments/s on an idle machine; ``meets_target``) and
``ratio_target`` (0.25× the bare valuation; ``meets_ratio_target``).

``compensation.assess.vs_decimal_baseline`` is the figure against the earlier
baseline, kept for comparison: the same valuation done naively with ``Decimal``,
``Money`` and the library's ``allocate`` (also checked to give the same totals).

``compensation.assess.retained_bytes`` is what 10,000 assessments keep alive,
per assessment (``_measure.retained_memory``: the claims are built first and
not counted).
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

import pendulum
from _measure import alternate, median_cpu, rate_record, record, retained_memory

from schoollogistics.compensation import (
    AssetValue,
    Cause,
    CompensationPolicy,
    DamageClaim,
    DamagedItem,
    Extent,
    Guardian,
    LiableParty,
    LifeTable,
    MonthConvention,
    assess,
    depreciation_schedule,
    render_notice,
)
from schoollogistics.core import AssetCategory, Money, allocate

CATEGORIES = list(AssetCategory)
EXTENTS = [Extent.REPAIRABLE, Extent.DESTROYED, Extent.LOST]
CAUSES = list(Cause)
CLASS = LiableParty.school_class("c-3-2", "三年级二班")
PUPILS = [
    LiableParty.student(f"s-{i}", f"学生{i}", guardian=Guardian(f"g-{i}", f"家长{i}", "父亲"))
    for i in range(3)
]


def make_claims(n: int) -> list[DamageClaim]:
    claims = []
    for i in range(n):
        asset = AssetValue(
            Money.from_fen(5_000 + (i * 7_919) % 2_000_000),
            pendulum.Date(2012 + i % 13, 1 + i % 12, 1 + i % 28),
            CATEGORIES[i % len(CATEGORIES)],
        )
        extent = EXTENTS[i % 3]
        cause = CAUSES[(i // 3) % len(CAUSES)]
        if cause is Cause.NATURAL_WEAR and extent is Extent.LOST:
            extent = Extent.DESTROYED
        quote = Money.from_fen((i * 104_729) % 300_000) if extent is Extent.REPAIRABLE else None
        item = DamagedItem("课桌", asset, extent, repair_quote=quote, tag=f"ZC-{i}")
        claims.append(
            DamageClaim(
                f"C-{i}",
                pendulum.Date(2026, 1, 1 + i % 28),
                cause,
                (item,),
                tuple(PUPILS[: i % 4]),
                CLASS,
            )
        )
    return claims


def bare_total(
    claim: DamageClaim,
    lives: dict[AssetCategory, int],
    start_offset: int,
    compensable: tuple[Cause, ...],
) -> int:
    """The bare integer-fen valuation of a claim: its total in fen, nothing else.

    DC-2 (natural wear and causes the policy does not charge cost nothing), DC-3
    (the holder pays when no one is identified), DC-4 (a repair costs its quote
    capped at the value), DC-6 (net book value: months from the acquisition's
    month index to the incident's, the incident's month not charged, clamped to
    the life; monthly amount ``ROUND_HALF_UP``; fully depreciated at the end of
    the life) and DC-7 (largest remainder, ties to the earlier payer).
    """
    cause = claim.cause
    if cause is WEAR or cause not in compensable:
        return 0
    weights = claim.weights
    if not weights:
        if claim.holder is None:
            return 0
        weights = (1,)
    incident = claim.incident_month_index
    loss = 0
    for item in claim.items:
        asset = item.asset
        value = asset.original_fen
        life = lives.get(asset.category)
        if life is not None:
            months = incident - asset.acquired_month_index - start_offset
            if months >= life:
                value = 0
            elif months > 0:
                value -= min(months * ((2 * value + life) // (2 * life)), value)
        quote = item.quote_fen
        if quote is not None and quote < value:
            value = quote
        loss += value
    whole = sum(weights)
    shares: list[int] = []
    remainders: list[int] = []
    for weight in weights:
        share, remainder = divmod(loss * weight, whole)
        shares.append(share)
        remainders.append(remainder)
    left = loss - sum(shares)
    if left:
        for index in sorted(range(len(weights)), key=lambda i: (-remainders[i], i))[:left]:
            shares[index] += 1
    return sum(shares)


WEAR = Cause.NATURAL_WEAR


def naive_decimal_total(claim: DamageClaim, lives: LifeTable) -> Money:
    """The earlier baseline: the bare valuation with ``Decimal``, ``Money`` and ``allocate``.

    Same rules as ``bare_total`` (under the default policy), written the naive
    way: Decimal arithmetic per claim, the library's ``allocate`` for the split.
    """
    (item,) = claim.items
    if claim.cause is Cause.NATURAL_WEAR:
        return Money(0)
    life = lives.life_months(item.asset.category)
    original = item.asset.original_value.amount
    value = original
    if life is not None:
        acquired, incident = item.asset.acquired_on, claim.incident_on
        elapsed = (incident.year - acquired.year) * 12 + incident.month - acquired.month
        months = min(max(elapsed, 0), life)
        monthly = (original / life).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
        accumulated = original if months >= life else min(monthly * months, original)
        value = original - accumulated
    loss = Money(value)
    if item.repair_quote is not None:
        loss = min(loss, item.repair_quote)
    payers = len(claim.parties) or 1
    shares = allocate(loss, [1] * payers)
    return Money.sum(shares)


TARGET = 200_000
"""Issue 11's target, assessments per second on an idle machine."""

RATIO_TARGET = 0.25
"""Issue 11's target, as a fraction of the bare integer-fen valuation's rate."""


def bare_inputs(
    policy: CompensationPolicy,
) -> tuple[dict[AssetCategory, int], int, tuple[Cause, ...]]:
    """What the bare valuation reads from a policy: lives, the month offset, the causes."""
    depreciation = policy.depreciation
    lives = dict(depreciation.life_table.months_by_category)
    offset = 0 if depreciation.convention is MonthConvention.SAME_MONTH else 1
    return lives, offset, policy.compensable_causes


def _check_totals(claims: list[DamageClaim], policy: CompensationPolicy) -> None:
    """Both baselines must give every claim the total ``assess`` gives, or no figure."""
    lives, offset, causes = bare_inputs(policy)
    table = policy.depreciation.life_table
    for claim in claims:
        total = assess(claim, policy).total
        if bare_total(claim, lives, offset, causes) != total.fen:
            message = f"the bare valuation disagrees with assess on {claim.claim_id}"
            raise AssertionError(message)
        if naive_decimal_total(claim, table) != total:
            message = f"the Decimal baseline disagrees with assess on {claim.claim_id}"
            raise AssertionError(message)


def bench_assess(quick: bool) -> list[dict[str, object]]:
    n = 10_000 if quick else 100_000
    pairs = 5 if quick else 9
    claims = make_claims(n)
    policy = CompensationPolicy()
    lives, offset, causes = bare_inputs(policy)
    table = policy.depreciation.life_table
    _check_totals(claims if quick else claims[:20_000], policy)

    def ours() -> None:
        for claim in claims:
            assess(claim, policy)

    def bare() -> None:
        for claim in claims:
            bare_total(claim, lives, offset, causes)

    def naive() -> None:
        for claim in claims:
            naive_decimal_total(claim, table)

    main = rate_record(
        "compensation.assess", n, alternate(ours, bare, pairs=pairs), "assessments/s"
    )
    main["baseline_label"] = (
        "bare integer-fen valuation (same depreciation, rounding and split; totals only,"
        " no Money, no allocate, no records)"
    )
    main["target"] = TARGET
    main["meets_target"] = main["value"] >= TARGET
    main["ratio_target"] = RATIO_TARGET
    main["meets_ratio_target"] = main["ratio"] >= RATIO_TARGET
    versus = rate_record(
        "compensation.assess.vs_decimal_baseline",
        n,
        alternate(ours, naive, pairs=5),
        "assessments/s",
    )
    versus["baseline_label"] = "naive valuation with Decimal, Money and allocate (same totals)"
    sample = claims[:10_000]
    kept, peak, _ = retained_memory(lambda: [assess(claim, policy) for claim in sample])
    memory = record("compensation.assess.retained_bytes", kept / len(sample), "B/assessment")
    memory["peak_bytes"] = peak
    return [main, versus, memory]


def bench_schedule(quick: bool) -> list[dict[str, object]]:
    n = 500 if quick else 5_000
    assets = [
        AssetValue(Money.from_fen(100_000 + i), pendulum.Date(2020, 1 + i % 12, 1), category)
        for i, category in zip(range(n), [AssetCategory.COMPUTERS] * n, strict=True)
    ]

    def run() -> None:
        for asset in assets:
            depreciation_schedule(asset)

    seconds, _ = median_cpu(3, run)
    return [record("compensation.schedule_72_months", n / seconds, "schedules/s")]


def bench_notice(quick: bool) -> list[dict[str, object]]:
    n = 2_000 if quick else 20_000
    policy = CompensationPolicy()
    results = [assess(claim, policy) for claim in make_claims(n)]

    def run() -> None:
        for result in results:
            render_notice(result)

    seconds, _ = median_cpu(3, run)
    return [record("compensation.render_notice", n / seconds, "notices/s")]


BENCHMARKS = {
    "compensation.assess": bench_assess,
    "compensation.schedule": bench_schedule,
    "compensation.notice": bench_notice,
}
