"""The demo district: schools with a calendar, a year of food samples, a ledger and claims."""

from __future__ import annotations

import datetime as dt
import enum
from bisect import bisect_left, bisect_right
from collections import Counter
from typing import Final

import attrs
import pendulum

from schoollogistics.assets import AssetEvent, AssetLedger, Condition, HolderKind, PlaceKind
from schoollogistics.compensation import (
    Assessment,
    AssetValue,
    Cause,
    DamageClaim,
    DamagedItem,
    Extent,
    Guardian,
    LiableParty,
    assess,
    claim_from_loss_report,
)
from schoollogistics.core import AssetCategory, Money
from schoollogistics.core.shapes import checked_fields
from schoollogistics.core.time import DateRange
from schoollogistics.core.violations import Violation
from schoollogistics.demo._canteen import simulate_canteen
from schoollogistics.demo._stream import Stream
from schoollogistics.errors import InvalidArgumentError, Phrase
from schoollogistics.food_samples import (
    Disposal,
    RetentionPolicy,
    SampleLog,
    TemperatureReading,
    audit_log,
)
from schoollogistics.school_calendar import HolidayCalendar, SchoolCalendar, SchoolYear

__all__ = [
    "DemoSchool",
    "District",
    "FaultKind",
    "FaultRates",
    "InjectedFault",
    "demo_district",
    "demo_food_log",
]

_NAMES: Final = (
    "红星小学",
    "实验小学",
    "育才中学",
    "朝阳小学",
    "第一中学",
    "光明小学",
    "新华中学",
    "希望小学",
    "东方红小学",
    "第二中学",
    "春晖小学",
    "文昌中学",
    "向阳小学",
    "第三中学",
    "启明小学",
    "振华中学",
    "青松小学",
    "育英中学",
    "和平小学",
    "第四中学",
)
_FACTORS: Final = (0, 1, 1, 2, 3)
_READING_EVERY: Final = dt.timedelta(hours=4)  # the longest gap the policy allows
_READINGS_A_DAY: Final = 6
_ADD = dt.datetime.__add__
_MAX_SCHOOLS: Final = 200


class FaultKind(enum.Enum):
    """The kinds of fault injected into a demo school's food log, one FS finding each."""

    UNDERWEIGHT = "underweight"
    """A sample under the policy's minimum (125 g): ``food_samples.underweight`` (FS-2)."""
    EARLY_DISPOSAL = "early_disposal"
    """A sample destroyed before 48 h: ``food_samples.discarded_too_early`` (FS-3)."""
    MISSING_LABEL = "missing_label"
    """No sampler or no reviewer on the label: ``food_samples.missing_label`` (FS-4)."""
    TEMPERATURE_EXCURSION = "temperature_excursion"
    """A cabinet reading above the range: ``food_samples.temperature_out_of_range``
    for every sample in the cabinet at that moment (FS-5)."""

    @property
    def code(self) -> str:
        """The finding code the audit reports for this fault."""
        return _CODES[self]


_CODES: Final = {
    FaultKind.UNDERWEIGHT: "food_samples.underweight",
    FaultKind.EARLY_DISPOSAL: "food_samples.discarded_too_early",
    FaultKind.MISSING_LABEL: "food_samples.missing_label",
    FaultKind.TEMPERATURE_EXCURSION: "food_samples.temperature_out_of_range",
}


@attrs.frozen(kw_only=True, field_transformer=checked_fields())
class FaultRates:
    """How often each fault is injected, per 10 000 (before a school's factor).

    Attributes:
        underweight: Underweight samples per 10 000 samples.
        early_disposal: Samples destroyed too early per 10 000 samples.
        missing_label: Samples with a missing sampler or reviewer per 10 000 samples.
        excursion: Temperature excursions per 10 000 serving days (at most one
            in any three days, so that no sample sees two).
    """

    underweight: int = 20
    early_disposal: int = 10
    missing_label: int = 20
    excursion: int = 300

    def scaled(self, factor: int) -> FaultRates:
        """These rates times ``factor``."""
        return FaultRates(
            underweight=self.underweight * factor,
            early_disposal=self.early_disposal * factor,
            missing_label=self.missing_label * factor,
            excursion=self.excursion * factor,
        )


@attrs.frozen(field_transformer=checked_fields())
class InjectedFault:
    """One fault put into a demo school's records, and what the audit must find for it.

    Attributes:
        kind: The kind of fault.
        subject: The sample id, or the cabinet id for an excursion.
        at: When: the sample's time, or the excursion reading's.
        samples: The samples the audit names for it (one, or those in the cabinet
            during an excursion).
    """

    kind: FaultKind
    subject: str
    at: pendulum.DateTime
    samples: tuple[str, ...]

    @property
    def code(self) -> str:
        """The finding code the audit reports for this fault."""
        return self.kind.code


@attrs.frozen(field_transformer=checked_fields())
class DemoSchool:
    """One school of the demo district.

    Attributes:
        school_id: The school's id (``s01`` …).
        name: Its name.
        boarding: A boarding school serves three meals a day, a day school two.
        calendar: Its school year with the holidays (the school_calendar area).
        policy: Its retention policy (the defaults: 125 g, 48 h, 0–8 °C).
        period: The days to audit the food log over (the school year).
        food: A school year of meals, samples, disposals and cabinet readings.
        rates: The fault rates applied to this school (the district's times its factor;
            a factor of 0 gives a clean school).
        faults: The faults injected, in order.
        ledger_events: The asset ledger's event log (registrations, receipts,
            issues, exchanges, loans).
        claims: Damage claims for compensation.
    """

    school_id: str
    name: str
    boarding: bool
    calendar: SchoolCalendar
    policy: RetentionPolicy
    period: DateRange
    food: SampleLog
    rates: FaultRates
    faults: tuple[InjectedFault, ...]
    ledger_events: tuple[AssetEvent, ...]
    claims: tuple[DamageClaim, ...]

    def expected_findings(self) -> dict[str, int]:
        """The number of findings the food audit must report, by code."""
        counts: Counter[str] = Counter()
        for fault in self.faults:
            counts[fault.code] += len(fault.samples)
        return dict(sorted(counts.items()))

    def audit_food(self) -> tuple[Violation, ...]:
        """The food-sample audit of the school's log over its period (FS-1 … FS-8)."""
        return audit_log(self.food, self.policy, self.period)

    def ledger(self) -> AssetLedger:
        """The asset ledger, replayed (with every check) from its events."""
        return AssetLedger.replay(self.ledger_events)

    def assessments(self) -> tuple[Assessment, ...]:
        """The assessment of each claim, in order."""
        return tuple(assess(claim) for claim in self.claims)


@attrs.frozen(field_transformer=checked_fields())
class District:
    """A demo district: deterministic schools for tutorials and notebooks.

    Attributes:
        name: The district's name.
        year: The first calendar year of the school year (2025 for 2025–26).
        seed: The seed it was built from.
        rates: The district's fault rates (each school scales them by its factor).
        schools: The schools, in id order.
    """

    name: str
    year: int
    seed: int
    rates: FaultRates
    schools: tuple[DemoSchool, ...]

    def school(self, school_id: str) -> DemoSchool:
        """The school with id ``school_id``.

        Raises:
            KeyError: no such school.
        """
        for school in self.schools:
            if school.school_id == school_id:
                return school
        raise KeyError(school_id)


# ---------------------------------------------------------------- building


def _weekday_on_or_after(day: pendulum.Date, weekday: int) -> pendulum.Date:
    return day.add(days=(weekday - day.weekday()) % 7)


def _weekday_on_or_before(day: pendulum.Date, weekday: int) -> pendulum.Date:
    return day.subtract(days=(day.weekday() - weekday) % 7)


def _school_year(year: int, stream: Stream) -> SchoolYear:
    first_start = _weekday_on_or_after(pendulum.Date(year, 9, 1), 0)
    if pendulum.Date(year, 9, 1).weekday() < 5:
        first_start = pendulum.Date(year, 9, 1)
    first_end = _weekday_on_or_before(pendulum.Date(year + 1, 1, 23), 4).subtract(
        days=7 * stream.below(2)
    )
    second_start = _weekday_on_or_after(pendulum.Date(year + 1, 3, 1), 0).subtract(
        days=7 * stream.below(2)
    )
    second_end = _weekday_on_or_before(pendulum.Date(year + 1, 7, 10), 4)
    return SchoolYear.of(year, (first_start, first_end), (second_start, second_end))


def _inject_food(  # noqa: PLR0917 - a private helper, called once
    log: SampleLog,
    rates: FaultRates,
    policy: RetentionPolicy,
    start: pendulum.Date,
    served: tuple[pendulum.Date, ...],
    stream: Stream,
) -> tuple[SampleLog, tuple[InjectedFault, ...]]:
    samples = list(log.samples)
    disposals = list(log.disposals)
    faults: list[InjectedFault] = []
    low = rates.underweight
    early = low + rates.early_disposal
    label = early + rates.missing_label
    for index, sample in enumerate(samples):
        draw = stream.below(10_000)
        if draw >= label:
            continue
        if draw < low:
            grams = policy.min_grams - 1 - stream.below(40)
            samples[index] = attrs.evolve(sample, grams=grams)
            kind = FaultKind.UNDERWEIGHT
        elif draw < early:
            hours = 20 + stream.below(24)
            moment = _ADD(sample.taken_at, dt.timedelta(hours=hours))
            disposals[index] = Disposal(sample.sample_id, moment, "食堂管理员")
            kind = FaultKind.EARLY_DISPOSAL
        else:
            if stream.below(2):
                samples[index] = attrs.evolve(sample, taken_by="")
            else:
                samples[index] = attrs.evolve(sample, reviewed_by=None)
            kind = FaultKind.MISSING_LABEL
        faults.append(InjectedFault(kind, sample.sample_id, sample.taken_at, (sample.sample_id,)))
    readings = list(log.readings)
    taken = [sample.taken_at for sample in samples]
    retention = dt.timedelta(seconds=policy.retention.total_seconds())
    last_excursion: pendulum.Date | None = None
    for day in served:
        if stream.below(10_000) >= rates.excursion:
            continue
        if last_excursion is not None and (day - last_excursion).days < 3:
            continue
        last_excursion = day
        # the readings are 4-hourly from the first day's midnight: at 16:00 or 20:00
        index = (day - start).days * _READINGS_A_DAY + 4 + stream.below(2)
        reading = readings[index]
        celsius = policy.max_celsius + 1 + stream.below(6)
        readings[index] = TemperatureReading(reading.cabinet_id, reading.at, celsius)
        within = samples[
            bisect_left(taken, reading.at - retention) : bisect_right(taken, reading.at)
        ]
        faults.append(
            InjectedFault(
                FaultKind.TEMPERATURE_EXCURSION,
                reading.cabinet_id,
                reading.at,
                tuple(sample.sample_id for sample in within),
            )
        )
    food = SampleLog(
        meals=log.meals,
        samples=tuple(samples),
        disposals=tuple(disposals),
        readings=tuple(readings),
    )
    return food, tuple(faults)


def _ledger(school_id: str, start: pendulum.Date, stream: Stream) -> AssetLedger:
    led = AssetLedger()
    by = "总务处"
    led.register_holder("t-admin", "总务主任", HolderKind.STAFF, on=start, by=by)
    led.register_place(
        "store", "总务库房", PlaceKind.STOREROOM, custodian_id="t-admin", on=start, by=by
    )
    classes = 3 + stream.below(4)
    for number in range(1, classes + 1):
        led.register_holder(f"class-{number}", f"{number}班", HolderKind.CLASS, on=start, by=by)
    led.register_holder("t-wang", "王老师", HolderKind.STAFF, on=start, by=by)
    led.register_item(
        "broom", "扫帚", unit="把", unit_cost="15", exchange_rule=True, on=start, by=by
    )
    led.register_item(
        "projector",
        "投影仪",
        unit="台",
        unit_cost="3200",
        category=AssetCategory.TEACHING_INSTRUMENTS,
        on=start,
        by=by,
    )
    led.receive(
        "broom", "store", 4 * classes + 10, acceptor="t-admin", invoice_ref="FP-1", on=start, by=by
    )
    tags = [f"{school_id}-PJ-{n:03d}" for n in range(1, 3)]
    led.receive(
        "projector", "store", tags=tags, acceptor="t-admin", invoice_ref="FP-2", on=start, by=by
    )
    for number in range(1, classes + 1):
        led.issue("broom", "store", f"class-{number}", 3, initial_allocation=True, on=start, by=by)
    for week in range(1, 6):
        holder = f"class-{1 + stream.below(classes)}"
        led.exchange("broom", holder, "store", 1, on=start.add(days=7 * week), by=by)
    led.lend(
        "L-1", "projector", "store", "t-wang", tags=[tags[0]],
        due_on=start.add(days=21), on=start.add(days=14), by=by,
    )  # fmt: skip
    led.return_loan("L-1", condition=Condition.DAMAGED, on=start.add(days=20), by=by)
    return led


def _claims(school_id: str, led: AssetLedger, day: pendulum.Date) -> tuple[DamageClaim, ...]:
    report = led.loss_reports()[0]
    projector = claim_from_loss_report(
        report,
        claim_id=f"{school_id}-C1",
        cause=Cause.NEGLIGENT,
        parties=(LiableParty.staff("t-wang", "王老师"),),
        repair_quote=Money("180.00"),
    )
    desk = AssetValue(Money("368.00"), day.subtract(years=1), AssetCategory.STUDENT_FURNITURE)
    pupils = (
        LiableParty.student("p-1", "张小明", guardian=Guardian("g-1", "张建国", "父亲")),
        LiableParty.student("p-2", "李小红", guardian=Guardian("g-2", "王芳", "母亲")),
    )
    desks = DamageClaim(
        f"{school_id}-C2",
        day.add(days=40),
        Cause.DELIBERATE,
        (DamagedItem("课桌", desk, Extent.DESTROYED),),
        pupils,
    )
    return (projector, desks)


def _school_name(number: int) -> str:
    """The name of school ``number``: past the list, a campus number is added."""
    name = _NAMES[(number - 1) % len(_NAMES)]
    if number > len(_NAMES):
        name = f"{name}{(number - 1) // len(_NAMES) + 1}校区"
    return name


def _school(
    number: int, year: int, seed: int, rates: FaultRates, holidays: HolidayCalendar
) -> DemoSchool:
    stream = Stream(seed, year, number)
    school_id = f"s{number:02d}"
    boarding = stream.below(4) == 0
    school_year = _school_year(year, stream)
    calendar = SchoolCalendar(school_year, holidays)
    policy = RetentionPolicy()
    first, second = school_year.terms[0], school_year.terms[-1]
    served = calendar.school_days(first.start, second.end)
    days = (second.end - first.start).days + 1
    log = simulate_canteen(
        first.start,
        days,
        school=school_id,
        meals_per_day=3 if boarding else 2,
        dishes_per_meal=3 + stream.below(4),
        reading_every=_READING_EVERY,
        policy=policy,
        serve_on=frozenset(served),
    )
    factor = stream.choice(_FACTORS)
    school_rates = rates.scaled(factor)
    food, faults = _inject_food(log, school_rates, policy, first.start, served, stream)
    led = _ledger(school_id, first.start, stream)
    return DemoSchool(
        school_id,
        _school_name(number),
        boarding,
        calendar,
        policy,
        calendar.span,
        food,
        school_rates,
        faults,
        led.events,
        _claims(school_id, led, first.start),
    )


def demo_district(
    schools: int = 20,
    *,
    year: int = 2025,
    seed: int = 0,
    rates: FaultRates | None = None,
) -> District:
    """Build the demo district: the same arguments give an equal district.

    Each school gets its school year (terms from early September to late January
    and from early March to early July, with China's holidays and make-up days),
    a compliant canteen over it (breakfast and lunch, three meals at a boarding
    school) into which faults are injected at ``rates`` times the school's
    factor (0 to 3, drawn from the seed: some schools are clean), an asset
    ledger with receipts, issues, exchanges and a loan returned damaged, and
    two damage claims (the projector, and a desk broken by two pupils).

    Args:
        schools: How many schools (1 to 200).
        year: The first calendar year of the school year (2025 for 2025–26).
            Years the ``holidays`` package has no State Council notice for use its
            estimate (marked provisional in the calendar).
        seed: An integer of your choice; a different seed gives a different district.
        rates: The fault rates (default `FaultRates()`).

    Raises:
        InvalidArgumentError: ``schools`` is out of range.
    """
    if isinstance(schools, bool) or not isinstance(schools, int):
        raise InvalidArgumentError(field="schools", reason=Phrase("must be an integer", "须为整数"))
    if not 1 <= schools <= _MAX_SCHOOLS:
        raise InvalidArgumentError(
            field="schools", reason=Phrase("must be from 1 to 200", "须在 1 至 200 之间")
        )
    rates = FaultRates() if rates is None else rates
    holidays = HolidayCalendar.china([year, year + 1], accept_provisional=True)
    built = tuple(_school(n, year, seed, rates, holidays) for n in range(1, schools + 1))
    return District("示范区", year, seed, rates, built)


def demo_food_log(school_id: str, *, year: int = 2025, seed: int = 0) -> SampleLog:
    """The food log of one school of ``demo_district(..., year=year, seed=seed)``, alone.

    A loader for [`schoollogistics.district`][schoollogistics.district]: it builds
    only the school asked for (``"s01"`` … ``"s200"``), so a Dask worker can load
    its school from the key, and equals ``demo_district(n, ...).school(school_id).food``.

    Raises:
        InvalidArgumentError: ``school_id`` is not ``s`` and a number from 1 to 200.
    """
    number = school_id[1:] if school_id[:1] == "s" else ""
    if not number.isdecimal() or not 1 <= int(number) <= _MAX_SCHOOLS:
        raise InvalidArgumentError(
            field="school_id", reason=Phrase("not a demo school id", "不是示范学校编号")
        )
    holidays = HolidayCalendar.china([year, year + 1], accept_provisional=True)
    return _school(int(number), year, seed, FaultRates(), holidays).food
