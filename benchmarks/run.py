"""Run the benchmarks and print one JSON object per line.

    uv run python benchmarks/run.py [--quick] [--only NAME]

Each ``benchmarks/bench_*.py`` module exposes ``BENCHMARKS``: a mapping from a
name to a function ``(quick: bool) -> list[dict]`` returning result records
``{"name", "value", "unit"}`` plus ``"baseline"`` and ``"ratio"`` where a
comparison is made in the same run. ``--quick`` keeps the whole run under a
minute (CI runs it); ``--only`` runs the benchmarks whose name contains NAME.
"""

from __future__ import annotations

import argparse
import importlib
import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent

Benchmark = Callable[[bool], list[dict[str, Any]]]


def discover() -> dict[str, Benchmark]:
    sys.path.insert(0, str(HERE))
    found: dict[str, Benchmark] = {}
    for path in sorted(HERE.glob("bench_*.py")):
        module = importlib.import_module(path.stem)
        found.update(module.BENCHMARKS)
    return found


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="small sizes, under a minute in all")
    parser.add_argument(
        "--only", metavar="NAME", help="run the benchmarks whose name contains NAME"
    )
    args = parser.parse_args(argv)
    benchmarks = discover()
    selected = {n: b for n, b in benchmarks.items() if args.only is None or args.only in n}
    if not selected:
        print(
            f"no benchmark matches {args.only!r}; known: {', '.join(benchmarks)}", file=sys.stderr
        )
        return 2
    for benchmark in selected.values():
        for record in benchmark(args.quick):
            print(json.dumps(record, ensure_ascii=False), flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
