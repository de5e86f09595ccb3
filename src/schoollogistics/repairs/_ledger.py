"""RP-5: a completed repair posts its cost to the asset ledger, all or nothing.

[`post_repair`][schoollogistics.repairs.post_repair] turns a completed work order
into the asset ledger's own commands (``SendToRepair`` when the units are still
to be sent, then ``RecordRepair`` with the cost) and runs them first on a
trusted copy of the ledger (its events replayed without the guards, O(events)):
if the copy refuses any of them, the refusal is raised and the real ledger was
never touched. Then they run on the real ledger, each with ``expected_version``,
so that a concurrent writer is refused (``VersionConflictError``) rather than
interleaved.

Ordinary repair is an expense (AS-7 ``Repaired``). A work order marked
``improves`` (it lengthens the item's life or raises its capacity) is posted
with ``capitalised=True`` when the policy's ``repair_accounting`` is
``CAPITALISE_IMPROVEMENTS``: the cost is then added to the item's cost, and
compensation's [`net_book_value`][schoollogistics.compensation.net_book_value]
restarts its depreciation over the remaining life (``capitalised_repairs``).
By default every repair is an expense.
"""

from __future__ import annotations

from schoollogistics.assets import AssetEvent, AssetLedger, RecordRepair, SendToRepair
from schoollogistics.errors import Phrase
from schoollogistics.repairs._policy import RepairPolicy
from schoollogistics.repairs._records import RepairRequest, WorkOrder
from schoollogistics.repairs.errors import InvalidRepairRecordError

__all__ = ["post_repair", "repair_commands"]


def _refuse(reason: Phrase, field: str) -> InvalidRepairRecordError:
    return InvalidRepairRecordError(record="WorkOrder", field=field, reason=reason)


def repair_commands(
    order: WorkOrder,
    request: RepairRequest,
    *,
    by: str,
    send: bool = True,
    policy: RepairPolicy | None = None,
) -> tuple[SendToRepair | RecordRepair, ...]:
    """RP-5: the asset-ledger commands that post a completed repair of an item.

    The ``RecordRepair`` is ``capitalised`` when the order ``improves`` the item
    and the policy capitalises improvements (``RepairPolicy.capitalises``).

    Raises:
        InvalidRepairRecordError: the order is not completed (no cost), is for
            another request, or the request names no item or no place.
    """
    settings = RepairPolicy() if policy is None else policy
    if order.request_id != request.request_id:
        raise _refuse(Phrase("is for another request", "属于另一报修单"), "request_id")
    if order.completed_at is None or order.cost is None or order.started_at is None:
        raise _refuse(Phrase("the work is not completed", "尚未完工"), "cost")
    if request.item_id is None or request.place_id is None:
        raise _refuse(
            Phrase("the request names no item and place", "报修单未注明物品及位置"), "request_id"
        )
    quantity = None if request.tags else 1
    reason = f"work order {order.order_id}"
    record = RecordRepair(
        item_id=request.item_id,
        location_id=request.place_id,
        quantity=quantity,
        cost=order.cost,
        tags=request.tags,
        capitalised=settings.capitalises(order),
        on=order.completed_at.in_timezone(settings.timezone).date(),
        by=by,
        reason=reason,
    )
    if not send:
        return (record,)
    sent = SendToRepair(
        item_id=request.item_id,
        location_id=request.place_id,
        quantity=quantity,
        tags=request.tags,
        repairer=order.worker,
        on=order.started_at.in_timezone(settings.timezone).date(),
        by=by,
        reason=reason,
    )
    return (sent, record)


def post_repair(
    ledger: AssetLedger,
    order: WorkOrder,
    request: RepairRequest,
    *,
    by: str,
    send: bool = True,
    policy: RepairPolicy | None = None,
    expected_version: int | None = None,
) -> tuple[AssetEvent, ...]:
    """RP-5: post a completed repair to the asset ledger, all the commands or none.

    Args:
        ledger: The asset ledger.
        order: The completed work order (its cost is posted).
        request: Its request (the item, its tags and place).
        by: Who records it on the ledger.
        send: Also record the units going to repair (``SendToRepair``) on the
            day work started (default); ``False`` when that is already booked.
        policy: For the school's timezone (the days of the entries) and whether
            an improving repair is capitalised (RP-5; default: an expense).
        expected_version: The ledger version the caller read (default: now).

    Returns:
        The ledger's events, in order.

    Raises:
        InvalidRepairRecordError: the order cannot be posted (see ``repair_commands``).
        VersionConflictError: the ledger moved past ``expected_version``.
        AssetError: the ledger refuses a command; the ledger is unchanged.
    """
    commands = repair_commands(order, request, by=by, send=send, policy=policy)
    version = ledger.version if expected_version is None else expected_version
    trial = AssetLedger.replay(ledger.events, ledger.policy, check=False)
    for offset, command in enumerate(commands):
        trial.execute(command, expected_version=version + offset)
    return tuple(
        ledger.execute(command, expected_version=version + offset)
        for offset, command in enumerate(commands)
    )
