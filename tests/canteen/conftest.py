"""Shared fixtures of the canteen tests: the Beijing 2025–26 school year and its serving days."""

from __future__ import annotations

import pendulum
import pytest

from schoollogistics.canteen import ServingDays
from schoollogistics.school_calendar import HolidayCalendar, SchoolCalendar, SchoolYear

TERM_START = pendulum.Date(2025, 9, 1)
TERM_END = pendulum.Date(2026, 1, 23)


@pytest.fixture(scope="session")
def calendar_2025() -> SchoolCalendar:
    year = SchoolYear.of(
        2025,
        (TERM_START, TERM_END),
        (pendulum.Date(2026, 3, 2), pendulum.Date(2026, 7, 7)),
    )
    return SchoolCalendar(year, HolidayCalendar.china([2025, 2026]))


@pytest.fixture(scope="session")
def autumn_term(calendar_2025: SchoolCalendar) -> ServingDays:
    return ServingDays.from_calendar(calendar_2025, TERM_START, TERM_END)
