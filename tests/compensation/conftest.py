"""Shared builders for the compensation tests (a demo class of 红星小学)."""

from __future__ import annotations

import pendulum

from schoollogistics.compensation import (
    AssetValue,
    Cause,
    DamageClaim,
    DamagedItem,
    Extent,
    Guardian,
    LiableParty,
)
from schoollogistics.core import AssetCategory, Money

INCIDENT = pendulum.Date(2025, 12, 20)
DESK = AssetValue(Money("368.00"), pendulum.Date(2024, 9, 1), AssetCategory.STUDENT_FURNITURE)
CLASS_3_2 = LiableParty.school_class("c-3-2", "三年级二班")
XIAOMING = LiableParty.student("s-1", "张小明", guardian=Guardian("g-1", "张建国", "父亲"))
XIAOHONG = LiableParty.student("s-2", "李小红", guardian=Guardian("g-2", "王芳", "母亲"))


def desk_claim(
    *,
    cause: Cause = Cause.NEGLIGENT,
    extent: Extent = Extent.DESTROYED,
    quote: str | None = None,
    parties: tuple[LiableParty, ...] = (XIAOMING,),
    holder: LiableParty | None = CLASS_3_2,
    claim_id: str = "C-1",
) -> DamageClaim:
    item = DamagedItem("课桌", DESK, extent, repair_quote=None if quote is None else Money(quote))
    return DamageClaim(claim_id, INCIDENT, cause, (item,), parties, holder)
