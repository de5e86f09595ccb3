"""Write the front-end contract files: the JSON Schema bundle and an exported ledger.

Usage:  uv run python scripts/contract.py [BUILD_DIR]   (default examples/frontend/build)

(The docs publish the same bundle, generated at build time by docs/hooks/schema.py.)

Writes, into BUILD_DIR (git-ignored):

* ``schoollogistics.schema.json``: ``schoollogistics.schema.bundle()``, from which
  json-schema-to-typescript generates the TypeScript declarations;
* ``ledger.json``: the event log of a small ledger (a storeroom, a class, brooms
  received, issued and exchanged new-for-old, a month closed), written with
  ``dumps(ledger.events, list[AssetEvent])``, which ajv validates against the
  bundle's ``AssetEventLog``;
* ``violations.json``: the findings of the ledger's audit (a list of ``Violation``),
  also validated by ajv (one AS-5 finding: a projector still out at term end).

The examples/frontend/check.sh entry runs it before the npm steps.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pendulum

from schoollogistics import serialization
from schoollogistics.assets import (
    AssetEvent,
    AssetLedger,
    Condition,
    HolderKind,
    PlaceKind,
    audit_loans_at_term_end,
)
from schoollogistics.core import AssetCategory, Violation
from schoollogistics.schema import bundle

CLERK = "t-li"


def small_ledger() -> AssetLedger:
    """A storeroom and a class: brooms issued and exchanged, September closed, a loan."""
    led = AssetLedger()
    start = pendulum.Date(2025, 8, 25)
    led.register_place(
        "store", "总务库房", PlaceKind.STOREROOM, custodian_id=CLERK, on=start, by=CLERK
    )
    led.register_holder("class-32", "三(2)班", HolderKind.CLASS, on=start, by=CLERK)
    led.register_item(
        "broom", "扫帚", unit="把", unit_cost="15.00", exchange_rule=True, on=start, by=CLERK
    )
    led.receive("broom", "store", 30, acceptor=CLERK, supplier="城东五金店", on=start, by=CLERK)
    led.issue(
        "broom",
        "store",
        "class-32",
        4,
        initial_allocation=True,
        on=pendulum.Date(2025, 9, 1),
        by=CLERK,
        reason="开学卫生工具发放",
    )
    led.exchange(
        "broom",
        "class-32",
        "store",
        2,
        condition=Condition.WORN,
        on=pendulum.Date(2025, 9, 22),
        by=CLERK,
        reason="扫帚磨损",
    )
    led.close_month(2025, 9, by=CLERK, reason="九月结账")
    october = pendulum.Date(2025, 10, 8)
    led.register_item(
        "projector",
        "投影仪",
        unit="台",
        unit_cost="3200.00",
        category=AssetCategory.TEACHING_INSTRUMENTS,
        on=october,
        by=CLERK,
    )
    led.receive(
        "projector",
        "store",
        tags=["PJ-001"],
        acceptor=CLERK,
        supplier="教育装备公司",
        on=october,
        by=CLERK,
    )
    led.lend(
        "L-1201",
        "projector",
        "store",
        "class-32",
        tags=["PJ-001"],
        due_on=pendulum.Date(2025, 12, 19),
        on=pendulum.Date(2025, 12, 1),
        by=CLERK,
        reason="公开课",
    )
    return led


def findings(led: AssetLedger) -> tuple[Violation, ...]:
    """AS-5: the projector lent in December is still out at the end of term."""
    return audit_loans_at_term_end(led, pendulum.Date(2026, 1, 16))


ROOT = Path(__file__).resolve().parent.parent


def bundle_text() -> str:
    """The bundle as published: sorted keys, two-space indent, UTF-8 kept readable."""
    return json.dumps(bundle(), ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def main(argv: list[str]) -> int:
    build = Path(argv[1]) if len(argv) > 1 else ROOT / "examples/frontend/build"
    build.mkdir(parents=True, exist_ok=True)
    schema = bundle()
    (build / "schoollogistics.schema.json").write_text(bundle_text(), encoding="utf-8")
    led = small_ledger()
    (build / "ledger.json").write_text(
        serialization.dumps(led.events, list[AssetEvent]) + "\n",
        encoding="utf-8",
    )
    (build / "violations.json").write_text(
        serialization.dumps(findings(led), list[Violation]) + "\n", encoding="utf-8"
    )
    definitions = schema["$defs"]
    count = len(definitions) if isinstance(definitions, dict) else 0
    print(f"wrote {build}: bundle ({count} definitions), {len(led.events)} events")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
