"""The JSON boundary at scale: loading and writing a million-event ledger log (issue 10).

The log is the mixed asset-ledger log of ``bench_assets`` (receive, issue,
exchange, return, transfer, lend, loan return), written once with ``dumps``.
Each ratio is measured with ``_measure.alternate``: the two sides in turn (ours,
baseline, ours, baseline, ...), five pairs, and the **median** of the per-pair
ratios is reported:

* ``serialization.loads``: ``loads(list[AssetEvent], text)`` (strict: every
  field checked, every record built through its checked constructor) with the
  optional orjson parser when installed, against the standard library's
  ``json.loads(text)`` on the same text, which only parses (``ratio`` = ours /
  json.loads, both in events per second; target ≥ 0.7);
* ``serialization.loads_stdlib``: the same with orjson switched off, against
  the same ``json.loads`` baseline (``scripts/compare_trees.py`` compares it
  with an older tree: it must not be slower than before the strict boundary);
* ``serialization.dumps``: ``dumps(events, list[AssetEvent])`` (the generated
  writer; orjson is not used for writing) against ``json.dumps(plain, ensure_ascii=False,
  separators=(",", ":"))`` of the equivalent plain dicts, which gives the very
  same text (target ≥ 1.0);
* ``serialization.loads_replay``: ``loads`` then ``AssetLedger.replay(...,
  check=True)``, in events per second (no baseline);
* ``serialization.loads_vs_paused_json`` and ``serialization.dumps_vs_paused_json``:
  the same ``loads`` / ``dumps`` against ``json.loads`` / ``json.dumps`` run with the
  garbage collector paused too. ``loads`` and ``dumps`` pause the collector for a
  document of 1,000 items or more (our records hold no cycles); a plain
  ``json.loads`` call, the first baseline, does not. This second baseline shows
  what is left once the collector's cost is taken out of both sides.

Times are process CPU time (``time.process_time``) so that other processes on
the 2-core machine weigh less; what is alive before the pairs is frozen out of
the collector's reach, a collection runs before each run, and the collector
stays on.
"""

from __future__ import annotations

import gc
import json
from collections.abc import Callable
from typing import Any

from _measure import alternate, median_cpu, rate_record
from bench_assets import generate

from schoollogistics import serialization
from schoollogistics.assets import AssetEvent, AssetLedger


def _paused(function: Callable[[], object]) -> Callable[[], object]:
    def run() -> object:
        gc.disable()
        try:
            return function()
        finally:
            gc.enable()

    return run


class _Codec:
    """Switch the optional fast codec off for a block (restored after)."""

    def __init__(self, enabled: bool) -> None:
        self.enabled = enabled
        self.saved: Any = None

    def __enter__(self) -> None:
        # getattr: an older tree (scripts/compare_trees.py) has no fast codec at all
        self.saved = getattr(serialization, "_orjson", None)
        if not self.enabled:
            serialization._orjson = None

    def __exit__(self, *_: object) -> None:
        serialization._orjson = self.saved


def bench_serialization(quick: bool) -> list[dict[str, Any]]:
    n = 20_000 if quick else 1_000_000
    pairs = 5
    events, changes = generate(n)
    changes.clear()
    as_type = list[AssetEvent]
    text = serialization.dumps(events, as_type)
    plain = json.loads(text)
    fast = getattr(serialization, "_orjson", None) is not None
    results: list[dict[str, Any]] = []
    codec = "orjson" if fast else "json (orjson not installed)"

    def load() -> object:
        return serialization.loads(as_type, text)

    assert load() == events
    measured = alternate(load, lambda: json.loads(text), pairs=pairs)
    results.append(rate_record("serialization.loads", n, measured, f"events/s ({codec})"))
    with _Codec(enabled=False):
        measured = alternate(load, lambda: json.loads(text), pairs=pairs)
    results.append(rate_record("serialization.loads_stdlib", n, measured, "events/s (json)"))

    def dump() -> str:
        return serialization.dumps(events, as_type)

    def dump_plain() -> str:
        return json.dumps(plain, ensure_ascii=False, separators=(",", ":"))

    assert json.loads(dump()) == plain
    measured = alternate(dump, dump_plain, pairs=pairs)
    results.append(rate_record("serialization.dumps", n, measured, "events/s (generated writer)"))

    measured = alternate(load, _paused(lambda: json.loads(text)), pairs=pairs)
    results.append(
        rate_record("serialization.loads_vs_paused_json", n, measured, f"events/s ({codec})")
    )
    measured = alternate(dump, _paused(dump_plain), pairs=pairs)
    results.append(
        rate_record(
            "serialization.dumps_vs_paused_json", n, measured, "events/s (generated writer)"
        )
    )

    def load_and_replay() -> object:
        return AssetLedger.replay(serialization.loads(as_type, text), check=True)

    spent, _ = median_cpu(3, load_and_replay)
    results.append(
        {
            "name": "serialization.loads_replay",
            "value": round(n / spent, 3),
            "unit": "events/s (loads + checked replay)",
        }
    )
    return results


BENCHMARKS = {"serialization": bench_serialization}
