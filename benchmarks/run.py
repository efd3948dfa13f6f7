"""Run the benchmarks and print a table of ratios: ``python benchmarks/run.py [NAME...]``.

With names (e.g. ``linalg``), only ``bench_NAME.py`` modules run. The exit status is 1
when a case misses its goal, so a maintainer notices a regression.
"""

from __future__ import annotations

import importlib
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from harness import format_table, measure  # noqa: E402


def main(argv: list[str]) -> int:
    modules = sorted(p.stem for p in HERE.glob("bench_*.py"))
    if argv:
        modules = [m for m in modules if m.removeprefix("bench_") in argv]
    results = []
    for name in modules:
        for case in importlib.import_module(name).cases():
            print(f"timing {case.name} against {case.baseline} ...", file=sys.stderr)
            results.append(measure(case))
    print(format_table(results))
    return 1 if any(r.meets_goal is False for r in results) else 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
