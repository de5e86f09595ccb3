"""Errors: stable codes, bilingual messages, and a catalogue in the docs that lists every code."""

from __future__ import annotations

import ast
import importlib
import pickle
import pkgutil
import re
from pathlib import Path

import pytest

import schoollogistics
from schoollogistics import errors
from schoollogistics.errors import FloatAmountError, SchoolLogisticsError

ROOT = Path(__file__).resolve().parents[2]
CATALOGUE = ROOT / "docs" / "reference" / "errors"


def _all_error_classes() -> list[type[SchoolLogisticsError]]:
    for module in pkgutil.walk_packages(schoollogistics.__path__, "schoollogistics."):
        importlib.import_module(module.name)
    found: list[type[SchoolLogisticsError]] = []
    stack: list[type[SchoolLogisticsError]] = [SchoolLogisticsError]
    while stack:
        cls = stack.pop()
        found.append(cls)
        stack.extend(cls.__subclasses__())
    return found


def _codes_in_source() -> set[str]:
    codes: set[str] = set()
    for path in (ROOT / "src").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ClassDef):
                for stmt in node.body:
                    if (
                        isinstance(stmt, ast.Assign)
                        and [getattr(t, "id", None) for t in stmt.targets] == ["code"]
                        and isinstance(stmt.value, ast.Constant)
                        and isinstance(stmt.value.value, str)
                    ):
                        codes.add(stmt.value.value)
    return codes


def _documented_codes() -> set[str]:
    text = "\n".join(p.read_text(encoding="utf-8") for p in sorted(CATALOGUE.glob("*.md")))
    return set(re.findall(r"`([a-z_]+\.[a-z_]+)`", text))


def test_codes_are_unique_dotted_and_bilingual() -> None:
    classes = _all_error_classes()
    codes = [cls.code for cls in classes if cls is not SchoolLogisticsError]
    assert len(codes) == len(set(codes)), "two error classes share a code"
    for cls in classes:
        if cls is SchoolLogisticsError:
            continue
        assert re.fullmatch(r"[a-z_]+\.[a-z_]+", cls.code), cls
        assert cls.message_en_template != SchoolLogisticsError.message_en_template, cls
        assert re.search(r"[\u4e00-\u9fff]", cls.message_zh_template), cls


def test_every_code_raised_in_src_is_in_the_catalogue() -> None:
    documented = _documented_codes()
    in_classes = {cls.code for cls in _all_error_classes() if cls is not SchoolLogisticsError}
    in_source = _codes_in_source()
    assert in_source <= in_classes | {"error"}
    missing = sorted(in_classes - documented)
    assert missing == [], f"add these codes to docs/reference/errors/: {missing}"


def test_catalogue_check_can_fail() -> None:
    assert "money.float_refused" in _documented_codes()
    assert "money.no_such_code" not in _documented_codes()


def test_error_carries_code_params_and_messages() -> None:
    error = FloatAmountError(value=1.5, field="price")
    assert error.code == "money.float_refused"
    assert error.params == {"value": 1.5, "field": "price"}
    assert "1.5" in error.message_en
    assert "1.5" in error.message_zh
    assert str(error).startswith("[money.float_refused] ")
    assert isinstance(error, errors.MoneyError)
    assert isinstance(error, TypeError)


def test_missing_param_stays_visible_and_lists_render() -> None:
    error = errors.InvalidInputError(field="x")
    assert "{reason}" in error.message_en
    listed = errors.InvalidWeightsError(weights=[1, -1], reason="r")
    assert "1, -1" in listed.message_en


def test_errors_pickle() -> None:
    error = FloatAmountError(value=1.5, field="price")
    again = pickle.loads(pickle.dumps(error))
    assert type(again) is FloatAmountError
    assert again.params == error.params


@pytest.mark.parametrize(
    "cls",
    [errors.AssetError, errors.FoodSampleError, errors.CompensationError, errors.CalendarError],
)
def test_area_bases_are_errors(cls: type[SchoolLogisticsError]) -> None:
    assert issubclass(cls, SchoolLogisticsError)
    assert cls().message_zh
