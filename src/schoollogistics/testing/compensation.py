"""Hypothesis strategies for `schoollogistics.compensation`.

Every strategy generates *valid* values (claims that construct, policies that
never fine); [`assessments`][schoollogistics.testing.compensation.assessments]
assesses a generated claim under a generated policy.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Final

import attrs
import pendulum
from hypothesis import strategies as st

from schoollogistics.compensation import (
    DEFAULT_COMPENSABLE_CAUSES,
    DEFAULT_LIVES,
    Assessment,
    AssessmentLine,
    AssetValue,
    CapitalisedRepair,
    CategoryLife,
    Cause,
    CheckKind,
    ClassCheckResult,
    ClassFindings,
    ClassPropertyCheck,
    ClassSummary,
    CompensationPolicy,
    DamageClaim,
    DamagedItem,
    DamageRecord,
    DepreciationMonth,
    DepreciationPolicy,
    Extent,
    Guardian,
    Hardship,
    LedgerInstruction,
    LedgerOperation,
    LedgerPosting,
    LiableParty,
    LifeTable,
    MonthConvention,
    NoOneIdentified,
    PartyKind,
    PayerRole,
    PostingAction,
    RepairOrder,
    Share,
    ValueBasis,
    assess,
    damage_history,
    run_class_check,
)
from schoollogistics.core.categories import AssetCategory
from schoollogistics.core.money import Money
from schoollogistics.errors import SchoolLogisticsError
from schoollogistics.testing._core import StrategyTable, dates

__all__ = [
    "STRATEGIES",
    "assessments",
    "asset_values",
    "claims",
    "class_checks",
    "damage_records",
    "damaged_items",
    "liable_parties",
    "life_tables",
    "policies",
]

_NAMES: Final = st.sampled_from(["张小明", "李小红", "王强", "赵老师", "三年级二班", "总务处"])
_IDS: Final = st.from_regex(r"\A[a-z][a-z0-9-]{0,6}\Z")
_ACQUIRED: Final = dates(pendulum.Date(2000, 1, 1), pendulum.Date(2030, 12, 31))


def _fen(max_fen: int = 10_000_000) -> st.SearchStrategy[Money]:
    return st.integers(0, max_fen).map(Money.from_fen)


def asset_values() -> st.SearchStrategy[AssetValue]:
    """Asset values: up to 100,000 yuan, acquired 2000–2030, any category."""
    return st.builds(
        AssetValue,
        original_value=_fen(),
        acquired_on=_ACQUIRED,
        category=st.sampled_from(AssetCategory),
        replacement_cost=st.none() | _fen(),
    )


def category_lives() -> st.SearchStrategy[CategoryLife]:
    """One life-table row, never below the school table's life (DC-6: lives are floors)."""

    def row(category: AssetCategory) -> st.SearchStrategy[CategoryLife]:
        floor = DEFAULT_LIVES[category] or 1
        return st.builds(CategoryLife, st.just(category), st.none() | st.integers(floor, 60))

    return st.sampled_from(AssetCategory).flatmap(row)


def life_tables() -> st.SearchStrategy[LifeTable]:
    """Life tables overriding some categories of the default."""
    return st.lists(category_lives(), max_size=5).map(LifeTable)


def depreciation_policies() -> st.SearchStrategy[DepreciationPolicy]:
    """Depreciation policies (life table and month convention)."""
    return st.builds(DepreciationPolicy, life_tables(), st.sampled_from(MonthConvention))


def depreciation_months() -> st.SearchStrategy[DepreciationMonth]:
    """Schedule rows (any values; for serialization)."""
    return st.builds(
        DepreciationMonth,
        year=st.integers(2000, 2100),
        month=st.integers(1, 12),
        number=st.integers(1, 600),
        amount=_fen(),
        accumulated=_fen(),
        net_book_value=_fen(),
    )


def guardians() -> st.SearchStrategy[Guardian]:
    """Guardians."""
    return st.builds(Guardian, _IDS, _NAMES, st.sampled_from(["父亲", "母亲", "祖父", "监护人"]))


def liable_parties() -> st.SearchStrategy[LiableParty]:
    """Liable parties of every kind, with weights and hardship decisions."""
    weights = st.integers(0, 5)
    hardship = st.just(Hardship.NONE) | st.sampled_from(Hardship)
    students = st.builds(
        lambda pid, name, guardian, minor, weight, relief: LiableParty.student(
            pid,
            name,
            guardian=guardian,
            minor=minor and guardian is not None,
            weight=weight,
            hardship=relief,
        ),
        _IDS,
        _NAMES,
        st.none() | guardians(),
        st.booleans(),
        weights,
        hardship,
    )
    staff = st.builds(
        lambda pid, name, weight, relief: LiableParty.staff(
            pid, name, weight=weight, hardship=relief
        ),
        _IDS,
        _NAMES,
        weights,
        hardship,
    )
    groups = st.builds(
        lambda pid, name, kind, weight: LiableParty(pid, name, kind, weight=weight),
        _IDS,
        _NAMES,
        st.sampled_from([PartyKind.CLASS, PartyKind.UNIT]),
        weights,
    )
    return students | staff | groups


def holders() -> st.SearchStrategy[LiableParty]:
    """Classes and units holding property."""
    return st.builds(
        LiableParty,
        _IDS,
        _NAMES,
        st.sampled_from([PartyKind.CLASS, PartyKind.UNIT]),
    )


def damaged_items(
    acquired: st.SearchStrategy[pendulum.Date] = _ACQUIRED,
) -> st.SearchStrategy[DamagedItem]:
    """Damaged items with consistent quotes (only repairable items have one)."""

    def build(
        asset: AssetValue, extent: Extent, quote: Money, tag: str | None, item_id: str | None
    ) -> DamagedItem:
        return DamagedItem(
            description="物品",
            asset=asset,
            extent=extent,
            repair_quote=quote if extent is Extent.REPAIRABLE else None,
            tag=tag,
            item_id=item_id,
        )

    assets = st.builds(
        AssetValue,
        original_value=_fen(),
        acquired_on=acquired,
        category=st.sampled_from(AssetCategory),
        replacement_cost=st.none() | _fen(),
    )
    return st.builds(
        build,
        assets,
        st.sampled_from(Extent),
        _fen(),
        st.none() | _IDS,
        st.none() | _IDS,
    )


def claims(*, agreed: bool = True, min_parties: int = 0) -> st.SearchStrategy[DamageClaim]:
    """Valid claims: 1–3 items acquired before the incident, ``min_parties``–4 distinct parties.

    Args:
        agreed: Whether some claims carry an agreed amount (up to 1,000 yuan).
        min_parties: The fewest liable parties (at most 4); 2 reaches the splits.
    """

    @st.composite
    def build(draw: st.DrawFn) -> DamageClaim:
        incident = draw(dates(pendulum.Date(2000, 1, 1), pendulum.Date(2035, 12, 31)))
        cause = draw(st.sampled_from(Cause))
        items = draw(
            st.lists(
                damaged_items(dates(pendulum.Date(2000, 1, 1), incident)), min_size=1, max_size=3
            )
        )
        if cause is Cause.NATURAL_WEAR:
            items = [
                attrs.evolve(i, extent=Extent.DESTROYED) if i.extent is Extent.LOST else i
                for i in items
            ]
        parties = draw(
            st.lists(
                liable_parties(), min_size=min_parties, max_size=4, unique_by=lambda p: p.party_id
            ).filter(lambda ps: not ps or any(p.weight for p in ps))
        )
        holder = draw(holders() | st.none())
        agreed_amount = draw(st.none() | _fen(100_000)) if agreed else None
        claim_id = draw(_IDS)
        return DamageClaim(
            claim_id, incident, cause, tuple(items), tuple(parties), holder, agreed_amount
        )

    return build()


def policies() -> st.SearchStrategy[CompensationPolicy]:
    """Random valid policies: any causes but natural wear, multiplier ≤ 1, relief, threshold.

    Half of them keep the default causes and a multiplier of 1, so that most
    generated assessments charge something (the interesting region).
    """
    causes = st.just(DEFAULT_COMPENSABLE_CAUSES) | st.lists(
        st.sampled_from([c for c in Cause if c is not Cause.NATURAL_WEAR])
    )
    return st.builds(
        CompensationPolicy,
        compensable_causes=causes,
        no_one_identified=st.sampled_from(NoOneIdentified),
        value_basis=st.sampled_from(ValueBasis),
        multiplier=st.just(Decimal(1)) | st.decimals(0, 1, places=2),
        hardship_reduction=st.decimals(0, 1, places=2),
        write_off_below=st.just(Money(0)) | _fen(2_000),
        guardian_pays_for_minor=st.booleans(),
        flag_deliberate=st.booleans(),
        depreciation=depreciation_policies(),
    )


def _assessable(claim: DamageClaim, policy: CompensationPolicy) -> Assessment:
    if policy.value_basis is ValueBasis.REPLACEMENT_COST and any(
        item.asset.replacement_cost is None for item in claim.items
    ):
        policy = attrs.evolve(policy, value_basis=ValueBasis.NET_BOOK_VALUE)
    return assess(claim, policy)


def assessments() -> st.SearchStrategy[Assessment]:
    """Assessments of random claims (without agreed amounts) under random policies."""
    return st.builds(_assessable, claims(agreed=False), policies())


def shares() -> st.SearchStrategy[Share]:
    """Shares (any values; for serialization)."""
    return st.builds(
        Share,
        party_id=_IDS,
        party_name=_NAMES,
        party_kind=st.sampled_from(PartyKind),
        minor=st.booleans(),
        payer_id=_IDS,
        payer_name=_NAMES,
        payer_role=st.sampled_from(PayerRole),
        guardian_relation=st.none() | st.just("母亲"),
        hardship=st.sampled_from(Hardship),
        amount=_fen(),
    )


def class_checks() -> st.SearchStrategy[ClassPropertyCheck]:
    """Checks of up to three classes with up to three claims each (distinct ids)."""

    @st.composite
    def build(draw: st.DrawFn) -> ClassPropertyCheck:
        holders_ = draw(st.lists(holders(), max_size=3, unique_by=lambda h: h.party_id))
        findings: list[ClassFindings] = []
        seen: set[str] = set()
        for holder in holders_:
            found = draw(st.lists(claims(agreed=False), max_size=3))
            kept = []
            for claim in found:
                if claim.claim_id not in seen:
                    seen.add(claim.claim_id)
                    kept.append(claim)
            findings.append(ClassFindings(holder, tuple(kept)))
        latest = max(
            (c.incident_on for f in findings for c in f.claims), default=pendulum.Date(2000, 1, 1)
        )
        return ClassPropertyCheck(
            draw(_IDS),
            draw(st.sampled_from(CheckKind)),
            draw(dates(latest, pendulum.Date(2036, 12, 31))),
            tuple(findings),
        )

    return build()


def _check_results() -> st.SearchStrategy[ClassCheckResult]:
    return st.builds(
        run_class_check,
        class_checks(),
        st.just(CompensationPolicy(value_basis=ValueBasis.NET_BOOK_VALUE)),
    )


def damage_records() -> st.SearchStrategy[DamageRecord]:
    """History records, from generated claims and their assessments."""

    def build(claim: DamageClaim) -> st.SearchStrategy[DamageRecord]:
        party = claim.parties[0].party_id if claim.parties else None
        holder = party or (claim.holder.party_id if claim.holder is not None else None)
        if holder is None:
            return st.nothing()
        try:
            assessment = assess(claim)
        except SchoolLogisticsError:
            return st.nothing()
        return st.just(damage_history([claim], [assessment], holder)[0])

    return claims().flatmap(build)


STRATEGIES: Final[StrategyTable] = {
    DamageRecord: damage_records(),
    AssetValue: asset_values(),
    CapitalisedRepair: st.builds(CapitalisedRepair, on=_ACQUIRED, cost=_fen()),
    CategoryLife: category_lives(),
    LifeTable: life_tables(),
    DepreciationPolicy: depreciation_policies(),
    DepreciationMonth: depreciation_months(),
    Guardian: guardians(),
    LiableParty: liable_parties(),
    DamagedItem: damaged_items(),
    DamageClaim: claims(),
    CompensationPolicy: policies(),
    AssessmentLine: assessments().map(lambda a: a.lines[0]),
    Share: shares(),
    RepairOrder: st.builds(
        RepairOrder, _IDS, _NAMES, st.none() | _IDS, _fen(), after_payment=st.booleans()
    ),
    LedgerInstruction: st.builds(
        LedgerInstruction,
        kind=st.sampled_from(LedgerOperation),
        tag=_IDS,
        item_id=st.none() | _IDS,
        reason=st.sampled_from(Extent),
        claim_id=_IDS,
        on=dates(),
    ),
    Assessment: assessments(),
    LedgerPosting: st.builds(
        LedgerPosting,
        instruction=st.builds(
            LedgerInstruction,
            kind=st.sampled_from(LedgerOperation),
            tag=_IDS,
            item_id=st.none() | _IDS,
            reason=st.sampled_from(Extent),
            claim_id=_IDS,
            on=dates(),
        ),
        action=st.sampled_from(PostingAction),
        item_id=_IDS,
        location_id=_IDS,
        from_pool=st.booleans(),
    ),
    ClassFindings: st.builds(
        ClassFindings, holders(), st.lists(claims(), max_size=2, unique_by=lambda c: c.claim_id)
    ),
    ClassPropertyCheck: class_checks(),
    ClassSummary: st.builds(
        ClassSummary,
        holder_id=_IDS,
        holder_name=_NAMES,
        claims=st.integers(0, 50),
        loss=_fen(),
        total=_fen(),
        repairs=st.integers(0, 50),
    ),
    ClassCheckResult: _check_results(),
}
"""One strategy per serializable public type of the area."""
