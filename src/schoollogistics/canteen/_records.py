"""The records of canteen operations (CN-1 … CN-9): fees, lots, handlers, menus, accounts, logs.

Every record is a frozen attrs class with plain typed fields, so that records
exported by another system (a 阳光食堂 platform, a spreadsheet) load with
[`from_dict`][schoollogistics.serialization.from_dict] and can be audited. The
meals are the food-sample area's own
[`Meal`][schoollogistics.food_samples.Meal] records: one day's meals feed both
the food-sample audit and this one.
"""

from __future__ import annotations

import bisect
import enum
from collections.abc import Iterable
from decimal import Decimal
from typing import Final, Protocol

import attrs
import pendulum

from schoollogistics.canteen.errors import InvalidCanteenRecordError
from schoollogistics.core.ids import require_id
from schoollogistics.core.money import Money, non_negative, to_decimal
from schoollogistics.core.shapes import checked_fields
from schoollogistics.core.time import as_date, as_datetime
from schoollogistics.errors import Phrase
from schoollogistics.food_samples import Meal

__all__ = [
    "CERTIFICATE_ZH",
    "Accompaniment",
    "Account",
    "AccountLine",
    "CanteenLog",
    "Certificate",
    "Clearance",
    "CostKind",
    "DishInfo",
    "Disinfection",
    "DisinfectionTarget",
    "Draw",
    "HealthCertificate",
    "Inspection",
    "IssueRecord",
    "Leave",
    "Lot",
    "LotDisposal",
    "MealExpense",
    "MealFeePayment",
    "MealIncome",
    "MealStatement",
    "Menu",
    "MorningCheck",
    "Publication",
    "RecordsPurge",
    "Refund",
    "RefundPaid",
    "RosterEntry",
    "ServingDays",
    "StoreroomCheck",
    "Supplier",
    "Symptom",
    "Tasting",
    "WasteRemoval",
    "Withholding",
]


MAX_DISHES: Final = 100
"""The most dishes a menu lists (a meal has a few; a bound keeps hostile input cheap)."""
MAX_CATEGORIES: Final = 20
"""The most food categories a dish or lot carries."""


def _invalid(reason: Phrase, record: str, field: str) -> InvalidCanteenRecordError:
    return InvalidCanteenRecordError(record=record, field=field, reason=reason)


def _id(value: object) -> str:
    return require_id(value, field="id")


def _optional_id(value: object) -> str | None:
    return None if value is None else require_id(value, field="id")


def _ids(value: Iterable[object]) -> tuple[str, ...]:
    return tuple(require_id(item, field="ids") for item in value)


def _day(value: object) -> pendulum.Date:
    return as_date(value, field="day")


def _optional_day(value: object) -> pendulum.Date | None:
    return None if value is None else as_date(value, field="day")


def _moment(value: object) -> pendulum.DateTime:
    return as_datetime(value, field="at")


def _amount(value: object) -> Money:
    return non_negative(value, field="amount")  # type: ignore[arg-type]  # refused if not money


def _optional_amount(value: object) -> Money | None:
    return None if value is None else _amount(value)


def _days(value: Iterable[object]) -> tuple[pendulum.Date, ...]:
    return tuple(sorted({as_date(day, field="days") for day in value}))


def _kilograms(value: object) -> Decimal:
    amount = to_decimal(value, field="kilograms")
    if amount < 0:
        raise _invalid(Phrase("negative quantity", "数量为负"), "WasteRemoval", "kilograms")
    return amount


# ---------------------------------------------------------------- serving days (CN-1)


class _HasSchoolDays(Protocol):
    def school_days(
        self, start: pendulum.Date, end: pendulum.Date, /
    ) -> tuple[pendulum.Date, ...]: ...


@attrs.frozen(field_transformer=checked_fields())
class ServingDays:
    """The days the canteen served: school days (CA-1, CA-2, CA-5) with service (CN-1).

    An explicit, serializable set of days rather than a live calendar, as the
    repairs area's ``SchoolDays``: build it from the calendar area with
    [`from_calendar`][schoollogistics.canteen.ServingDays.from_calendar], which
    counts make-up working days (调休上班日) and leaves out weekends, public
    holidays and vacations.

    Attributes:
        days: The serving days, sorted, each once.
    """

    days: tuple[pendulum.Date, ...] = attrs.field(converter=_days)

    @classmethod
    def from_calendar(
        cls,
        calendar: _HasSchoolDays,
        start: pendulum.Date,
        end: pendulum.Date,
        *,
        closed: Iterable[pendulum.Date] = (),
    ) -> ServingDays:
        """The school days of a ``SchoolCalendar`` from ``start`` to ``end``, less ``closed``.

        Args:
            calendar: The school calendar (``SchoolCalendar.school_days``).
            start: The first day.
            end: The last day (inclusive).
            closed: School days on which the canteen did not serve (CN-1).
        """
        shut = {as_date(day, field="closed") for day in closed}
        return cls(tuple(day for day in calendar.school_days(start, end) if day not in shut))

    def between(self, start: pendulum.Date, end: pendulum.Date) -> tuple[pendulum.Date, ...]:
        """The serving days from ``start`` to ``end`` inclusive."""
        low = bisect.bisect_left(self.days, start)
        high = bisect.bisect_right(self.days, end)
        return self.days[low:high]

    def __contains__(self, day: object) -> bool:
        if not isinstance(day, pendulum.Date):
            return False
        index = bisect.bisect_left(self.days, day)
        return index < len(self.days) and self.days[index] == day


# ---------------------------------------------------------------- meal fees (CN-1)


@attrs.frozen(kw_only=True, field_transformer=checked_fields())
class MealFeePayment:
    """A pupil's paid meal fee (伙食费) for a period (a term, by default) (CN-1).

    Attributes:
        payment_id: The payment's id (收费单号).
        pupil_id: The pupil.
        pupil_name: The pupil's name, as on the refund list.
        class_name: The pupil's class (班级).
        start: The first day the fee covers.
        end: The last day it covers (inclusive).
        paid: What was paid (not negative).
    """

    payment_id: str = attrs.field(converter=_id)
    pupil_id: str = attrs.field(converter=_id)
    pupil_name: str = attrs.field(converter=_id)
    class_name: str = attrs.field(converter=_id)
    start: pendulum.Date = attrs.field(converter=_day)
    end: pendulum.Date = attrs.field(converter=_day)
    paid: Money = attrs.field(converter=_amount)

    def __attrs_post_init__(self) -> None:
        if self.end < self.start:
            raise _invalid(
                Phrase("the period ends before it starts", "结束日早于开始日"),
                "MealFeePayment",
                "end",
            )
        if not self.paid.is_fen_exact:
            raise _invalid(
                Phrase("not a whole number of fen", "金额须精确到分"), "MealFeePayment", "paid"
            )


@attrs.frozen(kw_only=True, field_transformer=checked_fields())
class Leave:
    """A recorded leave (请假登记) of a pupil, whole days from ``start`` to ``end`` (CN-1).

    Attributes:
        leave_id: The leave's id.
        pupil_id: The pupil.
        start: The first day of leave.
        end: The last day of leave (inclusive).
        half_days: Days of the range that were half-day leave only: they do not
            count (CN-1: half days do not count).
    """

    leave_id: str = attrs.field(converter=_id)
    pupil_id: str = attrs.field(converter=_id)
    start: pendulum.Date = attrs.field(converter=_day)
    end: pendulum.Date = attrs.field(converter=_day)
    half_days: tuple[pendulum.Date, ...] = attrs.field(default=(), converter=_days)

    def __attrs_post_init__(self) -> None:
        if self.end < self.start:
            raise _invalid(
                Phrase("the leave ends before it starts", "请假结束日早于开始日"), "Leave", "end"
            )
        if any(not self.start <= day <= self.end for day in self.half_days):
            raise _invalid(
                Phrase("a half day outside the leave", "半天假不在请假期间内"), "Leave", "half_days"
            )


@attrs.frozen(kw_only=True, field_transformer=checked_fields())
class Refund:
    """The meal-fee refund of one payment (退费) (CN-1), as computed.

    Attributes:
        payment_id: The payment refunded.
        pupil_id: The pupil.
        pupil_name: The pupil's name.
        class_name: The pupil's class.
        paid: What was paid.
        serving_days: The serving days the payment covers.
        days: The days of leave refunded (serving days of whole-day leave).
        amount: The refund, rounded half-up to the fen once (never above ``paid``).
    """

    payment_id: str = attrs.field(converter=_id)
    pupil_id: str = attrs.field(converter=_id)
    pupil_name: str = attrs.field(converter=_id)
    class_name: str = attrs.field(converter=_id)
    paid: Money = attrs.field(converter=_amount)
    serving_days: int = attrs.field(metadata={"minimum": 0})
    days: tuple[pendulum.Date, ...] = attrs.field(converter=_days)
    amount: Money = attrs.field(converter=_amount)


@attrs.frozen(kw_only=True, field_transformer=checked_fields())
class RefundPaid:
    """A refund actually paid out (退费发放), for the audit to compare (CN-1).

    Attributes:
        payment_id: The payment refunded.
        paid_on: When it was paid.
        amount: The amount paid out.
    """

    payment_id: str = attrs.field(converter=_id)
    paid_on: pendulum.Date = attrs.field(converter=_day)
    amount: Money = attrs.field(converter=_amount)


# ---------------------------------------------------------------- the storeroom (CN-2, CN-4)


class Certificate(enum.Enum):
    """A certificate seen at inbound inspection (索证索票) (CN-4). The value is the key."""

    SUPPLIER_LICENCE = "supplier_licence"
    """供货者许可证 (the supplier's licence)."""
    INSPECTION = "inspection"
    """检验合格证明 (product inspection certificate)."""
    QUARANTINE = "quarantine"
    """检疫合格证明 (quarantine certificate, meat)."""
    INVOICE = "invoice"
    """发票或随货清单 (invoice or delivery note)."""


CERTIFICATE_ZH: Final = {
    Certificate.SUPPLIER_LICENCE: "供货者许可证",
    Certificate.INSPECTION: "检验合格证明",
    Certificate.QUARANTINE: "检疫合格证明",
    Certificate.INVOICE: "发票或随货清单",
}
"""The Chinese name of each certificate."""


def _certificates(value: Iterable[object]) -> tuple[Certificate, ...]:
    found: list[Certificate] = []
    for item in value:
        try:
            found.append(Certificate(item.value if isinstance(item, Certificate) else item))
        except ValueError:
            raise _invalid(
                Phrase("{value!r} is not a certificate", "「{value}」不是证照类型", value=item),
                "Inspection",
                "certificates",
            ) from None
    return tuple(sorted(set(found), key=lambda c: c.value))


@attrs.frozen(kw_only=True, field_transformer=checked_fields())
class Supplier:
    """The supplier of a delivery (供货者) (CN-4).

    Attributes:
        name: Its name.
        address: Its address.
        contact: A contact (telephone).
    """

    name: str = attrs.field(converter=_id)
    address: str = attrs.field(converter=_id)
    contact: str = attrs.field(converter=_id)


def _categories(value: Iterable[object]) -> tuple[str, ...]:
    return tuple(sorted({require_id(item, field="categories") for item in value}))


@attrs.frozen(kw_only=True, field_transformer=checked_fields())
class Lot:
    """A lot of food received into the storeroom (CN-2, CN-4).

    Attributes:
        lot_id: The lot's id (批次号 of the storeroom).
        product: The product name (品名), the key issues draw on.
        specification: Its specification (规格).
        quantity: How many units were received (at least 1).
        unit: The unit (``"kg"``, ``"袋"``).
        production_date: The production date, if stated.
        batch: The producer's batch number, if stated (one of the two is required).
        expiry: The last day it may be used (CN-2: usable through this day).
        shelf_life_stated: Whether the label states a shelf life (CN-4 retention).
        producer: The producer (required for bulk food, 散装).
        bulk: Whether it is bulk food (散装).
        supplier: The supplier.
        categories: The product's food categories (CN-5 keys such as ``"wild_mushroom"``).
        needs_quarantine: Whether the law requires a quarantine certificate (meat).
    """

    lot_id: str = attrs.field(converter=_id)
    product: str = attrs.field(converter=_id)
    specification: str = attrs.field(converter=_id)
    quantity: int = attrs.field(metadata={"minimum": 1})
    unit: str = attrs.field(converter=_id)
    production_date: pendulum.Date | None = attrs.field(default=None, converter=_optional_day)
    batch: str | None = attrs.field(default=None, converter=_optional_id)
    expiry: pendulum.Date = attrs.field(converter=_day)
    shelf_life_stated: bool = True
    producer: str | None = attrs.field(default=None, converter=_optional_id)
    bulk: bool = False
    supplier: Supplier
    categories: tuple[str, ...] = attrs.field(
        default=(), converter=_categories, metadata={"max_items": MAX_CATEGORIES}
    )
    needs_quarantine: bool = False

    def __attrs_post_init__(self) -> None:
        if self.production_date is None and self.batch is None:
            raise _invalid(
                Phrase("neither production date nor batch", "未注明生产日期或批号"),
                "Lot",
                "production_date",
            )
        if self.production_date is not None and self.expiry < self.production_date:
            raise _invalid(
                Phrase("expires before it was made", "保质期早于生产日期"), "Lot", "expiry"
            )
        if self.bulk and self.producer is None:
            raise _invalid(
                Phrase("bulk food names its producer", "散装食品须注明生产者"), "Lot", "producer"
            )


@attrs.frozen(kw_only=True, field_transformer=checked_fields())
class Inspection:
    """The inbound inspection record of a lot (进货查验记录) (CN-4).

    Attributes:
        lot_id: The lot inspected.
        delivered_on: The delivery date.
        accepted_by: Who signed acceptance ("谁签字谁负责"), one or two people.
        certificates: The certificates seen.
        three_no: Whether the product is a 三无 product (no name, producer or date).
    """

    lot_id: str = attrs.field(converter=_id)
    delivered_on: pendulum.Date = attrs.field(converter=_day)
    accepted_by: tuple[str, ...] = attrs.field(converter=_ids, metadata={"max_items": 10})
    certificates: tuple[Certificate, ...] = attrs.field(
        converter=_certificates, metadata={"max_items": 20}
    )
    three_no: bool = False


@attrs.frozen(field_transformer=checked_fields())
class Draw:
    """What one issue took from one lot (CN-2).

    Attributes:
        lot_id: The lot.
        quantity: How many units (at least 1).
    """

    lot_id: str = attrs.field(converter=_id)
    quantity: int = attrs.field(metadata={"minimum": 1})


@attrs.frozen(kw_only=True, field_transformer=checked_fields())
class IssueRecord:
    """An issue from the storeroom (出库) and the lots it drew on (CN-2).

    Attributes:
        issue_id: The issue's id.
        product: The product.
        quantity: The units issued (the draws add up to it).
        on: The day of the issue.
        by: The storekeeper.
        draws: The lots drawn, in the order taken.
        skipped_expired: Lots of the product past expiry on hand, skipped (reported).
        lot_named: Whether the storekeeper named the lot (else the policy's order chose).
    """

    issue_id: str = attrs.field(converter=_id)
    product: str = attrs.field(converter=_id)
    quantity: int = attrs.field(metadata={"minimum": 1})
    on: pendulum.Date = attrs.field(converter=_day)
    by: str = attrs.field(converter=_id)
    draws: tuple[Draw, ...]
    skipped_expired: tuple[str, ...] = attrs.field(default=(), converter=_ids)
    lot_named: bool = False


@attrs.frozen(kw_only=True, field_transformer=checked_fields())
class LotDisposal:
    """The recorded disposal of (part of) a lot, expired or spoilt (CN-2).

    Attributes:
        disposal_id: The disposal's id.
        lot_id: The lot.
        on: When.
        by: Who.
        quantity: How many units (at least 1).
        reason: Why (``"过期"``).
    """

    disposal_id: str = attrs.field(converter=_id)
    lot_id: str = attrs.field(converter=_id)
    on: pendulum.Date = attrs.field(converter=_day)
    by: str = attrs.field(converter=_id)
    quantity: int = attrs.field(metadata={"minimum": 1})
    reason: str = attrs.field(converter=_id)


@attrs.frozen(kw_only=True, field_transformer=checked_fields())
class StoreroomCheck:
    """A storekeeper's check of the storeroom on a day (库存检查) (CN-2).

    A check records that no lot past its expiry is on hand ("确保库内无过期食品",
    seed 004): each expired lot is first removed by a recorded
    [`LotDisposal`][schoollogistics.canteen.LotDisposal] (who, when, how much).

    Attributes:
        check_id: The check's id.
        on: The day of the check.
        by: The storekeeper who checked.
    """

    check_id: str = attrs.field(converter=_id)
    on: pendulum.Date = attrs.field(converter=_day)
    by: str = attrs.field(converter=_id)


@attrs.frozen(kw_only=True, field_transformer=checked_fields())
class RecordsPurge:
    """The destruction of a lot's inspection record and vouchers (台账及票证销毁) (CN-4).

    A register entry: the records of the lot are destroyed in the school's archive
    (paper or system) on ``on``. It is allowed only once the retention has ended:
    six months after the product's expiry, or two years after the delivery when
    the label states no shelf life
    ([`CanteenPolicy.keep_records_until`][schoollogistics.canteen.CanteenPolicy.keep_records_until]).

    Attributes:
        lot_id: The lot whose records are destroyed.
        on: The day.
        by: Who destroyed them.
    """

    lot_id: str = attrs.field(converter=_id)
    on: pendulum.Date = attrs.field(converter=_day)
    by: str = attrs.field(converter=_id)


# ---------------------------------------------------------------- handlers (CN-3)


@attrs.frozen(kw_only=True, field_transformer=checked_fields())
class HealthCertificate:
    """A food handler's health certificate (健康证明) (CN-3).

    Attributes:
        certificate_id: The certificate's number.
        handler_id: The handler.
        handler_name: The handler's name.
        examined_on: The examination date; validity counts from it (policy).
    """

    certificate_id: str = attrs.field(converter=_id)
    handler_id: str = attrs.field(converter=_id)
    handler_name: str = attrs.field(converter=_id)
    examined_on: pendulum.Date = attrs.field(converter=_day)


class Symptom(enum.Enum):
    """A symptom that takes a handler off duty at the morning check (CN-3)."""

    FEVER = "fever"
    """发热."""
    DIARRHOEA = "diarrhoea"
    """腹泻."""
    SKIN_WOUND = "skin_wound"
    """皮肤伤口或感染."""
    SORE_THROAT = "sore_throat"
    """咽部炎症."""

    @property
    def label_zh(self) -> str:
        """The Chinese name."""
        return _SYMPTOM_ZH[self]


_SYMPTOM_ZH: Final = {
    Symptom.FEVER: "发热",
    Symptom.DIARRHOEA: "腹泻",
    Symptom.SKIN_WOUND: "皮肤伤口或感染",
    Symptom.SORE_THROAT: "咽部炎症",
}


def _symptoms(value: Iterable[object]) -> tuple[Symptom, ...]:
    found: list[Symptom] = []
    for item in value:
        try:
            found.append(Symptom(item.value if isinstance(item, Symptom) else item))
        except ValueError:
            raise _invalid(
                Phrase("{value!r} is not a symptom", "「{value}」不是症状类型", value=item),
                "MorningCheck",
                "symptoms",
            ) from None
    return tuple(sorted(set(found), key=lambda s: s.value))


@attrs.frozen(kw_only=True, field_transformer=checked_fields())
class MorningCheck:
    """A handler's morning check (晨检) on a working day (CN-3).

    Attributes:
        handler_id: The handler.
        day: The day.
        at: When (aware).
        checked_by: Who checked.
        symptoms: The symptoms found (none: passed).
    """

    handler_id: str = attrs.field(converter=_id)
    day: pendulum.Date = attrs.field(converter=_day)
    at: pendulum.DateTime = attrs.field(converter=_moment)
    checked_by: str = attrs.field(converter=_id)
    symptoms: tuple[Symptom, ...] = attrs.field(
        default=(), converter=_symptoms, metadata={"max_items": 20}
    )

    @property
    def passed(self) -> bool:
        """Whether the handler may work (no symptom)."""
        return not self.symptoms


@attrs.frozen(kw_only=True, field_transformer=checked_fields())
class Clearance:
    """A recorded clearance that returns a handler to duty after a failed check (CN-3).

    Attributes:
        handler_id: The handler.
        day: The day it applies from.
        by: Who cleared them.
        note: The grounds (a doctor's note).
    """

    handler_id: str = attrs.field(converter=_id)
    day: pendulum.Date = attrs.field(converter=_day)
    by: str = attrs.field(converter=_id)
    note: str = attrs.field(converter=_id)


@attrs.frozen(kw_only=True, field_transformer=checked_fields())
class RosterEntry:
    """A handler on the day's roster (排班) (CN-3).

    Attributes:
        handler_id: The handler.
        day: The day.
        post: The post (``"切配"``, ``"烹饪"``).
    """

    handler_id: str = attrs.field(converter=_id)
    day: pendulum.Date = attrs.field(converter=_day)
    post: str = attrs.field(converter=_id)


# ---------------------------------------------------------------- menus and service (CN-5 … CN-7)


@attrs.frozen(field_transformer=checked_fields())
class DishInfo:
    """A dish of a menu with its food categories (CN-5).

    Attributes:
        name: The dish (as in the meal's ``dishes``).
        categories: Its categories (CN-5 keys: ``"cold_meat"``, ``"green_beans"`` …).
    """

    name: str = attrs.field(converter=_id)
    categories: tuple[str, ...] = attrs.field(
        default=(), converter=_categories, metadata={"max_items": MAX_CATEGORIES}
    )


@attrs.frozen(field_transformer=checked_fields())
class Menu:
    """A meal and the categories of its dishes (CN-5).

    Attributes:
        meal: The meal (the food-sample area's record: the same one its audit checks).
        dishes: One entry per dish of the meal, in its order.
    """

    meal: Meal
    dishes: tuple[DishInfo, ...] = attrs.field(metadata={"max_items": MAX_DISHES})

    def __attrs_post_init__(self) -> None:
        if tuple(dish.name for dish in self.dishes) != self.meal.dishes:
            raise _invalid(
                Phrase("the dishes differ from the meal's", "菜品与餐次所列不一致"),
                "Menu",
                "dishes",
            )


@attrs.frozen(kw_only=True, field_transformer=checked_fields())
class Tasting:
    """A dish tasted before service (试尝) (CN-7).

    Attributes:
        meal_id: The meal.
        dish: The dish.
        taster: Who tasted.
        at: When (aware); before the meal's service start.
        passed: Whether it passed (a failed dish is withheld).
    """

    meal_id: str = attrs.field(converter=_id)
    dish: str = attrs.field(converter=_id)
    taster: str = attrs.field(converter=_id)
    at: pendulum.DateTime = attrs.field(converter=_moment)
    passed: bool = True


@attrs.frozen(kw_only=True, field_transformer=checked_fields())
class Accompaniment:
    """A 陪餐 record: a school leader ate with the pupils at a meal (CN-6).

    Attributes:
        meal_id: The meal.
        leader: The school leader (相关负责人).
        observations: What was observed.
        problems: Problems found (empty when none).
        parent: A parent who ate with them (有条件的, optional).
    """

    meal_id: str = attrs.field(converter=_id)
    leader: str = attrs.field(converter=_id)
    observations: str = attrs.field(converter=_id)
    problems: str = ""
    parent: str | None = attrs.field(default=None, converter=_optional_id)


@attrs.frozen(kw_only=True, field_transformer=checked_fields())
class Withholding:
    """A dish withheld from service after it failed tasting (停止供应) (CN-7).

    Attributes:
        meal_id: The meal.
        dish: The dish withheld (a dish of the meal).
        by: Who withheld it.
        at: When (aware).
        reason: Why (``"口味异常"``, ``"未熟透"``).
    """

    meal_id: str = attrs.field(converter=_id)
    dish: str = attrs.field(converter=_id)
    by: str = attrs.field(converter=_id)
    at: pendulum.DateTime = attrs.field(converter=_moment)
    reason: str = attrs.field(converter=_id)


# ---------------------------------------------------------------- accounts (CN-8)


class Account(enum.Enum):
    """The two meal accounts, kept apart ("师生伙食严格分开") (CN-8)."""

    PUPIL = "pupil"
    """学生伙食账户."""
    STAFF = "staff"
    """教职工伙食账户."""

    @property
    def label_zh(self) -> str:
        """The Chinese name."""
        return "学生伙食" if self is Account.PUPIL else "教职工伙食"


class CostKind(enum.Enum):
    """What an expense pays for (CN-8: the pupil account pays pupils' meals only)."""

    PUPIL_MEALS = "pupil_meals"
    """Food for pupils' meals (学生伙食成本)."""
    STAFF_MEALS = "staff_meals"
    """Food for staff meals."""
    OTHER = "other"
    """Anything else (equipment, wages, repairs)."""


@attrs.frozen(kw_only=True, field_transformer=checked_fields())
class MealIncome:
    """Income into a meal account (meal fees) (CN-8).

    Attributes:
        entry_id: The entry's id.
        account: The account.
        on: The day.
        amount: The amount (not negative).
        description: What it is.
    """

    entry_id: str = attrs.field(converter=_id)
    account: Account
    on: pendulum.Date = attrs.field(converter=_day)
    amount: Money = attrs.field(converter=_amount)
    description: str = attrs.field(converter=_id)


@attrs.frozen(kw_only=True, field_transformer=checked_fields())
class MealExpense:
    """Spending from a meal account (CN-8).

    Attributes:
        entry_id: The entry's id.
        account: The account charged.
        on: The day.
        amount: The amount (not negative).
        kind: What it pays for.
        description: What it is.
    """

    entry_id: str = attrs.field(converter=_id)
    account: Account
    on: pendulum.Date = attrs.field(converter=_day)
    amount: Money = attrs.field(converter=_amount)
    kind: CostKind
    description: str = attrs.field(converter=_id)


@attrs.frozen(kw_only=True, field_transformer=checked_fields())
class AccountLine:
    """One account of a monthly statement (CN-8).

    Attributes:
        account: The account.
        opening: The balance at the start of the month.
        income: The month's income.
        spending: The month's spending.
        closing: The balance at its end (may be negative: the audit shows it).
    """

    account: Account
    opening: Money
    income: Money
    spending: Money
    closing: Money


@attrs.frozen(kw_only=True, field_transformer=checked_fields())
class MealStatement:
    """The monthly meal-account statement for publication (伙食账目公示) (CN-8).

    Attributes:
        school: The school's name.
        year: The year.
        month: The month (1–12).
        lines: One line per account (pupils first).
    """

    school: str = attrs.field(converter=_id)
    year: int = attrs.field(metadata={"minimum": 1900, "maximum": 2200})
    month: int = attrs.field(metadata={"minimum": 1, "maximum": 12})
    lines: tuple[AccountLine, ...] = attrs.field(metadata={"max_items": 10})


@attrs.frozen(kw_only=True, field_transformer=checked_fields())
class Publication:
    """The publication of a month's statement on the notice board (CN-8).

    Attributes:
        year: The year.
        month: The month (1–12).
        published_on: The day it was posted.
    """

    year: int = attrs.field(metadata={"minimum": 1900, "maximum": 2200})
    month: int = attrs.field(metadata={"minimum": 1, "maximum": 12})
    published_on: pendulum.Date = attrs.field(converter=_day)


# ---------------------------------------------------------------- logs (CN-9)


@attrs.frozen(kw_only=True, field_transformer=checked_fields())
class WasteRemoval:
    """A food-waste removal (餐厨废弃物清运) (CN-9).

    Attributes:
        removal_id: The entry's id.
        day: The day.
        kind: What (``"餐厨垃圾"``, ``"废弃油脂"``).
        kilograms: How much (kg, not negative).
        collector: The collector (on the approved list).
    """

    removal_id: str = attrs.field(converter=_id)
    day: pendulum.Date = attrs.field(converter=_day)
    kind: str = attrs.field(converter=_id)
    kilograms: Decimal = attrs.field(converter=_kilograms)
    collector: str = attrs.field(converter=_id)


class DisinfectionTarget(enum.Enum):
    """What was disinfected (CN-9)."""

    TABLEWARE = "tableware"
    """餐饮具."""
    UTENSILS = "utensils"
    """工用具."""
    STOVES = "stoves"
    """灶台."""
    FLOORS = "floors"
    """地面."""


@attrs.frozen(kw_only=True, field_transformer=checked_fields())
class Disinfection:
    """A disinfection log entry (消毒记录) (CN-9).

    Attributes:
        entry_id: The entry's id.
        target: What was disinfected.
        method: How (``"高温"``, ``"消毒柜"``, ``"含氯消毒剂"``).
        at: When (aware).
        by: Who.
    """

    entry_id: str = attrs.field(converter=_id)
    target: DisinfectionTarget
    method: str = attrs.field(converter=_id)
    at: pendulum.DateTime = attrs.field(converter=_moment)
    by: str = attrs.field(converter=_id)


# ---------------------------------------------------------------- the log


@attrs.frozen(kw_only=True, field_transformer=checked_fields())
class CanteenLog:
    """A canteen's records as plain data, for the audit (CN-1 … CN-9).

    Attributes:
        payments: Meal fees paid (CN-1).
        leaves: Pupils' leave (CN-1).
        refunds_paid: Refunds paid out (CN-1).
        lots: Lots received (CN-2).
        inspections: Their inspection records (CN-4).
        issues: Issues from the storeroom (CN-2).
        disposals: Disposals of lots (CN-2).
        certificates: Health certificates (CN-3).
        checks: Morning checks (CN-3).
        clearances: Returns to duty (CN-3).
        roster: The rosters (CN-3).
        menus: The meals served with their dishes' categories (CN-5).
        tastings: Tastings (CN-7).
        accompaniments: 陪餐 records (CN-6).
        incomes: Meal-account income (CN-8).
        expenses: Meal-account spending (CN-8).
        publications: Statements published (CN-8).
        waste: Waste removals (CN-9).
        disinfections: Disinfections (CN-9).
        storeroom_checks: Checks of the storeroom (CN-2).
        purges: Destructions of lots' records (CN-4).
        withholdings: Dishes withheld after a failed tasting (CN-7).
    """

    payments: tuple[MealFeePayment, ...] = ()
    leaves: tuple[Leave, ...] = ()
    refunds_paid: tuple[RefundPaid, ...] = ()
    lots: tuple[Lot, ...] = ()
    inspections: tuple[Inspection, ...] = ()
    issues: tuple[IssueRecord, ...] = ()
    disposals: tuple[LotDisposal, ...] = ()
    certificates: tuple[HealthCertificate, ...] = ()
    checks: tuple[MorningCheck, ...] = ()
    clearances: tuple[Clearance, ...] = ()
    roster: tuple[RosterEntry, ...] = ()
    menus: tuple[Menu, ...] = ()
    tastings: tuple[Tasting, ...] = ()
    accompaniments: tuple[Accompaniment, ...] = ()
    incomes: tuple[MealIncome, ...] = ()
    expenses: tuple[MealExpense, ...] = ()
    publications: tuple[Publication, ...] = ()
    waste: tuple[WasteRemoval, ...] = ()
    disinfections: tuple[Disinfection, ...] = ()
    storeroom_checks: tuple[StoreroomCheck, ...] = ()
    purges: tuple[RecordsPurge, ...] = ()
    withholdings: tuple[Withholding, ...] = ()

    @property
    def meals(self) -> tuple[Meal, ...]:
        """The meals served (the food-sample audit's ``SampleLog.meals``)."""
        return tuple(menu.meal for menu in self.menus)

    @property
    def size(self) -> int:
        """How many records the log holds."""
        return sum(len(getattr(self, field.name)) for field in attrs.fields(CanteenLog))
