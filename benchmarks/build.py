"""How long the book takes to build: clean, after a prose-only edit, and with nothing changed.

Run with ``make bench-build``. The repository is copied to a temporary folder and built
there exactly as ``make book`` builds it, so the working tree and its execution cache are
left alone. The budget: a clean build of the whole book in at most 60 s on 2 cores, and
seconds for a prose-only edit of one chapter.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
sys.path.insert(0, str(REPO / "tests"))

from book_pages import copy_repository, toc_pages  # noqa: E402

CLEAN_BUDGET_S = 60.0


def build(root: Path) -> float:
    """One ``jupyter-book build`` as ``make book`` runs it; its wall-clock seconds."""
    # The kernels must import the copied package, whose files the build watches.
    env = {**os.environ, "PYTHONPATH": str(root)}
    start = time.perf_counter()
    result = subprocess.run(
        [str(BIN / "jupyter-book"), "build", str(root), "-W", "-n", "--keep-going"],
        capture_output=True, text=True, env=env,
    )
    seconds = time.perf_counter() - start
    if result.returncode != 0:
        sys.exit(f"the build failed:\n{result.stdout[-4000:]}\n{result.stderr[-4000:]}")
    return seconds


def prose_edit(root: Path, docname: str) -> None:
    page = root / f"{docname}.md"
    page.write_text(page.read_text(encoding="utf-8") + "\nOne more sentence of prose.\n")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--keep", action="store_true", help="keep the built copy")
    args = parser.parse_args()

    pages = toc_pages()
    notebooks = [page for page in pages if page.is_notebook]
    folder = Path(tempfile.mkdtemp(prefix="mmlbook-bench-build-"))
    try:
        copy_repository(folder)
        clean = build(folder)
        prose_edit(folder, notebooks[-1].docname)
        edited = build(folder)
        unchanged = build(folder)
    finally:
        if not args.keep:
            shutil.rmtree(folder, ignore_errors=True)

    cores = len(os.sched_getaffinity(0))
    load = os.getloadavg()[0]  # other work on the machine slows every number below
    verdict = "within" if clean <= CLEAN_BUDGET_S else "OVER"
    print(f"{len(pages)} pages, {len(notebooks)} executed chapters, {cores} cores, load {load:.1f}")
    print(f"{'clean build':<34}{clean:8.1f} s   ({verdict} the {CLEAN_BUDGET_S:.0f} s budget)")
    print(f"{'after a prose-only edit of one':<34}{edited:8.1f} s")
    print(f"{'with nothing changed':<34}{unchanged:8.1f} s")
    if args.keep:
        print(f"the built copy: {folder}")


if __name__ == "__main__":
    main()
