"""Errors: stable codes, bilingual messages, and a catalogue in the docs that lists every code."""

from __future__ import annotations

import ast
import importlib
import pickle
import pkgutil
import re
from decimal import Decimal
from pathlib import Path

import pendulum
import pytest

import schoollogistics
from schoollogistics import errors
from schoollogistics.core.money import Money
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


def test_missing_or_unknown_params_are_a_bug_not_a_message() -> None:
    with pytest.raises(TypeError, match=r"missing parameter\(s\) \['reason'\]"):
        errors.InvalidArgumentError(field="x")  # type: ignore[call-arg]
    with pytest.raises(TypeError, match=r"unknown parameter\(s\) \['reasn'\]"):
        errors.InvalidArgumentError(field="x", reason="r", reasn="r")  # type: ignore[call-arg]
    listed = errors.InvalidWeightsError(weights=[1, -1], reason="r")
    assert "1, -1" in listed.message_en
    assert listed.weights == [1, -1]
    assert listed.params == {"weights": [1, -1], "reason": "r"}


def test_defaults_fill_params() -> None:
    error = errors.AmountTypeError(type_name="list")
    assert error.params == {"type_name": "list", "field": "amount"}
    assert error.field == "amount"


def _sample(annotation: str, name: str) -> object:
    """A value of the declared parameter type (extend when an error declares a new type)."""
    samples: dict[str, object] = {
        "str": f"<{name}>",
        "str | None": f"<{name}>",
        "int": 7,
        "int | None": 7,
        "bool": True,
        "object": f"<{name}>",
        "tuple[str, ...]": (f"<{name}>", "b"),
        "Decimal": Decimal("1.25"),
        "Money": Money("1.25"),
        "Money | None": Money("1.25"),
        "pendulum.Date": pendulum.Date(2025, 9, 1),
        "pendulum.Date | None": pendulum.Date(2025, 9, 1),
        "pendulum.DateTime": pendulum.datetime(2025, 9, 1, 8, tz="Asia/Shanghai"),
        "pendulum.DateTime | None": pendulum.datetime(2025, 9, 1, 8, tz="Asia/Shanghai"),
        "pendulum.Duration": pendulum.duration(hours=48),
        "dt.datetime": pendulum.datetime(2025, 9, 1, 8, tz="Asia/Shanghai"),
        "dt.timedelta": pendulum.duration(hours=48),
    }
    assert annotation in samples, f"add a sample for parameter type {annotation!r} ({name})"
    return samples[annotation]


def _annotations(cls: type[SchoolLogisticsError]) -> dict[str, str]:
    found: dict[str, str] = {}
    for klass in reversed(cls.__mro__):
        for name, annotation in vars(klass).get("__annotations__", {}).items():
            if name in cls.param_names:
                found[name] = str(annotation)
    return found


def test_every_error_class_builds_from_its_declared_params_and_fills_its_messages() -> None:
    checked = 0
    for cls in _all_error_classes():
        annotations = _annotations(cls)
        assert set(annotations) == set(cls.param_names), cls
        params = {name: _sample(annotation, name) for name, annotation in annotations.items()}
        error = cls(**params)
        for message in (error.message_en, error.message_zh):
            assert not re.search(r"\{[a-z_]+[^}]*\}", message), (cls, message)
        for name, value in params.items():
            assert error.params[name] == value, (cls, name)
            assert getattr(error, name) == value, (cls, name)
        again = pickle.loads(pickle.dumps(error))
        assert (type(again), again.params) == (cls, error.params)
        checked += 1
    assert checked > 40


def test_a_template_naming_an_undeclared_param_fails_at_construction() -> None:
    class BadError(SchoolLogisticsError):
        code = "test.bad"
        message_en_template = "{item_id}"
        message_zh_template = "{item_id}"

    with pytest.raises(KeyError):
        BadError()


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
