"""The docs' notebook, checked as a file: it is never executed here (CI runs it, .ci/run).

It is committed without outputs (mkdocs-jupyter executes it when the docs are built, and
``scripts/run_notebook.py`` in CI), imports only the library, pandas, matplotlib and the
standard library, draws on a non-interactive backend, and is reachable from the docs.
"""

from __future__ import annotations

import ast
import json
import re
import sys
from pathlib import Path
from typing import Any

import nbformat
import yaml  # type: ignore[import-untyped]

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOK = "notebooks/district-audit.ipynb"
PATH = ROOT / "docs" / NOTEBOOK
ALLOWED = {"schoollogistics", "pandas", "matplotlib"}


def _notebook() -> dict[str, Any]:
    loaded = json.loads(PATH.read_text(encoding="utf-8"))
    assert isinstance(loaded, dict)
    return loaded


def _code_cells() -> list[str]:
    return ["".join(c["source"]) for c in _notebook()["cells"] if c["cell_type"] == "code"]


def _python(source: str) -> str:
    """The cell without its IPython magics (``%matplotlib inline``), which are not Python."""
    return "\n".join(
        "" if line.lstrip().startswith(("%", "!")) else line for line in source.split("\n")
    )


def _imported(source: str) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(ast.parse(_python(source))):
        if isinstance(node, ast.Import):
            names.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            assert node.level == 0, "no relative import in a notebook"
            assert node.module is not None
            names.add(node.module.split(".")[0])
    return names


def _mkdocs() -> dict[str, Any]:
    loaded = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    assert isinstance(loaded, dict)
    return loaded


def _nav_pages(nav: object) -> list[str]:
    if isinstance(nav, str):
        return [nav]
    if isinstance(nav, list):
        return [page for entry in nav for page in _nav_pages(entry)]
    if isinstance(nav, dict):
        return [page for value in nav.values() for page in _nav_pages(value)]
    return []


def test_the_notebook_is_valid_nbformat_4_on_the_python3_kernel() -> None:
    text = PATH.read_text(encoding="utf-8")
    notebook = nbformat.reads(text, as_version=nbformat.NO_CONVERT)  # type: ignore[no-untyped-call]
    nbformat.validate(notebook)
    assert notebook.nbformat == 4
    assert notebook.metadata.kernelspec.name == "python3"


def test_no_output_is_committed() -> None:
    for cell in _notebook()["cells"]:
        if cell["cell_type"] == "code":
            assert cell["outputs"] == [], "clear the outputs before committing"
            assert cell["execution_count"] is None


def test_every_code_cell_parses_and_imports_only_the_library_pandas_matplotlib_or_stdlib() -> None:
    cells = _code_cells()
    assert cells
    imported = set().union(*(_imported(source) for source in cells))
    assert "schoollogistics" in imported
    foreign = {name for name in imported if name not in ALLOWED | sys.stdlib_module_names}
    assert not foreign, f"the notebook imports {sorted(foreign)}"


def test_matplotlib_draws_on_a_non_interactive_backend_first() -> None:
    first = next(source for source in _code_cells() if "matplotlib" in source)
    assert "%matplotlib inline" in first or re.search(r"\.use\(\s*['\"]Agg['\"]", first)


def test_money_stays_decimal() -> None:
    text = "\n".join(_code_cells())
    assert "float(" not in text
    assert "Money.sum(" in text
    assert "isinstance(column_sum, Decimal)" in text


def test_the_notebook_is_in_the_nav_under_tutorials_and_rendered_by_mkdocs_jupyter() -> None:
    config = _mkdocs()
    tutorials = next(
        e["Tutorials"] for e in config["nav"] if isinstance(e, dict) and "Tutorials" in e
    )
    assert {"Notebook: a district audit": NOTEBOOK} in tutorials
    assert NOTEBOOK in _nav_pages(config["nav"])
    plugin = next(
        p["mkdocs-jupyter"]
        for p in config["plugins"]
        if isinstance(p, dict) and "mkdocs-jupyter" in p
    )
    assert plugin["include"] == ["*.ipynb"]
    assert plugin["allow_errors"] is False


def test_ci_executes_the_notebook_after_the_examples() -> None:
    run = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    steps = re.findall(r'^\s*step "([^"]+)"', run, flags=re.MULTILINE)
    assert "notebook: execute with nbclient" in steps
    assert steps.index("notebook: execute with nbclient") == steps.index("examples") + 1
    assert "uv run python scripts/run_notebook.py\n" in run
    script = (ROOT / "scripts" / "run_notebook.py").read_text(encoding="utf-8")
    assert '"docs" / "notebooks" / "district-audit.ipynb"' in script


def test_the_district_tutorial_links_the_notebook() -> None:
    page = ROOT / "docs" / "tutorial" / "district.md"
    assert f"](../{NOTEBOOK})" in page.read_text(encoding="utf-8")
