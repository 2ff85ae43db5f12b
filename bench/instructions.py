"""Instructions, not seconds: what a dry-run migration of the first N files of `dense-x1` costs,
next to libcst's `parse_module` of the same files, counted by valgrind's cachegrind.

    python bench/instructions.py [N]      # default 60; needs valgrind; about a minute per 60 files

Timings of one process move by a quarter from run to run on a shared machine; instruction counts
do not. Each count is a run over N files minus the same run over no file (Python, the imports,
the configuration), so only the work on the files is compared.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
CORPUS = HERE / ".cache" / "dense-x1"


def _files(count: int) -> list[Path]:
    return sorted((CORPUS / "hotel").rglob("*.py"))[:count]


def _migrate(count: int) -> None:
    from room_refactor.cli.common import load
    from room_refactor.project import prepare

    os.chdir(CORPUS)
    paths = [path.relative_to(CORPUS) for path in _files(count)]
    run = prepare(load([Path(".")]), paths or [Path("hotel/__init__.py")], mode="migrate",
                  codemods=frozenset({"rewrite-writes"}), diffs=True)
    import room_refactor.core.rewrite  # noqa: F401  (imported in both runs, so subtracted)
    import room_refactor.core.splice  # noqa: F401

    if paths:
        list(run.results(jobs=1))


def _parse(count: int) -> None:
    import libcst

    for path in _files(count):
        libcst.parse_module(path.read_bytes())


def _count(what: str, files: int) -> int:
    command = ["valgrind", "--tool=cachegrind", "--cache-sim=no", "--cachegrind-out-file=/dev/null",
               sys.executable, __file__, "--inside", what, str(files)]
    done = subprocess.run(command, capture_output=True, text=True, check=True)
    found = re.search(r"I\s+refs:\s+([\d,]+)", done.stderr)
    if found is None:
        raise SystemExit(f"no instruction count in valgrind's output:\n{done.stderr[-2000:]}")
    return int(found.group(1).replace(",", ""))


def main() -> int:
    if sys.argv[1:2] == ["--inside"]:
        (_migrate if sys.argv[2] == "migrate" else _parse)(int(sys.argv[3]))
        return 0
    if shutil.which("valgrind") is None:
        print("valgrind is not installed", file=sys.stderr)
        return 2
    if not CORPUS.is_dir():
        print(f"{CORPUS}: no such directory (run bench/corpus.py first)", file=sys.stderr)
        return 2
    files = int(sys.argv[1]) if len(sys.argv) > 1 else 60
    counts = {what: _count(what, files) - _count(what, 0) for what in ("parse", "migrate")}
    print(f"first {files} files of dense-x1, start-up subtracted:")
    print(f"  libcst.parse_module   {counts['parse'] / 1e6:8.0f} M instructions")
    print(f"  migrate, one process  {counts['migrate'] / 1e6:8.0f} M instructions  "
          f"{counts['migrate'] / counts['parse']:.2f}x the parse")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
