"""The records of the compensation area: asset values, damage claims, parties (frozen).

A [`DamageClaim`][schoollogistics.compensation.DamageClaim] (损坏赔偿申请) is one
incident: its cause, its date, the liable parties, and one or more damaged items
([`DamagedItem`][schoollogistics.compensation.DamagedItem]), each with its asset
values ([`AssetValue`][schoollogistics.compensation.AssetValue]) and the extent of
the damage. Items are read from the asset ledger's records through the
[`AssetLike`][schoollogistics.compensation.AssetLike] protocol, or given as plain
values. Everything is checked at construction, by the DC guards of ``_rules.py``
and the kernel's amount checks, so that assessing a claim cannot fail on its shape.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable, Mapping
from types import MappingProxyType
from typing import Final, Protocol

import attrs
import pendulum

from schoollogistics.compensation._rules import (
    dc1_claim_has_items,
    dc1_party_named_once,
    dc2_lost_is_not_wear,
    dc3_holder_is_class_or_unit,
    dc4_repair_quote_matches_extent,
    dc6_not_before_acquisition,
    dc7_weight_is_whole,
    dc7_weights_can_split,
    dc8_minor_has_guardian,
    dc8_only_a_student_is_a_minor,
)
from schoollogistics.compensation.errors import InvalidClaimError, NotAnAssetError
from schoollogistics.core.categories import AssetCategory
from schoollogistics.core.ids import require_id
from schoollogistics.core.money import Money, MoneyInput, non_negative
from schoollogistics.core.shapes import checked_fields
from schoollogistics.core.time import DateInput, as_date
from schoollogistics.errors import AmountNotInFenError, InvalidArgumentError, Phrase

__all__ = [
    "AssetLike",
    "AssetValue",
    "CapitalisedRepair",
    "Cause",
    "DamageClaim",
    "DamagedItem",
    "Extent",
    "Guardian",
    "Hardship",
    "LiableParty",
    "PartyKind",
    "amount_in_fen",
]


def amount_in_fen(value: MoneyInput, *, field: str) -> Money:
    """A non-negative whole-fen amount in its canonical two-decimal form, or refuse it.

    The sign is the kernel's one check ([`non_negative`][schoollogistics.core.money.non_negative],
    ``money.negative``); fractions of a fen are ``money.not_in_fen``. ``Money("368")``
    becomes ``368.00``, so that every amount of the area has one form, in records
    and in their serialized text alike.

    Raises:
        NegativeAmountError: the amount is negative (``money.negative``).
        AmountNotInFenError: the amount has fractions of a fen (``money.not_in_fen``).
        FloatAmountError: the amount is a ``float`` (and the other kernel money errors).
    """
    money = non_negative(value, field=field)
    if not money.is_fen_exact:
        raise AmountNotInFenError(value=money, field=field)
    return Money.from_fen(money.fen)


class Cause(enum.Enum):
    """Why the item was damaged (rule DC-2: the cause decides)."""

    DELIBERATE = "deliberate"
    """故意损坏: compensated, and flagged for discipline (DC-9)."""
    NEGLIGENT = "negligent"
    """过失损坏: compensated."""
    ACCIDENTAL = "accidental"
    """意外损坏 by a person: man-made, compensated by default."""
    NATURAL_WEAR = "natural_wear"
    """自然损坏、自然损耗: repaired by the school, never charged."""
    UNKNOWN = "unknown"
    """原因不明: compensated by the holder of class property by default (DC-3)."""

    @property
    def label_zh(self) -> str:
        """The Chinese name of the cause."""
        return _CAUSE_ZH[self]


_CAUSE_ZH: Final = {
    Cause.DELIBERATE: "故意损坏",
    Cause.NEGLIGENT: "过失损坏",
    Cause.ACCIDENTAL: "意外损坏",
    Cause.NATURAL_WEAR: "自然损耗",
    Cause.UNKNOWN: "原因不明",
}


class Extent(enum.Enum):
    """How badly the item is damaged (rule DC-4 picks the basis from it)."""

    REPAIRABLE = "repairable"
    """可修复: costs its repair, capped at its value."""
    DESTROYED = "destroyed"
    """损毁: costs its value; the unit is written off."""
    LOST = "lost"
    """遗失: costs its value; the unit is written off."""

    @property
    def label_zh(self) -> str:
        """The Chinese name of the extent."""
        return _EXTENT_ZH[self]


_EXTENT_ZH: Final = {Extent.REPAIRABLE: "可修复", Extent.DESTROYED: "已损毁", Extent.LOST: "遗失"}


class PartyKind(enum.Enum):
    """Who a liable party is."""

    STUDENT = "student"
    """学生 (a minor's guardian pays, DC-8)."""
    STAFF = "staff"
    """教职工."""
    CLASS = "class"
    """班级 (class property, DC-3)."""
    UNIT = "unit"
    """部门、单位 (an office, a department)."""

    @property
    def label_zh(self) -> str:
        """The Chinese name of the kind."""
        return _KIND_ZH[self]


_KIND_ZH: Final = {
    PartyKind.STUDENT: "学生",
    PartyKind.STAFF: "教职工",
    PartyKind.CLASS: "班级",
    PartyKind.UNIT: "部门",
}


class Hardship(enum.Enum):
    """A hardship decision for one payer (困难减免); it can only reduce (DC-5)."""

    NONE = "none"
    """No relief."""
    REDUCED = "reduced"
    """减免: the share is reduced by the policy's hardship rate."""
    WAIVED = "waived"
    """免除: the share is waived entirely."""


class AssetLike(Protocol):
    """What the compensation area reads from an asset record.

    The asset ledger's unit records and loss reports expose these attributes;
    any object with them (or a plain
    [`AssetValue`][schoollogistics.compensation.AssetValue]) will do.
    Loss reports may also carry ``tag``, ``item_id``, ``holder_id`` and
    ``occurred_on``, which claims read when present.

    Attributes:
        original_value: The original value (原值).
        acquired_on: The day it was acquired (购置日期).
        category: Its depreciation category.
    """

    @property
    def original_value(self) -> Money:
        """The original value (原值)."""

    @property
    def acquired_on(self) -> pendulum.Date:
        """The day it was acquired."""

    @property
    def category(self) -> AssetCategory:
        """Its depreciation category."""


_ASSET_ATTRIBUTES: Final = ("original_value", "acquired_on", "category")

CATEGORY_INDEX: Final[Mapping[AssetCategory, int]] = MappingProxyType(
    {category: index for index, category in enumerate(AssetCategory)}
)
"""The position of each category in ``AssetCategory`` (an asset keeps its own, precomputed).

The assessment looks a category's life up by this index in a tuple: hashing an
enum member runs Python code, indexing a tuple does not.
"""


def _read(asset: AssetLike) -> tuple[Money, DateInput, AssetCategory]:
    """The values of an asset record, or ``compensation.not_an_asset`` naming the missing one."""
    try:
        return asset.original_value, asset.acquired_on, asset.category
    except AttributeError:
        missing = next((a for a in _ASSET_ATTRIBUTES if not hasattr(asset, a)), "?")
        raise NotAnAssetError(type_name=type(asset).__name__, attribute=missing) from None


def _original_converter(value: MoneyInput) -> Money:
    return amount_in_fen(value, field="original_value")


def _optional_amount(value: MoneyInput | None) -> Money | None:
    return None if value is None else amount_in_fen(value, field="replacement_cost")


def _date_converter(value: DateInput) -> pendulum.Date:
    return as_date(value, field="acquired_on")


@attrs.frozen(field_transformer=checked_fields())
class AssetValue:
    """The values of an asset that depreciation and compensation need.

    Attributes:
        original_value: Original value (原值), whole fen, not negative.
        acquired_on: The day it was acquired.
        category: Its depreciation category (DC-6).
        replacement_cost: What an equivalent new item costs today (重置成本), if known;
            used only when a policy values losses at replacement cost (DC-4).
    """

    original_value: Money = attrs.field(converter=_original_converter)
    acquired_on: pendulum.Date = attrs.field(converter=_date_converter)
    category: AssetCategory = attrs.field(validator=attrs.validators.instance_of(AssetCategory))
    replacement_cost: Money | None = attrs.field(default=None, converter=_optional_amount)
    _acquired_index: int = attrs.field(init=False, eq=False, repr=False, hash=False)
    _original_fen: int = attrs.field(init=False, eq=False, repr=False, hash=False)
    _replacement_fen: int = attrs.field(init=False, eq=False, repr=False, hash=False)
    _category_index: int = attrs.field(init=False, eq=False, repr=False, hash=False)

    def __attrs_post_init__(self) -> None:
        index = self.acquired_on.year * 12 + self.acquired_on.month - 1
        object.__setattr__(self, "_acquired_index", index)
        object.__setattr__(self, "_category_index", CATEGORY_INDEX[self.category])
        object.__setattr__(self, "_original_fen", self.original_value.fen)
        replacement = self.replacement_cost
        object.__setattr__(self, "_replacement_fen", 0 if replacement is None else replacement.fen)

    @classmethod
    def from_asset(cls, asset: AssetLike, *, replacement_cost: Money | None = None) -> AssetValue:
        """Read the values from any object satisfying [`AssetLike`][schoollogistics.compensation.AssetLike].

        Raises:
            NotAnAssetError: an attribute is missing (``compensation.not_an_asset``).
        """  # noqa: E501
        if isinstance(asset, AssetValue):
            return (
                asset
                if replacement_cost is None
                else attrs.evolve(asset, replacement_cost=replacement_cost)
            )
        original_value, acquired_on, category = _read(asset)
        return cls(
            original_value=original_value,
            acquired_on=acquired_on,
            category=category,
            replacement_cost=replacement_cost,
        )

    @property
    def acquired_month_index(self) -> int:
        """``12 × year + month − 1`` of the acquisition (integer month arithmetic)."""
        return self._acquired_index

    @property
    def original_fen(self) -> int:
        """The original value in whole fen."""
        return self._original_fen

    @property
    def replacement_fen(self) -> int:
        """The replacement cost in whole fen (0 when none is given)."""
        return self._replacement_fen


def _repair_day(value: DateInput) -> pendulum.Date:
    return as_date(value, field="on")


def _repair_cost(value: MoneyInput) -> Money:
    return amount_in_fen(value, field="cost")


@attrs.frozen(field_transformer=checked_fields())
class CapitalisedRepair:
    """A repair added to an asset's cost (资本化, RP-5), restarting its depreciation (DC-6).

    The asset ledger records it as a ``Repaired`` event with ``capitalised=True``
    ([`capitalised_repairs`][schoollogistics.compensation.capitalised_repairs]
    reads them for one tag); pass them to
    [`net_book_value`][schoollogistics.compensation.net_book_value].

    Attributes:
        on: The day of the repair (the ledger event's effective date).
        cost: The cost added to the asset's cost, whole fen, not negative.
    """

    on: pendulum.Date = attrs.field(converter=_repair_day)
    cost: Money = attrs.field(converter=_repair_cost)


def _guardian_id(value: str) -> str:
    return require_id(value, field="guardian_id")


def _party_id(value: str) -> str:
    return require_id(value, field="party_id")


def _claim_id(value: str) -> str:
    return require_id(value, field="claim_id")


def _items(value: Iterable[DamagedItem]) -> tuple[DamagedItem, ...]:
    return tuple(value)


def _parties(value: Iterable[LiableParty]) -> tuple[LiableParty, ...]:
    return tuple(value)


@attrs.frozen(field_transformer=checked_fields())
class Guardian:
    """The guardian (监护人) who answers for a minor (rule DC-8).

    Attributes:
        guardian_id: Identifier of the guardian.
        name: Name shown on the notice.
        relation: Relation to the pupil (父亲, 母亲, ...).
    """

    guardian_id: str = attrs.field(converter=_guardian_id)
    name: str
    relation: str = "监护人"


def _weight(value: int) -> int:
    return dc7_weight_is_whole(value)


@attrs.frozen(field_transformer=checked_fields())
class LiableParty:
    """A party liable for the damage (责任方), with its share weight.

    Build one with the named constructors
    ([`student`][schoollogistics.compensation.LiableParty.student],
    [`staff`][schoollogistics.compensation.LiableParty.staff],
    [`school_class`][schoollogistics.compensation.LiableParty.school_class],
    [`unit`][schoollogistics.compensation.LiableParty.unit]).

    Attributes:
        party_id: Identifier of the party.
        name: Name shown on the notice.
        kind: Student, staff, class or unit.
        minor: Whether the party is a minor (students only).
        guardian: The guardian of a student (required for a minor, DC-8).
        weight: The party's share weight (default 1: equal shares, DC-7).
        hardship: The hardship relief (if any) granted to this party.
    """

    party_id: str = attrs.field(converter=_party_id)
    name: str
    kind: PartyKind
    minor: bool = False
    guardian: Guardian | None = None
    weight: int = attrs.field(default=1, converter=_weight)
    hardship: Hardship = Hardship.NONE

    def __attrs_post_init__(self) -> None:
        student = self.kind is PartyKind.STUDENT
        has_guardian = self.guardian is not None
        dc8_only_a_student_is_a_minor(
            self.party_id, student=student, minor=self.minor, has_guardian=has_guardian
        )
        dc8_minor_has_guardian(self.party_id, minor=self.minor, has_guardian=has_guardian)

    @classmethod
    def student(
        cls,
        party_id: str,
        name: str,
        *,
        guardian: Guardian | None = None,
        minor: bool = True,
        weight: int = 1,
        hardship: Hardship = Hardship.NONE,
    ) -> LiableParty:
        """A student; a minor (the default) needs a guardian (DC-8)."""
        return cls(party_id, name, PartyKind.STUDENT, minor, guardian, weight, hardship)

    @classmethod
    def staff(
        cls, party_id: str, name: str, *, weight: int = 1, hardship: Hardship = Hardship.NONE
    ) -> LiableParty:
        """A member of staff."""
        return cls(party_id, name, PartyKind.STAFF, weight=weight, hardship=hardship)

    @classmethod
    def school_class(cls, party_id: str, name: str, *, weight: int = 1) -> LiableParty:
        """A class (班级), answering for class property (DC-3)."""
        return cls(party_id, name, PartyKind.CLASS, weight=weight)

    @classmethod
    def unit(cls, party_id: str, name: str, *, weight: int = 1) -> LiableParty:
        """A unit or department (部门), answering for its rooms' property (DC-3)."""
        return cls(party_id, name, PartyKind.UNIT, weight=weight)


def _asset_converter(value: AssetLike) -> AssetValue:
    if isinstance(value, AssetValue):
        return value
    return AssetValue.from_asset(value)


def _optional_quote(value: MoneyInput | None) -> Money | None:
    return None if value is None else amount_in_fen(value, field="repair_quote")


def _quantity(value: int) -> int:
    if value < 1:
        raise InvalidArgumentError(
            field="quantity",
            reason=Phrase("a whole number of units, at least 1", "至少为 1 的整数"),
        )
    return value


def _optional_id(value: str | None) -> str | None:
    return None if value is None else require_id(value, field="tag")


@attrs.frozen(field_transformer=checked_fields())
class DamagedItem:
    """One damaged item of a claim (one itemised line of the assessment).

    Attributes:
        description: What it is (课桌, 投影仪灯泡...).
        asset: Its values (original value, acquisition date, category).
        extent: Repairable, destroyed or lost.
        repair_quote: The repair cost (维修报价); required if repairable,
            refused otherwise.
        tag: The ledger tag of the unit (资产编号), when the item is ledger-linked:
            the assessment then lists the ledger operations to post.
        item_id: The ledger's item type, when known.
        quantity: How many units the item stands for (1 for a tagged unit; a
            quantity-counted loss report may stand for several).
        location_id: Where the ledger reported it (a quantity-counted item is
            found there, or in a storeroom's returned pool, when posting).
    """

    description: str
    asset: AssetValue = attrs.field(converter=_asset_converter)
    extent: Extent
    repair_quote: Money | None = attrs.field(default=None, converter=_optional_quote)
    tag: str | None = attrs.field(default=None, converter=_optional_id)
    item_id: str | None = None
    quantity: int = attrs.field(default=1, converter=_quantity)
    location_id: str | None = attrs.field(default=None, converter=_optional_id)
    _quote_fen: int | None = attrs.field(init=False, eq=False, repr=False, hash=False)

    def __attrs_post_init__(self) -> None:
        quote = self.repair_quote
        object.__setattr__(self, "_quote_fen", None if quote is None else quote.fen)
        dc4_repair_quote_matches_extent(
            self.description, repairable=self.extent is Extent.REPAIRABLE, quoted=quote is not None
        )

    @property
    def quote_fen(self) -> int | None:
        """The repair quote in whole fen (precomputed), ``None`` if not repairable."""
        return self._quote_fen

    @classmethod
    def from_asset(
        cls,
        asset: AssetLike,
        *,
        description: str,
        extent: Extent,
        repair_quote: Money | None = None,
        replacement_cost: Money | None = None,
    ) -> DamagedItem:
        """An item read from an asset record (a ledger unit or loss report, or any ``AssetLike``).

        ``tag`` and ``item_id`` are read when the record has them; an empty
        tag (the ledger's loss report of a consumable has ``tag == ""``) means
        no tagged unit.
        """
        tag = getattr(asset, "tag", None) or None
        item_id = getattr(asset, "item_id", None) or None
        quantity = 1 if tag is not None else getattr(asset, "quantity", 1)
        return cls(
            description=description,
            asset=AssetValue.from_asset(asset, replacement_cost=replacement_cost),
            extent=extent,
            repair_quote=repair_quote,
            tag=tag,
            item_id=item_id,
            quantity=quantity,
            location_id=getattr(asset, "location_id", None) or None,
        )

    @classmethod
    def of_values(
        cls,
        description: str,
        *,
        original_value: MoneyInput,
        acquired_on: DateInput,
        category: AssetCategory,
        extent: Extent,
        repair_quote: MoneyInput | None = None,
        replacement_cost: MoneyInput | None = None,
        tag: str | None = None,
    ) -> DamagedItem:
        """An item given as plain values."""
        return cls(
            description=description,
            asset=AssetValue(original_value, acquired_on, category, replacement_cost),
            extent=extent,
            repair_quote=repair_quote,
            tag=tag,
        )


def _incident_converter(value: DateInput) -> pendulum.Date:
    return as_date(value, field="incident_on")


def _optional_agreed(value: MoneyInput | None) -> Money | None:
    return None if value is None else amount_in_fen(value, field="agreed_amount")


@attrs.frozen(field_transformer=checked_fields())
class DamageClaim:
    """One damage incident to assess (rules DC-1 … DC-4).

    Attributes:
        claim_id: Identifier of the claim (the notice number).
        incident_on: The day of the damage or loss (or of the check that found it).
        cause: Deliberate, negligent, accidental, natural wear or unknown (DC-2).
        items: The damaged items, at least one.
        parties: The liable parties identified (DC-1); may be empty.
        holder: The class or unit holding the property, which pays when no one
            is identified (DC-3); ``None`` for property without a holder.
        agreed_amount: A negotiated total (协商金额) replacing the computed charge;
            refused at assessment if it exceeds the loss (DC-5).
    """

    claim_id: str = attrs.field(converter=_claim_id)
    incident_on: pendulum.Date = attrs.field(converter=_incident_converter)
    cause: Cause
    items: tuple[DamagedItem, ...] = attrs.field(converter=_items)
    parties: tuple[LiableParty, ...] = attrs.field(default=(), converter=_parties)
    holder: LiableParty | None = None
    agreed_amount: Money | None = attrs.field(default=None, converter=_optional_agreed)
    _weights: tuple[int, ...] = attrs.field(init=False, eq=False, repr=False, hash=False)
    _relief: bool = attrs.field(init=False, eq=False, repr=False, hash=False)
    _incident_index: int = attrs.field(init=False, eq=False, repr=False, hash=False)

    def __attrs_post_init__(self) -> None:
        self._check()
        object.__setattr__(self, "_weights", tuple(party.weight for party in self.parties))
        relief = any(party.hardship is not Hardship.NONE for party in self.parties)
        object.__setattr__(self, "_relief", relief)
        day = self.incident_on
        object.__setattr__(self, "_incident_index", day.year * 12 + day.month - 1)

    def _check(self) -> None:
        claim_id = self.claim_id
        dc1_claim_has_items(claim_id, len(self.items))
        dc1_party_named_once(claim_id, [party.party_id for party in self.parties])
        dc7_weights_can_split(claim_id, [party.weight for party in self.parties])
        holder = self.holder
        if holder is not None:
            dc3_holder_is_class_or_unit(
                holder.party_id, class_or_unit=holder.kind in (PartyKind.CLASS, PartyKind.UNIT)
            )
        natural_wear = self.cause is Cause.NATURAL_WEAR
        for item in self.items:
            dc6_not_before_acquisition(
                item.description, on=self.incident_on, acquired_on=item.asset.acquired_on
            )
            dc2_lost_is_not_wear(
                claim_id, natural_wear=natural_wear, lost=item.extent is Extent.LOST
            )

    @classmethod
    def for_asset(
        cls,
        asset: AssetLike,
        *,
        claim_id: str,
        cause: Cause,
        extent: Extent,
        description: str,
        incident_on: DateInput | None = None,
        repair_quote: Money | None = None,
        replacement_cost: Money | None = None,
        parties: tuple[LiableParty, ...] = (),
        holder: LiableParty | None = None,
    ) -> DamageClaim:
        """A one-item claim read from an asset record or a ledger loss report.

        ``incident_on`` defaults to the record's ``occurred_on`` (loss reports
        have one); ``tag`` and ``item_id`` are read when present.

        Raises:
            InvalidClaimError: no ``incident_on`` and the record has no ``occurred_on``.
            NotAnAssetError: the record lacks an attribute of ``AssetLike``.
        """
        day = incident_on if incident_on is not None else getattr(asset, "occurred_on", None)
        if day is None:
            raise InvalidClaimError(
                claim=claim_id, reason=Phrase("no incident date", "缺少损坏日期")
            )
        item = DamagedItem.from_asset(
            asset,
            description=description,
            extent=extent,
            repair_quote=repair_quote,
            replacement_cost=replacement_cost,
        )
        return cls(claim_id, day, cause, (item,), parties, holder)

    @property
    def weights(self) -> tuple[int, ...]:
        """The parties' share weights, in order (precomputed)."""
        return self._weights

    @property
    def has_relief(self) -> bool:
        """Whether any party has a hardship decision (precomputed)."""
        return self._relief

    @property
    def incident_month_index(self) -> int:
        """``12 × year + month − 1`` of the incident (integer month arithmetic)."""
        return self._incident_index

    @property
    def ledger_linked(self) -> bool:
        """Whether any item carries a ledger tag."""
        return any(item.tag is not None for item in self.items)
