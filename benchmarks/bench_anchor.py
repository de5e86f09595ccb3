"""An external anchor: beancount loading a ledger from text, beside our loads + replay (issue 11).

Optional: beancount is in the ``anchor`` dependency group, which neither ``dev`` nor CI
installs (``uv sync --group anchor``, then ``uv run python benchmarks/run.py --only
anchor``). Without it the benchmark returns one record saying it was skipped.

The history is the mixed asset-ledger history of ``bench_assets.generate`` (receive,
issue, exchange, return, transfer, lend, loan return over 50 places, 200 item types and
100 holders), N events. Both sides start from text and end with checked books:

* **ours** (the subject): ``serialization.loads(list[AssetEvent], text)`` of the events
  written once with ``dumps`` (JSON; the optional orjson parser when installed), then
  ``AssetLedger.replay(events, check=True)``;
* **beancount** (the baseline): ``beancount.loader.load_string(text)`` of the same history
  written as beancount text: an ``open`` directive per account (a place, a holder's loans,
  the exchange pool, ``Equity:Supplier``), and for every event that moves a quantity one
  two-posting transaction moving it between accounts (commodity = the item, e.g.
  ``CONS-001``); registrations carry no quantity and are only the opens.

``anchor.beancount``: each posting holds its quantity at cost, one lot per account and
item (``{12.50 CNY, 2025-09-01}``, a receipt against ``Equity:Supplier`` for its value),
every reduction written ``{}``, so beancount's booking must find the lot and refuses to
take more than the account holds: the counterpart of our "no stock below zero".
``anchor.beancount.units_only`` (full run only): the same transactions in plain units,
no cost: beancount then parses, interpolates and validates, but books no lot and checks
no holding (an account may go negative).

Checked before any timing: beancount reports no error, and its final balance of every
account and item equals the sum of the generator's quantity changes; our replayed ledger
has no invariant violation.

What is comparable: both parse a text representation of the same history, both build
their records (``AssetEvent`` records and a ledger; beancount directives, inventories and
its realisation of the lots), both check that the books balance (beancount: every
transaction's weights sum to zero and reductions match held lots; we: no stock below
zero, tags where they are, loans returned once). What is not: beancount parses a text
grammar (a C lexer and parser) and books inventory with lots, tolerances and
interpolation, then runs its validation plugins (open/close dates, currency
constraints, balances, data types); we parse JSON (a generic parser, then a checked
constructor per record) and check the school's rules (AS-*: exchange, loans, fixed-asset
tags, places and holders registered), which beancount knows nothing of, and hold no
money per lot. The ratio says how the two whole pipelines compare on one history, not
which parser or which fold is faster.

Measured with ``_measure.alternate`` (ours and beancount in turn, at least five pairs,
each run after a garbage collection, process CPU time; medians; ``ratio`` = beancount's
time / ours, >1: ours faster). Rates are per event of the N-event history for both.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import Any

from _measure import alternate, rate_record
from bench_assets import generate

from schoollogistics import serialization
from schoollogistics.assets import AssetEvent, AssetLedger, ItemRegistered

Key = tuple[str, str]
Change = tuple[Key | None, Key, int]
_SUPPLIER = "Equity:Supplier"
_LOT_DATE = "2025-09-01"


def _account(key: Key) -> str:
    place, item = key
    if item == "L":  # a loan: the borrower's loans account
        return f"Assets:Loans:{place.capitalize()}"
    return f"Assets:{place.capitalize()}"


def _beancount_text(
    events: list[Any], changes: list[tuple[Change, ...]], *, lots: bool
) -> tuple[str, int, dict[tuple[str, str], int]]:
    """The history as beancount text, its number of transactions and the expected balances."""
    costs = {e.item.item_id: e.item.unit_cost for e in events if isinstance(e, ItemRegistered)}
    accounts = {_SUPPLIER}
    balances: dict[tuple[str, str], int] = {}
    body: list[str] = []
    for event, change in zip(events, changes, strict=True):
        moves = [move for move in change if move[2] > 0]
        if not moves:
            continue
        if len(moves) > 1:
            message = f"{type(event).__name__} moves more than one quantity"
            raise RuntimeError(message)
        source, target, quantity = moves[0]
        item = target[1] if target[1] != "L" else source[1] if source else target[1]
        commodity = item.upper()
        to_account = _account(target)
        accounts.add(to_account)
        from_account = _SUPPLIER if source is None else _account(source)
        accounts.add(from_account)
        balances[to_account, commodity] = balances.get((to_account, commodity), 0) + quantity
        if source is not None:
            balances[from_account, commodity] = (
                balances.get((from_account, commodity), 0) - quantity
            )
        head = f'{event.effective_on} * "{type(event).__name__}"'
        if not lots:
            body.append(
                f"{head}\n  {from_account}  -{quantity} {commodity}\n"
                f"  {to_account}  {quantity} {commodity}\n"
            )
            continue
        cost = costs[item].amount
        held = f"{quantity} {commodity} {{{cost} CNY, {_LOT_DATE}}}"
        if source is None:
            body.append(f"{head}\n  {to_account}  {held}\n  {_SUPPLIER}  -{quantity * cost} CNY\n")
        else:
            body.append(
                f"{head}\n  {from_account}  -{quantity} {commodity} {{}}\n  {to_account}  {held}\n"
            )
    opens = "".join(f"{_LOT_DATE} open {account}\n" for account in sorted(accounts))
    header = 'option "operating_currency" "CNY"\n\n'
    return header + opens + "\n" + "\n".join(body), len(body), balances


def _check_beancount(result: Any, balances: dict[tuple[str, str], int]) -> None:
    from beancount.core import data  # noqa: PLC0415 - optional, benchmark only

    entries, errors, _ = result
    if errors:
        message = f"beancount reports {len(errors)} errors, the first: {errors[0].message}"
        raise RuntimeError(message)
    found: dict[tuple[str, str], int] = {}
    for entry in entries:
        if isinstance(entry, data.Transaction):
            for posting in entry.postings:
                if posting.account == _SUPPLIER:
                    continue
                key = (posting.account, posting.units.currency)
                found[key] = found.get(key, 0) + int(posting.units.number)
    expected = {k: v for k, v in balances.items() if k[0] != _SUPPLIER}
    if {k: v for k, v in found.items() if v} != {k: v for k, v in expected.items() if v}:
        message = "beancount's final balances differ from the generator's quantity changes"
        raise RuntimeError(message)


def _skipped(error: ImportError) -> list[dict[str, Any]]:
    return [
        {
            "name": "anchor.beancount",
            "value": 0.0,
            "unit": "events/s",
            "note": f"skipped: {error} (optional: uv sync --group anchor)",
        }
    ]


def bench_anchor(quick: bool) -> list[dict[str, Any]]:
    try:
        from beancount import loader  # noqa: PLC0415 - optional, benchmark only
    except ImportError as error:
        return _skipped(error)
    n = 2_000 if quick else 20_000
    events, changes = generate(n)
    as_type = list[AssetEvent]
    text = serialization.dumps(events, as_type)
    codec = "orjson" if getattr(serialization, "_orjson", None) is not None else "json"

    def ours() -> AssetLedger:
        return AssetLedger.replay(serialization.loads(as_type, text), check=True)

    if ours().check_invariants() != ():
        message = "the replayed ledger breaks an invariant"
        raise RuntimeError(message)
    records: list[dict[str, Any]] = []
    variants = (
        [("anchor.beancount", True)]
        if quick
        else [
            ("anchor.beancount", True),
            ("anchor.beancount.units_only", False),
        ]
    )
    for name, lots in variants:
        source, transactions, balances = _beancount_text(events, changes, lots=lots)
        theirs: Callable[[], Any] = partial(loader.load_string, source)
        _check_beancount(theirs(), balances)  # also the warm-up (beancount imports its plugins)
        measured = alternate(ours, theirs, pairs=5)
        out = rate_record(name, n, measured, f"events/s (loads [{codec}] + checked replay)")
        out["transactions"] = transactions
        out["beancount_chars"] = len(source)
        out["json_chars"] = len(text)
        records.append(out)
    return records


BENCHMARKS = {"anchor.beancount": bench_anchor}
