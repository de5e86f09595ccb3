"""Compare the benchmarks of two checkouts side by side, in alternation (old, new, old, ...).

Usage::

    uv run python scripts/compare_trees.py OLD_TREE NEW_TREE [--runs 5] [--only assets] [--full]

Each run executes ``benchmarks/run.py`` in each tree with that tree's own environment
(``uv run`` there), alternating trees so that machine load affects both alike, and
prints per benchmark the median of each side and new / old. Only the figures that are
rates or times are compared (units ``…/s`` are better higher, ``s``/``ms`` lower).
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
from pathlib import Path


def _run(tree: Path, only: str | None, *, quick: bool) -> dict[str, tuple[float, str]]:
    command = ["uv", "run", "--quiet", "python", "benchmarks/run.py"]
    if quick:
        command.append("--quick")
    if only:
        command += ["--only", only]
    out = subprocess.run(command, cwd=tree, capture_output=True, text=True, check=True).stdout
    results: dict[str, tuple[float, str]] = {}
    for line in out.splitlines():
        record = json.loads(line)
        results[record["name"]] = (float(record["value"]), str(record["unit"]))
    return results


def _direction(unit: str) -> int:
    """+1 when higher is better, -1 when lower is better, 0 when not a speed figure."""
    if "/s" in unit:
        return 1
    if unit in {"s", "ms", "µs"} or unit.startswith(("s ", "ms ", "µs ")):
        return -1
    return 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("old", type=Path)
    parser.add_argument("new", type=Path)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--only")
    parser.add_argument("--full", action="store_true", help="full sizes (default: --quick)")
    args = parser.parse_args()
    old_runs: list[dict[str, tuple[float, str]]] = []
    new_runs: list[dict[str, tuple[float, str]]] = []
    for _ in range(args.runs):
        old_runs.append(_run(args.old, args.only, quick=not args.full))
        new_runs.append(_run(args.new, args.only, quick=not args.full))
    print(f"{'benchmark':<52} {'old':>12} {'new':>12} {'new/old':>8}  unit")
    for name, (_, unit) in new_runs[0].items():
        direction = _direction(unit)
        if not direction or not all(name in run for run in old_runs):
            continue
        old = statistics.median(run[name][0] for run in old_runs)
        new = statistics.median(run[name][0] for run in new_runs if name in run)
        ratio = new / old if old else float("nan")
        better = ratio if direction > 0 else (1 / ratio if ratio else float("nan"))
        flag = "" if better >= 0.95 else "  SLOWER"
        print(f"{name:<52} {old:>12.4g} {new:>12.4g} {ratio:>8.3f}  {unit}{flag}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
