"""The JSON boundary at scale: loading and writing a million-event ledger log (issue 10).

The log is the mixed asset-ledger log of ``bench_assets`` (receive, issue,
exchange, return, transfer, lend, loan return), written once with ``dumps``.
Each ratio is measured in the same run, the two sides alternating (ours,
baseline, ours, baseline, ...), and the **median** of the runs is reported:

* ``serialization.loads``: ``loads(list[AssetEvent], text)`` (strict: every
  field checked, every record built through its checked constructor) with the
  optional orjson parser when installed, against the standard library's
  ``json.loads(text)`` on the same text, which only parses (``ratio`` = ours /
  json.loads, both in events per second; target ≥ 0.7);
* ``serialization.loads_stdlib``: the same with orjson switched off, against
  the same ``json.loads`` baseline (``scripts/compare_trees.py`` compares it
  with an older tree: it must not be slower than before the strict boundary);
* ``serialization.dumps``: ``dumps(events, list[AssetEvent])`` (orjson when
  installed) against ``json.dumps(plain, ensure_ascii=False,
  separators=(",", ":"))`` of the equivalent plain dicts, which gives the very
  same text (target ≥ 1.0);
* ``serialization.dumps_stdlib``: the same with orjson switched off;
* ``serialization.loads_replay``: ``loads`` then ``AssetLedger.replay(...,
  check=True)``, in events per second (no baseline);
* ``serialization.loads_vs_paused_json`` and ``serialization.dumps_vs_paused_json``:
  the same ``loads`` / ``dumps`` against ``json.loads`` / ``json.dumps`` run with the
  garbage collector paused too. ``loads`` and ``dumps`` pause the collector for a
  document of 1,000 items or more (our records hold no cycles); a plain
  ``json.loads`` call, the first baseline, does not. This second baseline shows
  what is left once the collector's cost is taken out of both sides.

Times are process CPU time (``time.process_time``) so that other processes on
the 2-core machine weigh less; the garbage collector is collected before each
run and stays on.
"""

from __future__ import annotations

import gc
import json
import statistics
import time
from collections.abc import Callable
from typing import Any

from _measure import record
from bench_assets import generate

from schoollogistics import serialization
from schoollogistics.assets import AssetEvent, AssetLedger


def _cpu(function: Callable[[], object]) -> float:
    gc.collect()
    start = time.process_time()
    function()
    return time.process_time() - start


def _paused(function: Callable[[], object]) -> Callable[[], object]:
    def run() -> object:
        gc.disable()
        try:
            return function()
        finally:
            gc.enable()

    return run


def _alternate(
    runs: int, ours: Callable[[], object], base: Callable[[], object]
) -> tuple[float, float]:
    """Median seconds of ``ours`` and ``base``, run in alternation."""
    mine: list[float] = []
    theirs: list[float] = []
    for _ in range(runs):
        mine.append(_cpu(ours))
        theirs.append(_cpu(base))
    return statistics.median(mine), statistics.median(theirs)


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
    n = 50_000 if quick else 1_000_000
    runs = 3 if quick else 5
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
    ours, base = _alternate(runs, load, lambda: json.loads(text))
    results.append(record("serialization.loads", n / ours, f"events/s ({codec})", n / base))
    with _Codec(enabled=False):
        ours, base = _alternate(runs, load, lambda: json.loads(text))
    results.append(record("serialization.loads_stdlib", n / ours, "events/s (json)", n / base))

    def dump() -> object:
        return serialization.dumps(events, as_type)

    def dump_plain() -> object:
        return json.dumps(plain, ensure_ascii=False, separators=(",", ":"))

    assert json.loads(dump()) == plain
    ours, base = _alternate(runs, dump, dump_plain)
    results.append(record("serialization.dumps", n / ours, f"events/s ({codec})", n / base))
    with _Codec(enabled=False):
        ours, base = _alternate(runs, dump, dump_plain)
    results.append(record("serialization.dumps_stdlib", n / ours, "events/s (json)", n / base))

    ours, base = _alternate(runs, load, _paused(lambda: json.loads(text)))
    results.append(
        record("serialization.loads_vs_paused_json", n / ours, f"events/s ({codec})", n / base)
    )
    ours, base = _alternate(runs, dump, _paused(dump_plain))
    results.append(
        record("serialization.dumps_vs_paused_json", n / ours, f"events/s ({codec})", n / base)
    )

    def load_and_replay() -> object:
        return AssetLedger.replay(serialization.loads(as_type, text), check=True)

    spent = statistics.median(_cpu(load_and_replay) for _ in range(max(1, runs - 2)))
    results.append(
        record("serialization.loads_replay", n / spent, "events/s (loads + checked replay)")
    )
    return results


BENCHMARKS = {"serialization": bench_serialization}
