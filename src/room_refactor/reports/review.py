"""The Markdown review: every change, with what it may alter beyond the refactor."""

from __future__ import annotations

from typing import Sequence

from room_refactor.model import FileResult, Note, Status
from room_refactor.reports.diff import unified_diff

_TITLES = {
    "review": "Behaviour changes to review",
    "warning": "Left as they are (need a manual decision)",
}


def render(results: Sequence[FileResult], *, summary: str) -> str:
    out = ["# room-refactor migration review", "", summary, ""]
    changed = [r for r in results if r.status is Status.CHANGED]
    noted = [r for r in results if r.status is not Status.CHANGED and r.notes]
    failed = [r for r in results if r.status is Status.FAILED]
    if not changed and not noted and not failed:
        out.append("Nothing to change.")
    for result in [*changed, *noted]:
        out.append(f"## {result.path}")
        out.append("")
        if result.applied:
            out.append("Codemods: " + ", ".join(result.applied))
            out.append("")
        for severity in ("review", "warning"):
            notes = [n for n in result.notes if n.severity == severity]
            if not notes:
                continue
            out.append(f"### {_TITLES[severity]}")
            out.append("")
            out.extend(_note_line(note) for note in notes)
            out.append("")
        if result.status is Status.CHANGED and result.old_source is not None and result.new_source is not None:
            out.append("```diff")
            # The worker's patch where there is one (the same hunks as the dry run prints).
            diff = result.diff if result.diff and not result.bom else unified_diff(
                result.path, result.old_source, result.new_source, new_file=result.new_file
            )
            out.append(diff.rstrip("\n"))
            out.append("```")
            out.append("")
    if failed:
        out.append("## Failed files")
        out.append("")
        for result in failed:
            assert result.error is not None
            where = f":{result.error.line}" if result.error.line else ""
            out.append(f"- {result.path}{where}: {result.error.message}")
        out.append("")
    return "\n".join(out)


def _note_line(note: Note) -> str:
    return f"- line {note.line} `{note.code}`: {note.message}"
