"""The safety office (安全办): a pure aggregate holding the hidden-danger register.

It records inspections (SF-2), the register's entries and their steps (SF-3, SF-4),
banned-appliance findings (SF-6) and the duty rosters with their swaps (DU-1,
DU-2). A command becomes its event (same fields), the guards of ``_rules.py``
check it against the state, and the fold of ``_fold.py`` records it.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from types import MappingProxyType
from typing import Final

import attrs

from schoollogistics.core._versions import check_expected_version
from schoollogistics.core.findings import FINDINGS
from schoollogistics.core.ids import require_id
from schoollogistics.core.violations import Violation
from schoollogistics.errors import FieldTypeError, SafetyError
from schoollogistics.safety._commands import COMMAND_TYPES, SafetyCommand
from schoollogistics.safety._events import EVENT_TYPES, OfficeState, SafetyEvent
from schoollogistics.safety._fold import Office, fold
from schoollogistics.safety._policy import SafetyPolicy
from schoollogistics.safety._records import Hazard, Roster, SafetyLog
from schoollogistics.safety._rules import GUARDS, check
from schoollogistics.safety.errors import UnknownSafetyIdError

__all__ = ["SafetyOffice"]

_EVENT_OF: Final[Mapping[type, type]] = MappingProxyType(
    dict(zip(COMMAND_TYPES, EVENT_TYPES, strict=True))
)
"""The event each command type records (same fields, same index in the unions)."""


class SafetyOffice:
    """A school's safety office and its hidden-danger register (SF-2 … SF-6, DU-1, DU-2).

    A pure aggregate: it reads no clock (every day is an argument) and records
    each accepted command as an event.
    [`execute`][schoollogistics.safety.SafetyOffice.execute] is the one entry point:
    it builds the event, runs the guards of its type and raises a typed
    [`SafetyError`][schoollogistics.errors.SafetyError] when one refuses (the office
    is then exactly as it was), or folds the event in. ``version`` is the number
    of events; ``execute(command, expected_version=v)`` refuses with
    ``VersionConflictError`` when the office moved past ``v``.

    Args:
        office_id: The office's id.
        policy: The policy enforced (default: RULES.md).
    """

    __slots__ = ("_office", "_policy")

    def __init__(self, office_id: str, *, policy: SafetyPolicy | None = None) -> None:
        self._office = Office(require_id(office_id, field="office_id"))
        self._policy = SafetyPolicy() if policy is None else policy

    @classmethod
    def replay(
        cls,
        office_id: str,
        events: Iterable[SafetyEvent],
        *,
        policy: SafetyPolicy | None = None,
        check: bool = True,
    ) -> SafetyOffice:
        """Rebuild an office from its events (through the guards unless ``check=False``).

        Raises:
            SafetyError: with ``check=True``, an event the rules refuse.
        """
        office = cls(office_id, policy=policy)
        for event in events:
            if check:
                office._record(event)
            else:
                fold(office._office, event)
        return office

    @classmethod
    def from_state(cls, state: OfficeState, *, check: bool = True) -> SafetyOffice:
        """Rebuild an office from its serializable state."""
        return cls.replay(state.office_id, state.events, policy=state.policy, check=check)

    @property
    def office_id(self) -> str:
        """The office's id."""
        return self._office.office_id

    @property
    def policy(self) -> SafetyPolicy:
        """The policy the office enforces."""
        return self._policy

    @property
    def version(self) -> int:
        """The number of events the office holds (0 when new)."""
        return len(self._office.events)

    @property
    def events(self) -> tuple[SafetyEvent, ...]:
        """Every accepted operation, in order."""
        return tuple(self._office.events)

    def state(self) -> OfficeState:
        """The whole office as one frozen, serializable record."""
        return OfficeState(self.office_id, self._policy, tuple(self._office.events))

    def execute(
        self, command: SafetyCommand, *, expected_version: int | None = None
    ) -> SafetyEvent:
        """Run a command: build its event, check it against the rules, record it.

        Raises:
            VersionConflictError: the office moved past ``expected_version``.
            SafetyError: the rules refuse the command (the office is unchanged).
            InvalidInputError: ``expected_version`` is not a version.
        """
        check_expected_version(expected_version, len(self._office.events))
        event_type = _EVENT_OF.get(type(command))
        if event_type is None:
            raise FieldTypeError(
                field="command",
                expected="a SafetyCommand",
                expected_zh="「SafetyCommand」",
                type_name=type(command).__name__,
            )
        event: SafetyEvent = event_type(*attrs.astuple(command, recurse=False))
        return self._record(event)

    def _record(self, event: SafetyEvent) -> SafetyEvent:
        for guard in GUARDS[type(event)]:
            guard(self._office, event, self._policy)
        fold(self._office, event)
        return event

    # ------------------------------------------------------------ queries

    def hazard(self, hazard_id: str) -> Hazard:
        """The register's entry with this id, as it stands now.

        Raises:
            UnknownSafetyIdError: no such entry.
        """
        try:
            return self._office.hazards[hazard_id]
        except KeyError:
            raise UnknownSafetyIdError(kind="Hazard", id=hazard_id) from None

    def roster(self, roster_id: str) -> Roster:
        """The roster with this id, swaps applied.

        Raises:
            UnknownSafetyIdError: no such roster.
        """
        try:
            return self._office.rosters[roster_id]
        except KeyError:
            raise UnknownSafetyIdError(kind="Roster", id=roster_id) from None

    @property
    def hazards(self) -> tuple[Hazard, ...]:
        """The register, in the order the entries were opened."""
        return tuple(self._office.hazards.values())

    def log(self) -> SafetyLog:
        """The records as plain data for the audit (``audit_safety``)."""
        return self._office.log()

    def check_invariants(self) -> tuple[Violation, ...]:
        """The office's internal consistency, as findings: empty when consistent; never raises.

        The events, replayed through the guards, are accepted and give the same records.
        """
        again = Office(self.office_id)
        for index, event in enumerate(self._office.events):
            try:
                check(again, event, self._policy)
            except SafetyError as error:
                return (
                    FINDINGS["safety.history_refused"].violation(
                        self.office_id,
                        index=str(index),
                        event=type(event).__name__,
                        refusal=error.code,
                    ),
                )
            fold(again, event)
        if again.log() != self._office.log():
            return (FINDINGS["safety.history_mismatch"].violation(self.office_id),)
        return ()

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, SafetyOffice):
            return NotImplemented
        return self.state() == other.state()

    # A mutable aggregate is unhashable; mypy sees None as incompatible with
    # object.__hash__'s signature, which cannot be avoided when un-hashing a class.
    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        office = self._office
        return (
            f"SafetyOffice({office.office_id!r}, inspections={len(office.inspections)}, "
            f"hazards={len(office.hazards)}, rosters={len(office.rosters)})"
        )
