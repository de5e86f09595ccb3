"""Execute the docs' notebook with nbclient; exit 1 if a cell fails or writes to stderr.

Usage: ``uv run python scripts/run_notebook.py [NOTEBOOK ...]`` (default:
``docs/notebooks/district-audit.ipynb``). Run by ``.ci/run``.

Each notebook is copied to a temporary directory and executed there, so the committed file
(kept without outputs) is never rewritten and a cell that writes a file leaves nothing in
the work tree. The kernel is ``python3`` of *this* interpreter (the uv environment), never
a ``python3`` kernelspec installed elsewhere on the machine. Each cell has 600 s.

A cell that writes to stderr fails the run too: a warning there is an error, as in the
test suite (``filterwarnings = error``).
"""

from __future__ import annotations

import shutil
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import nbformat
from ipykernel.kernelspec import RESOURCES, get_kernel_dict
from jupyter_client.kernelspec import KernelSpec, KernelSpecManager, NoSuchKernel
from jupyter_client.manager import KernelManager
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError

ROOT = Path(__file__).resolve().parents[1]
DEFAULT = ROOT / "docs" / "notebooks" / "district-audit.ipynb"
KERNEL = "python3"
CELL_TIMEOUT = 600


class _ThisPython(KernelSpecManager):
    """Resolves ``python3`` to ipykernel running on ``sys.executable``, and nothing else."""

    def get_kernel_spec(self, kernel_name: str) -> KernelSpec:
        if kernel_name != KERNEL:
            raise NoSuchKernel(kernel_name)
        return KernelSpec(resource_dir=RESOURCES, **get_kernel_dict())


def _stderr(notebook: Any) -> list[str]:
    return [
        f"cell {index}: {output.get('text', '').strip()}"
        for index, cell in enumerate(notebook.cells)
        for output in cell.get("outputs", [])
        if output.get("output_type") == "stream" and output.get("name") == "stderr"
    ]


def run(path: Path) -> bool:
    """Execute one notebook in a temporary copy; True if every cell ran cleanly."""
    with tempfile.TemporaryDirectory(prefix="notebook-") as scratch:
        copy = Path(scratch) / path.name
        shutil.copyfile(path, copy)
        notebook = nbformat.read(copy, as_version=4)  # type: ignore[no-untyped-call]
        kernel = notebook.metadata.get("kernelspec", {}).get("name", KERNEL)
        if kernel != KERNEL:
            print(f"{path}: kernel {kernel!r}, expected {KERNEL!r}", file=sys.stderr)
            return False
        # IPC sockets in the scratch directory: no TCP port, and no warning about one.
        manager = KernelManager(
            kernel_name=KERNEL,
            kernel_spec_manager=_ThisPython(),
            transport="ipc",
            ip=str(Path(scratch) / "kernel"),
        )
        client = NotebookClient(
            notebook,
            km=manager,
            timeout=CELL_TIMEOUT,
            allow_errors=False,
            resources={"metadata": {"path": scratch}},
        )
        started = time.perf_counter()
        try:
            client.execute()
            elapsed = time.perf_counter() - started
        except CellExecutionError as error:
            print(f"{path}: a cell failed\n{error}", file=sys.stderr)
            return False
        finally:
            # nbclient stops only a kernel it started itself: stop ours before the sockets'
            # directory goes (and before this process exits under a live kernel).
            if manager.has_kernel:
                manager.shutdown_kernel()
    problems = _stderr(notebook)
    if problems:
        print(f"{path}: cells wrote to stderr:", *problems, sep="\n", file=sys.stderr)
        return False
    cells = sum(cell.cell_type == "code" for cell in notebook.cells)
    shown = path.relative_to(ROOT) if path.is_relative_to(ROOT) else path
    print(f"{shown}: {cells} code cells executed in {elapsed:.1f} s")
    return True


def main(argv: list[str]) -> int:
    paths = [Path(arg).resolve() for arg in argv] or [DEFAULT]
    failed = [path for path in paths if not run(path)]
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
