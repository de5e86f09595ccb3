"""The ``holidays`` floor carries the 2026 State Council notice (CA-2, issue 14).

The notice for 2026 (国务院办公厅, November 2025): 春节 15–23 February with make-up working
days on Saturday 14 and Saturday 28 February; 元旦 1–3 January with Sunday 4 January worked.
"""

from __future__ import annotations

import pendulum
import pytest

from schoollogistics.school_calendar import HolidayCalendar, official_years


@pytest.mark.rule("CA-2")
def test_the_china_table_carries_the_2026_notice() -> None:
    assert 2026 in official_years()
    calendar = HolidayCalendar.china([2026])
    days_off = {day.date for day in calendar.days_off}
    workdays = set(calendar.workdays)
    assert pendulum.Date(2026, 2, 23) in days_off  # the ninth day of 春节 (a Monday)
    assert pendulum.Date(2026, 1, 2) in days_off
    assert {pendulum.Date(2026, 1, 4), pendulum.Date(2026, 2, 14)} <= workdays
    assert pendulum.Date(2026, 2, 28) in workdays
