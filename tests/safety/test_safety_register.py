"""The hidden-danger register (SF-2 … SF-4, SF-6): guards, the state machine beside a model."""

from __future__ import annotations

import attrs
import pytest
from hypothesis import settings
from hypothesis import strategies as st
from hypothesis.stateful import (
    Bundle,
    RuleBasedStateMachine,
    initialize,
    invariant,
    rule,
)

from schoollogistics import serialization
from schoollogistics.errors import SafetyError
from schoollogistics.safety import (
    ApplianceBreach,
    CloseHazard,
    HazardState,
    OpenHazard,
    RecordBreach,
    RecordFix,
    RecordInspection,
    Reinspect,
    SafetyOffice,
    SafetyPolicy,
    TakeMeasures,
)
from schoollogistics.safety.errors import (
    DuplicateSafetyIdError,
    HazardStateError,
    InvalidSafetyRecordError,
    ReinspectionRequiredError,
    ReinspectorIsOwnerError,
    UnknownSafetyIdError,
    UnsignedRecordError,
)

from ._support import day, hazard, inspection


def _closed_office() -> SafetyOffice:
    office = SafetyOffice("school-1")
    office.execute(OpenHazard(hazard()))
    office.execute(TakeMeasures("H-1", day(9, 6), "赵师傅", ("更换插座",)))
    office.execute(RecordFix("H-1", day(9, 8), "赵师傅"))
    office.execute(Reinspect("H-1", day(9, 9), "王老师"))
    office.execute(CloseHazard("H-1", day(9, 9), "校长"))
    return office


@pytest.mark.rule("SF-3", "SF-4")
def test_the_one_path_to_closing() -> None:
    office = _closed_office()
    entry = office.hazard("H-1")
    assert entry.state is HazardState.CLOSED
    assert entry.measures == ("更换插座",)
    assert entry.reinspected_by == "王老师"
    assert entry.approved_by == "校长"
    assert entry.properly_reinspected
    assert office.check_invariants() == ()
    assert SafetyOffice.replay("school-1", office.events) == office
    assert SafetyOffice.replay("school-1", office.events, check=False) == office
    state = office.state()
    again = serialization.loads(type(state), serialization.dumps(state))
    assert SafetyOffice.from_state(again) == office


@pytest.mark.rule("SF-4")
def test_closing_without_reinspection_is_refused_and_changes_nothing() -> None:
    office = SafetyOffice("school-1")
    office.execute(OpenHazard(hazard()))
    office.execute(TakeMeasures("H-1", day(9, 6), "赵师傅", ("更换插座",)))
    office.execute(RecordFix("H-1", day(9, 8), "赵师傅"))
    before = office.state()
    with pytest.raises(ReinspectionRequiredError) as caught:
        office.execute(CloseHazard("H-1", day(9, 9), "校长"))
    assert caught.value.code == "safety.reinspection_required"
    assert "复查" in caught.value.message_zh
    assert office.state() == before


@pytest.mark.rule("SF-4")
def test_the_owner_cannot_reinspect() -> None:
    office = SafetyOffice("school-1")
    office.execute(OpenHazard(hazard()))
    office.execute(TakeMeasures("H-1", day(9, 6), "赵师傅", ("更换插座",)))
    office.execute(RecordFix("H-1", day(9, 8), "孙师傅"))
    for person in ("赵师傅", "孙师傅"):
        with pytest.raises(ReinspectorIsOwnerError):
            office.execute(Reinspect("H-1", day(9, 9), person))
    assert office.hazard("H-1").state is HazardState.FIXED


@pytest.mark.rule("SF-4")
def test_steps_out_of_order_and_out_of_date() -> None:
    office = SafetyOffice("school-1")
    office.execute(OpenHazard(hazard()))
    with pytest.raises(HazardStateError):
        office.execute(RecordFix("H-1", day(9, 8), "赵师傅"))
    with pytest.raises(HazardStateError):
        office.execute(Reinspect("H-1", day(9, 8), "王老师"))
    with pytest.raises(InvalidSafetyRecordError):
        office.execute(TakeMeasures("H-1", day(9, 1), "赵师傅", ("更换插座",)))
    with pytest.raises(UnknownSafetyIdError):
        office.execute(TakeMeasures("H-9", day(9, 6), "赵师傅", ("更换插座",)))
    closed = _closed_office()
    with pytest.raises(HazardStateError):
        closed.execute(CloseHazard("H-1", day(9, 10), "校长"))


@pytest.mark.rule("SF-3")
def test_an_entry_opens_fresh_with_interim_precautions() -> None:
    office = SafetyOffice("school-1")
    with pytest.raises(InvalidSafetyRecordError):
        office.execute(OpenHazard(hazard(interim=())))
    with pytest.raises(HazardStateError):
        office.execute(OpenHazard(hazard(state=HazardState.CLOSED)))
    office.execute(OpenHazard(hazard()))
    with pytest.raises(DuplicateSafetyIdError):
        office.execute(OpenHazard(hazard()))
    with pytest.raises(InvalidSafetyRecordError):
        hazard(deadline=day(9, 1))


@pytest.mark.rule("SF-2")
def test_no_inspection_record_without_both_signatures() -> None:
    office = SafetyOffice("school-1")
    with pytest.raises(UnsignedRecordError) as caught:
        office.execute(RecordInspection(inspection(signed=False)))
    assert "被检查部门负责人" in caught.value.message_zh
    assert office.version == 0
    half = attrs.evolve(inspection(), head_signature=None)
    with pytest.raises(UnsignedRecordError):
        office.execute(RecordInspection(half))
    office.execute(RecordInspection(inspection()))
    with pytest.raises(DuplicateSafetyIdError):
        office.execute(RecordInspection(inspection()))
    with pytest.raises(InvalidSafetyRecordError):
        attrs.evolve(inspection(), inspector_signature="外人")


@pytest.mark.rule("SF-6")
def test_breaches_recorded_once() -> None:
    office = SafetyOffice("school-1")
    breach = ApplianceBreach(
        breach_id="B-1",
        on=day(9, 10),
        place="教师宿舍",
        appliance="电炉",
        person="某老师",
        checked_by="后勤校长",
        watts=2000,
    )
    office.execute(RecordBreach(breach))
    with pytest.raises(DuplicateSafetyIdError):
        office.execute(RecordBreach(breach))
    assert office.log().breaches == (breach,)


# ---------------------------------------------------------------- the state machine

_PEOPLE = ("赵师傅", "王老师", "校长", "孙师傅")
_ORDER = (
    HazardState.OPEN,
    HazardState.MEASURES,
    HazardState.FIXED,
    HazardState.REINSPECTED,
    HazardState.CLOSED,
)


class RegisterMachine(RuleBasedStateMachine):
    """The office beside a model: a dict of hazard id -> (state, owner, fixed_by)."""

    ids = Bundle("ids")

    @initialize()
    def start(self) -> None:
        self.office = SafetyOffice("school-1", policy=SafetyPolicy())
        self.model: dict[str, tuple[HazardState, str, str | None]] = {}
        self.day = day(9, 1)

    def _try(self, command: object, allowed: bool) -> None:
        before = self.office.state()
        refused: SafetyError | None = None
        try:
            self.office.execute(command)  # type: ignore[arg-type]  # the machine builds commands
        except SafetyError as error:
            refused = error
        assert (refused is None) == allowed, (command, refused)
        if refused is not None:
            assert self.office.state() == before

    @rule(
        target=ids, hazard_id=st.sampled_from(["H-1", "H-2", "H-3"]), owner=st.sampled_from(_PEOPLE)
    )
    def open(self, hazard_id: str, owner: str) -> str:
        allowed = hazard_id not in self.model
        self._try(
            OpenHazard(
                hazard(hazard_id, owner=owner, found_on=self.day, deadline=self.day.add(days=7))
            ),
            allowed,
        )
        if allowed:
            self.model[hazard_id] = (HazardState.OPEN, owner, None)
        return hazard_id

    def _step(
        self, hazard_id: str, target: HazardState, command: object, fixer: str | None = None
    ) -> None:
        known = hazard_id in self.model
        allowed = known and _ORDER.index(self.model[hazard_id][0]) + 1 == _ORDER.index(target)
        if allowed and target is HazardState.REINSPECTED:
            _, owner, fixed_by = self.model[hazard_id]
            allowed = getattr(command, "by", None) not in {owner, fixed_by}
        self._try(command, allowed)
        if allowed:
            _, owner, fixed_by = self.model[hazard_id]
            self.model[hazard_id] = (target, owner, fixer if fixer is not None else fixed_by)

    @rule(hazard_id=ids)
    def measures(self, hazard_id: str) -> None:
        self.day = self.day.add(days=1)
        self._step(
            hazard_id, HazardState.MEASURES, TakeMeasures(hazard_id, self.day, "赵师傅", ("整改",))
        )

    @rule(hazard_id=ids, by=st.sampled_from(_PEOPLE))
    def fix(self, hazard_id: str, by: str) -> None:
        self._step(hazard_id, HazardState.FIXED, RecordFix(hazard_id, self.day, by), fixer=by)

    @rule(hazard_id=ids, by=st.sampled_from(_PEOPLE))
    def reinspect(self, hazard_id: str, by: str) -> None:
        self._step(hazard_id, HazardState.REINSPECTED, Reinspect(hazard_id, self.day, by))

    @rule(hazard_id=ids)
    def close(self, hazard_id: str) -> None:
        self._step(hazard_id, HazardState.CLOSED, CloseHazard(hazard_id, self.day, "校长"))

    @invariant()
    def matches_the_model(self) -> None:
        assert {h.hazard_id: h.state for h in self.office.hazards} == {
            k: v[0] for k, v in self.model.items()
        }
        for entry in self.office.hazards:
            if entry.state is HazardState.CLOSED:
                assert entry.properly_reinspected

    @invariant()
    def consistent(self) -> None:
        assert self.office.check_invariants() == ()


RegisterMachine.TestCase.settings = settings(max_examples=30, stateful_step_count=20, deadline=None)
test_register_machine = pytest.mark.rule("SF-3", "SF-4")(RegisterMachine.TestCase)
