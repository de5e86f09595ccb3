"""Arbitrary JSON, and valid documents with one field mutated, to ``from_dict``/``loads``.

Every type of ``PUBLIC_TYPES``, every tagged union and ``list[...]`` of each
union is a target. Each input must be refused with a ``SerializationError``
(a ``SchoolLogisticsError``) in under 100 ms of CPU time with a short message, or accepted
*exactly*: ``to_dict(from_dict(doc)) == doc`` (so ``2.7 -> 2``, ``true -> 1``,
``" 7 " -> 7`` and ``{"a": 1} -> "{'a': 1}"`` are failures), and what was
accepted is within the contract (valid Unicode text of at most 10,000
characters without C0 controls, integers within 2**53 - 1, strict JSON out).
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from schoollogistics.serialization import from_dict, loads, to_dict

from ._judge import feed, judge_accepted
from ._support import Batch, bind, cut, hostile_settings, pick, probe
from ._values import ATOMS, JSON, TARGETS, TEXTS, Target, apply, json_values, mutations

# ---------------------------------------------------------------- (a) arbitrary JSON


def test_every_atom_to_every_type() -> None:
    """Each fixed hostile atom (huge ints, deep nesting, surrogates...) whole, to every target."""
    batch = Batch("json-atoms")
    for target in TARGETS:
        for atom in ATOMS:
            if batch.exhausted:
                break
            feed(batch, target, atom, label="atom")
    batch.close()


@hostile_settings(examples=8)
@given(values=st.lists(json_values(), min_size=6, max_size=6))
def test_arbitrary_json_to_every_type(values: list[JSON]) -> None:
    """Hypothesis-built JSON values (keys often real field names), each to every target."""
    batch = Batch("json-arbitrary")
    for value in values:
        for target in TARGETS:
            if batch.exhausted:
                break
            feed(batch, target, value, label="json")
    batch.close()


@pytest.mark.parametrize("text", TEXTS, ids=lambda t: cut(t, 24))
def test_hostile_texts_to_loads(text: str | bytes) -> None:
    """Bad JSON text (deep, huge numbers, bad UTF-8, duplicate keys) to ``loads`` of each target."""
    batch = Batch("json-texts")
    for target in TARGETS:
        if batch.exhausted:
            break
        ok, result = probe(
            batch, target.name, bind(loads, target.cls, text), repro=text, rejected=(text,)
        )
        if ok:
            try:
                doc = json.loads(text)
            except (ValueError, RecursionError):
                batch.fail("accepted-invalid", "not JSON", "loads accepted", target.name, cut(text))
                continue
            judge_accepted(batch, target, doc, result, label="text")
    batch.close()


# ---------------------------------------------------------------- (b) mutated documents

_PER_EXAMPLE = 24


@pytest.mark.parametrize("target", TARGETS, ids=lambda t: t.name)
@hostile_settings(examples=4)
@given(data=st.data(), seed=st.integers(0, 2**32 - 1))
def test_valid_documents_with_one_field_mutated(
    target: Target, data: st.DataObject, seed: int
) -> None:
    """A valid document (from the type's strategy) with ONE node replaced, deleted or added."""
    batch = Batch("json-mutated")
    value = data.draw(target.strategy, label="valid value")
    doc = to_dict(value, target.as_type)
    ok, back = probe(batch, target.name, lambda: from_dict(target.cls, doc), repro=doc)
    if not ok or back != value:
        batch.fail(
            "baseline", "valid document does not round-trip", cut(back, 80), target.name, cut(doc)
        )
        batch.close()
        return
    found = mutations(doc)
    chosen = pick(found, min(_PER_EXAMPLE, len(found)), seed)
    for mutation in chosen:
        if batch.exhausted:
            break
        mutated = apply(doc, mutation)
        feed(batch, target, mutated, label=mutation.describe(), mutation=mutation)
        if isinstance(mutated, (dict, list)) and mutation.label in {"true", "2.7", "str(n)"}:
            text = json.dumps(mutated, ensure_ascii=False)
            probe(batch, target.name, bind(loads, target.cls, text), repro=text, rejected=(text,))
    batch.close()


# ---------------------------------------------------------------- order of first use

_LOADER = """
import json, sys
sys.path.insert(0, sys.argv[1])
from schoollogistics.serialization import from_dict
from tests.hostile._values import TARGETS
refused = []
for index, doc in json.load(sys.stdin):
    try:
        from_dict(TARGETS[index].cls, doc)
    except Exception as exc:
        refused.append([TARGETS[index].name, type(exc).__name__, str(exc)[:300]])
print(json.dumps(refused))
"""


@hostile_settings(examples=1)
@given(data=st.data())
def test_valid_documents_load_in_a_fresh_process_in_any_order(data: st.DataObject) -> None:
    """A valid document loads whatever type was loaded first (no cache or name collision).

    Each order runs in a new interpreter, where every converter is built on
    first use: forward, reversed, and enums first.
    """
    batch = Batch("json-order")
    docs: list[tuple[int, object]] = [
        (i, to_dict(data.draw(t.strategy), t.as_type)) for i, t in enumerate(TARGETS)
    ]
    root = str(Path(__file__).resolve().parents[2])
    enums_first = sorted(docs, key=lambda pair: not isinstance(pair[1], str))
    for order in (docs, docs[::-1], enums_first):
        batch.count(len(order))
        run = subprocess.run(
            [sys.executable, "-c", _LOADER, root],
            input=json.dumps(order),
            capture_output=True,
            text=True,
            check=False,
            timeout=120,
        )
        if run.returncode != 0:
            batch.fail("order-dependent", "loader crashed", run.stderr[-200:], "fresh process", "")
            continue
        first = TARGETS[order[0][0]].name
        for name, error, message in json.loads(run.stdout):
            reason = message.split(": ")[-1].split(" / ")[0]  # the innermost English reason
            batch.fail(
                "order-dependent", error, reason, name, f"valid, after {first} (new process)"
            )
    batch.close()
