"""Claims, items and liable parties: every malformed input is refused with a typed error."""

from __future__ import annotations

import attrs
import pendulum
import pytest

from schoollogistics.compensation import (
    AssetValue,
    Cause,
    DamageClaim,
    DamagedItem,
    Extent,
    Guardian,
    GuardianMissingError,
    Hardship,
    IncidentBeforeAcquisitionError,
    InvalidClaimError,
    InvalidPartyError,
    LiableParty,
    NotAnAssetError,
    PartyKind,
    RepairQuoteError,
)
from schoollogistics.core import AssetCategory, Money
from schoollogistics.errors import (
    AmountNotInFenError,
    EmptyIdentifierError,
    NegativeAmountError,
    TimeTypeError,
)

from .conftest import CLASS_3_2, DESK, INCIDENT, XIAOMING, desk_claim


@attrs.frozen
class LossReport:
    """What the asset ledger's loss reports expose (a stand-in; no import of the ledger)."""

    tag: str
    item_id: str
    holder_id: str
    occurred_on: pendulum.Date
    original_value: Money
    acquired_on: pendulum.Date
    category: AssetCategory


REPORT = LossReport(
    "ZC-0042",
    "calculator",
    "c-3-2",
    pendulum.Date(2025, 12, 18),
    Money("85.00"),
    pendulum.Date(2023, 9, 1),
    AssetCategory.OFFICE_EQUIPMENT,
)


@pytest.mark.rule("DC-8")
def test_minor_needs_a_guardian() -> None:
    with pytest.raises(GuardianMissingError) as info:
        LiableParty.student("s-9", "无名")
    assert info.value.code == "compensation.guardian_missing"
    adult = LiableParty.student("s-9", "成年学生", minor=False)
    assert adult.guardian is None


def test_party_shapes() -> None:
    with pytest.raises(InvalidPartyError):
        LiableParty("t-1", "赵老师", PartyKind.STAFF, minor=True)
    with pytest.raises(InvalidPartyError):
        LiableParty("t-1", "赵老师", PartyKind.STAFF, guardian=Guardian("g", "x"))
    with pytest.raises(InvalidPartyError):
        LiableParty.staff("t-1", "赵老师", weight=-1)
    with pytest.raises(InvalidPartyError):
        LiableParty.staff("t-1", "赵老师", weight=True)
    with pytest.raises(EmptyIdentifierError):
        LiableParty.staff(" ", "赵老师")
    assert LiableParty.unit("u-1", "总务处").kind is PartyKind.UNIT
    assert LiableParty.staff("t-1", "赵老师", hardship=Hardship.WAIVED).hardship is Hardship.WAIVED


@pytest.mark.rule("DC-4")
def test_repair_quote_consistency() -> None:
    with pytest.raises(RepairQuoteError) as info:
        DamagedItem("课桌", DESK, Extent.REPAIRABLE)
    assert info.value.code == "compensation.repair_quote_invalid"
    with pytest.raises(RepairQuoteError):
        DamagedItem("课桌", DESK, Extent.LOST, repair_quote=Money(10))
    with pytest.raises(NegativeAmountError) as negative:
        DamagedItem("课桌", DESK, Extent.REPAIRABLE, repair_quote=Money("-1"))
    assert negative.value.code == "money.negative"
    assert negative.value.params == {"field": "repair_quote", "value": Money("-1")}


def test_claim_shapes() -> None:
    item = DamagedItem("课桌", DESK, Extent.DESTROYED)
    with pytest.raises(InvalidClaimError):
        DamageClaim("C", INCIDENT, Cause.NEGLIGENT, ())
    with pytest.raises(InvalidClaimError):
        DamageClaim("C", INCIDENT, Cause.NEGLIGENT, (item,), (XIAOMING, XIAOMING))
    zero = LiableParty.staff("t-1", "赵老师", weight=0)
    with pytest.raises(InvalidClaimError):
        DamageClaim("C", INCIDENT, Cause.NEGLIGENT, (item,), (zero,))
    with pytest.raises(InvalidPartyError):
        DamageClaim("C", INCIDENT, Cause.NEGLIGENT, (item,), holder=XIAOMING)
    with pytest.raises(IncidentBeforeAcquisitionError):
        DamageClaim("C", pendulum.Date(2024, 8, 31), Cause.NEGLIGENT, (item,))
    lost = DamagedItem("计算器", DESK, Extent.LOST)
    with pytest.raises(InvalidClaimError):
        DamageClaim("C", INCIDENT, Cause.NATURAL_WEAR, (lost,))
    with pytest.raises(NegativeAmountError) as negative:
        attrs.evolve(desk_claim(), agreed_amount=Money("-5"))
    assert negative.value.params == {"field": "agreed_amount", "value": Money("-5")}
    with pytest.raises(AmountNotInFenError) as sub_fen:
        attrs.evolve(desk_claim(), agreed_amount=Money("0.005"))
    assert sub_fen.value.code == "money.not_in_fen"
    assert sub_fen.value.params == {"field": "agreed_amount", "value": Money("0.005")}
    with pytest.raises(TimeTypeError):
        DamageClaim(
            "C", pendulum.datetime(2025, 12, 20, tz="Asia/Shanghai"), Cause.NEGLIGENT, (item,)
        )


def test_for_asset_reads_a_ledger_loss_report() -> None:
    claim = DamageClaim.for_asset(
        REPORT,
        claim_id="C-7",
        cause=Cause.NEGLIGENT,
        extent=Extent.LOST,
        description="计算器",
        parties=(XIAOMING,),
        holder=CLASS_3_2,
    )
    (item,) = claim.items
    assert claim.incident_on == REPORT.occurred_on
    assert item.tag == "ZC-0042"
    assert item.item_id == "calculator"
    assert item.asset == AssetValue(
        Money("85.00"), pendulum.Date(2023, 9, 1), AssetCategory.OFFICE_EQUIPMENT
    )
    assert claim.ledger_linked


def test_for_asset_with_plain_values_needs_a_date() -> None:
    with pytest.raises(InvalidClaimError):
        DamageClaim.for_asset(
            DESK, claim_id="C-8", cause=Cause.NEGLIGENT, extent=Extent.LOST, description="课桌"
        )
    claim = DamageClaim.for_asset(
        DESK,
        claim_id="C-8",
        cause=Cause.NEGLIGENT,
        extent=Extent.REPAIRABLE,
        repair_quote=Money(20),
        description="课桌",
        incident_on=INCIDENT,
    )
    assert not claim.ledger_linked
    with pytest.raises(NotAnAssetError):
        DamagedItem("x", object(), Extent.LOST)  # type: ignore[arg-type]  # not an asset, on purpose


def test_of_values_builds_plain_items() -> None:
    item = DamagedItem.of_values(
        "投影仪灯泡",
        original_value="600.00",
        acquired_on=pendulum.Date(2022, 3, 1),
        category=AssetCategory.TEACHING_INSTRUMENTS,
        extent=Extent.REPAIRABLE,
        repair_quote="180.00",
        tag="ZC-0100",
    )
    assert item.asset.original_value == Money(600)
    assert item.repair_quote == Money(180)
    assert item.tag == "ZC-0100"


def test_labels() -> None:
    assert Cause.DELIBERATE.label_zh == "故意损坏"
    assert Extent.LOST.label_zh == "遗失"
    assert PartyKind.CLASS.label_zh == "班级"


def test_consumable_loss_report_without_tag() -> None:
    # the ledger's loss report of a consumable has tag == "": no tagged unit, no ledger operation
    chalk = attrs.evolve(REPORT, tag="", item_id="chalk", category=AssetCategory.CONSUMABLES)
    claim = DamageClaim.for_asset(
        chalk,
        claim_id="C-9",
        cause=Cause.NEGLIGENT,
        extent=Extent.LOST,
        description="粉笔 10 盒",
        parties=(XIAOMING,),
    )
    assert claim.items[0].tag is None
    assert claim.items[0].item_id == "chalk"
    assert not claim.ledger_linked
