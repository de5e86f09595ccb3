"""Every rule ID is traceable: documented, enforced by a function named after it, tested.

Each implemented rule (``AS-3``) has a guard or audit check whose name starts with
its ID in lower case without the dash (``as3_exchange_hands_back_old``), defined in
its area's ``_rules.py`` or ``_audit.py`` and citing the ID in its docstring; a
rules page documents it; a test pins it (``@pytest.mark.rule("AS-3")``).

The IDs are those of the rules the library implements (AS, FS, DC, CA, RP, CN, PR,
SB, SF, DU; see docs/explanation/rules/): every rule of the sources.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
RULES = (
    [f"AS-{n}" for n in range(1, 12)]
    + [f"FS-{n}" for n in range(1, 9)]
    + [f"DC-{n}" for n in range(1, 10)]
    + [f"CA-{n}" for n in range(1, 7)]
    + [f"RP-{n}" for n in range(1, 8)]
    + [f"CN-{n}" for n in range(1, 10)]
    + [f"PR-{n}" for n in range(1, 10)]
    + [f"SB-{n}" for n in range(1, 8)]
    + [f"SF-{n}" for n in range(1, 9)]
    + [f"DU-{n}" for n in range(1, 8)]
)


def _text(folder: Path, pattern: str) -> str:
    return "\n".join(p.read_text(encoding="utf-8") for p in sorted(folder.rglob(pattern)))


DOCS = _text(ROOT / "docs" / "explanation" / "rules", "*.md")
SOURCE = _text(ROOT / "src" / "schoollogistics", "*.py")
TESTS = "\n".join(
    p.read_text(encoding="utf-8")
    for p in sorted((ROOT / "tests").rglob("*.py"))
    if p.name != Path(__file__).name
)


def _rule_functions() -> dict[str, list[tuple[str, str]]]:
    """Module-level functions of every ``_rules.py`` and ``_audit.py``: name -> (module, doc)."""
    found: dict[str, list[tuple[str, str]]] = {}
    for path in sorted((ROOT / "src" / "schoollogistics").rglob("*.py")):
        if path.name not in {"_rules.py", "_audit.py"}:
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in tree.body:
            if isinstance(node, ast.FunctionDef):
                doc = ast.get_docstring(node) or ""
                found.setdefault(node.name, []).append((path.parent.name, doc))
    return found


FUNCTIONS = _rule_functions()


def _enforcers(rule: str) -> list[tuple[str, str, str]]:
    prefix = rule.lower().replace("-", "") + "_"
    return [
        (name, module, doc)
        for name, places in FUNCTIONS.items()
        if name.startswith(prefix)
        for module, doc in places
    ]


def _cited_in_tests(rule: str) -> bool:
    marker = re.search(rf"""rule\((["'])[^"']*\b{rule}\b""", TESTS)
    comment = re.search(rf"rule[s]?:[^\n]*\b{rule}\b", TESTS)
    return bool(marker or comment)


@pytest.mark.parametrize("rule", RULES)
def test_rule_is_documented_implemented_and_tested(rule: str) -> None:
    assert re.search(rf"\b{rule}\b", DOCS), f"{rule} missing from docs/explanation/rules/"
    assert re.search(rf"\b{rule}\b", SOURCE), f"{rule} cited nowhere in src/"
    enforcers = _enforcers(rule)
    prefix = rule.lower().replace("-", "")
    assert enforcers, f"no guard or audit check named {prefix}_… in a _rules.py or _audit.py"
    for name, module, doc in enforcers:
        assert re.search(rf"\b{rule}\b", doc), f"{module}.{name}: its docstring must cite {rule}"
    assert _cited_in_tests(rule), f"{rule} pinned by no test (@pytest.mark.rule or '# rule:')"


def test_guard_names_belong_to_known_rules() -> None:
    """A function named like a guard (``xx9_``) names a rule that exists."""
    known = {rule.lower().replace("-", "") for rule in RULES}
    pattern = re.compile(r"^([a-z]{2}\d+)_")
    strays = [name for name in FUNCTIONS if (m := pattern.match(name)) and m.group(1) not in known]
    assert strays == []


def test_the_check_can_fail() -> None:
    assert not _enforcers("ZZ-9")
    assert not _cited_in_tests("ZZ-9")
    assert _cited_in_tests("FS-3")
