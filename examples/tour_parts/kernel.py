"""Tour section: the kernel (money, time, errors, serialization)."""

from __future__ import annotations

import datetime as dt

from schoollogistics import (
    Money,
    SchoolLogisticsError,
    allocate,
    school_datetime,
    serialization,
    to_capital,
)
from schoollogistics.core import as_datetime

TITLE = "The kernel: exact money, aware time, typed errors (核心)"


def show() -> None:
    desk = Money("368.00")
    shares = allocate(desk, [1, 1, 1])
    print(f"A desk of {desk} yuan split among three pupils: {', '.join(map(str, shares))}")
    print(f"  the shares add up: {Money.sum(shares) == desk}")
    print(f"  in capital numerals (大写): {to_capital(desk)}")
    print(f"  1000.05 yuan is written {to_capital('1000.05')}")

    try:
        Money(0.1)  # type: ignore[arg-type]
    except SchoolLogisticsError as error:
        print(f"A float is refused: {error.code}: {error.message_zh}")

    lunch = school_datetime(2025, 9, 1, 11, 30)
    print(f"Lunch starts at {lunch.isoformat()} (Asia/Shanghai)")
    try:
        as_datetime(dt.datetime(2025, 9, 1, 11, 30))  # noqa: DTZ001 - on purpose
    except SchoolLogisticsError as error:
        print(f"A naive datetime is refused: {error.code}")

    print(f"Serialized: {serialization.dumps(desk)} and {serialization.dumps(lunch)}")
    try:
        serialization.loads(Money, '"12,50"')  # never read as 1,250 yuan
    except SchoolLogisticsError as error:
        print(f"Loading is strict: {error.to_dict()['params']['codes']} @ {error.path}")
