"""Where a project sits in its repository, for SARIF's repository-relative URIs, and the
lengths of the lines a SARIF region ends on. I/O, asked only for `--format sarif`."""

from __future__ import annotations

import subprocess
from functools import lru_cache
from pathlib import Path
from typing import Callable


def repository_prefix(root: Path) -> str:
    """The project root relative to git's top level, with `/` and a trailing `/` ("" at the top,
    or outside a git work tree): code scanning resolves URIs against the repository root."""
    top = _toplevel(str(root.resolve()))
    if top is None:
        return ""
    relative = root.resolve().relative_to(top).as_posix()
    return "" if relative in ("", ".") else relative + "/"


@lru_cache(maxsize=None)
def _toplevel(root: str) -> Path | None:
    try:
        completed = subprocess.run(
            ["git", "rev-parse", "--show-toplevel"], cwd=root, capture_output=True, text=True, check=True
        )
    except (OSError, subprocess.CalledProcessError):
        return None
    top = Path(completed.stdout.strip()).resolve()
    resolved = Path(root)
    return top if top == resolved or top in resolved.parents else None


def line_lengths(root: Path) -> Callable[[str, int], "int | None"]:
    cache: dict[str, list[str]] = {}

    def length(rel: str, line: int) -> int | None:
        lines = cache.get(rel)
        if lines is None:
            try:
                lines = (root / rel).read_text(encoding="utf-8", errors="replace").splitlines()
            except OSError:
                lines = []
            cache[rel] = lines
        return len(lines[line - 1]) if 0 < line <= len(lines) else None

    return length
