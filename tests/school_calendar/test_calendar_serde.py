"""Calendar records serialize and load back (schedules tagged with "type")."""

from __future__ import annotations

from typing import Any, cast

import pytest

from schoollogistics import serialization
from schoollogistics.errors import FieldTypeError
from schoollogistics.school_calendar import (
    Category,
    Daily,
    SchoolCalendar,
    TaskRule,
    Template,
    YearPlan,
    expand_rule,
    plan_year,
)
from schoollogistics.school_calendar.errors import RuleInvalidError


@pytest.mark.rule("CA-6")
def test_template_calendar_and_plan_round_trip(beijing: SchoolCalendar, template: Template) -> None:
    data = cast("dict[str, Any]", serialization.to_dict(template))
    assert data["rules"][0]["schedule"] == {"type": "Daily"}
    loaded: Template = serialization.from_dict(Template, data)
    assert loaded == template
    calendar: SchoolCalendar = serialization.loads(SchoolCalendar, serialization.dumps(beijing))
    assert calendar == beijing
    assert calendar.is_school_day(beijing.year.terms[0].start)
    plan = plan_year(beijing, template)
    back: YearPlan = serialization.from_dict(YearPlan, serialization.to_dict(plan))
    assert back == plan


@pytest.mark.rule("CA-3")
def test_unknown_schedule_is_refused_when_the_rule_is_built() -> None:
    with pytest.raises(FieldTypeError) as info:
        TaskRule("x", "任务", Category.SAFETY, object(), "s")  # type: ignore[arg-type]
    assert info.value.code == "input.wrong_type"
    assert (info.value.params["field"], info.value.params["type_name"]) == (
        "TaskRule.schedule",
        "object",
    )


@pytest.mark.rule("CA-3")
def test_a_schedule_swapped_in_afterwards_is_still_refused(beijing: SchoolCalendar) -> None:
    """Defence in depth: a rule mutated around attrs' checks still fails typed, not with a crash."""
    rule = TaskRule("x", "任务", Category.SAFETY, Daily(), "s")
    object.__setattr__(rule, "schedule", object())
    with pytest.raises(RuleInvalidError):
        expand_rule(beijing, rule)
