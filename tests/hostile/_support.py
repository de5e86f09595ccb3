"""The probe every hostile input goes through, the budget, and the failure record.

A *probe* runs one call on one hostile input and checks the boundary contract:

* the call returns, or raises a ``SchoolLogisticsError`` (anything else is an
  ``untyped`` failure, classified by exception type and the innermost
  ``schoollogistics`` frame);
* it takes less than ``LIMIT_SECONDS`` of CPU time (``time.thread_time``: the
  cost of the call itself, not the time a busy machine or a virtual machine's
  host gives to other processes; a pure call that is over is run twice more
  and judged by its best run), and less than ``HANG_SECONDS`` of wall time
  (``time.perf_counter``: nothing waits, so a call that blocks is a finding);
* a typed error's messages stay short (``MAX_MESSAGE`` characters), its params
  too (``MAX_PARAMS``), and a rejected value longer than ``MAX_ECHO``
  characters never appears whole in them.

Failures are collected per batch; a batch with a failure fails its test with
the list of distinct failure classes (kind, exception, location) and a short
reproduction of each. With ``SCHOOLLOGISTICS_HOSTILE_REPORT=1`` nothing fails:
every class is recorded and listed at the end of the session (to classify a
library that still fails many of them).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import functools
import hashlib
import json
import math
import os
import re
import time
import traceback
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Final, TypeVar, cast

import pytest
from hypothesis import HealthCheck, Phase, settings

from schoollogistics.errors import SchoolLogisticsError

T = TypeVar("T")

LONG: Final = os.environ.get("SCHOOLLOGISTICS_HOSTILE_LONG", "") == "1"
"""Long mode (``SCHOOLLOGISTICS_HOSTILE_LONG=1``): 25 times the examples, over 10^6 inputs."""

REPORT: Final = os.environ.get("SCHOOLLOGISTICS_HOSTILE_REPORT", "") == "1"
"""Report mode: record every failure class and list them at the end, fail nothing."""

SCALE: Final = 25 if LONG else 1

LIMIT_SECONDS: Final = 0.100
HANG_SECONDS: Final = 2.0
MAX_MESSAGE: Final = 4_096
MAX_PARAMS: Final = 8_192
MAX_ECHO: Final = 80
MAX_TEXT: Final = 10_000
MAX_SAFE_INT: Final = 2**53 - 1

_SLOW_STOP: Final = 3

MIN_DEFAULT_INPUTS: Final = 20_000
MIN_LONG_INPUTS: Final = 1_000_000


def hostile_settings(examples: int) -> settings:
    """Derandomised settings for one hostile test: ``examples`` batches (times ``SCALE``)."""
    return settings(
        max_examples=examples * SCALE,
        derandomize=True,
        database=None,
        deadline=None,
        print_blob=False,
        phases=(Phase.explicit, Phase.generate),  # a batch reports its own minimal inputs
        suppress_health_check=list(HealthCheck),
    )


# ---------------------------------------------------------------- recording


@dataclass(frozen=True)
class Failure:
    """One broken promise of the contract, with what reproduces it."""

    kind: str
    exception: str
    where: str
    target: str
    repro: str

    @property
    def key(self) -> tuple[str, str, str]:
        return (self.kind, self.exception, self.where)

    def line(self) -> str:
        return f"[{self.kind}] {self.exception} at {self.where} | {self.target}: {self.repro}"


@dataclass
class Record:
    """Inputs fed and distinct failure classes, for the whole session."""

    inputs: int = 0
    by_area: dict[str, int] = field(default_factory=dict)
    classes: dict[tuple[str, str, str], Failure] = field(default_factory=dict)
    counts: dict[tuple[str, str, str], int] = field(default_factory=dict)


RECORD: Final = Record()


def cut(value: object, limit: int = 160) -> str:
    """A short, always computable, representation of an input."""
    try:
        text = repr(value)
    except Exception:  # noqa: BLE001 - hostile objects may refuse repr (or nest too deep)
        text = f"<{type(value).__name__}: no repr (deeply nested or refusing)>"
    if len(text) > limit:
        return f"{text[: limit // 2]}…({len(text)} chars)…{text[-limit // 4 :]}"
    return text


_GENERATED: Final = re.compile(r"<cattrs generated (\w+) [^>]*>")
_GENERATED_FN: Final = re.compile(r"_[A-Z]\w*$")


def _location(exc: BaseException) -> str:
    frames = traceback.extract_tb(exc.__traceback__)
    ours = [f for f in frames if "/schoollogistics/" in f.filename and "/tests/" not in f.filename]
    last = frames[-1] if frames else None
    parts: list[str] = []
    if ours:
        mine = ours[-1]
        parts.append(f"{mine.filename.split('/src/')[-1]}:{mine.lineno} ({mine.name})")
    if last is not None and (not ours or last is not ours[-1]):
        name = _GENERATED.sub(r"<cattrs generated \1>", last.filename.split("site-packages/")[-1])
        line = "" if name.startswith("<") else f":{last.lineno}"
        parts.append(f"<- {name}{line} ({_GENERATED_FN.sub('_*', last.name)})")
    return " ".join(parts) or "?"


class Batch:
    """The failures of one batch of inputs (one Hypothesis example)."""

    def __init__(self, area: str) -> None:
        self.area = area
        self.failures: list[Failure] = []
        self.inputs = 0

    def fail(self, kind: str, exception: str, where: str, target: str, repro: str) -> None:
        self.failures.append(Failure(kind, exception, where, target, repro))

    def count(self, n: int = 1) -> None:
        self.inputs += n

    @property
    def exhausted(self) -> bool:
        """Three slow inputs in one batch: stop feeding it (not in report mode)."""
        return not REPORT and sum(1 for f in self.failures if f.kind == "slow") >= _SLOW_STOP

    def close(self) -> None:
        """Record the batch; fail the test unless in report mode."""
        RECORD.inputs += self.inputs
        RECORD.by_area[self.area] = RECORD.by_area.get(self.area, 0) + self.inputs
        distinct: dict[tuple[str, str, str], Failure] = {}
        for failure in self.failures:
            RECORD.counts[failure.key] = RECORD.counts.get(failure.key, 0) + 1
            RECORD.classes.setdefault(failure.key, failure)
            distinct.setdefault(failure.key, failure)
        if distinct and not REPORT:
            lines = "\n".join(f.line() for f in list(distinct.values())[:25])
            pytest.fail(f"{len(distinct)} hostile-input failure class(es):\n{lines}", pytrace=False)


# ---------------------------------------------------------------- the probe


def _texts(value: object) -> Iterator[str]:
    """Forms in which a rejected value could be echoed."""
    if isinstance(value, int) and not isinstance(value, bool) and abs(value) > 10**4000:
        return  # too long to print at all: it cannot be echoed
    if isinstance(value, str):
        yield value  # its own length counts, not that of its quoted forms
        return
    for render in (repr, str):
        try:
            yield render(value)
        except Exception:  # noqa: BLE001 - hostile objects may refuse
            continue
    try:
        yield json.dumps(value, ensure_ascii=False)
    except Exception:  # noqa: BLE001 - not JSON
        return


def _check_error(
    batch: Batch, target: str, repro: str, exc: SchoolLogisticsError, rejected: Iterable[object]
) -> None:
    try:
        message = str(exc)
        params = repr(exc.params)
        texts = (message, exc.message_en, exc.message_zh)
    except Exception as inner:  # noqa: BLE001 - the error itself must render
        batch.fail("error-unrenderable", type(inner).__name__, _location(inner), target, repro)
        return
    where = f"{type(exc).__name__} ({exc.code})"
    try:
        payload = exc.to_dict()  # errors as data: a front end shows it next to the field
    except Exception as inner:  # noqa: BLE001 - the payload itself must build
        batch.fail("error-payload", type(inner).__name__, f"{where}.to_dict()", target, repro)
    else:
        reason = json_safe(payload)
        if reason is not None:
            batch.fail("error-payload", reason, f"{where}.to_dict() is not JSON", target, repro)
    if max(len(t) for t in texts) > MAX_MESSAGE:
        batch.fail("long-message", where, f"{max(len(t) for t in texts)} chars", target, repro)
    if len(params) > MAX_PARAMS:
        batch.fail("long-params", where, f"{len(params)} chars", target, repro)
    for value in rejected:
        for text in _texts(value):
            if len(text) > MAX_ECHO and (text in message or text in params):
                batch.fail("value-echoed", where, f"{len(text)}-char value", target, repro)
                return


def probe(
    batch: Batch,
    target: str,
    call: Callable[[], object],
    *,
    repro: object,
    rejected: Iterable[object] = (),
    pure: bool = True,
) -> tuple[bool, object]:
    """Run ``call`` once as one hostile input; return ``(accepted, result or error)``."""
    batch.count()
    shown = cut(repro)
    start, wall = time.thread_time(), time.perf_counter()
    try:
        result = call()
    except SchoolLogisticsError as exc:
        elapsed = _Elapsed(time.thread_time() - start, time.perf_counter() - wall)
        _check_error(batch, target, shown, exc, rejected)
        _check_time(batch, target, shown, elapsed, call if pure else None)
        return False, exc
    except (KeyboardInterrupt, SystemExit):
        raise
    except BaseException as exc:  # noqa: BLE001 - RecursionError, MemoryError... are findings
        batch.fail("untyped", type(exc).__name__, _location(exc), target, shown)
        return False, exc
    elapsed = _Elapsed(time.thread_time() - start, time.perf_counter() - wall)
    _check_time(batch, target, shown, elapsed, call if pure else None)
    return True, result


@dataclass(frozen=True)
class _Elapsed:
    cpu: float
    wall: float

    @property
    def fast(self) -> bool:
        return self.cpu <= LIMIT_SECONDS and self.wall <= HANG_SECONDS


def _check_time(
    batch: Batch, target: str, shown: str, elapsed: _Elapsed, again: Callable[[], object] | None
) -> None:
    if elapsed.fast:
        return
    if again is not None:
        # A slow input is slow every time; a collection or a cold cache is not: the
        # best of three runs is judged.
        for _ in range(2):
            start, wall = time.thread_time(), time.perf_counter()
            with contextlib.suppress(BaseException):  # judged by the first run
                again()
            run = _Elapsed(time.thread_time() - start, time.perf_counter() - wall)
            elapsed = _Elapsed(min(elapsed.cpu, run.cpu), min(elapsed.wall, run.wall))
            if elapsed.fast:
                return
    if elapsed.cpu > LIMIT_SECONDS:
        batch.fail("slow", f"{elapsed.cpu * 1000:.0f} ms CPU", "> 100 ms", target, shown)
    else:
        batch.fail("slow", f"{elapsed.wall:.1f} s wall", "> 2 s", target, shown)


# ---------------------------------------------------------------- accepted documents

_DECIMAL: Final = re.compile(r"[+-]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?")


def _decimal_text(text: str) -> Decimal | None:
    if not _DECIMAL.fullmatch(text) or not text.isascii():
        return None
    try:
        return Decimal(text.replace(",", ""))
    except InvalidOperation:  # pragma: no cover - the grammar is Decimal's
        return None


def _moment(text: str) -> dt.datetime | None:
    if len(text) < 16 or not text[:4].isascii():
        return None
    try:
        parsed = dt.datetime.fromisoformat(text)
    except ValueError:
        return None
    return parsed if parsed.utcoffset() is not None else None


def _same_text(out: str, doc: str) -> bool:
    if out == doc:
        return True
    left, right = _decimal_text(out), _decimal_text(doc)
    if left is not None and right is not None:
        return left == right and left.as_tuple().exponent == right.as_tuple().exponent
    moment = _moment(doc)
    return moment is not None and moment == _moment(out)  # the same instant


def _scalar(value: object) -> bool:
    return type(value) in {str, int}


def _same_scalars(left: list[object], right: list[object]) -> bool:
    return all(
        _scalar(a) and type(a) is type(b) and a == b for a, b in zip(left, right, strict=True)
    )


def _as_set(left: list[object], right: list[object]) -> bool:
    """``left`` is the sorted distinct items of ``right`` (a set-like field's canonical form)."""
    if not right or not all(_scalar(v) for v in right) or len({type(v) for v in right}) != 1:
        return False
    return left == sorted(set(right))  # type: ignore[type-var]  # one scalar type: comparable


def same(out: object, doc: object, *, defaults: bool = False) -> bool:
    """``out`` is ``doc`` exactly (types included), up to equivalent spellings.

    The spellings tolerated are the ones that keep the value: ``"+5"`` and
    ``"1,234.50"`` for ``"5"`` and ``"1234.50"`` (same digits and scale); an
    ISO 8601 date-time for another with the same instant (the library shows
    moments in the school's zone: ``...T00:00:00Z`` comes back as
    ``...T08:00:00+08:00``); a list of scalars for its sorted distinct items
    (set-like fields such as ``Hold.meal_ids`` or ``Weekly.weekdays`` are
    documented "sorted, each once"). With ``defaults``, ``out`` may have keys
    ``doc`` omitted (an optional key comes back with its default). Iterative:
    documents may be nested thousands deep.
    """
    stack: list[tuple[object, object]] = [(out, doc)]
    while stack:
        left, right = stack.pop()
        if isinstance(right, dict):
            if not isinstance(left, dict):
                return False
            if set(right) - set(left) or (not defaults and set(left) - set(right)):
                return False
            stack.extend((left[k], v) for k, v in right.items())
        elif isinstance(right, list):
            if not isinstance(left, list):
                return False
            if len(left) == len(right) and _same_scalars(left, right):
                continue
            if not _as_set(left, right):
                if len(left) != len(right):
                    return False
                stack.extend(zip(left, right, strict=True))
        elif type(left) is not type(right):
            return False
        elif isinstance(right, str):
            if not _same_text(str(left), right):
                return False
        elif isinstance(right, float) and math.isnan(right):
            return False  # NaN is never JSON
        elif left != right:
            return False
    return True


def contract_breaks(doc: object) -> Iterator[str]:
    """What an accepted document holds that the contract says must be refused (iterative)."""
    stack: list[tuple[object, str]] = [(doc, "$")]
    while stack:
        node, path = stack.pop()
        if isinstance(node, dict):
            for key, value in node.items():
                stack.append((key, f"{path}<key>"))
                stack.append((value, f"{path}.{cut(key, 20)}"))
        elif isinstance(node, list):
            stack.extend((value, f"{path}[{index}]") for index, value in enumerate(node))
        elif isinstance(node, str):
            if len(node) > MAX_TEXT:
                yield f"text over {MAX_TEXT} chars @ {path}"
            if any("\ud800" <= ch <= "\udfff" for ch in node):
                yield f"lone surrogate @ {path}"
            if any(ord(ch) < 32 and ch not in "\t\n\r" for ch in node):
                yield f"C0 control character @ {path}"
        elif isinstance(node, float):
            yield f"float @ {path}"
        elif isinstance(node, int) and not isinstance(node, bool) and abs(node) > MAX_SAFE_INT:
            yield f"integer beyond 2**53-1 @ {path}"


def json_safe(value: object) -> str | None:
    """Why ``value`` is not strict JSON text in UTF-8, or ``None``."""
    try:
        json.dumps(value, ensure_ascii=False, allow_nan=False).encode("utf-8")
    except (ValueError, TypeError, UnicodeError, RecursionError) as exc:
        return type(exc).__name__
    return None


def loose(function: object) -> Callable[..., object]:
    """The same callable, typed to take any argument: passing hostile ones is the point here."""
    return cast("Callable[..., object]", function)


def bind(function: object, *args: object, **kwargs: object) -> Callable[[], object]:
    """``function`` with hostile arguments bound now (no late binding in loops)."""
    return functools.partial(loose(function), *args, **kwargs)


def pick(items: Sequence[T], count: int, seed: int) -> list[T]:
    """``count`` of ``items`` chosen by ``seed``, deterministically (a keyed-hash order).

    The project bans ``random`` (src/ is pure); this walker needs none: each
    index is ranked by a BLAKE2 hash of ``(seed, index)``.
    """

    def rank(index: int) -> bytes:
        return hashlib.blake2b(f"{seed}:{index}".encode(), digest_size=8).digest()

    chosen = sorted(range(len(items)), key=rank)[:count]
    return [items[index] for index in sorted(chosen)]
