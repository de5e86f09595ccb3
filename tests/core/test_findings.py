"""The one findings catalogue: complete, documented, and every template filled."""

from __future__ import annotations

import importlib.util
import re
from pathlib import Path
from types import ModuleType

import pytest

from schoollogistics.core.findings import FINDINGS, Finding, finding
from schoollogistics.core.violations import Severity

ROOT = Path(__file__).resolve().parents[2]
_USED = re.compile(r"""(?:FINDINGS\[|finding\()\s*["']([a-z_]+\.[a-z_]+)["']""")


def _table_script() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "findings_table", ROOT / "scripts" / "findings_table.py"
    )
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_catalogue_entries_are_well_formed() -> None:
    assert FINDINGS, "the catalogue is empty"
    for code, entry in FINDINGS.items():
        assert entry.code == code
        assert re.fullmatch(r"[a-z_]+\.[a-z_]+", code), code
        assert re.fullmatch(r"[A-Z]{2}-[1-9]\d*", entry.rule), code
        assert isinstance(entry.severity, Severity)
        assert re.search(r"[\u4e00-\u9fff]", entry.message_zh), code
        assert entry.message_en.strip(), code


def test_every_template_is_filled_by_its_placeholders() -> None:
    for entry in FINDINGS.values():
        params = {name: f"<{name}>" for name in entry.placeholders - {"subject"}}
        found = entry.violation("S-1", **params)
        for message in (found.message_en, found.message_zh):
            assert "{" not in message, (entry.code, message)
        assert found.code == entry.code
        assert found.rule == entry.rule
        assert found.severity is entry.severity
        assert dict(found.params) == params


def test_a_missing_parameter_is_a_bug_not_a_message() -> None:
    entry = Finding("test.kind", "FS-1", Severity.ERROR, "{subject} {grams} g", "{grams} 克")
    with pytest.raises(TypeError, match=r"\['grams'\]"):
        entry.violation("s1")
    assert entry.violation("s1", grams=125).message_en == "s1 125 g"


def test_every_code_used_in_src_is_in_the_catalogue() -> None:
    used: set[str] = set()
    for path in (ROOT / "src").rglob("*.py"):
        used.update(_USED.findall(path.read_text(encoding="utf-8")))
    assert used, "no finding lookups found: the scan is broken"
    missing = sorted(used - FINDINGS.keys())
    assert missing == [], f"add to core/findings.py: {missing}"


def test_lookup_by_code() -> None:
    some = next(iter(FINDINGS))
    assert finding(some) is FINDINGS[some]
    with pytest.raises(KeyError):
        finding("food_samples.no_such_finding")


def test_docs_page_lists_exactly_the_catalogue() -> None:
    script = _table_script()
    page = ROOT / "docs" / "reference" / "findings.md"
    text = page.read_text(encoding="utf-8")
    assert script.updated(text) == text, "run: uv run python scripts/findings_table.py"
    documented = set(re.findall(r"\| `([a-z_]+\.[a-z_]+)` \|", text))
    assert documented == set(FINDINGS)
