"""Hostile commands for the repair desk: typed refusals leave it identical; no poison pill.

As for the other aggregates (``test_hostile_commands.py``): a valid command as JSON with one
field mutated, or an arbitrary well-typed command from the strategies, is either refused
with a ``SchoolLogisticsError`` leaving the desk's state identical, or accepted, after which
``state``, ``check_invariants``, ``log``, ``from_state`` and ``audit`` still work.
"""

from __future__ import annotations

from typing import Final

import attrs
import pendulum
from hypothesis import given
from hypothesis import strategies as st

from schoollogistics import DateRange, serialization
from schoollogistics.repairs import COMMAND_TYPES, EVENT_TYPES, DeskCommand, RepairDesk
from schoollogistics.serialization import to_dict
from schoollogistics.testing import strategy_for
from schoollogistics.testing.repairs import simulate_repairs

from ._judge import feed
from ._support import Batch, cut, hostile_settings, loose, pick, probe
from ._values import Target, apply, mutations

DESK_TARGET: Final = Target("DeskCommand", DeskCommand, st.nothing(), DeskCommand)
PERIOD: Final = DateRange(pendulum.Date(2025, 9, 1), pendulum.Date(2025, 9, 30))


def stocked() -> RepairDesk:
    return simulate_repairs(3, school_days_count=10)


def _docs() -> tuple[object, ...]:
    """The next commands of a desk one request ahead of ``stocked()``, as JSON documents."""
    known = set(stocked().events)
    fresh = [
        event for event in simulate_repairs(4, school_days_count=10).events if event not in known
    ]
    commands = [
        COMMAND_TYPES[EVENT_TYPES.index(type(event))](*attrs.astuple(event, recurse=False))
        for event in fresh[:6]
    ]
    return tuple(to_dict(command, DeskCommand) for command in commands)


_DOCS: Final = _docs()


def _state(desk: RepairDesk) -> str:
    return serialization.dumps(desk.state())


def _desk_execute(batch: Batch, desk: RepairDesk, command: object, shown: str) -> None:
    before = _state(desk)
    ok, _ = probe(
        batch, "RepairDesk.execute", lambda: loose(desk.execute)(command), repro=shown, pure=False
    )
    if not ok and _state(desk) != before:
        batch.fail(
            "state-changed",
            "a refused command changed the desk",
            type(command).__name__,
            "RepairDesk",
            shown,
        )
    if ok:
        for name, call in (
            ("state", desk.state),
            ("check_invariants", desk.check_invariants),
            ("log", desk.log),
            ("from_state", lambda: RepairDesk.from_state(desk.state())),
            ("audit", lambda: desk.audit(PERIOD)),
        ):
            fine, error = probe(batch, f"RepairDesk.{name}", call, repro=f"after {shown}")
            if not fine:
                batch.fail(
                    "poison-pill",
                    type(error).__name__,
                    f"{name} fails after an accepted command",
                    "RepairDesk",
                    shown,
                )


def test_there_are_valid_commands_to_mutate() -> None:
    assert len(_DOCS) >= 4


@hostile_settings(examples=5)
@given(seed=st.integers(0, 2**32 - 1))
def test_desk_mutated_commands(seed: int) -> None:
    """Valid desk commands as JSON, one field mutated; whatever loads is executed."""
    batch = Batch("repairs")
    for doc in _DOCS:
        desk = stocked()
        for mutation in pick(mutations(doc), 10, seed):
            if batch.exhausted:
                break
            mutated = apply(doc, mutation)
            ok, command = feed(
                batch, DESK_TARGET, mutated, label=mutation.describe(), mutation=mutation
            )
            if ok:
                _desk_execute(batch, desk, command, f"{mutation.describe()}: {cut(mutated)}")
    batch.close()


@hostile_settings(examples=5)
@given(
    commands=st.lists(
        st.one_of([strategy_for(cls) for cls in COMMAND_TYPES]), min_size=10, max_size=10
    )
)
def test_desk_commands_from_strategies(commands: list[object]) -> None:
    """Well-typed but arbitrary desk commands: typed refusals, nothing changed."""
    batch = Batch("repairs")
    desk = stocked()
    for command in commands:
        _desk_execute(batch, desk, command, cut(command))
    batch.close()
