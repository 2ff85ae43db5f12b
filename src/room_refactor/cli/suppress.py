"""Per-rule suppressions, as ruff users write them: `# noqa: RR001` or
`# room-refactor: ignore[RR001, RR002]` on the line of a finding keeps that rule quiet there.

A bare `# room-refactor: ignore` is the pragma the analysis itself reads (the write is kept as it
is and reported as ignored); this module only decides which findings the check reports. It reads
the few files that have findings, line by line.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Iterable

_NOQA = re.compile(r"#\s*noqa\s*:\s*(?P<codes>[A-Z]+[0-9]+(?:\s*,\s*[A-Z]+[0-9]+)*)", re.IGNORECASE)
_IGNORE = re.compile(r"#\s*room-refactor\s*:\s*ignore\[(?P<codes>[^\]]*)\]")


def codes_on(line: str) -> set[str]:
    """The rule codes a line's comment suppresses."""
    found: set[str] = set()
    for pattern in (_NOQA, _IGNORE):
        for match in pattern.finditer(line):
            found.update(code.strip().upper() for code in match.group("codes").split(",") if code.strip())
    return found


class Suppressions:
    def __init__(self, root: Path) -> None:
        self.root = root
        self._lines: dict[str, list[str]] = {}

    def _file(self, rel: str) -> list[str]:
        lines = self._lines.get(rel)
        if lines is None:
            try:
                text = (self.root / rel).read_text(encoding="utf-8", errors="replace")
            except OSError:
                text = ""
            lines = text.splitlines()
            self._lines[rel] = lines
        return lines

    def has(self, rel: str, line_numbers: Iterable[int], code: str) -> bool:
        lines = self._file(rel)
        return any(0 < number <= len(lines) and code in codes_on(lines[number - 1]) for number in line_numbers)
