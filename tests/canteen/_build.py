"""Small builders of canteen records for the tests."""

from __future__ import annotations

import pendulum

from schoollogistics.canteen import (
    Certificate,
    DishInfo,
    Inspection,
    Lot,
    Menu,
    Supplier,
)
from schoollogistics.food_samples import Meal, MealKind

D = pendulum.Date
ZONE = "Asia/Shanghai"
SUPPLIER = Supplier(name="某粮油公司", address="某市某路1号", contact="0571-0000000")
CERTIFICATES = (Certificate.SUPPLIER_LICENCE, Certificate.INVOICE)


def at(day: pendulum.Date, hour: int, minute: int = 0) -> pendulum.DateTime:
    return pendulum.datetime(day.year, day.month, day.day, hour, minute, tz=ZONE)


def lot(
    lot_id: str,
    expiry: pendulum.Date,
    *,
    product: str = "牛奶",
    quantity: int = 10,
    categories: tuple[str, ...] = (),
    needs_quarantine: bool = False,
) -> Lot:
    return Lot(
        lot_id=lot_id,
        product=product,
        specification="250ml/盒",
        quantity=quantity,
        unit="盒",
        batch=f"B-{lot_id}",
        expiry=expiry,
        supplier=SUPPLIER,
        categories=categories,
        needs_quarantine=needs_quarantine,
    )


def inspection(
    lot_id: str,
    day: pendulum.Date,
    *,
    certificates: tuple[Certificate, ...] = CERTIFICATES,
    accepted_by: tuple[str, ...] = ("仓管员",),
    three_no: bool = False,
) -> Inspection:
    return Inspection(
        lot_id=lot_id,
        delivered_on=day,
        accepted_by=accepted_by,
        certificates=certificates,
        three_no=three_no,
    )


def menu(
    day: pendulum.Date, dishes: tuple[tuple[str, tuple[str, ...]], ...], meal_id: str | None = None
) -> Menu:
    meal = Meal(
        meal_id or f"{day.isoformat()}/lunch",
        day,
        MealKind.LUNCH,
        at(day, 11, 30),
        tuple(name for name, _ in dishes),
    )
    return Menu(meal, tuple(DishInfo(name, cats) for name, cats in dishes))
