"""The repair desk: guards named after the rules, refusals change nothing, replay == live."""

from __future__ import annotations

import attrs
import pendulum
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from schoollogistics import serialization
from schoollogistics.assets import AssetLedger, PlaceKind
from schoollogistics.core import AssetCategory
from schoollogistics.core.money import Money
from schoollogistics.core.time import DateRange
from schoollogistics.errors import AssetError, RepairError, VersionConflictError
from schoollogistics.repairs import (
    Acceptance,
    AddEvidence,
    Approve,
    CheckResult,
    CloseOrder,
    CompleteWork,
    Defer,
    Deferral,
    Evidence,
    EvidenceKind,
    FileRequest,
    OpenOrder,
    RecordRound,
    RepairDesk,
    RepairPolicy,
    RepairRequest,
    Respond,
    Response,
    RoundRecord,
    SchoolDays,
    SignAcceptance,
    StartWork,
    WorkerKind,
    WorkOrder,
    post_repair,
    render_acceptance_form,
    render_request_form,
)
from schoollogistics.repairs.errors import (
    AcceptanceRequiredError,
    AcceptanceSignerError,
    ApprovalRequiredError,
    ClaimRequiredError,
    DuplicateRepairIdError,
    InvalidRepairRecordError,
    MissingEvidenceError,
    OrderStateError,
    UnknownRepairIdError,
)
from schoollogistics.testing.repairs import desk_commands, simulate_repairs

ZONE = "Asia/Shanghai"
DAYS = SchoolDays([pendulum.Date(2025, 9, d) for d in (1, 2, 3, 4, 5, 8, 9, 10, 11, 12)])


def at(day: int, hour: int = 9) -> pendulum.DateTime:
    return pendulum.datetime(2025, 9, day, hour, tz=ZONE)


def request(**changes: object) -> RepairRequest:
    base = RepairRequest(
        request_id="R1",
        filed_at=at(1),
        reporter="李老师",
        unit="三年级二班",
        description="灯管不亮",
        place_id="room-301",
        custodian="王保管",
    )
    return attrs.evolve(base, **changes)  # type: ignore[arg-type]


def order(**changes: object) -> WorkOrder:
    base = WorkOrder(
        order_id="W1",
        request_id="R1",
        opened_at=at(1, 10),
        worker_kind=WorkerKind.STAFF,
        worker="王师傅",
        estimated_cost=Money(80),
    )
    return attrs.evolve(base, **changes)  # type: ignore[arg-type]


def desk_with(req: RepairRequest | None = None, wo: WorkOrder | None = None) -> RepairDesk:
    desk = RepairDesk("desk", school_days=DAYS)
    desk.execute(FileRequest(req or request()))
    desk.execute(OpenOrder(wo or order()))
    return desk


def refused_unchanged(desk: RepairDesk, command: object, error: type[Exception]) -> None:
    before = desk.state()
    with pytest.raises(error):
        desk.execute(command)  # type: ignore[arg-type]
    assert desk.state() == before


def test_the_whole_life_of_a_small_repair() -> None:
    desk = desk_with()
    desk.execute(Respond(Response(request_id="R1", at=at(1, 10), by="后勤处")))
    desk.execute(StartWork("W1", at(2, 8)))
    desk.execute(CompleteWork("W1", at(2, 9), Money(60)))
    desk.execute(SignAcceptance("W1", Acceptance(signed_by="李老师", at=at(2, 10))))
    desk.execute(CloseOrder("W1", at(2, 11)))
    assert desk.order("W1").state == "closed"
    assert desk.check_invariants() == ()
    assert desk.audit(DAYS_RANGE) == ()


DAYS_RANGE = DateRange(pendulum.Date(2025, 9, 1), pendulum.Date(2025, 9, 12))


@pytest.mark.rule("RP-1")
def test_rp1_requests_need_a_subject_and_unique_ids() -> None:
    with pytest.raises(InvalidRepairRecordError):
        request(place_id=None)
    desk = desk_with()
    refused_unchanged(desk, FileRequest(request()), DuplicateRepairIdError)
    refused_unchanged(
        desk, Respond(Response(request_id="R9", at=at(1), by="x")), UnknownRepairIdError
    )
    refused_unchanged(
        desk,
        Respond(Response(request_id="R1", at=at(1, 8), by="x")),
        InvalidRepairRecordError,
    )
    with pytest.raises(InvalidRepairRecordError):
        Deferral(
            request_id="R1",
            at=at(3),
            by="x",
            explanation="缺配件",
            new_date=pendulum.Date(2025, 9, 2),
        )
    desk.execute(
        Defer(
            Deferral(
                request_id="R1",
                at=at(3),
                by="x",
                explanation="缺配件",
                new_date=pendulum.Date(2025, 9, 10),
            )
        )
    )


@pytest.mark.rule("RP-1")
def test_rp1_deadlines_count_school_days() -> None:
    policy = RepairPolicy()
    friday = request(filed_at=at(5, 16))
    # filed on Friday: answered by the end of Monday (the first school day after)
    assert policy.response_deadline(friday, DAYS) == pendulum.datetime(2025, 9, 9, tz=ZONE)
    assert policy.fix_deadline(friday, DAYS) == pendulum.datetime(2025, 9, 11, tz=ZONE)
    safety = attrs.evolve(friday, safety=True)
    assert policy.response_deadline(safety, DAYS) == pendulum.datetime(2025, 9, 6, tz=ZONE)
    late = request(filed_at=at(12))
    assert policy.response_deadline(late, DAYS) is None


@pytest.mark.rule("RP-1")
def test_rp1_a_deadline_is_the_next_midnight_even_after_a_midnight_dst_gap() -> None:
    # In Santiago 2005-10-09 began at 01:00 (clocks went from 00:00 to 01:00): the day
    # still ends at midnight on the 10th, not at 01:00 (which adding a day to its start gave).
    zone = "America/Santiago"
    policy = RepairPolicy(timezone=zone)
    filed = request(filed_at=pendulum.datetime(2005, 10, 9, 10, tz=zone), safety=True)
    days = SchoolDays([pendulum.Date(2005, 10, d) for d in (10, 11, 12, 13, 14)])
    end = policy.response_deadline(filed, days)
    assert end == pendulum.datetime(2005, 10, 10, tz=zone)
    assert end is not None
    assert end.isoformat() == "2005-10-10T00:00:00-03:00"
    # and on an ordinary day, the same: the following midnight
    monday = request(filed_at=pendulum.datetime(2005, 10, 10, 9, tz=zone), safety=True)
    assert policy.response_deadline(monday, days) == pendulum.datetime(2005, 10, 11, tz=zone)


@pytest.mark.rule("RP-2")
def test_rp2_approval_before_work() -> None:
    desk = desk_with(wo=order(worker_kind=WorkerKind.CONTRACTOR, worker="某公司"))
    refused_unchanged(desk, StartWork("W1", at(2)), ApprovalRequiredError)
    desk.execute(Approve("W1", at(2, 8), "校长"))
    desk.execute(StartWork("W1", at(2, 9)))
    refused_unchanged(desk, Approve("W1", at(2, 10), "校长"), OrderStateError)
    big = desk_with(wo=order(estimated_cost=Money(1000)))
    refused_unchanged(big, StartWork("W1", at(2)), ApprovalRequiredError)
    small = desk_with(wo=order(estimated_cost=Money("999.99")))
    small.execute(StartWork("W1", at(2)))


@pytest.mark.rule("RP-2")
def test_rp2_approval_dated_after_start_does_not_count() -> None:
    desk = desk_with(wo=order(estimated_cost=Money(5000)))
    desk.execute(Approve("W1", at(3), "校长"))
    refused_unchanged(desk, StartWork("W1", at(2)), ApprovalRequiredError)


@pytest.mark.rule("RP-3")
def test_rp3_acceptance_by_reporter_or_custodian_with_reason() -> None:
    desk = desk_with()
    desk.execute(StartWork("W1", at(2)))
    refused_unchanged(desk, CloseOrder("W1", at(2, 12)), OrderStateError)
    desk.execute(CompleteWork("W1", at(2, 10), Money(60)))
    refused_unchanged(desk, CloseOrder("W1", at(2, 12)), AcceptanceRequiredError)
    stranger = Acceptance(signed_by="路人", at=at(2, 11))
    refused_unchanged(desk, SignAcceptance("W1", stranger), AcceptanceSignerError)
    no_reason = Acceptance(signed_by="王保管", at=at(2, 11))
    refused_unchanged(desk, SignAcceptance("W1", no_reason), AcceptanceSignerError)
    refusal = Acceptance(signed_by="李老师", at=at(2, 11), accepted=False, reason="仍闪烁")
    desk.execute(SignAcceptance("W1", refusal))
    assert desk.order("W1").state == "started"  # a refusal reopens
    desk.execute(CompleteWork("W1", at(3, 10), Money(90)))
    substitute = Acceptance(signed_by="王保管", at=at(3, 11), reason="李老师外出培训")
    desk.execute(SignAcceptance("W1", substitute))
    desk.execute(CloseOrder("W1", at(3, 12)))
    with pytest.raises(InvalidRepairRecordError):
        Acceptance(signed_by="x", at=at(1), accepted=False)


@pytest.mark.rule("RP-4")
def test_rp4_project_cannot_close_without_evidence() -> None:
    desk = desk_with(wo=order(project=True, worker_kind=WorkerKind.CONTRACTOR))
    desk.execute(Approve("W1", at(1, 11), "校长"))
    desk.execute(StartWork("W1", at(2)))
    for kind in list(EvidenceKind)[:-1]:
        desk.execute(
            AddEvidence(
                "W1", Evidence(kind=kind, reference=kind.value, on=pendulum.Date(2025, 9, 2))
            )
        )
    desk.execute(CompleteWork("W1", at(2, 10), Money(3000)))
    desk.execute(SignAcceptance("W1", Acceptance(signed_by="李老师", at=at(2, 11))))
    refused_unchanged(desk, CloseOrder("W1", at(2, 12)), MissingEvidenceError)
    clearance = Evidence(
        kind=EvidenceKind.SITE_CLEARANCE, reference="c", on=pendulum.Date(2025, 9, 2)
    )
    desk.execute(AddEvidence("W1", clearance))
    desk.execute(CloseOrder("W1", at(2, 12)))
    refused_unchanged(desk, AddEvidence("W1", clearance), OrderStateError)


@pytest.mark.rule("RP-5")
def test_rp5_post_repair_all_or_nothing() -> None:
    led = AssetLedger()
    day = pendulum.Date(2025, 8, 25)
    led.register_place("store", "总务库房", PlaceKind.STOREROOM, on=day, by="t-li")
    led.register_item(
        "projector",
        "投影仪",
        unit="台",
        unit_cost="3200",
        category=AssetCategory.TEACHING_INSTRUMENTS,
        on=day,
        by="t-li",
    )
    led.receive(
        "projector", "store", tags=["PJ-1"], acceptor="t-li", invoice_ref="FP-1", on=day, by="t-li"
    )
    req = request(item_id="projector", tags=("PJ-1",), place_id="store")
    done = order(started_at=at(2), completed_at=at(3), cost=Money(380))
    before = led.version
    stale = before + 5
    with pytest.raises(VersionConflictError):
        post_repair(led, done, req, by="t-li", expected_version=stale)
    assert led.version == before
    wrong = request(item_id="projector", tags=("PJ-9",), place_id="store")
    events_before = led.events
    with pytest.raises(AssetError):  # the ledger's own typed refusal
        post_repair(led, done, wrong, by="t-li")
    assert led.events == events_before
    posted = post_repair(led, done, req, by="t-li")
    assert [type(e).__name__ for e in posted] == ["SentToRepair", "Repaired"]
    assert led.version == before + 2


@pytest.mark.rule("RP-6")
def test_rp6_claim_settled_before_repair() -> None:
    desk = desk_with(req=request(man_made=True))
    refused_unchanged(desk, StartWork("W1", at(2)), ClaimRequiredError)
    linked = desk_with(req=request(man_made=True, claim_id="C1"))
    refused_unchanged(linked, StartWork("W1", at(2)), ClaimRequiredError)
    settled = desk_with(req=request(man_made=True, claim_id="C1", claim_settled_at=at(1, 12)))
    settled.execute(StartWork("W1", at(2)))
    safety_first = RepairDesk(
        "d", school_days=DAYS, policy=RepairPolicy(repair_first_for_safety=True)
    )
    safety_first.execute(FileRequest(request(man_made=True, safety=True)))
    safety_first.execute(OpenOrder(order()))
    safety_first.execute(StartWork("W1", at(2)))


@pytest.mark.rule("RP-7")
def test_rp7_a_defect_names_its_request() -> None:
    desk = simulate_repairs(2)
    defect = CheckResult(check="门窗", ok=False, note="窗锁坏")
    bad = RoundRecord(
        round_id="x",
        plan_id="weekly-electrical",
        on=pendulum.Date(2025, 9, 2),
        by="w",
        results=(defect,),
    )
    refused_unchanged(desk, RecordRound(bad), InvalidRepairRecordError)
    ghost = attrs.evolve(bad, results=(attrs.evolve(defect, request_id="R-none"),))
    refused_unchanged(desk, RecordRound(ghost), UnknownRepairIdError)
    ok = attrs.evolve(bad, results=(attrs.evolve(defect, request_id="R00000"),))
    desk.execute(RecordRound(ok))
    unknown_plan = attrs.evolve(ok, round_id="y", plan_id="nope")
    refused_unchanged(desk, RecordRound(unknown_plan), UnknownRepairIdError)


def test_version_conflicts_change_nothing() -> None:
    desk = desk_with()
    refused_unchanged_version = desk.state()
    with pytest.raises(VersionConflictError):
        desk.execute(StartWork("W1", at(2)), expected_version=0)
    assert desk.state() == refused_unchanged_version
    desk.execute(StartWork("W1", at(2)), expected_version=2)
    again = RepairDesk.from_recorded("desk", desk.recorded(), school_days=DAYS)
    assert again == desk


@settings(max_examples=25, deadline=None)
@given(st.integers(1, 12))
def test_replay_equals_live(n: int) -> None:
    desk = simulate_repairs(n, school_days_count=15)
    replayed = RepairDesk.replay("desk", desk.events, school_days=desk.school_days)
    assert replayed == desk
    assert RepairDesk.from_state(desk.state(), check=False) == desk
    assert (
        serialization.from_dict(type(desk.state()), serialization.to_dict(desk.state()))
        == desk.state()
    )


@settings(max_examples=60, deadline=None)
@given(desk_commands())
def test_any_command_is_recorded_or_refused_with_nothing_changed(command: object) -> None:
    desk = simulate_repairs(3, school_days_count=10)
    before = desk.state()
    try:
        desk.execute(command)  # type: ignore[arg-type]
    except RepairError:
        assert desk.state() == before
    else:
        assert desk.version == len(before.events) + 1
        assert desk.check_invariants() == ()


def test_documents_are_plain_chinese_text() -> None:
    req = request(tags=(), item_id="灯管", man_made=True, claim_id="C7")
    form = render_request_form(req)
    assert form.startswith("报修单\n")
    assert "报修单号：R1" in form
    assert "人为损坏，赔偿单 C7" in form
    done = order(
        started_at=at(2),
        completed_at=at(3),
        cost=Money(60),
        acceptances=(Acceptance(signed_by="王保管", at=at(3, 12), reason="李老师外出"),),
    )
    sheet = render_acceptance_form(done, req)
    assert "维修验收单" in sheet
    assert "实际费用：60 元" in sheet
    assert "（代签）" in sheet
