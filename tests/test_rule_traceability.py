"""Every rule ID is traceable: documented on a rules page, cited in src/, pinned by a test.

The IDs are those of the rules the library implements (AS, FS, DC, CA; see
docs/explanation/rules/). PR, SB, RP and CN belong to later areas and are listed on
the "later" page only.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
RULES = (
    [f"AS-{n}" for n in range(1, 12)]
    + [f"FS-{n}" for n in range(1, 9)]
    + [f"DC-{n}" for n in range(1, 10)]
    + [f"CA-{n}" for n in range(1, 7)]
)
LATER = ["PR-1", "PR-2", "SB-1", "SB-2", "RP-1", "CN-1", "CN-2", "CN-3"]


def _text(folder: Path, pattern: str) -> str:
    return "\n".join(p.read_text(encoding="utf-8") for p in sorted(folder.rglob(pattern)))


DOCS = _text(ROOT / "docs" / "explanation" / "rules", "*.md")
SOURCE = _text(ROOT / "src" / "schoollogistics", "*.py")
TESTS = "\n".join(
    p.read_text(encoding="utf-8")
    for p in sorted((ROOT / "tests").rglob("*.py"))
    if p.name != Path(__file__).name
)


def _cited_in_tests(rule: str) -> bool:
    marker = re.search(rf"""rule\((["'])[^"']*\b{rule}\b""", TESTS)
    comment = re.search(rf"rule[s]?:[^\n]*\b{rule}\b", TESTS)
    return bool(marker or comment)


@pytest.mark.parametrize("rule", RULES)
def test_rule_is_documented_implemented_and_tested(rule: str) -> None:
    assert re.search(rf"\b{rule}\b", DOCS), f"{rule} missing from docs/explanation/rules/"
    assert re.search(rf"\b{rule}\b", SOURCE), f"{rule} cited nowhere in src/"
    assert _cited_in_tests(rule), f"{rule} pinned by no test (@pytest.mark.rule or '# rule:')"


@pytest.mark.parametrize("rule", LATER)
def test_later_rules_are_listed(rule: str) -> None:
    assert re.search(rf"\b{rule}\b", DOCS)


def test_the_check_can_fail() -> None:
    assert not _cited_in_tests("ZZ-9")
    assert _cited_in_tests("FS-3")
