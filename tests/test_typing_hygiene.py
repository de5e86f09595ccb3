"""Type hygiene of src/: no ``Any`` in signatures or state, every ``type: ignore`` explained."""

from __future__ import annotations

import ast
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SOURCES = sorted((ROOT / "src" / "schoollogistics").rglob("*.py"))
_IGNORE = re.compile(r"#\s*type:\s*ignore(\[[^\]]*\])?(?P<rest>.*)$")


def _uses_any(tree: ast.AST) -> list[int]:
    lines: list[int] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module == "typing":
            lines += [node.lineno for alias in node.names if alias.name == "Any"]
        if (
            isinstance(node, ast.Attribute)
            and node.attr == "Any"
            and isinstance(node.value, ast.Name)
            and node.value.id in {"typing", "t"}
        ):
            lines.append(node.lineno)
    return lines


def test_no_any_in_src() -> None:
    found = {
        str(path.relative_to(ROOT)): lines
        for path in SOURCES
        if (lines := _uses_any(ast.parse(path.read_text(encoding="utf-8"))))
    }
    assert found == {}, f"Any in src/: {found}"


def test_every_type_ignore_in_src_says_why() -> None:
    unexplained: list[str] = []
    for path in SOURCES:
        lines = path.read_text(encoding="utf-8").splitlines()
        for number, line in enumerate(lines, 1):
            match = _IGNORE.search(line)
            comment_above = number > 1 and lines[number - 2].strip().startswith("#")
            if match and not comment_above and not re.match(r"\s*(#|-|—|:)?\s*\w", match["rest"]):
                unexplained.append(f"{path.relative_to(ROOT)}:{number}")
    assert unexplained == [], f"say why each type: ignore is needed: {unexplained}"


def test_the_checks_can_fail() -> None:
    assert _uses_any(ast.parse("from typing import Any\nx: Any = 1"))
    assert not _uses_any(ast.parse("from typing import Final\nx: Final = 1"))
    match = _IGNORE.search("x = f()  # type: ignore[arg-type]")
    assert match is not None
    assert match["rest"] == ""
