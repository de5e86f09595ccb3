"""PR-4: accepted goods are received into the asset ledger, all or nothing, naming the purchase.

[`post_receipt`][schoollogistics.purchasing.post_receipt] turns the accepted
delivery of a purchase into the asset ledger's own ``Receive`` commands (one
per delivered line that names a ledger item, each with ``purchase_id`` set to
the request, so that the ledger's ``Received`` links back to the purchase), and
runs them first on a trusted copy of the ledger (its events replayed without
the guards): if the copy refuses any of them, the refusal is raised and the
real ledger was never touched. The office's own step (``RecordStored``) is
checked before the ledger is written, and recorded after it, with the
ledger's sequence numbers of the receipts.
"""

from __future__ import annotations

from schoollogistics.assets import AssetEvent, AssetLedger, Receive
from schoollogistics.errors import Phrase
from schoollogistics.purchasing._commands import RecordStored
from schoollogistics.purchasing._office import FinanceOffice
from schoollogistics.purchasing._policy import FinancePolicy
from schoollogistics.purchasing._records import Purchase
from schoollogistics.purchasing.errors import InvalidFinanceRecordError

__all__ = ["post_receipt", "receipt_commands"]


def _refuse(reason: Phrase, field: str) -> InvalidFinanceRecordError:
    return InvalidFinanceRecordError(record="Purchase", field=field, reason=reason)


def receipt_commands(
    purchase: Purchase, *, by: str, policy: FinancePolicy | None = None
) -> tuple[Receive, ...]:
    """PR-4: the asset-ledger ``Receive`` commands of an accepted purchase's stocked lines.

    Each receipt is dated the day of acceptance, costs the ordered unit price,
    names the acceptor, the supplier, the invoice and the purchase.

    Raises:
        InvalidFinanceRecordError: the purchase is not accepted, or names no storeroom
            for lines that go into stock.
    """
    settings = FinancePolicy() if policy is None else policy
    delivery, order = purchase.delivery, purchase.order
    if delivery is None or order is None:
        raise _refuse(Phrase("the goods are not accepted", "尚未验收"), "delivery")
    ordered = {line.line_id: line for line in order.lines}
    on = delivery.at.in_timezone(settings.timezone).date()
    commands = []
    for line in delivery.lines:
        request_line = purchase.request.line(line.line_id)
        if request_line is None or request_line.item_id is None:
            continue
        if delivery.store_id is None:
            raise _refuse(Phrase("names no storeroom", "未注明入库库房"), "store_id")
        bought = ordered[line.line_id]
        commands.append(
            Receive(
                item_id=request_line.item_id,
                place_id=delivery.store_id,
                quantity=None if line.tags else line.quantity,
                acceptor=delivery.acceptor,
                unit_cost=bought.unit_price,
                tags=line.tags,
                supplier=bought.supplier,
                invoice_ref=delivery.invoice_ref,
                purchase_id=purchase.request_id,
                on=on,
                by=by,
                reason=f"purchase {purchase.request_id}",
            )
        )
    return tuple(commands)


def post_receipt(
    ledger: AssetLedger,
    office: FinanceOffice,
    request_id: str,
    *,
    by: str,
    expected_version: int | None = None,
) -> tuple[AssetEvent, ...]:
    """PR-4: receive an accepted purchase into the asset ledger and record it stored.

    All or nothing: the office's ``RecordStored`` is checked first, the ledger
    commands run on a trusted copy, and only then on the ledger (each with
    ``expected_version``) and the office.

    Args:
        ledger: The asset ledger.
        office: The finance office holding the purchase.
        request_id: The purchase.
        by: Who records it on the ledger.
        expected_version: The ledger version the caller read (default: now).

    Returns:
        The ledger's events (``Received``, each with ``purchase_id``), in order.

    Raises:
        UnknownFinanceIdError: no such purchase.
        PurchaseStageError: the purchase is not accepted, or already stored.
        InvalidFinanceRecordError: the delivery names no storeroom.
        VersionConflictError: the ledger moved past ``expected_version``.
        AssetError: the ledger refuses a receipt; neither ledger nor office changed.
    """
    purchase = office.purchase(request_id)
    commands = receipt_commands(purchase, by=by, policy=office.policy)
    version = ledger.version if expected_version is None else expected_version
    delivery = purchase.delivery
    if delivery is None:  # pragma: no cover - receipt_commands refused it
        raise _refuse(Phrase("the goods are not accepted", "尚未验收"), "delivery")
    day = delivery.at.in_timezone(office.policy.timezone).date()
    sequences = tuple(range(version + 1, version + 1 + len(commands)))
    stored = RecordStored(request_id=request_id, on=day, ledger_sequences=sequences)
    office.check_command(stored)
    trial = AssetLedger.replay(ledger.events, ledger.policy, check=False)
    for offset, command in enumerate(commands):
        trial.execute(command, expected_version=version + offset)
    events = tuple(
        ledger.execute(command, expected_version=version + offset)
        for offset, command in enumerate(commands)
    )
    office.execute(stored)
    return events
