"""CN-3: health certificates valid on the day, morning checks, and who may be rostered."""

from __future__ import annotations

import attrs
import pytest

from schoollogistics.canteen import (
    Canteen,
    CanteenPolicy,
    Clearance,
    ClearHandler,
    HealthCertificate,
    MorningCheck,
    RecordMorningCheck,
    RegisterCertificate,
    RosterEntry,
    RosterHandler,
    Symptom,
    render_morning_checks,
)
from schoollogistics.canteen.errors import DuplicateCanteenIdError, HandlerUnfitError

from ._build import D, at

DAY = D(2025, 9, 1)


def _certificate(examined: D, handler: str = "h1", number: str = "C1") -> HealthCertificate:
    return HealthCertificate(
        certificate_id=number, handler_id=handler, handler_name="李师傅", examined_on=examined
    )


def _check(day: D, *symptoms: Symptom, handler: str = "h1") -> MorningCheck:
    return MorningCheck(
        handler_id=handler, day=day, at=at(day, 6, 30), checked_by="食堂主任", symptoms=symptoms
    )


def _roster(day: D, handler: str = "h1") -> RosterHandler:
    return RosterHandler(RosterEntry(handler_id=handler, day=day, post="烹饪"))


@pytest.mark.rule("CN-3")
def test_certificate_valid_through_the_day_before_the_anniversary() -> None:
    policy = CanteenPolicy()
    assert policy.certificate_valid_through(D(2025, 3, 10)) == D(2026, 3, 9)
    assert policy.certificate_valid_through(D(2024, 2, 29)) == D(2025, 2, 27)
    canteen = Canteen("c1")
    canteen.execute(RegisterCertificate(_certificate(D(2024, 9, 2))))
    canteen.execute(_roster(D(2025, 9, 1)))
    before = canteen.state()
    with pytest.raises(HandlerUnfitError) as caught:
        canteen.execute(_roster(D(2025, 9, 2)))  # the anniversary: lapsed
    assert caught.value.code == "canteen.handler_unfit"
    assert "健康证明" in caught.value.message_zh
    assert canteen.state() == before
    with pytest.raises(HandlerUnfitError):
        canteen.execute(_roster(DAY, handler="nobody"))
    with pytest.raises(DuplicateCanteenIdError):
        canteen.execute(RegisterCertificate(_certificate(D(2025, 9, 1))))


@pytest.mark.rule("CN-3")
def test_a_failed_morning_check_takes_the_handler_off_duty_until_cleared() -> None:
    canteen = Canteen("c1")
    canteen.execute(RegisterCertificate(_certificate(D(2025, 6, 1))))
    canteen.execute(RecordMorningCheck(_check(DAY, Symptom.FEVER)))
    with pytest.raises(HandlerUnfitError) as caught:
        canteen.execute(_roster(DAY))
    assert "发热" in caught.value.message_zh
    with pytest.raises(DuplicateCanteenIdError):
        canteen.execute(RecordMorningCheck(_check(DAY)))
    clearance = Clearance(handler_id="h1", day=DAY, by="校医", note="体温正常，复岗")
    canteen.execute(ClearHandler(clearance))
    canteen.execute(_roster(DAY))
    assert canteen.check_invariants() == ()


@pytest.mark.rule("CN-3")
def test_two_year_certificates_by_policy() -> None:
    canteen = Canteen("c1", policy=CanteenPolicy(certificate_years=2))
    canteen.execute(RegisterCertificate(_certificate(D(2024, 9, 2))))
    canteen.execute(_roster(D(2025, 9, 2)))


@pytest.mark.rule("CN-3")
def test_morning_check_record_of_a_day() -> None:
    checks = [
        _check(DAY),
        attrs.evolve(_check(DAY, Symptom.SORE_THROAT, handler="h2"), at=at(DAY, 6, 40)),
        _check(D(2025, 9, 2)),
    ]
    certificates = [_certificate(D(2025, 6, 1)), _certificate(D(2024, 1, 1), "h2", "C2")]
    text = render_morning_checks(DAY, checks, certificates)
    assert text.startswith("食堂从业人员晨检记录（2025年9月1日）")
    assert "1 | 李师傅 | 06:30 | 正常 | 2026年5月31日 | 上岗 | 食堂主任" in text
    assert "2 | 李师傅 | 06:40 | 咽部炎症 | 无有效健康证 | 离岗，复岗须确认" in text
    assert "应检 2 人，异常 1 人。" in text
