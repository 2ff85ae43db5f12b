"""The floor of a rewriting run: `libcst.parse_module` of every .py file under PATH, split
across N processes (default 2), and nothing else. `python bench/_parse_floor.py PATH [-j N]`."""

from __future__ import annotations

import multiprocessing
import os
import sys
from pathlib import Path


def _parse(paths: list[str]) -> int:
    import libcst as cst

    failed = 0
    for path in paths:
        try:
            cst.parse_module(Path(path).read_bytes())
        except Exception:  # noqa: BLE001 - a floor counts failures, it does not stop
            failed += 1
    return failed


def main() -> int:
    args = sys.argv[1:]
    jobs = 2
    if "-j" in args:
        index = args.index("-j")
        jobs = int(args[index + 1])
        del args[index : index + 2]
    root = Path(args[0])
    paths = sorted((str(p) for p in root.rglob("*.py")), key=lambda p: -os.path.getsize(p))
    # Balance by size: largest first into the lightest bucket.
    buckets: list[list[str]] = [[] for _ in range(jobs)]
    sizes = [0] * jobs
    for path in paths:
        i = sizes.index(min(sizes))
        buckets[i].append(path)
        sizes[i] += os.path.getsize(path)
    if jobs == 1:
        failed = _parse(buckets[0])
    else:
        with multiprocessing.get_context("fork").Pool(jobs) as pool:
            failed = sum(pool.map(_parse, buckets, chunksize=1))
    print(f"parsed {len(paths)} files, {failed} failed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
