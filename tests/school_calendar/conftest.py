"""Shared fixtures of the calendar tests: Beijing 2025–26 (CA-1 example of RULES.md)."""

from __future__ import annotations

import pendulum
import pytest

from schoollogistics.school_calendar import (
    HolidayCalendar,
    SchoolCalendar,
    SchoolYear,
    Template,
    primary_school_template,
)


@pytest.fixture(scope="session")
def beijing_year() -> SchoolYear:
    return SchoolYear.of(
        2025,
        (pendulum.Date(2025, 9, 1), pendulum.Date(2026, 1, 23)),
        (pendulum.Date(2026, 3, 2), pendulum.Date(2026, 7, 7)),
    )


@pytest.fixture(scope="session")
def beijing(beijing_year: SchoolYear) -> SchoolCalendar:
    return SchoolCalendar(beijing_year, HolidayCalendar.china([2025, 2026]))


@pytest.fixture(scope="session")
def template() -> Template:
    return primary_school_template()
