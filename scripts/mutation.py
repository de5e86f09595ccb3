"""Mutation testing of the rule code (mutmut), module by module: not part of CI.

Usage (from the repository root)::

    uv run --group mutation python scripts/mutation.py            # every named module
    uv run --group mutation python scripts/mutation.py src/schoollogistics/core/money.py
    uv run --group mutation python scripts/mutation.py --threshold 90 --max-children 2 ...

The project is copied to ``.mutation/`` (git-ignored; the working tree is never mutated),
mutmut runs there from scratch with the tests of the mutated modules (``--incremental``
reuses earlier results while iterating), and the score of each module
is printed: killed (and timed out) over all mutants that ran, minus the equivalent
mutants listed in ``docs/reference/mutation.md`` (each with its reason). The exit status
is non-zero when a module scores below the threshold.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tomllib
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

# The guard modules, the policies and the audit checks of every area, and the money kernel.
MODULES: tuple[str, ...] = (
    "src/schoollogistics/core/money.py",
    "src/schoollogistics/assets/_rules.py",
    "src/schoollogistics/assets/_policy.py",
    "src/schoollogistics/assets/_audit.py",
    "src/schoollogistics/food_samples/_rules.py",
    "src/schoollogistics/food_samples/_policy.py",
    "src/schoollogistics/food_samples/_audit.py",
    "src/schoollogistics/compensation/_rules.py",
    "src/schoollogistics/compensation/_policy.py",
    "src/schoollogistics/compensation/_audit.py",
    "src/schoollogistics/school_calendar/_rules.py",
    "src/schoollogistics/school_calendar/_policy.py",
    "src/schoollogistics/school_calendar/_audit.py",
    "src/schoollogistics/repairs/_rules.py",
    "src/schoollogistics/repairs/_policy.py",
    "src/schoollogistics/repairs/_audit.py",
    "src/schoollogistics/canteen/_rules.py",
    "src/schoollogistics/canteen/_policy.py",
    "src/schoollogistics/canteen/_audit.py",
    "src/schoollogistics/canteen/_storeroom.py",
    "src/schoollogistics/canteen/_refunds.py",
    "src/schoollogistics/purchasing/_rules.py",
    "src/schoollogistics/purchasing/_policy.py",
    "src/schoollogistics/purchasing/_audit.py",
    "src/schoollogistics/safety/_rules.py",
    "src/schoollogistics/safety/_policy.py",
    "src/schoollogistics/safety/_audit.py",
)

# The tests that cover each package (mutmut then picks, per mutated function, the tests
# that call it).
TESTS: dict[str, tuple[str, ...]] = {
    "core": ("tests/core",),
    "assets": ("tests/assets", "tests/compensation/test_compensation_ledger.py"),
    "food_samples": ("tests/food_samples",),
    "compensation": ("tests/compensation",),
    "school_calendar": ("tests/school_calendar",),
    "repairs": ("tests/repairs",),
    "canteen": ("tests/canteen",),
    "purchasing": ("tests/purchasing",),
    "safety": ("tests/safety",),
}

EQUIVALENTS = ROOT / "docs" / "reference" / "mutation.md"
_RESULT = re.compile(r"^\s*(?P<name>[\w.]+__mutmut_\d+): (?P<status>[\w ]+?)\s*$")
_EQUIVALENT = re.compile(r"`(?P<name>[\w.]+__mutmut_\d+)`")


def _module_name(path: str) -> str:
    return path.removeprefix("src/").removesuffix(".py").replace("/", ".")


def _equivalents() -> set[str]:
    if not EQUIVALENTS.exists():
        return set()
    return set(_EQUIVALENT.findall(EQUIVALENTS.read_text(encoding="utf-8")))


def _configure(work: Path, modules: list[str], max_children: int, ignore: list[str]) -> None:
    pyproject = work / "pyproject.toml"
    text = pyproject.read_text(encoding="utf-8")
    data = tomllib.loads(text)
    addopts = [
        opt
        for opt in data["tool"]["pytest"]["ini_options"]["addopts"]
        # no coverage, and no xdist: mutmut runs its own children
        if not opt.startswith(("--cov", "-n=", "--dist="))
    ]
    pytest_args = ["-p", "no:cacheprovider", "-q", "-x", *(f"--ignore={i}" for i in ignore)]
    areas = sorted({m.split("/")[2] for m in modules})
    tests = sorted({t for area in areas for t in TESTS.get(area, ("tests",))})
    text = re.sub(
        r"addopts = \[.*?\]\n",
        "addopts = [" + ", ".join(f'"{o}"' for o in addopts) + "]\n",
        text,
        count=1,
        flags=re.DOTALL,
    )
    text += (
        "\n[tool.mutmut]\n"
        'source_paths = ["src/schoollogistics"]\n'
        f"only_mutate = {modules!r}\n"
        f"pytest_add_cli_args_test_selection = {tests!r}\n"
        f"pytest_add_cli_args = {pytest_args!r}\n"
        f"max_children = {max_children}\n"
        'also_copy = ["docs", "examples", "benchmarks", "scripts", "README.md", "CHANGELOG.md"]\n'
    ).replace("'", '"')
    pyproject.write_text(text, encoding="utf-8")


def _copy_project(work: Path) -> None:
    for name in ("src", "tests", "docs", "examples", "benchmarks", "scripts"):
        shutil.rmtree(work / name, ignore_errors=True)
        shutil.copytree(ROOT / name, work / name, ignore=shutil.ignore_patterns("__pycache__"))
    for name in ("pyproject.toml", "README.md", "CHANGELOG.md", "mkdocs.yml"):
        shutil.copy2(ROOT / name, work / name)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("modules", nargs="*", help="source files to mutate (default: all named)")
    parser.add_argument("--threshold", type=float, default=90.0)
    parser.add_argument("--max-children", type=int, default=2)
    parser.add_argument(
        "--ignore",
        action="append",
        default=[],
        metavar="TEST_PATH",
        help="leave a slow test file out (the score is then a lower bound); repeatable",
    )
    parser.add_argument(
        "--incremental",
        action="store_true",
        help="reuse earlier results (mutmut re-tests changed functions only, but not the "
        "mutants of unchanged functions whose tests changed: use it while iterating on code, "
        "never for the scores you report)",
    )
    args = parser.parse_args()
    modules = [m for m in (args.modules or MODULES) if (ROOT / m).exists()]
    missing = sorted(set(args.modules or MODULES) - set(modules))
    for path in missing:
        print(f"(skipped, not present: {path})")
    if not modules:
        print("nothing to mutate")
        return 2
    work = ROOT / ".mutation"
    if not args.incremental:
        shutil.rmtree(work, ignore_errors=True)
    work.mkdir(exist_ok=True)
    _copy_project(work)
    _configure(work, modules, args.max_children, args.ignore)
    env = {"CI": "true", "HYPOTHESIS_PROFILE": "mutation"}
    run_env = {**os.environ, **env}
    log = work / "mutmut.log"
    with log.open("w", encoding="utf-8") as sink:
        subprocess.run(
            [sys.executable, "-m", "mutmut", "run"],
            cwd=work,
            env=run_env,
            stdout=sink,
            stderr=subprocess.STDOUT,
            check=False,
        )
    lines = log.read_text(encoding="utf-8", errors="replace").replace("\r", "\n").splitlines()
    progress = [line for line in lines if "/" in line and "🎉" in line]
    print(progress[-1].strip() if progress else "\n".join(lines[-40:]))
    results = subprocess.run(
        [sys.executable, "-m", "mutmut", "results", "--all", "true"],
        cwd=work,
        env=run_env,
        capture_output=True,
        text=True,
        check=False,
    ).stdout
    return _report(modules, results, args.threshold)


def _report(modules: list[str], results: str, threshold: float) -> int:
    equivalents = _equivalents()
    by_module: dict[str, Counter[str]] = {m: Counter() for m in modules}
    survivors: dict[str, list[str]] = {m: [] for m in modules}
    for line in results.splitlines():
        match = _RESULT.match(line)
        if not match:
            continue
        name, status = match["name"], match["status"]
        for module in modules:
            prefix = _module_name(module) + "."
            if name.startswith(prefix):
                if name in equivalents:
                    by_module[module]["equivalent"] += 1
                else:
                    by_module[module][status] += 1
                    if status not in ("killed", "timeout"):
                        survivors[module].append(f"{name}: {status}")
                break
    for module in modules:
        if survivors[module]:
            print(f"\nsurvivors in {module} (show: cd .mutation && mutmut show <name>):")
            for line in survivors[module]:
                print(f"  {line}")
    failed = False
    print(f"\n{'module':<48} {'killed':>7} {'total':>6} {'equiv':>6} {'score':>7}")
    for module in modules:
        counts = by_module[module]
        killed = counts["killed"] + counts["timeout"]
        total = sum(v for k, v in counts.items() if k not in ("equivalent", "skipped"))
        score = 100.0 * killed / total if total else 100.0
        failed |= score < threshold
        mark = "" if score >= threshold else "  < threshold"
        print(
            f"{module.removeprefix('src/schoollogistics/'):<48} {killed:>7} {total:>6} "
            f"{counts['equivalent']:>6} {score:>6.1f}%{mark}"
        )
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
