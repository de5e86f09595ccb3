"""AS-10: the fixed-asset threshold per category, the 2012 profile and the bulk clause.

Issue 14, point 5: a large batch of durable like-kind items (student desks bought by the
hundred) is managed as fixed assets below the unit threshold, so the student-furniture
life applies when one is damaged; the threshold can differ per category.
"""

from __future__ import annotations

import decimal

import attrs
import pendulum
import pytest
from hypothesis import given
from hypothesis import strategies as st

from schoollogistics.assets import (
    AssetLedger,
    BulkClause,
    FixedAssetThreshold,
    HolderKind,
    ItemKind,
    LedgerPolicy,
    PlaceKind,
)
from schoollogistics.assets.errors import (
    InvalidCategoryError,
    InvalidLedgerPolicyError,
    InvalidQuantityError,
)
from schoollogistics.compensation import Cause, LiableParty, assess, claim_from_loss_report
from schoollogistics.core import AssetCategory, AssetClass, Money

from .test_assets_ledger import refused

CLERK = "t-li"
D = pendulum.Date(2023, 8, 1)
RECEIVED = pendulum.Date(2023, 8, 20)
SPECIAL = AssetClass.SPECIAL_EQUIPMENT.categories
BULK = BulkClause().categories


def _ledger(policy: LedgerPolicy | None = None) -> AssetLedger:
    led = AssetLedger(policy)
    led.register_place("store", "总务库房", PlaceKind.STOREROOM, custodian_id=CLERK, on=D, by=CLERK)
    led.register_holder("class-32", "三(2)班", HolderKind.CLASS, on=D, by=CLERK)
    return led


# ---------------------------------------------------------------- examples


@pytest.mark.rule("AS-10")
def test_every_category_has_one_class_except_consumables_and_nominal_amounts() -> None:
    unclassed = {c for c in AssetCategory if c.asset_class is None}
    assert unclassed == {AssetCategory.CONSUMABLES, AssetCategory.NOMINAL_VALUE_ASSETS}
    assert AssetCategory.STUDENT_FURNITURE.asset_class is AssetClass.FURNITURE_AND_FITTINGS
    assert AssetCategory.SPORTS_EQUIPMENT in SPECIAL
    assert AssetCategory.INSTRUMENTS not in SPECIAL  # 仪器仪表 is general equipment
    assert AssetClass.SPECIAL_EQUIPMENT.label_zh == "专用设备"
    assert sum(len(k.categories) for k in AssetClass) == len(AssetCategory) - 2


@pytest.mark.rule("AS-10")
def test_the_2012_profile_sets_1500_for_special_equipment_only() -> None:
    legacy = FixedAssetThreshold.legacy_2012()
    for category in AssetCategory:
        expected = Money(1500) if category in SPECIAL else Money(1000)
        assert legacy.minimum_for(category) == expected
    sports = AssetCategory.SPORTS_EQUIPMENT
    assert legacy.classify(Money("1200"), category=sports) is ItemKind.CONSUMABLE
    assert legacy.classify(Money("1500"), category=sports) is ItemKind.FIXED_ASSET
    desk = AssetCategory.FURNITURE
    assert legacy.classify(Money("1200"), category=desk) is ItemKind.FIXED_ASSET
    # The default: one threshold for all, 1000 yuan.
    assert FixedAssetThreshold().classify(Money("1200"), category=sports) is ItemKind.FIXED_ASSET


@pytest.mark.rule("AS-10")
def test_student_desks_bought_by_the_hundred_are_booked_as_fixed_assets() -> None:
    led = _ledger()
    led.register_item(
        "desk",
        "学生课桌",
        unit="张",
        unit_cost="300.00",
        category=AssetCategory.STUDENT_FURNITURE,
        batch_quantity=400,
        on=D,
        by=CLERK,
    )
    desk = led.item("desk")
    assert desk.kind is ItemKind.BULK_FIXED_ASSET
    assert desk.fixed_asset
    assert not desk.tracked  # counted by quantity, no tags
    assert desk.category is AssetCategory.STUDENT_FURNITURE
    led.receive("desk", "store", 400, acceptor=CLERK, supplier="家具厂", on=RECEIVED, by=CLERK)
    led.issue("desk", "store", "class-32", 45, on=pendulum.Date(2023, 9, 1), by=CLERK)
    led.report_damage("desk", "class-32", 1, on=pendulum.Date(2025, 10, 9), by=CLERK)
    (report,) = led.loss_reports()
    assert report.category is AssetCategory.STUDENT_FURNITURE
    claim = claim_from_loss_report(
        report,
        claim_id="PC-1",
        cause=Cause.NEGLIGENT,
        parties=(LiableParty.school_class("class-32", "三(2)班"),),
        repair_quote=Money("500.00"),
    )
    (line,) = assess(claim).lines
    # The student-furniture life (5 years) applies: 300.00 over 60 months is 5.00 a month.
    assert line.life_months == 60
    assert line.monthly_depreciation == Money("5.00")
    assert line.net_book_value == Money("300.00") - Money("5.00") * line.months_elapsed
    assert line.months_elapsed > 0
    # The repair is capped at the value (DC-4), which the life made lower than the cost.
    assert line.cap_applied
    assert line.loss == line.net_book_value


@pytest.mark.rule("AS-10")
def test_a_small_batch_or_an_uncovered_category_stays_below_the_clause() -> None:
    led = _ledger()
    furniture = AssetCategory.STUDENT_FURNITURE
    # 49 desks: not a bulk batch under the default of 50; filing them under a
    # depreciation category is refused, as for any consumable.
    refused(
        led,
        InvalidCategoryError,
        lambda: led.register_item(
            "desk", "课桌", unit="张", unit_cost="300", category=furniture, batch_quantity=49,
            on=D, by=CLERK,
        ),
    )  # fmt: skip
    # Computers are not on the bulk list: a lab's 60 cheap keyboards are consumables.
    computers = AssetCategory.COMPUTERS
    kind = FixedAssetThreshold().classify(Money("80"), category=computers, batch_quantity=60)
    assert kind is ItemKind.CONSUMABLE
    # An explicit bulk kind outside the list is refused too.
    refused(
        led,
        InvalidCategoryError,
        lambda: led.register_item(
            "kb", "键盘", unit="个", unit_cost="80", category=computers,
            kind=ItemKind.BULK_FIXED_ASSET, on=D, by=CLERK,
        ),
    )  # fmt: skip
    # A bulk kind without a depreciation category is refused.
    refused(
        led,
        InvalidCategoryError,
        lambda: led.register_item(
            "chair", "椅子", unit="把", unit_cost="80", kind=ItemKind.BULK_FIXED_ASSET,
            on=D, by=CLERK,
        ),
    )  # fmt: skip
    # Items lasting a year or less are never fixed assets.
    short = FixedAssetThreshold().classify(
        Money("300"), category=furniture, batch_quantity=400, lasts_over_a_year=False
    )
    assert short is ItemKind.CONSUMABLE
    # A batch quantity is a positive whole number.
    refused(
        led,
        InvalidQuantityError,
        lambda: led.register_item(
            "stool", "凳子", unit="张", unit_cost="30", category=furniture, batch_quantity=0,
            on=D, by=CLERK,
        ),
    )  # fmt: skip


@pytest.mark.rule("AS-10")
def test_the_bulk_clause_is_configurable() -> None:
    furniture = AssetCategory.FURNITURE
    off = FixedAssetThreshold(bulk=BulkClause(enabled=False))
    assert off.classify(Money("300"), category=furniture, batch_quantity=400) is (
        ItemKind.CONSUMABLE
    )
    by_value = FixedAssetThreshold(bulk=BulkClause(min_total_value=Money(100_000)))
    assert by_value.classify(Money("300"), category=furniture, batch_quantity=300) is (
        ItemKind.CONSUMABLE
    )  # 90,000 yuan
    assert by_value.classify(Money("300"), category=furniture, batch_quantity=334) is (
        ItemKind.BULK_FIXED_ASSET
    )  # 100,200 yuan
    small = FixedAssetThreshold(bulk=BulkClause(min_quantity=10))
    assert small.classify(Money("300"), category=furniture, batch_quantity=10) is (
        ItemKind.BULK_FIXED_ASSET
    )
    books = AssetCategory.BOOKS_AND_ARCHIVES
    only_books = FixedAssetThreshold(bulk=BulkClause(categories=frozenset({books})))
    assert only_books.classify(Money("30"), category=books, batch_quantity=500) is (
        ItemKind.BULK_FIXED_ASSET
    )
    assert only_books.classify(Money("300"), category=furniture, batch_quantity=500) is (
        ItemKind.CONSUMABLE
    )
    # The ledger's guard reads the policy: with the clause off, an explicit bulk kind is refused.
    led = _ledger(LedgerPolicy(threshold=off))
    refused(
        led,
        InvalidCategoryError,
        lambda: led.register_item(
            "desk", "课桌", unit="张", unit_cost="300", category=furniture,
            kind=ItemKind.BULK_FIXED_ASSET, on=D, by=CLERK,
        ),
    )  # fmt: skip


@pytest.mark.rule("AS-10")
@pytest.mark.parametrize(
    "build",
    [
        lambda: FixedAssetThreshold(min_unit_value=Money(0)),
        lambda: FixedAssetThreshold(min_unit_value=Money("-1")),
        lambda: FixedAssetThreshold(per_category=[(AssetCategory.CONSUMABLES, Money(1500))]),
        lambda: FixedAssetThreshold(
            per_category=[(AssetCategory.VEHICLES, Money(1)), (AssetCategory.VEHICLES, Money(2))]
        ),
        lambda: FixedAssetThreshold(per_category=[(AssetCategory.VEHICLES, Money(0))]),
        lambda: FixedAssetThreshold(
            per_category=[("vehicles", Money(1500))]  # type: ignore[list-item]  # a wrong key on purpose
        ),
        lambda: BulkClause(min_quantity=1),
        lambda: BulkClause(min_quantity=True),
        lambda: BulkClause(categories=frozenset({AssetCategory.NOMINAL_VALUE_ASSETS})),
        lambda: BulkClause(min_total_value=Money(0)),
    ],
)
def test_impossible_thresholds_are_refused(build: object) -> None:
    with pytest.raises(InvalidLedgerPolicyError) as info:
        build()  # type: ignore[operator]  # a zero-argument lambda
    assert info.value.code == "assets.invalid_policy"
    assert info.value.message_zh


# ---------------------------------------------------------------- properties

_COSTS = st.decimals(min_value=0, max_value=5000, places=2).map(Money)
_BATCH = st.none() | st.integers(min_value=1, max_value=1000)
_THRESHOLDS = st.sampled_from(
    [
        FixedAssetThreshold(),
        FixedAssetThreshold.legacy_2012(),
        FixedAssetThreshold(bulk=BulkClause(min_quantity=2, min_total_value=Money(5000))),
    ]
)


@pytest.mark.rule("AS-10")
@given(_THRESHOLDS, _COSTS, st.sampled_from(list(AssetCategory)), _BATCH, st.booleans())
def test_classification_follows_the_rule(
    threshold: FixedAssetThreshold,
    cost: Money,
    category: AssetCategory,
    batch: int | None,
    lasts: bool,
) -> None:
    """The kind is the rule's, read literally, for every category, cost and batch."""
    kind = threshold.classify(
        cost, category=category, lasts_over_a_year=lasts, batch_quantity=batch
    )
    reaches = cost.amount >= threshold.minimum_for(category).amount
    bulk = threshold.bulk
    in_bulk = (
        category in bulk.categories
        and batch is not None
        and batch >= bulk.min_quantity
        and (bulk.min_total_value is None or cost.amount * batch >= bulk.min_total_value.amount)
    )
    if not lasts:
        assert kind is ItemKind.CONSUMABLE
    elif reaches:
        assert kind is ItemKind.FIXED_ASSET
    else:
        assert kind is (ItemKind.BULK_FIXED_ASSET if in_bulk else ItemKind.CONSUMABLE)
    # A larger batch never turns a fixed asset back into a consumable.
    if batch is not None and kind is not ItemKind.CONSUMABLE:
        bigger = threshold.classify(
            cost, category=category, lasts_over_a_year=lasts, batch_quantity=batch + 1
        )
        assert bigger is kind


@pytest.mark.rule("AS-10")
@given(_THRESHOLDS, _COSTS, st.sampled_from(list(AssetCategory)), _BATCH)
def test_the_ledger_accepts_exactly_what_the_threshold_classifies(
    threshold: FixedAssetThreshold, cost: Money, category: AssetCategory, batch: int | None
) -> None:
    """Registration classifies like the policy; it refuses only a consumable filed under a
    depreciation category (or a fixed asset under none), and a refusal changes nothing."""
    led = _ledger(attrs.evolve(LedgerPolicy(), threshold=threshold))
    kind = threshold.classify(cost, category=category, batch_quantity=batch)
    fixed = kind is not ItemKind.CONSUMABLE
    consistent = fixed is (category is not AssetCategory.CONSUMABLES)

    def register() -> object:
        return led.register_item(
            "x", "物品", unit="个", unit_cost=cost, category=category, batch_quantity=batch,
            on=D, by=CLERK,
        )  # fmt: skip

    if consistent:
        register()
        assert led.item("x").kind is kind
        assert led.item("x").fixed_asset is fixed
    else:
        refused(led, InvalidCategoryError, register)


@pytest.mark.rule("AS-10")
def test_the_bulk_value_is_computed_exactly_whatever_the_callers_context() -> None:
    # 333 × 300.30 = 99,999.90 yuan: below the 100,000 of the clause; a caller's
    # three-digit context would round the product up to 1.00E+5 and book the batch.
    by_value = FixedAssetThreshold(bulk=BulkClause(min_total_value=Money(100_000)))
    furniture = AssetCategory.FURNITURE
    with decimal.localcontext(decimal.Context(prec=3)):
        kind = by_value.classify(Money("300.30"), category=furniture, batch_quantity=333)
    assert kind is ItemKind.CONSUMABLE
