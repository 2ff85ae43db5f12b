"""Unified diffs that `git apply` accepts, and the hunks that `--interactive` offers."""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from typing import Sequence

NO_NEWLINE = "\\ No newline at end of file\n"


def _lines(text: str) -> list[str]:
    return text.splitlines(keepends=True)


def _format(lines: Sequence[str]) -> str:
    out = []
    for line in lines:
        if line.endswith(("\n", "\r")):
            out.append(line)
        else:
            out.append(line + "\n" + NO_NEWLINE)
    return "".join(out)


def unified_diff(rel: str, old: str, new: str, *, new_file: bool = False, bom: bool = False) -> str:
    """The patch for one file, with `a/` and `b/` prefixes and a `diff --git` header."""
    if bom:
        old = "\ufeff" + old if old else old
        new = "\ufeff" + new
    header = f"diff --git a/{rel} b/{rel}\n"
    if new_file:
        header += "new file mode 100644\n"
    body = difflib.unified_diff(
        _lines(old),
        _lines(new),
        fromfile="/dev/null" if new_file else f"a/{rel}",
        tofile=f"b/{rel}",
        n=3,
    )
    rendered = []
    for index, line in enumerate(body):
        if index < 2:
            rendered.append(line if line.endswith("\n") else line + "\n")
        else:
            rendered.append(line)
    text = _format(rendered)
    return header + text if text else ""


@dataclass(frozen=True)
class Hunk:
    index: int
    opcodes: tuple[tuple[str, int, int, int, int], ...]
    text: str  # the hunk as unified diff text, for the prompt


def hunks(old: str, new: str) -> list[Hunk]:
    a, b = _lines(old), _lines(new)
    matcher = difflib.SequenceMatcher(a=a, b=b, autojunk=False)
    out = []
    for index, group in enumerate(matcher.get_grouped_opcodes(3)):
        first, last = group[0], group[-1]
        lines = [f"@@ -{first[1] + 1},{last[2] - first[1]} +{first[3] + 1},{last[4] - first[3]} @@\n"]
        for tag, i1, i2, j1, j2 in group:
            if tag == "equal":
                lines.extend(" " + line for line in a[i1:i2])
                continue
            lines.extend("-" + line for line in a[i1:i2])
            lines.extend("+" + line for line in b[j1:j2])
        out.append(Hunk(index=index, opcodes=tuple(group), text=_format(lines)))
    return out


def apply_hunks(old: str, new: str, accepted: set[int]) -> str:
    """`old` with only the accepted hunks of the change to `new` applied."""
    a, b = _lines(old), _lines(new)
    matcher = difflib.SequenceMatcher(a=a, b=b, autojunk=False)
    chosen: set[tuple[str, int, int, int, int]] = set()
    for index, group in enumerate(matcher.get_grouped_opcodes(3)):
        if index in accepted:
            chosen.update(op for op in group if op[0] != "equal")
    out: list[str] = []
    for opcode in matcher.get_opcodes():
        tag, i1, i2, j1, j2 = opcode
        if tag != "equal" and opcode in chosen:
            out.extend(b[j1:j2])
        else:
            out.extend(a[i1:i2])
    return "".join(out)


def with_prefix(diff: str, rel: str, prefix: str) -> str:
    """`diff` (one file's patch, paths relative to the project root) with its paths relative to
    where the command runs: `prefix` is the project root from there, with a trailing `/`."""
    if not prefix or not diff:
        return diff
    header, separator, rest = diff.partition("\n@@")
    for old, new in ((f"a/{rel}", f"a/{prefix}{rel}"), (f"b/{rel}", f"b/{prefix}{rel}")):
        header = header.replace(old, new)
    return header + separator + rest


_IMPORT_LINE = re.compile(r"^\+\s*(?:from\s+[\w.]+\s+)?import\s+(?P<names>.+?)\s*$")


def _added_lines(hunk: Hunk) -> list[str]:
    return [line for line in hunk.text.splitlines() if line.startswith("+")]


def imports_in_use(pieces: Sequence[Hunk], accepted: set[int]) -> set[int]:
    """`accepted` without the hunks that only add imports none of the other accepted hunks use:
    accepting the import of the writer without a call to it would leave an unused import (F401)."""
    kept = set(accepted)
    for hunk in pieces:
        if hunk.index not in accepted:
            continue
        added = _added_lines(hunk)
        removed = [line for line in hunk.text.splitlines() if line.startswith("-")]
        matches = [_IMPORT_LINE.match(line) for line in added]
        if not added or removed or not all(matches):
            continue
        names = set()
        for match in matches:
            assert match is not None
            for part in match.group("names").strip("()").split(","):
                bits = part.split()
                if bits:
                    names.add(bits[-1])
        used = any(
            re.search(rf"\b{re.escape(name)}\b", line)
            for other in pieces
            if other.index in accepted and other.index != hunk.index
            for line in _added_lines(other)
            for name in names
        )
        if not used:
            kept.discard(hunk.index)
    return kept
