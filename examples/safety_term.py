"""A term of safety work at a Beijing primary school: the register, a late danger, a roster.

Run it with:  uv run python examples/safety_term.py

Autumn term 2025 (2025-09-01 to 2026-01-23). A weekly check finds a leaking socket: the
hidden-danger register opens an entry with its owner, deadline and interim precautions;
closing it before a re-inspection is refused; the owner cannot re-inspect it himself; it
is closed after a second person re-inspects it, three days past its deadline, and the
audit reports the late closing. The 2026 Spring Festival duty roster (值班表) is built
from the calendar (2026-02-15 … 02-23 off; 02-14 and 02-28 are make-up working days), an
infeasible staff list is refused naming the uncovered day, and a swap is a command.
"""

from __future__ import annotations

import attrs
import pendulum

from schoollogistics import DateRange, SchoolLogisticsError
from schoollogistics.safety import (
    CheckItem,
    CloseHazard,
    Hazard,
    InspectionKind,
    InspectionRecord,
    OpenHazard,
    PublishRoster,
    RecordFix,
    RecordInspection,
    Reinspect,
    RiskLevel,
    SafetyOffice,
    SwapDuty,
    TakeMeasures,
    audit_safety,
    build_roster,
    render_hazard_notice,
    render_roster,
    render_weekly_check,
)
from schoollogistics.school_calendar import HolidayCalendar, SchoolCalendar, SchoolYear
from schoollogistics.testing.safety import simulate_safety


def main() -> None:
    year = SchoolYear.of(
        2025,
        (pendulum.Date(2025, 9, 1), pendulum.Date(2026, 1, 23)),
        (pendulum.Date(2026, 3, 2), pendulum.Date(2026, 7, 7)),
    )
    calendar = SchoolCalendar(year, HolidayCalendar.china([2025, 2026]))
    office = SafetyOffice("红星小学安全办")

    found_on = pendulum.Date(2025, 10, 13)
    record = InspectionRecord(
        record_id="AQ-2025-10-13",
        kind=InspectionKind.WEEKLY,
        on=found_on,
        unit="教学楼",
        head="李主任",
        inspectors=("王老师", "赵师傅"),
        items=(
            CheckItem(subject="301教室", item="插座", ok=False, note="漏电", hazard_id="YH-07"),
            CheckItem(
                subject="302教室", item="开关", ok=False, fixed_on_spot=True, corrected_by="赵师傅"
            ),
            CheckItem(subject="走廊", item="灭火器"),
        ),
        inspector_signature="王老师",
        head_signature="李主任",
    )
    office.execute(RecordInspection(record))
    print(render_weekly_check(record))

    danger = Hazard(
        hazard_id="YH-07",
        description="301教室插座漏电",
        place="301教室",
        level=RiskLevel.GENERAL,
        found_on=found_on,
        found_by="王老师",
        owner_unit="后勤处",
        owner="赵师傅",
        deadline=pendulum.Date(2025, 10, 17),
        interim=("断开该回路电源", "张贴警示标志"),
        source=record.record_id,
    )
    office.execute(OpenHazard(danger))
    print(render_hazard_notice(danger, school_zh="红星小学"))
    office.execute(TakeMeasures("YH-07", pendulum.Date(2025, 10, 15), "赵师傅", ("更换插座",)))
    office.execute(RecordFix("YH-07", pendulum.Date(2025, 10, 19), "赵师傅"))
    for refused in (
        CloseHazard("YH-07", pendulum.Date(2025, 10, 19), "校长"),
        Reinspect("YH-07", pendulum.Date(2025, 10, 20), "赵师傅"),
    ):
        try:
            office.execute(refused)
        except SchoolLogisticsError as error:
            print(f"refused: {error.code}: {error.message_zh}")
    office.execute(Reinspect("YH-07", pendulum.Date(2025, 10, 20), "王老师"))
    office.execute(CloseHazard("YH-07", pendulum.Date(2025, 10, 20), "校长"))
    print("entry YH-07:", office.hazard("YH-07").state.value)

    spring = next(b for b in calendar.holiday_blocks() if b.matches(("春节",)))
    staff = ("后勤张", "后勤李", "后勤王")
    try:
        build_roster(
            "x",
            calendar,
            spring.start,
            spring.end,
            staff,
            unavailable={name: [pendulum.Date(2026, 2, 17)] for name in staff},
        )
    except SchoolLogisticsError as error:
        print(f"\nrefused: {error.code}: {error.message_zh}")
    roster = build_roster(
        "春节-2026",
        calendar,
        spring.start,
        spring.end,
        staff,
        title_zh="2026年春节假期值班表",
        published_on=pendulum.Date(2026, 1, 23),
    )
    office.execute(PublishRoster(roster))
    first = roster.assignments[0]
    office.execute(
        SwapDuty(roster.roster_id, first.day, first.shift, first.post, first.person, "后勤王")
    )
    makeup = [
        day
        for day in (pendulum.Date(2026, 2, 14), pendulum.Date(2026, 2, 28))
        if calendar.holidays.is_makeup_workday(day)
    ]
    print()
    print(render_roster(office.roster(roster.roster_id), working_days=makeup, school_zh="红星小学"))

    start, end = pendulum.Date(2025, 9, 1), pendulum.Date(2026, 1, 23)
    term = simulate_safety(calendar, start, end, school="红星")
    mine = office.log()
    log = attrs.evolve(
        term,
        inspections=(*term.inspections, *mine.inspections),
        hazards=(*term.hazards, *mine.hazards),
        rosters=(*term.rosters, *mine.rosters),
    )
    print(f"audit of the term ({log.size} records):")
    for finding in audit_safety(log, DateRange(start, end), calendar=calendar):
        print(f"  [{finding.rule}] {finding.code}: {finding.message_zh}")


if __name__ == "__main__":
    main()
