"""The pure core is tested, not hoped: src/ does no I/O, reads no clock, draws no randomness.

The test walks the syntax tree of every module under ``src/schoollogistics`` and
fails on imports of I/O, process, network, randomness or logging modules, and on
calls that read the clock, the environment, files or the console.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[2] / "src" / "schoollogistics"

FORBIDDEN_MODULES = frozenset(
    {
        "os", "pathlib", "io", "shutil", "tempfile", "glob", "fileinput", "sqlite3", "pickle",
        "shelve", "socket", "ssl", "http", "urllib", "requests", "httpx", "ftplib", "smtplib",
        "subprocess", "multiprocessing", "threading", "asyncio", "signal", "sys",
        "random", "secrets", "uuid", "time", "logging", "warnings", "builtins", "importlib",
        "zoneinfo._common", "ctypes", "mmap", "select", "selectors",
    }
)  # fmt: skip
ALLOWED = {
    # __version__ comes from the installed package's metadata (issue 2, item 1).
    ("__init__.py", "importlib.metadata"),
}
ALLOWED_CALLS = {
    # Code generation, as attrs and cattrs do: exec() of Python source the module writes
    # itself from the library's own shapes (never from input) builds the per-type
    # checkers, structure functions and JSON writers. No I/O, nothing from outside.
    ("core/shapes.py", "exec"),
    ("serialization.py", "exec"),
}
FORBIDDEN_CALLS = frozenset(
    {"open", "print", "input", "exec", "eval", "compile", "__import__", "breakpoint"}
)
FORBIDDEN_ATTRIBUTES = frozenset(
    {
        "now",
        "today",
        "utcnow",
        "tomorrow",
        "yesterday",
        "environ",
        "getenv",
        "perf_counter",
        "monotonic",
    }
)


def _modules() -> list[Path]:
    return sorted(SRC.rglob("*.py"))


def _findings(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    relative = path.relative_to(SRC).as_posix()
    found: list[str] = []
    for node in ast.walk(tree):
        names: list[str] = []
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names = [node.module]
        for name in names:
            top = name.split(".")[0]
            if (relative, name) in ALLOWED:
                continue
            if top in FORBIDDEN_MODULES or name in FORBIDDEN_MODULES:
                found.append(f"{relative}:{getattr(node, 'lineno', 0)} imports {name}")
        if (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Name)
            and node.func.id in FORBIDDEN_CALLS
            and (relative, node.func.id) not in ALLOWED_CALLS
        ):
            found.append(f"{relative}:{node.lineno} calls {node.func.id}()")
        if isinstance(node, ast.Attribute) and node.attr in FORBIDDEN_ATTRIBUTES:
            found.append(f"{relative}:{node.lineno} uses .{node.attr}")
    return found


def test_there_are_modules_to_check() -> None:
    assert len(_modules()) > 10


@pytest.mark.parametrize("path", _modules(), ids=lambda p: p.relative_to(SRC).as_posix())
def test_module_is_pure(path: Path) -> None:
    assert _findings(path) == []


def test_detector_catches_impurity(tmp_path: Path) -> None:
    """The walker itself must be able to fail (a test that cannot fail is a defect)."""
    bad = tmp_path / "bad.py"
    bad.write_text(
        "import os\nimport random\nfrom logging import getLogger\nimport pendulum\n"
        "x = pendulum.now()\nprint(open('f').read())\ny = os.environ\n",
        encoding="utf-8",
    )
    # Pretend it lives in src/ so relative_to works.
    target = SRC / "_purity_probe_tmp.py"
    target.write_text(bad.read_text(encoding="utf-8"), encoding="utf-8")
    try:
        findings = _findings(target)
    finally:
        target.unlink()
    assert len(findings) == 7
