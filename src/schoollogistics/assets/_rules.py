"""The ledger's rules: one guard per rule and concern, named after its rule ID.

A guard ``asN_<concern>(state, event, policy) -> None`` raises the typed error of
an [`AssetError`][schoollogistics.errors.AssetError] subclass when ``event`` would
break rule AS-N against ``state``, and returns otherwise; it never changes the
state. [`GUARDS`][] says which guards apply to each event type, in the order they
run. The aggregate runs them before the fold, so a refused event changes nothing.

Guards keep the common case lean (a few dict look-ups, no call) and call a
helper only for tags or to build an error: the checked replay of a million events
runs through them.
"""

# Every guard has the signature (state, event, policy), used or not.
# ruff: noqa: ARG001

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Final, TypeVar, cast

import pendulum

from schoollogistics.assets._events import (
    AdjustmentDecided,
    AssetEvent,
    CustodianAssigned,
    DamageReported,
    Disposed,
    Exchanged,
    HolderRegistered,
    Issued,
    ItemRegistered,
    Lent,
    LoanReturned,
    MonthClosed,
    PlaceRegistered,
    Received,
    Repaired,
    Restocked,
    Returned,
    SentToRepair,
    StockTakePosted,
    Transferred,
)
from schoollogistics.assets._fold import Key, State
from schoollogistics.assets._policy import LedgerPolicy
from schoollogistics.assets._records import (
    AdjustmentLine,
    Condition,
    Decision,
    Holding,
    ItemKind,
    ItemType,
    StockTake,
)
from schoollogistics.assets.errors import (
    CONDITION_WORDS,
    HOLDING_WORDS,
    ID_KIND_WORDS,
    AlreadyDecidedError,
    ApproverRequiredError,
    CustodianRequiredError,
    DisposalSourceError,
    DuplicateIdError,
    DuplicateTagError,
    ExchangeRequiredError,
    HazardCustodianError,
    HazardLimitError,
    InitialAllocationRefusedError,
    InsufficientStockError,
    InvalidCategoryError,
    InvalidDueDateError,
    InvalidQuantityError,
    LoanClosedError,
    MonthClosedError,
    MonthSequenceError,
    NotAHolderError,
    NotAStoreroomError,
    NothingToExchangeError,
    OldUnitMissingError,
    SourceRequiredError,
    TagBookedElsewhereError,
    TagsMismatchError,
    UnitNotHereError,
    UnitNotServiceableError,
    UnknownCountError,
    UnknownItemError,
    UnknownLoanError,
    UnknownLocationError,
    UnknownUnitError,
)
from schoollogistics.core.categories import AssetCategory
from schoollogistics.core.ids import require_id
from schoollogistics.core.money import non_negative
from schoollogistics.errors import Phrase

__all__ = ["GUARDS", "Guard", "check"]

_E = TypeVar("_E", bound=AssetEvent)

Guard = Callable[[State, AssetEvent, LedgerPolicy], None]
"""A guard: ``(state, event, policy) -> None``, raising the typed error of a refusal."""

_AVAILABLE: Final = Holding.AVAILABLE
_RETURNED: Final = Holding.RETURNED
_IN_REPAIR: Final = Holding.IN_REPAIR
_GOOD: Final = Condition.GOOD
_WORN: Final = Condition.WORN
# Enum members as module constants: in CPython 3.11 reading a member from its
# class, or hashing it, runs Python code (about 70 and 150 ns); these guards run
# once or more per event of a replay.
_FIXED_ASSET: Final = ItemKind.FIXED_ASSET
_BULK: Final = ItemKind.BULK_FIXED_ASSET
_CONSUMABLE_TAGGED: Final = Phrase("a consumable has no tags", "低值易耗品无资产标签")
_NOT_THE_RECORDER: Final = Phrase(" other than the recorder", "（审批人不得为登记人本人）")


# ---------------------------------------------------------------- shared checks


def require_approver(
    operation: Phrase, approver: object, recorded_by: str, *, distinct: bool
) -> None:
    """AS-2, AS-7: refuse a blank approver, or the recorder approving their own entry."""
    if not isinstance(approver, str) or not approver.strip():
        raise ApproverRequiredError(operation=operation)
    if distinct and approver == recorded_by:
        raise ApproverRequiredError(
            operation=operation, detail=_NOT_THE_RECORDER, recorded_by=recorded_by
        )


def _item(state: State, item_id: str) -> ItemType:
    item = state.items.get(item_id)
    if item is None:
        raise UnknownItemError(item_id=item_id)
    return item


def _store(state: State, place_id: str, field: str) -> None:
    if place_id not in state.stores:
        if place_id not in state.locations:
            raise UnknownLocationError(field=field, location_id=place_id)
        raise NotAStoreroomError(field=field, location_id=place_id)


def _location(state: State, location_id: str, field: str) -> None:
    if location_id not in state.locations:
        raise UnknownLocationError(field=field, location_id=location_id)


def _quantity(quantity: object, field: str = "quantity") -> None:
    if type(quantity) is not int or quantity <= 0:  # exactly int: bool is refused
        raise InvalidQuantityError(field=field, value=str(quantity))


def _enough(
    table: dict[Key, int], key: Key, quantity: int, holding: Holding, day: pendulum.Date
) -> None:
    """AS-11: what is not on the books cannot be taken (no red figure)."""
    available = table.get(key, 0)
    if available < quantity:
        raise InsufficientStockError(
            item_id=key[1],
            location_id=key[0],
            holding=HOLDING_WORDS[holding.value],
            available=available,
            requested=quantity,
            day=day,
        )


def _tags(  # noqa: PLR0917 - private helper
    state: State,
    item: ItemType,
    tags: tuple[str, ...],
    quantity: int,
    location_id: str,
    holding: Holding,
    *,
    serviceable: bool = False,
) -> None:
    """Tags: required and matching for a tracked item, absent for a consumable."""
    if item.kind is not _FIXED_ASSET:
        if tags:
            raise TagsMismatchError(item_id=item.item_id, reason=_CONSUMABLE_TAGGED)
        return
    if len(tags) != quantity or len(set(tags)) != quantity:
        raise TagsMismatchError(
            item_id=item.item_id,
            reason=Phrase(
                "{quantity} distinct tag(s) needed, got {tags!r}",
                "须提供 {quantity} 个互不相同的标签，实际为「{tags}」",
                quantity=quantity,
                tags=list(tags),
            ),
        )
    for tag in tags:
        _unit_at(state, item, tag, location_id, holding)
        if serviceable:
            condition = state.unit_cond[tag]
            if condition is not _GOOD and condition is not _WORN:
                raise UnitNotServiceableError(tag=tag, condition=CONDITION_WORDS[condition.value])


def _unit_at(state: State, item: ItemType, tag: str, location_id: str, holding: Holding) -> None:
    unit = state.units.get(tag)
    if unit is None:
        raise UnknownUnitError(tag=tag)
    where = state.unit_loc[tag]
    hold = state.unit_hold[tag]
    if unit.item_id != item.item_id or where != location_id or hold is not holding:
        raise UnitNotHereError(
            tag=tag,
            expected=HOLDING_WORDS[holding.value],
            location_id=location_id,
            actual=Phrase(
                "{item_id} {holding} at {where!r}",
                "「{item_id}」在「{where}」，{holding}",
                item_id=unit.item_id,
                holding=HOLDING_WORDS[hold.value],
                where=where,
            ),
        )


def _new_tags(state: State, item: ItemType, tags: tuple[str, ...], quantity: int) -> None:
    if item.kind is not _FIXED_ASSET:
        if tags:
            raise TagsMismatchError(item_id=item.item_id, reason=_CONSUMABLE_TAGGED)
        return
    if len(tags) != quantity or len(set(tags)) != quantity:
        raise TagsMismatchError(
            item_id=item.item_id,
            reason=Phrase(
                "{quantity} distinct new tag(s) needed",
                "须为 {quantity} 件新资产各提供一个不同的标签",
                quantity=quantity,
            ),
        )
    for tag in tags:
        if not tag.strip():
            raise TagsMismatchError(item_id=item.item_id, reason=Phrase("blank tag", "标签为空"))
        if tag in state.units:
            raise DuplicateTagError(tag=tag)


def _fresh_location(state: State, location_id: str, kind: str) -> None:
    if not location_id.strip():
        raise UnknownLocationError(field=kind, location_id=location_id)
    if location_id in state.locations:
        raise DuplicateIdError(kind=ID_KIND_WORDS[kind], value=location_id)


# ---------------------------------------------------------------- AS-1 register everything


def as1_item_registered_once(state: State, event: ItemRegistered, policy: LedgerPolicy) -> None:
    """AS-1: every item type has one record (档案); its id is non-blank and new.

    "对固定资产和易损耗品均建立档案" [S 000].
    """
    item_id = event.item.item_id
    if not item_id.strip():
        raise UnknownItemError(item_id=item_id)
    if item_id in state.items:
        raise DuplicateIdError(kind=ID_KIND_WORDS["item"], value=item_id)


def as1_place_registered_once(state: State, event: PlaceRegistered, policy: LedgerPolicy) -> None:
    """AS-1: a storeroom or room is registered once, under a non-blank id."""
    _fresh_location(state, event.place.place_id, "place")


def as1_holder_registered_once(state: State, event: HolderRegistered, policy: LedgerPolicy) -> None:
    """AS-1: a person or class is registered once, under a non-blank id."""
    _fresh_location(state, event.holder.holder_id, "holder")


def as1_receipt_registered(state: State, event: Received, policy: LedgerPolicy) -> None:
    """AS-1: a receipt (入库) names a known item, a storeroom, its source and new tags.

    "严格物品入库、出库登记手续" [S 000]. A negative unit cost is refused
    (``money.negative``).
    """
    item = state.items.get(event.item_id)
    if item is None:
        raise UnknownItemError(item_id=event.item_id)
    if event.place_id not in state.stores:
        _store(state, event.place_id, "place_id")
    quantity = event.quantity
    if type(quantity) is not int or quantity <= 0:
        _quantity(quantity)
    if event.unit_cost.amount < 0:
        non_negative(event.unit_cost, field="unit_cost")
    if not (event.supplier.strip() or event.invoice_ref.strip()):
        raise SourceRequiredError(item_id=event.item_id)
    if event.tags or item.kind is _FIXED_ASSET:
        _new_tags(state, item, event.tags, quantity)


def as1_issue_registered(state: State, event: Issued, policy: LedgerPolicy) -> None:
    """AS-1: an issue (出库、领用) names a known item, a storeroom, a location and its units.

    "严格物品入库、出库登记手续" [S 000]; a damaged unit is repaired before it goes out.
    """
    item = state.items.get(event.item_id)
    if item is None:
        raise UnknownItemError(item_id=event.item_id)
    if event.from_place not in state.stores:
        _store(state, event.from_place, "from_place")
    if event.to_location not in state.locations:
        _location(state, event.to_location, "to_location")
    quantity = event.quantity
    if type(quantity) is not int or quantity <= 0:
        _quantity(quantity)
    if event.tags or item.kind is _FIXED_ASSET:
        _tags(state, item, event.tags, quantity, event.from_place, _AVAILABLE, serviceable=True)


# ---------------------------------------------------------------- AS-2 book equals physical


def as2_stock_take_posted_once(state: State, event: StockTakePosted, policy: LedgerPolicy) -> None:
    """AS-2: a stock-take (盘点) is posted once, for a registered place."""
    if event.count_id in state.counts:
        raise DuplicateIdError(kind=ID_KIND_WORDS["stock-take"], value=event.count_id)
    if event.place_id not in state.places:
        raise UnknownLocationError(field="place_id", location_id=event.place_id)


def as2_stock_take_approved(state: State, event: StockTakePosted, policy: LedgerPolicy) -> None:
    """AS-2: surplus and shortage are posted with an approver, pending a decision."""
    require_approver(
        Phrase("stock-take posting", "盘点调账"),
        event.approver,
        event.recorded_by,
        distinct=policy.stock_take.approver_distinct,
    )


def as2_adjustment_lines_valid(state: State, event: StockTakePosted, policy: LedgerPolicy) -> None:
    """AS-2: each adjustment line names a known item once, new surplus tags, booked shortage."""
    seen: set[str] = set()
    new_tags: set[str] = set()
    place_id = event.place_id
    for line in event.lines:
        item = _item(state, line.item_id)
        if line.item_id in seen:
            raise DuplicateIdError(kind=ID_KIND_WORDS["adjustment line item"], value=line.item_id)
        seen.add(line.item_id)
        if new_tags.intersection(line.surplus_tags):
            raise DuplicateTagError(tag=min(new_tags.intersection(line.surplus_tags)))
        new_tags.update(line.surplus_tags)
        for field, value in (("surplus", line.surplus), ("shortage", line.shortage)):
            if type(value) is not int or value < 0:
                raise InvalidQuantityError(field=field, value=str(value))
        _new_tags(state, item, line.surplus_tags, line.surplus)
        _tags(state, item, line.shortage_tags, line.shortage, place_id, _AVAILABLE)
        key = (place_id, line.item_id)
        _enough(state.avail, key, line.shortage, _AVAILABLE, event.effective_on)


def as2_decision_pending(state: State, event: AdjustmentDecided, policy: LedgerPolicy) -> None:
    """AS-2: a posted stock-take's adjustments are decided once (待处理财产损溢处理)."""
    current = state.decisions.get(event.count_id)
    if current is None:
        raise UnknownCountError(count_id=event.count_id)
    if current is not Decision.PENDING or event.decision is Decision.PENDING:
        raise AlreadyDecidedError(count_id=event.count_id)


def as2_decision_approved(state: State, event: AdjustmentDecided, policy: LedgerPolicy) -> None:
    """AS-2: the decision on pending adjustments names who decided."""
    require_approver(
        Phrase("decision on pending adjustments", "待处理财产损溢处理"),
        event.approver,
        event.recorded_by,
        distinct=False,
    )


def as2_count_valid(state: State, stock_take: StockTake) -> None:
    """AS-2: a count names a registered place and known items, one line each, tags per unit.

    Checked before a reconciliation (账物核对) is computed.
    """
    if stock_take.place_id not in state.places:
        raise UnknownLocationError(field="place_id", location_id=stock_take.place_id)
    counted: set[str] = set()
    seen_tags: set[str] = set()
    for line in stock_take.lines:
        item = state.items.get(line.item_id)
        if item is None:
            raise UnknownItemError(item_id=line.item_id)
        if line.item_id in counted:
            raise DuplicateIdError(kind=ID_KIND_WORDS["count line item"], value=line.item_id)
        if type(line.counted) is not int or line.counted < 0:
            raise InvalidQuantityError(field="counted", value=str(line.counted))
        tags = count_tags(line.tags)
        if item.tracked and (len(tags) != line.counted or len(set(tags)) != len(tags)):
            raise TagsMismatchError(
                item_id=line.item_id,
                reason=Phrase("one distinct tag per counted unit", "每件一个标签"),
            )
        if not item.tracked and tags:
            raise TagsMismatchError(item_id=line.item_id, reason=_CONSUMABLE_TAGGED)
        if seen_tags.intersection(tags):
            raise TagsMismatchError(
                item_id=line.item_id,
                reason=Phrase(
                    "tag(s) {tags!r} counted on two lines",
                    "标签「{tags}」出现在两行",
                    tags=sorted(seen_tags.intersection(tags)),
                ),
            )
        seen_tags.update(tags)
        counted.add(line.item_id)


def count_tags(tags: object, field: str = "tags") -> tuple[str, ...]:
    """The tags of a count line, each a non-blank id (one string is refused)."""
    if isinstance(tags, str) or not isinstance(tags, (tuple, list)):
        raise TagsMismatchError(
            item_id="",
            reason=Phrase(
                "{field}: pass a sequence of tags", "「{field}」须为标签序列", field=field
            ),
        )
    return tuple(require_id(tag, field=field) for tag in tags)


def as2_surplus_not_booked_elsewhere(
    state: State, place_id: str, lines: tuple[AdjustmentLine, ...]
) -> None:
    """AS-2: a counted unit the books place elsewhere is refused: record the transfer first."""
    for line in lines:
        for tag in line.surplus_tags:
            if tag in state.units:
                raise TagBookedElsewhereError(
                    tag=tag,
                    place_id=place_id,
                    booked_at=state.unit_loc[tag] or Phrase("(off the books)", "（已销账）"),
                )


# ---------------------------------------------------------------- AS-3 new for old


def as3_issue_by_exchange(state: State, event: Issued, policy: LedgerPolicy) -> None:
    """AS-3: an exchange-rule item goes out by exchange, or as an explicit initial allocation.

    "非易损耗品领出新的，必须收回旧的" [S 004]; "A first issue to a new holder is allowed
    only as an explicit initial allocation" (RULES.md).
    """
    item = state.items[event.item_id]
    if not item.exchange_rule:
        return
    if not event.initial_allocation:
        raise ExchangeRequiredError(item_id=event.item_id)
    held = state.avail.get((event.to_location, event.item_id), 0)
    if held and policy.exchange.initial_only_when_empty:
        raise InitialAllocationRefusedError(
            holder_id=event.to_location, item_id=event.item_id, held=held
        )


def as3_exchange_registered(state: State, event: Exchanged, policy: LedgerPolicy) -> None:
    """AS-3: an exchange (以旧换新) names a known item, a storeroom and a registered holder."""
    if event.item_id not in state.items:
        raise UnknownItemError(item_id=event.item_id)
    if event.store_id not in state.stores:
        _store(state, event.store_id, "store_id")
    holder_id = event.holder_id
    if holder_id not in state.locations:
        _location(state, holder_id, "holder_id")
    if holder_id in state.stores:
        raise NotAHolderError(field="holder_id", location_id=holder_id)
    quantity = event.quantity
    if type(quantity) is not int or quantity <= 0:
        _quantity(quantity)
    lost = event.lost_quantity
    if type(lost) is not int or not 0 <= lost <= quantity:
        raise InvalidQuantityError(field="lost_quantity", value=str(lost))


def as3_unreturned_needs_recorded_loss(item_id: str, missing: int, *, record_loss: bool) -> None:
    """AS-3: the old unit is handed back; one that is not is refused unless the loss is recorded.

    "非易损耗品领出新的，必须收回旧的" [S 004]; "An old unit that cannot be handed back
    turns the exchange into a loss case" (RULES.md). Checked on the command, whose
    ``record_loss`` the event does not keep (a recorded loss is its ``lost_quantity``).
    """
    if missing and not record_loss:
        raise OldUnitMissingError(item_id=item_id, missing=missing)


def as3_exchange_hands_back_old(state: State, event: Exchanged, policy: LedgerPolicy) -> None:
    """AS-3: the holder holds the old units; the handed-back and lost tags are theirs.

    The old units go to the returned pool and never vanish ("坚持以旧换新" [S 004]).
    """
    item = state.items[event.item_id]
    holder_id = event.holder_id
    quantity = event.quantity
    lost = event.lost_quantity
    if item.kind is _FIXED_ASSET:
        _tags(state, item, event.old_tags, quantity - lost, holder_id, _AVAILABLE)
        _tags(state, item, event.lost_tags, lost, holder_id, _AVAILABLE)
        if set(event.old_tags) & set(event.lost_tags):
            raise TagsMismatchError(
                item_id=event.item_id, reason=Phrase("a tag both handed back and lost", "标签重复")
            )
    elif event.old_tags or event.lost_tags:
        raise TagsMismatchError(item_id=event.item_id, reason=_CONSUMABLE_TAGGED)
    if event.new_tags or item.kind is _FIXED_ASSET:
        _tags(state, item, event.new_tags, quantity, event.store_id, _AVAILABLE, serviceable=True)
    held = state.avail.get((holder_id, event.item_id), 0)
    if held < quantity:
        raise NothingToExchangeError(
            holder_id=holder_id, item_id=event.item_id, held=held, requested=quantity
        )


def as3_restock_from_pool(state: State, event: Restocked, policy: LedgerPolicy) -> None:
    """AS-3: units of a storeroom's returned pool go back into stock for reissue (再利用)."""
    item = _item(state, event.item_id)
    _store(state, event.store_id, "store_id")
    _quantity(event.quantity)
    _tags(state, item, event.tags, event.quantity, event.store_id, _RETURNED)


# ---------------------------------------------------------------- AS-4 custody and transfers


def as4_custodian_subject_known(
    state: State, event: CustodianAssigned, policy: LedgerPolicy
) -> None:
    """AS-4: a custodian answers for a registered place or item type ("室室有人管、物物有人管")."""
    if event.for_item:
        _item(state, event.subject_id)
    elif event.subject_id not in state.places:
        raise UnknownLocationError(field="place", location_id=event.subject_id)


def as4_transfer_recorded(state: State, event: Transferred, policy: LedgerPolicy) -> None:
    """AS-4: a move between rooms or holders is a recorded transfer of units that are there.

    "各室物品不得随意搬动" [S 004].
    """
    item = state.items.get(event.item_id)
    if item is None:
        raise UnknownItemError(item_id=event.item_id)
    locations = state.locations
    if event.from_location not in locations:
        _location(state, event.from_location, "from_location")
    if event.to_location not in locations:
        _location(state, event.to_location, "to_location")
    if event.from_location == event.to_location:
        raise UnknownLocationError(
            field="to_location==from_location", location_id=event.to_location
        )
    quantity = event.quantity
    if type(quantity) is not int or quantity <= 0:
        _quantity(quantity)
    if event.tags or item.kind is _FIXED_ASSET:
        _tags(state, item, event.tags, quantity, event.from_location, _AVAILABLE)


# ---------------------------------------------------------------- AS-5 loans


def as5_loan_registered(state: State, event: Lent, policy: LedgerPolicy) -> None:
    """AS-5: a loan (借出) names a place, a registered borrower and a due date not before it.

    "建立借还制度" [S 001].
    """
    item = state.items.get(event.item_id)
    if item is None:
        raise UnknownItemError(item_id=event.item_id)
    if event.from_place not in state.places:
        raise UnknownLocationError(field="from_place", location_id=event.from_place)
    if event.borrower_id not in state.holders:
        raise NotAHolderError(field="borrower_id", location_id=event.borrower_id)
    quantity = event.quantity
    if type(quantity) is not int or quantity <= 0:
        _quantity(quantity)
    if event.due_on < event.effective_on:
        raise InvalidDueDateError(due_on=event.due_on, lent_on=event.effective_on)
    if event.tags or item.kind is _FIXED_ASSET:
        _tags(state, item, event.tags, quantity, event.from_place, _AVAILABLE, serviceable=True)


def as5_loan_id_fresh(state: State, event: Lent, policy: LedgerPolicy) -> None:
    """AS-5: each loan has its own id (checked last: the table of every loan grows)."""
    if event.loan_id in state.loans:
        raise DuplicateIdError(kind=ID_KIND_WORDS["loan"], value=event.loan_id)


def as5_loan_open(state: State, event: LoanReturned, policy: LedgerPolicy) -> None:
    """AS-5: only an open loan comes back (借还 registered once each)."""
    if event.loan_id not in state.open_loans:
        if event.loan_id not in state.loans:
            raise UnknownLoanError(loan_id=event.loan_id)
        raise LoanClosedError(loan_id=event.loan_id)


# ---------------------------------------------------------------- AS-6 hand-back check


def as6_hand_back_checked(state: State, event: Returned, policy: LedgerPolicy) -> None:
    """AS-6: what a holder hands back to a storeroom is theirs, checked for condition.

    "个人领用的学校财产交回时要检查完好情况" [S 004].
    """
    item = state.items.get(event.item_id)
    if item is None:
        raise UnknownItemError(item_id=event.item_id)
    if event.store_id not in state.stores:
        _store(state, event.store_id, "store_id")
    if event.holder_id not in state.locations:
        _location(state, event.holder_id, "holder_id")
    quantity = event.quantity
    if type(quantity) is not int or quantity <= 0:
        _quantity(quantity)
    if event.tags or item.kind is _FIXED_ASSET:
        _tags(state, item, event.tags, quantity, event.holder_id, _AVAILABLE)


# ---------------------------------------------------------------- AS-7 lifecycle


def as7_damage_reported_here(state: State, event: DamageReported, policy: LedgerPolicy) -> None:
    """AS-7: damage is recorded on units available where they are (a lifecycle stage)."""
    item = _item(state, event.item_id)
    _location(state, event.location_id, "location_id")
    _quantity(event.quantity)
    _tags(state, item, event.tags, event.quantity, event.location_id, _AVAILABLE)


def as7_repair_source(state: State, event: SentToRepair, policy: LedgerPolicy) -> None:
    """AS-7: units go to repair (维修) from available stock or a storeroom's returned pool."""
    item = _item(state, event.item_id)
    if event.from_pool:
        _store(state, event.location_id, "location_id")
    else:
        _location(state, event.location_id, "location_id")
    _quantity(event.quantity)
    holding = _RETURNED if event.from_pool else _AVAILABLE
    _tags(state, item, event.tags, event.quantity, event.location_id, holding)


def as7_repair_recorded(state: State, event: Repaired, policy: LedgerPolicy) -> None:
    """AS-7: a repair comes back where it left, with a cost that is not negative."""
    item = _item(state, event.item_id)
    _location(state, event.location_id, "location_id")
    _quantity(event.quantity)
    non_negative(event.cost, field="cost")
    _tags(state, item, event.tags, event.quantity, event.location_id, _IN_REPAIR)


def as7_disposal_from_store(state: State, event: Disposed, policy: LedgerPolicy) -> None:
    """AS-7: disposal (报废) removes only units in a storeroom's stock or returned pool."""
    _item(state, event.item_id)
    if event.store_id not in state.stores:
        raise DisposalSourceError(
            reason=Phrase(
                "{store!r} is not a storeroom", "「{store}」不是库房", store=event.store_id
            )
        )


def as7_disposal_approved(state: State, event: Disposed, policy: LedgerPolicy) -> None:
    """AS-7: disposal needs an approver ("报废" with approval [S 004, 003])."""
    require_approver(
        Phrase("disposal", "报废"),
        event.approver,
        event.recorded_by,
        distinct=policy.disposal.approver_distinct,
    )


def as7_disposal_units(state: State, event: Disposed, policy: LedgerPolicy) -> None:
    """AS-7: the disposed units are named (tags) and counted (a positive quantity)."""
    _quantity(event.quantity)
    holding = _RETURNED if event.from_pool else _AVAILABLE
    item = state.items[event.item_id]
    _tags(state, item, event.tags, event.quantity, event.store_id, holding)


# ---------------------------------------------------------------- AS-8 monthly close


def as8_not_in_closed_month(state: State, event: AssetEvent, policy: LedgerPolicy) -> None:
    """AS-8: an entry dated in a closed month is refused; corrections go to an open month."""
    closed = state.closed_through
    if closed is not None and event.effective_on <= closed:
        raise MonthClosedError(day=event.effective_on, closed_through=closed)


def as8_months_in_sequence(state: State, event: MonthClosed, policy: LedgerPolicy) -> None:
    """AS-8: months close one after the other ("每月结账一次" [S 004]), each once."""
    month = (event.year, event.month)
    closed = state.closed_month
    if closed is None:
        return
    if month <= closed:
        raise MonthClosedError(
            day=pendulum.Date(event.year, event.month, 1),
            closed_through=state.closed_through,
        )
    expected = (closed[0] + closed[1] // 12, closed[1] % 12 + 1)
    if policy.month_close.sequential and month != expected:
        raise MonthSequenceError(
            month=f"{month[0]}-{month[1]:02d}", expected=f"{expected[0]}-{expected[1]:02d}"
        )


# ---------------------------------------------------------------- AS-9 hazardous materials


def as9_hazard_has_custodian(state: State, event: ItemRegistered, policy: LedgerPolicy) -> None:
    """AS-9: a hazardous item type has one designated custodian ("专人保管" [S 004])."""
    item = event.item
    if item.hazardous and not item.custodian_id:
        raise CustodianRequiredError(item_id=item.item_id)
    if item.issue_limit is not None:
        _quantity(item.issue_limit, "issue_limit")


def as9_hazard_custodian(state: State, event: Issued | Exchanged, policy: LedgerPolicy) -> None:
    """AS-9: only the custodian hands hazardous units out ("专人保管、限量发放" [S 004])."""
    item = state.items[event.item_id]
    if not item.hazardous:
        return
    if policy.hazard.custodian_issues_only and event.recorded_by != item.custodian_id:
        raise HazardCustodianError(
            item_id=item.item_id, custodian_id=item.custodian_id, actor=event.recorded_by
        )


def as9_hazard_limit(state: State, event: Issued | Exchanged, policy: LedgerPolicy) -> None:
    """AS-9: hazardous units go out within the item's limit per holder and period (限量发放)."""
    item = state.items[event.item_id]
    if not item.hazardous or item.issue_limit is None:
        return
    holder_id = event.to_location if isinstance(event, Issued) else event.holder_id
    start = policy.hazard.period.start(event.effective_on)
    total = state.hazard.get((item.item_id, holder_id, start), 0) + event.quantity
    if total > item.issue_limit:
        raise HazardLimitError(
            holder_id=holder_id,
            item_id=item.item_id,
            total=total,
            limit=item.issue_limit,
            period_start=start,
        )


# ---------------------------------------------------------------- AS-10 threshold


def as10_item_category(state: State, event: ItemRegistered, policy: LedgerPolicy) -> None:
    """AS-10: a fixed asset has a depreciation category; inventory is filed as consumables.

    事业单位财务规则 (2022): unit value ≥ 1000 yuan and more than a year makes a fixed
    asset; below it, a large batch of like-kind durable items is still managed as
    fixed assets (大批同类物资). A bulk fixed asset must be of a category the policy's
    bulk clause covers (图书、家具、用具、装具 by default).
    """
    item = event.item
    is_consumables = item.category is AssetCategory.CONSUMABLES
    if item.fixed_asset and is_consumables:
        raise InvalidCategoryError(
            item_id=item.item_id,
            reason=Phrase("a fixed asset needs a depreciation category", "固定资产须有折旧类别"),
        )
    if not item.fixed_asset and not is_consumables:
        raise InvalidCategoryError(
            item_id=item.item_id,
            reason=Phrase(
                "inventory below the threshold is filed as consumables",
                "低于固定资产标准的存货归入低值易耗品类",
            ),
        )
    bulk = policy.threshold.bulk
    if item.kind is _BULK and not (bulk.enabled and item.category in bulk.categories):
        raise InvalidCategoryError(
            item_id=item.item_id,
            reason=Phrase(
                "the bulk clause does not cover {category}",
                "「{category}」不适用大批同类物资条款",
                category=item.category.label_zh,
            ),
        )


# ---------------------------------------------------------------- AS-11 no red figures


def as11_issue_in_stock(state: State, event: Issued, policy: LedgerPolicy) -> None:
    """AS-11: an issue takes only what the storeroom has ("不允许出现红字" [S 001])."""
    key = (event.from_place, event.item_id)
    if state.avail.get(key, 0) < event.quantity:
        _enough(state.avail, key, event.quantity, _AVAILABLE, event.effective_on)


def as11_exchange_in_stock(state: State, event: Exchanged, policy: LedgerPolicy) -> None:
    """AS-11: an exchange hands out only new units the storeroom has."""
    key = (event.store_id, event.item_id)
    if state.avail.get(key, 0) < event.quantity:
        _enough(state.avail, key, event.quantity, _AVAILABLE, event.effective_on)


def as11_hand_back_held(state: State, event: Returned, policy: LedgerPolicy) -> None:
    """AS-11: a holder hands back only what they hold."""
    key = (event.holder_id, event.item_id)
    if state.avail.get(key, 0) < event.quantity:
        _enough(state.avail, key, event.quantity, _AVAILABLE, event.effective_on)


def as11_loan_in_stock(state: State, event: Lent, policy: LedgerPolicy) -> None:
    """AS-11: a place lends only what it has."""
    key = (event.from_place, event.item_id)
    if state.avail.get(key, 0) < event.quantity:
        _enough(state.avail, key, event.quantity, _AVAILABLE, event.effective_on)


def as11_transfer_in_stock(state: State, event: Transferred, policy: LedgerPolicy) -> None:
    """AS-11: a transfer moves only what is there."""
    key = (event.from_location, event.item_id)
    if state.avail.get(key, 0) < event.quantity:
        _enough(state.avail, key, event.quantity, _AVAILABLE, event.effective_on)


def as11_damage_on_hand(state: State, event: DamageReported, policy: LedgerPolicy) -> None:
    """AS-11: damage is reported only on units on hand."""
    key = (event.location_id, event.item_id)
    _enough(state.avail, key, event.quantity, _AVAILABLE, event.effective_on)


def as11_repair_on_hand(state: State, event: SentToRepair, policy: LedgerPolicy) -> None:
    """AS-11: only units on hand (or in the pool) go to repair."""
    key = (event.location_id, event.item_id)
    table, holding = (state.pool, _RETURNED) if event.from_pool else (state.avail, _AVAILABLE)
    _enough(table, key, event.quantity, holding, event.effective_on)


def as11_repaired_in_repair(state: State, event: Repaired, policy: LedgerPolicy) -> None:
    """AS-11: only units in repair come back from it."""
    key = (event.location_id, event.item_id)
    _enough(state.repair, key, event.quantity, _IN_REPAIR, event.effective_on)


def as11_restock_in_pool(state: State, event: Restocked, policy: LedgerPolicy) -> None:
    """AS-11: only units in the returned pool are restocked."""
    key = (event.store_id, event.item_id)
    _enough(state.pool, key, event.quantity, _RETURNED, event.effective_on)


def as11_disposal_in_stock(state: State, event: Disposed, policy: LedgerPolicy) -> None:
    """AS-11: only units in stock (or in the pool) are disposed of."""
    key = (event.store_id, event.item_id)
    table, holding = (state.pool, _RETURNED) if event.from_pool else (state.avail, _AVAILABLE)
    _enough(table, key, event.quantity, holding, event.effective_on)


# ---------------------------------------------------------------- the table


def _on(
    kind: type[_E], *guards: Callable[[State, _E, LedgerPolicy], None]
) -> tuple[type, tuple[Guard, ...]]:
    # ``GUARDS[type(event)]`` is only ever called with an event of exactly ``kind``,
    # so narrowing the event parameter is sound (Callable is contravariant in it).
    return kind, cast("tuple[Guard, ...]", guards)


GUARDS: Final[Mapping[type, tuple[Guard, ...]]] = dict(
    (
        _on(ItemRegistered, as1_item_registered_once, as10_item_category, as9_hazard_has_custodian),
        _on(PlaceRegistered, as1_place_registered_once),
        _on(HolderRegistered, as1_holder_registered_once),
        _on(CustodianAssigned, as4_custodian_subject_known),
        _on(Received, as1_receipt_registered),
        _on(
            Issued,
            as1_issue_registered,
            as11_issue_in_stock,
            as3_issue_by_exchange,
            as9_hazard_custodian,
            as9_hazard_limit,
        ),
        _on(
            Exchanged,
            as3_exchange_registered,
            as3_exchange_hands_back_old,
            as11_exchange_in_stock,
            as9_hazard_custodian,
            as9_hazard_limit,
        ),
        _on(Returned, as6_hand_back_checked, as11_hand_back_held),
        _on(Lent, as5_loan_registered, as11_loan_in_stock, as5_loan_id_fresh),
        _on(LoanReturned, as5_loan_open),
        _on(Transferred, as4_transfer_recorded, as11_transfer_in_stock),
        _on(DamageReported, as7_damage_reported_here, as11_damage_on_hand),
        _on(SentToRepair, as7_repair_source, as11_repair_on_hand),
        _on(Repaired, as7_repair_recorded, as11_repaired_in_repair),
        _on(Restocked, as3_restock_from_pool, as11_restock_in_pool),
        _on(
            Disposed,
            as7_disposal_from_store,
            as7_disposal_approved,
            as7_disposal_units,
            as11_disposal_in_stock,
        ),
        _on(
            StockTakePosted,
            as2_stock_take_posted_once,
            as2_stock_take_approved,
            as2_adjustment_lines_valid,
        ),
        _on(AdjustmentDecided, as2_decision_pending, as2_decision_approved),
        _on(MonthClosed, as8_months_in_sequence),
    )
)
"""The guards of each event type, in the order they run (every event type has an entry)."""


def check(state: State, event: AssetEvent, policy: LedgerPolicy) -> None:
    """Run every guard of ``event``'s type (raises the first refusal)."""
    for guard in GUARDS[type(event)]:
        guard(state, event, policy)
