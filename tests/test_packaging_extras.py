"""Optional extras: importing without them names the extra to install."""

from __future__ import annotations

import importlib
import subprocess
import sys
import textwrap

import pytest

HINT = "pip install 'schoollogistics[testing]'"


def _forget_testing(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in list(sys.modules):
        if name == "schoollogistics.testing" or name.startswith("schoollogistics.testing."):
            monkeypatch.delitem(sys.modules, name)


def test_testing_without_hypothesis_names_the_extra(monkeypatch: pytest.MonkeyPatch) -> None:
    # ``None`` in sys.modules makes ``import hypothesis`` fail as if it were not installed;
    # monkeypatch puts the real modules back afterwards.
    for name in list(sys.modules):
        if name == "hypothesis" or name.startswith("hypothesis."):
            monkeypatch.setitem(sys.modules, name, None)
    monkeypatch.setitem(sys.modules, "hypothesis", None)
    _forget_testing(monkeypatch)
    with pytest.raises(ImportError, match=r"'testing' extra") as info:
        importlib.import_module("schoollogistics.testing")
    assert HINT in str(info.value)
    assert "testing 扩展" in str(info.value)
    assert info.value.name == "hypothesis"
    assert isinstance(info.value.__cause__, ModuleNotFoundError)


def test_testing_without_hypothesis_in_a_fresh_interpreter() -> None:
    # The same in a clean process, where nothing has imported Hypothesis yet, and through a
    # submodule import, which runs the package's __init__ first.
    code = textwrap.dedent(
        """
        import sys
        sys.modules["hypothesis"] = None
        import schoollogistics
        for target in ("schoollogistics.testing", "schoollogistics.testing.assets"):
            try:
                __import__(target)
            except ImportError as exc:
                print(type(exc).__name__, exc)
            else:
                raise SystemExit(target + " imported without Hypothesis")
        """
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60
    )
    lines = done.stdout.splitlines()
    assert len(lines) == 2
    for line in lines:
        assert line.startswith("ImportError ")
        assert HINT in line


def test_testing_with_hypothesis_imports() -> None:
    module = importlib.import_module("schoollogistics.testing")
    assert callable(module.strategy_for)
