"""Packaging metadata: the declared licence has its file, and no placeholder URLs remain."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _pyproject() -> dict[str, object]:
    return tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))


def test_license_file_matches_the_declared_licence() -> None:
    project = _pyproject()["project"]
    assert isinstance(project, dict)
    assert project["license"] == "MIT"
    text = (ROOT / "LICENSE").read_text(encoding="utf-8")
    assert text.startswith("MIT License\n")
    assert "Copyright (c) 2026 schoollogistics contributors" in text
    assert 'THE SOFTWARE IS PROVIDED "AS IS"' in text


def test_no_placeholder_urls() -> None:
    # A reserved placeholder host (RFC 2606/6761) must never reach the published metadata.
    project = _pyproject()["project"]
    assert isinstance(project, dict)
    for url in dict(project.get("urls", {})).values():
        assert url.startswith("https://")
        assert not url.split("/")[2].endswith((".invalid", ".example", ".test", "example.com"))
    for name in ("pyproject.toml", "mkdocs.yml", "README.md"):
        assert "example.invalid" not in (ROOT / name).read_text(encoding="utf-8")


def test_every_extra_is_used_by_the_library() -> None:
    # An extra that nothing in src/ imports installs dead weight (the old ``ical`` extra did).
    # A requirement's import name is its distribution name, normalised; an optional module is
    # imported lazily, so ``import x``, ``from x`` and a quoted ``"x"`` (import_module,
    # find_spec) all count.
    project = _pyproject()["project"]
    assert isinstance(project, dict)
    extras = dict(project.get("optional-dependencies", {}))
    assert "ical" not in extras
    source = "\n".join(path.read_text(encoding="utf-8") for path in (ROOT / "src").rglob("*.py"))
    for extra, requirements in extras.items():
        for requirement in requirements:
            module = re.split(r"[\[<>=!~; ]", requirement, maxsplit=1)[0]
            module = module.lower().replace("-", "_")
            pattern = rf'(^\s*(import|from) {module}\b)|["\']{module}["\']'
            used = re.search(pattern, source, re.MULTILINE)
            assert used, f"extra {extra!r}: nothing in src/ imports {module}"
