"""SPEED ONLY: the checked hot path of the ledger, compiled once from the rule tables.

Nothing here decides a rule: [`GUARDS`][] (``_rules.py``) and [`FOLDS`][]
(``_fold.py``) do. This module turns them, once at import, into one runner per
event type, ``run(state, event, policy)``, that calls the event type's guards in
order and then its fold:

* the guard tuple is unrolled for one or two guards (no loop per event);
* a guard that only concerns exchange-rule items (AS-3 on an issue) or hazardous
  items (AS-9) is called only when the event's item has the flag. Such a guard
  returns at once for any other item, so skipping it changes no outcome; the
  item is looked up after the earlier guards have checked that it exists, and
  these guards come last in their tuples (asserted below at import).

The replay of a million events goes through these runners (checked replay,
back-dated entries); the trusted replay calls the folds directly.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Final

from schoollogistics.assets._events import AssetEvent, Exchanged, Issued
from schoollogistics.assets._fold import FOLDS, Fold, State
from schoollogistics.assets._policy import LedgerPolicy
from schoollogistics.assets._rules import (
    GUARDS,
    Guard,
    as3_issue_by_exchange,
    as9_hazard_custodian,
    as9_hazard_limit,
)

__all__ = ["RUNNERS", "Runner"]

Runner = Callable[[State, AssetEvent, LedgerPolicy], None]

_EXCHANGE_RULE_ONLY: Final[frozenset[object]] = frozenset({as3_issue_by_exchange})
_HAZARDOUS_ONLY: Final[frozenset[object]] = frozenset({as9_hazard_custodian, as9_hazard_limit})
_ITEM_EVENTS: Final = frozenset({Issued, Exchanged})


def _plain(guards: tuple[Guard, ...], fold: Fold) -> Runner:
    if len(guards) == 1:
        (first,) = guards

        def run_one(state: State, event: AssetEvent, policy: LedgerPolicy) -> None:
            first(state, event, policy)
            fold(state, event)

        return run_one
    if len(guards) == 2:
        first, second = guards

        def run_two(state: State, event: AssetEvent, policy: LedgerPolicy) -> None:
            first(state, event, policy)
            second(state, event, policy)
            fold(state, event)

        return run_two

    def run_many(state: State, event: AssetEvent, policy: LedgerPolicy) -> None:
        for guard in guards:
            guard(state, event, policy)
        fold(state, event)

    return run_many


def _by_item(
    always: tuple[Guard, ...],
    exchange_rule: tuple[Guard, ...],
    hazardous: tuple[Guard, ...],
    fold: Fold,
) -> Runner:
    # Only Issued (two guards before the flagged ones) and Exchanged (three) get
    # this runner; both have ``item_id``, read without a cast() (a call per event).
    first, second, *rest = always
    third = rest[0] if rest else None

    def run(state: State, event: AssetEvent, policy: LedgerPolicy) -> None:
        first(state, event, policy)
        second(state, event, policy)
        if third is not None:
            third(state, event, policy)
        # The runner is built per event type, and only for the item-carrying events:
        # mypy cannot see that the union member here always has ``item_id``.
        item = state.items[event.item_id]  # type: ignore[union-attr]
        if item.exchange_rule:
            for guard in exchange_rule:
                guard(state, event, policy)
        if item.hazardous:
            for guard in hazardous:
                guard(state, event, policy)
        fold(state, event)

    if len(always) not in {2, 3}:  # pragma: no cover - a table edit changed the shape
        msg = "an item-flag runner unrolls two or three guards"
        raise RuntimeError(msg)
    return run


def _compile(kind: type, guards: tuple[Guard, ...], fold: Fold) -> Runner:
    flagged = _EXCHANGE_RULE_ONLY | _HAZARDOUS_ONLY
    if kind not in _ITEM_EVENTS or not flagged.intersection(guards):
        return _plain(guards, fold)
    always = tuple(g for g in guards if g not in flagged)
    if guards[: len(always)] != always:  # pragma: no cover - a table edit broke the order
        msg = f"{kind.__name__}: item-flag guards must come last in GUARDS"
        raise RuntimeError(msg)
    return _by_item(
        always,
        tuple(g for g in guards if g in _EXCHANGE_RULE_ONLY),
        tuple(g for g in guards if g in _HAZARDOUS_ONLY),
        fold,
    )


RUNNERS: Final[Mapping[type, Runner]] = {
    kind: _compile(kind, guards, FOLDS[kind]) for kind, guards in GUARDS.items()
}
"""Guards then fold, per event type (speed only; same outcomes as ``check`` + ``fold``)."""
