"""Unified diffs that `git apply` accepts, and the hunks that `--interactive` offers."""

from __future__ import annotations

import difflib
import re
from bisect import bisect_right
from dataclasses import dataclass
from itertools import accumulate
from typing import Literal, Sequence

NO_NEWLINE = "\\ No newline at end of file\n"

_Opcode = tuple[Literal["replace", "delete", "insert", "equal"], int, int, int, int]


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


def unified_diff(
    rel: str, old: str, new: str, *, new_file: bool = False, bom: bool = False,
    edits: Sequence[tuple[int, int, str]] | None = None,
) -> str:
    """The patch for one file, with `a/` and `b/` prefixes and a `diff --git` header.

    `edits`, when the caller knows them: the (start, end, text) replacements, at character
    offsets of `old`, that make `new` (core/splice.py's). Only the lines they touch are then
    compared, each stretch on its own, instead of the whole file."""
    if bom:
        old = "\ufeff" + old if old else old
        new = "\ufeff" + new
        if edits is not None and old:
            edits = [(start + 1, end + 1, text) for start, end, text in edits]
    header = f"diff --git a/{rel} b/{rel}\n"
    if new_file:
        header += "new file mode 100644\n"
    a, b = _lines(old), _lines(new)
    opcodes = _edited_opcodes(old, a, b, edits) if edits is not None else None
    matcher = difflib.SequenceMatcher(None, a, b) if opcodes is None else _Known(opcodes)
    rendered: list[str] = []
    for group in matcher.get_grouped_opcodes(3):
        if not rendered:
            rendered.append("--- " + ("/dev/null" if new_file else f"a/{rel}") + "\n")
            rendered.append(f"+++ b/{rel}\n")
        first, last = group[0], group[-1]
        rendered.append(f"@@ -{_range(first[1], last[2])} +{_range(first[3], last[4])} @@\n")
        rendered.extend(_hunk_lines(group, a, b))
    text = _format(rendered)
    return header + text if text else ""


def _hunk_lines(group: Sequence[tuple[str, int, int, int, int]], a: Sequence[str], b: Sequence[str]) -> list[str]:
    """A hunk's lines after its `@@` line: context, then removed and added lines, per opcode."""
    lines: list[str] = []
    for tag, i1, i2, j1, j2 in group:
        if tag == "equal":
            lines.extend(" " + line for line in a[i1:i2])
            continue
        lines.extend("-" + line for line in a[i1:i2])
        lines.extend("+" + line for line in b[j1:j2])
    return lines


def _range(start: int, stop: int) -> str:
    """A hunk's line range as unified diffs write it (difflib's own rule)."""
    length = stop - start
    if length == 1:
        return str(start + 1)
    return f"{start + 1 if length else start},{length}"


class _Known(difflib.SequenceMatcher[str]):
    """A matcher whose opcodes are known already: `get_grouped_opcodes` groups them as usual."""

    def __init__(self, opcodes: list[_Opcode]) -> None:
        self._known = opcodes

    def get_opcodes(self) -> list[_Opcode]:
        return list(self._known)


def _edited_opcodes(
    old: str, a: list[str], b: list[str], edits: Sequence[tuple[int, int, str]]
) -> list[_Opcode] | None:
    """The opcodes of the change from lines `a` to lines `b`, comparing only the stretches of
    lines the edits touch; None when the edits do not make `b` out of `a` (then the whole file
    is compared) or a line ends in a carriage return (an edit could join it to a line feed)."""
    if "\r" in old or any("\r" in text for _, _, text in edits):
        return None
    starts = list(accumulate(map(len, a), initial=0))  # where each line of `old` starts

    def line_of(offset: int) -> int:
        return bisect_right(starts, offset) - 1

    # Stretches of whole lines [first, stop) of `a`, each with the edits inside it.
    stretches: list[tuple[int, int, list[tuple[int, int, str]]]] = []
    for start, end, text in sorted(edits, key=lambda edit: (edit[0], edit[1])):
        if not 0 <= start <= end <= len(old):
            return None
        first = min(line_of(start), len(a))
        stop = min(line_of(max(start, end - 1)) + 1, len(a))
        if start == len(old):
            first = stop = len(a)
        if stretches and first <= stretches[-1][1]:
            previous_first, previous_stop, inside = stretches[-1]
            stretches[-1] = (previous_first, max(previous_stop, stop), [*inside, (start, end, text)])
        else:
            stretches.append((first, stop, [(start, end, text)]))
    opcodes: list[_Opcode] = []
    made: list[str] = []  # `b` as the stretches make it, to check against `b`
    i = j = 0
    for first, stop, inside in stretches:
        if first > i:
            opcodes.append(("equal", i, first, j, j + first - i))
            made.extend(a[i:first])
            j += first - i
        cursor = starts[first]
        pieces = []
        for start, end, text in inside:
            if start < cursor:
                return None  # overlapping edits
            pieces.append(old[cursor:start])
            pieces.append(text)
            cursor = end
        pieces.append(old[cursor : starts[stop]])
        lines = _lines("".join(pieces))
        for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a[first:stop], lines).get_opcodes():
            opcodes.append((tag, first + i1, first + i2, j + j1, j + j2))
        made.extend(lines)
        i, j = stop, j + len(lines)
    if i < len(a):
        opcodes.append(("equal", i, len(a), j, j + len(a) - i))
        made.extend(a[i:])
    if made != b:
        return None
    return _merged(opcodes)


def _merged(opcodes: list[_Opcode]) -> list[_Opcode]:
    """Adjacent opcodes of the same tag as one, as one matcher over the whole file gives them."""
    out: list[_Opcode] = []
    for opcode in opcodes:
        if opcode[1] == opcode[2] and opcode[3] == opcode[4]:
            continue
        if out and out[-1][0] == opcode[0]:
            tag, i1, _, j1, _ = out[-1]
            out[-1] = (tag, i1, opcode[2], j1, opcode[4])
        else:
            out.append(opcode)
    return out


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
        lines.extend(_hunk_lines(group, a, b))
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
