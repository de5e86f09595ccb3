"""CN-5 … CN-9: banned foods, 陪餐, tasting, the two meal accounts and their publication, logs."""

from __future__ import annotations

from decimal import Decimal

import pytest

from schoollogistics.canteen import (
    NATIONAL_BANNED,
    Accompaniment,
    Account,
    Canteen,
    CanteenPolicy,
    CostKind,
    LogWaste,
    MealExpense,
    MealIncome,
    PostExpense,
    ReceiveLot,
    RecordAccompaniment,
    RecordTasting,
    ServeMeal,
    Tasting,
    WasteRemoval,
    WithholdDish,
    Withholding,
    meal_statement,
    render_meal_accounts_notice,
)
from schoollogistics.canteen.errors import (
    BannedFoodError,
    CollectorNotApprovedError,
    DuplicateCanteenIdError,
    InvalidCanteenRecordError,
    PupilAccountMisuseError,
    UnknownCanteenIdError,
)
from schoollogistics.core.money import Money
from schoollogistics.core.time import DateRange
from schoollogistics.errors import FieldTypeError
from schoollogistics.food_samples import Meal, RetentionPolicy
from schoollogistics.food_samples import audit as food_samples_audit
from schoollogistics.testing.canteen import simulate_canteen

from ._build import D, at, inspection, lot, menu

DAY = D(2025, 9, 1)


@pytest.mark.rule("CN-5")
def test_the_national_list_and_provincial_additions() -> None:
    assert set(NATIONAL_BANNED) == {
        "cold_meat",
        "raw_food",
        "decorated_cream_cake",
        "green_beans",
        "fresh_day_lily",
        "wild_mushroom",
        "sprouted_potato",
    }
    policy = CanteenPolicy(additional_banned=("raw_oysters",))
    assert policy.banned == frozenset(NATIONAL_BANNED) | {"raw_oysters"}
    canteen = Canteen("c1", policy=policy)
    with pytest.raises(BannedFoodError) as caught:
        canteen.execute(ServeMeal(menu(DAY, (("米饭", ()), ("干煸四季豆", ("green_beans",))))))
    assert "四季豆" in caught.value.message_zh
    with pytest.raises(BannedFoodError):
        canteen.execute(ServeMeal(menu(DAY, (("生蚝", ("raw_oysters",)),))))
    with pytest.raises(BannedFoodError):
        canteen.execute(
            ReceiveLot(lot("m", D(2025, 9, 9), categories=("wild_mushroom",)), inspection("m", DAY))
        )
    assert canteen.version == 0


@pytest.mark.rule("CN-5")
def test_menu_dishes_match_the_meal() -> None:
    good = menu(DAY, (("米饭", ()),))
    with pytest.raises(InvalidCanteenRecordError):
        type(good)(good.meal, ())


@pytest.mark.rule("CN-6", "CN-7")
def test_tasting_and_accompaniment_are_for_recorded_meals() -> None:
    canteen = Canteen("c1")
    served = menu(DAY, (("米饭", ()), ("青菜", ("vegetable",))))
    canteen.execute(ServeMeal(served))
    meal_id = served.meal.meal_id
    canteen.execute(
        RecordTasting(Tasting(meal_id=meal_id, dish="米饭", taster="校长", at=at(DAY, 11)))
    )
    with pytest.raises(UnknownCanteenIdError):
        canteen.execute(
            RecordTasting(Tasting(meal_id=meal_id, dish="红烧肉", taster="校长", at=at(DAY, 11)))
        )
    with pytest.raises(UnknownCanteenIdError):
        canteen.execute(
            RecordAccompaniment(Accompaniment(meal_id="x", leader="校长", observations="好"))
        )
    canteen.execute(
        RecordAccompaniment(Accompaniment(meal_id=meal_id, leader="副校长", observations="良好"))
    )
    assert canteen.log().meals == (served.meal,)


@pytest.mark.rule("CN-7")
def test_a_dish_that_failed_tasting_is_withheld() -> None:
    canteen = Canteen("c1")
    served = menu(DAY, (("米饭", ()), ("青菜", ("vegetable",))))
    canteen.execute(ServeMeal(served))
    meal_id = served.meal.meal_id
    canteen.execute(
        RecordTasting(
            Tasting(meal_id=meal_id, dish="青菜", taster="校长", at=at(DAY, 11), passed=False)
        )
    )
    held = Withholding(
        meal_id=meal_id, dish="青菜", by="食堂主任", at=at(DAY, 11, 5), reason="未熟透"
    )
    canteen.execute(WithholdDish(held))
    assert canteen.log().withholdings == (held,)
    before = canteen.state()
    with pytest.raises(DuplicateCanteenIdError):
        canteen.execute(WithholdDish(held))
    with pytest.raises(UnknownCanteenIdError):
        canteen.execute(
            WithholdDish(
                Withholding(meal_id=meal_id, dish="红烧肉", by="甲", at=at(DAY, 11), reason="x")
            )
        )
    with pytest.raises(UnknownCanteenIdError):
        canteen.execute(
            WithholdDish(
                Withholding(meal_id="nope", dish="青菜", by="甲", at=at(DAY, 11), reason="x")
            )
        )
    assert canteen.state() == before


@pytest.mark.rule("CN-8")
def test_pupil_fees_pay_pupil_meals_only() -> None:
    canteen = Canteen("c1")
    expense = MealExpense(
        entry_id="e1",
        account=Account.PUPIL,
        on=DAY,
        amount=Money("300"),
        kind=CostKind.STAFF_MEALS,
        description="教师午餐",
    )
    with pytest.raises(PupilAccountMisuseError) as caught:
        canteen.execute(PostExpense(expense))
    assert "专款专用" in caught.value.message_zh
    canteen.execute(
        PostExpense(
            MealExpense(
                entry_id="e1",
                account=Account.STAFF,
                on=DAY,
                amount=Money("300"),
                kind=CostKind.STAFF_MEALS,
                description="教师午餐",
            )
        )
    )


@pytest.mark.rule("CN-8")
def test_monthly_statement_and_its_notice() -> None:
    incomes = [
        MealIncome(
            entry_id="i0",
            account=Account.PUPIL,
            on=D(2025, 8, 30),
            amount=Money("100"),
            description="上月",
        ),
        MealIncome(
            entry_id="i1",
            account=Account.PUPIL,
            on=DAY,
            amount=Money("12000"),
            description="伙食费",
        ),
        MealIncome(
            entry_id="i2",
            account=Account.STAFF,
            on=DAY,
            amount=Money("3000.50"),
            description="教师餐费",
        ),
    ]
    expenses = [
        MealExpense(
            entry_id="e1",
            account=Account.PUPIL,
            on=D(2025, 9, 30),
            amount=Money("11800.25"),
            kind=CostKind.PUPIL_MEALS,
            description="食材",
        ),
    ]
    statement = meal_statement("某某小学", 2025, 9, incomes, expenses)
    pupil, staff = statement.lines
    assert (pupil.opening, pupil.income, pupil.spending, pupil.closing) == (
        Money(100),
        Money(12000),
        Money("11800.25"),
        Money("299.75"),
    )
    assert staff.closing == Money("3000.50")
    text = render_meal_accounts_notice(statement)
    assert text.startswith("某某小学2025年9月伙食账目公示")
    assert "本月收入：12000.00 元（壹万贰仟元整）" in text
    assert "本月结余：299.75 元（贰佰玖拾玖元柒角伍分）" in text


@pytest.mark.rule("CN-9")
def test_waste_goes_only_to_approved_collectors() -> None:
    removal = WasteRemoval(
        removal_id="w1", day=DAY, kind="餐厨垃圾", kilograms=Decimal("3.5"), collector="路人甲"
    )
    # No list entered (the default): the removal is not checked against one.
    assert CanteenPolicy().approved_collectors is None
    Canteen("c0").execute(LogWaste(removal))
    # A list entered, even an empty one, is enforced.
    with pytest.raises(CollectorNotApprovedError):
        Canteen("c1", policy=CanteenPolicy(approved_collectors=())).execute(LogWaste(removal))
    with pytest.raises(CollectorNotApprovedError):
        Canteen("c1", policy=CanteenPolicy(approved_collectors=("某环保公司",))).execute(
            LogWaste(removal)
        )
    Canteen("c2", policy=CanteenPolicy(approved_collectors=("路人甲",))).execute(LogWaste(removal))
    with pytest.raises(FieldTypeError):
        CanteenPolicy(approved_collectors="路人甲")  # a str, not a list of names
    with pytest.raises(InvalidCanteenRecordError):
        WasteRemoval(removal_id="w1", day=DAY, kind="x", kilograms=Decimal(-1), collector="甲")


def test_one_days_meals_feed_both_audits() -> None:
    """The canteen's meals are the food-sample area's records: the same objects, both audits."""
    canteen, days = simulate_canteen(days=1)
    log = canteen.log()
    period = DateRange(days.days[0], days.days[-1])
    assert canteen.audit(period, serving_days=days) == ()
    meals = log.meals
    assert meals
    assert all(type(meal) is Meal for meal in meals)
    unsampled = food_samples_audit(meals, (), (), (), RetentionPolicy(), period)
    dishes = {f"{meal.meal_id}/{dish}" for meal in meals for dish in meal.dishes}
    assert {v.subject for v in unsampled} == dishes  # every dish of the day lacks its sample
    assert {v.rule for v in unsampled} == {"FS-1"}
