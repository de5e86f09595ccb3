"""One document to ``from_dict``, and the judgement of what it did (JSON and command tests)."""

from __future__ import annotations

from typing import Final

from schoollogistics.errors import SchoolLogisticsError, SerializationError
from schoollogistics.serialization import from_dict, to_dict

from ._support import Batch, contract_breaks, cut, json_safe, probe, same
from ._values import JSON, Mutation, Target, apply

INVALID_WHEN_ACCEPTED: Final = frozenset(
    {
        "year 0001",
        "year 9999",
        "year 1899",
        "year 2201",
        "naive",
        "date only",
        "offset +14:01",
        "offset -12:01",
        "offset +23:59",
        "year 0001 +14:00",
        "year 9999 -12:00",
        "s+'E+100000'",
        "s+'e5'",
        "16 integer digits",
        "11 fraction digits",
        "'NaN'",
    }
)
"""Mutations of a date, date-time or decimal node that the contract refuses (accepting fails)."""


NORMALISING: Final = {
    # Types whose constructor gives a documented canonical form: an accepted document may
    # come back in that form (then loading the form again must give it back unchanged).
    "LifeTable": "a category missing from rows takes its default life (DC-6)",
    "DepreciationPolicy": "its life table: a missing category takes its default (DC-6)",
    "HolidayCalendar": "sources are kept sorted by year",
    "CompensationPolicy": "its depreciation's life table: a missing category takes its default",
}


def _canonical(target: Target, out: JSON) -> bool:
    """Whether ``out`` is a fixed point: loading and dumping it gives it back."""
    try:
        return to_dict(from_dict(target.cls, out), target.as_type) == out
    except SchoolLogisticsError:
        return False


def judge_accepted(
    batch: Batch, target: Target, doc: JSON, result: object, *, label: str, defaults: bool = True
) -> None:
    """An accepted document must come back exactly, and be within the contract.

    ``defaults``: the output may hold keys the document omitted (optional keys
    come back with their defaults; a key the document *has* must come back the same).
    """
    shown = f"{label}: {cut(doc)}"
    ok, out = probe(batch, target.name, lambda: to_dict(result, target.as_type), repro=shown)
    if not ok:
        batch.fail(
            "late-failure",
            type(out).__name__,
            "to_dict of an accepted document",
            target.name,
            shown,
        )
        return
    if not same(out, doc, defaults=defaults) and not (
        target.name in NORMALISING and _canonical(target, out)
    ):
        batch.fail("coerced", "accepted and changed", cut(out, 80), target.name, shown)
    for problem in list(contract_breaks(doc))[:1]:
        batch.fail("accepted-invalid", problem.split(" @ ")[0], problem, target.name, shown)
    reason = json_safe(out)
    if reason is not None:
        batch.fail(
            "unsafe-output", reason, "to_dict output is not strict UTF-8 JSON", target.name, shown
        )


def _free_text(target: Target, doc: JSON, mutation: Mutation) -> bool:
    """The mutated node is a free text field (it takes ``"zz text"`` too), not a number or date."""
    plain = apply(doc, Mutation(mutation.path, "plain text", "zz text"))
    try:
        from_dict(target.cls, plain)
    except SchoolLogisticsError:
        return False
    return True


def feed(
    batch: Batch, target: Target, doc: JSON, *, label: str, mutation: Mutation | None = None
) -> tuple[bool, object]:
    """``from_dict(target, doc)`` as one probe, judged; returns what the probe returned."""
    shown = f"{label}: {cut(doc)}"
    ok, result = probe(
        batch, target.name, lambda: from_dict(target.cls, doc), repro=shown, rejected=(doc,)
    )
    if ok:
        judge_accepted(batch, target, doc, result, label=label, defaults=True)
        if (
            mutation is not None
            and mutation.label in INVALID_WHEN_ACCEPTED
            and not _free_text(target, doc, mutation)
        ):
            batch.fail(
                "accepted-invalid",
                mutation.label,
                "outside the contract's grammar or range",
                target.name,
                shown,
            )
    elif isinstance(result, SchoolLogisticsError) and not isinstance(result, SerializationError):
        batch.fail(
            "not-serialization-error",
            type(result).__name__,
            "from_dict must raise SerializationError",
            target.name,
            shown,
        )
    return ok, result
