"""Where a dry-run migration spends its time, phase by phase, in one process (no pool):

    python bench/phases.py [PATH]     # default: bench/.cache/dense-x1 (made by bench/run.py)

Each phase is timed by wrapping the function that does it; the parse of every file alone, with
libcst's own `parse_module`, is timed beside it as the floor the benchmark compares with.
"""

from __future__ import annotations

import functools
import os
import sys
import time
from collections import defaultdict
from pathlib import Path
from typing import Any, Callable

HERE = Path(__file__).resolve().parent


def _timed(totals: dict[str, float], label: str, function: Callable[..., Any]) -> Callable[..., Any]:
    @functools.wraps(function)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        start = time.perf_counter()
        try:
            return function(*args, **kwargs)
        finally:
            totals[label] += time.perf_counter() - start

    return wrapper


def main() -> int:
    root = Path(sys.argv[1] if len(sys.argv) > 1 else HERE / ".cache" / "dense-x1").resolve()
    if not root.is_dir():
        print(f"{root}: no such directory (run bench/run.py first, or give a path)", file=sys.stderr)
        return 2
    import libcst

    from room_refactor import runner
    from room_refactor.cli.common import load
    from room_refactor.core import analysis, parse, rewrite
    from room_refactor.project import prepare

    totals: dict[str, float] = defaultdict(float)
    parse.parse_module = _timed(totals, "parse", parse.parse_module)  # type: ignore[method-assign]
    analysis.walk = _timed(totals, "analysis: walk", analysis.walk)  # type: ignore[assignment]
    analysis.analyze_module = _timed(totals, "analysis", analysis.analyze_module)  # type: ignore[assignment]
    rewrite.migrate_module = _timed(totals, "rewrite", rewrite.migrate_module)  # type: ignore[assignment]
    runner._module_code = _timed(totals, "splice", runner._module_code)  # type: ignore[assignment]
    runner._compile_error = _timed(totals, "compile check", runner._compile_error)  # type: ignore[assignment]
    from room_refactor.reports import diff

    diff.unified_diff = _timed(totals, "diff", diff.unified_diff)  # type: ignore[assignment]

    os.chdir(root)
    run = prepare(load([Path(".")]), [Path(".")], mode="migrate", codemods=frozenset({"rewrite-writes"}), diffs=True)
    import room_refactor.core.splice  # noqa: F401  (imports outside the timings)

    sources = [path.read_bytes() for path in sorted(root.rglob("*.py"))]
    start = time.perf_counter()
    for source in sources:
        libcst.parse_module(source)  # as bench/_parse_floor.py does
    floor = time.perf_counter() - start
    start = time.perf_counter()
    results = list(run.results(jobs=1))
    total = time.perf_counter() - start

    print(f"{root}: {len(results)} files, {sum(1 for r in results if r.new_source)} rewritten")
    print(f"{'migrate, one process':24} {total:7.3f} s  {total / floor:5.2f}x the floor")
    inner = totals.pop("analysis: walk")
    for label, seconds in sorted(totals.items(), key=lambda item: -item[1]):
        print(f"  {label:22} {seconds:7.3f} s  {seconds / total:6.1%}")
        if label == "analysis":
            print(f"    {'walk':20} {inner:7.3f} s; the rest is the line pass and the sites' details")
    print(f"{'floor: libcst.parse_module of every file':24} {floor:7.3f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
