"""`reports.diff.unified_diff` with the splice's edits: only the lines the edits touch are
compared, and the patch is the one a whole-file comparison gives wherever that one is exact."""

from __future__ import annotations

import re

import pytest

from room_refactor.reports.diff import unified_diff

OLD = "".join(f"line {number}\n" for number in range(1, 21))


def _edit(old: str, line: int, text: str, *, lines: int = 1) -> tuple[int, int, str]:
    """Replace `lines` lines from line `line` (1-based) by `text`."""
    starts = [0]
    for piece in old.splitlines(keepends=True):
        starts.append(starts[-1] + len(piece))
    return starts[line - 1], starts[line - 1 + lines], text


def _applied(old: str, edits: list[tuple[int, int, str]]) -> str:
    out, cursor = [], 0
    for start, end, text in sorted(edits):
        out += [old[cursor:start], text]
        cursor = end
    return "".join([*out, old[cursor:]])


def _patched(old: str, patch: str) -> str:
    """`old` with the unified diff `patch` applied (hunks in order, context checked)."""
    lines = old.splitlines(keepends=True)
    out: list[str] = []
    cursor = 0
    body = patch.splitlines(keepends=True)
    index = next(i for i, line in enumerate(body) if line.startswith("@@"))
    while index < len(body):
        header = re.match(r"@@ -(\d+)(?:,(\d+))? \+\d+(?:,\d+)? @@", body[index])
        assert header is not None
        start = int(header[1]) - (0 if header[2] == "0" else 1)
        out.extend(lines[cursor:start])
        cursor = start
        index += 1
        while index < len(body) and not body[index].startswith("@@"):
            kind, text = body[index][0], body[index][1:]
            if kind == "\\":  # the line above has no newline at the end
                if body[index - 1][0] in " +":
                    out[-1] = out[-1][:-1]
                index += 1
                continue
            if index + 1 < len(body) and body[index + 1][0] == "\\" and kind in " -":
                text = text[:-1]
            if kind in " -":
                assert lines[cursor] == text
                cursor += 1
            if kind in " +":
                out.append(text)
            index += 1
    return "".join(out + lines[cursor:])


CASES = [
    pytest.param([_edit(OLD, 5, "five\n")], id="one-line-replaced"),
    pytest.param([_edit(OLD, 5, "")], id="one-line-deleted"),
    pytest.param([_edit(OLD, 5, "new a\nnew b\nline 5\n")], id="lines-inserted-above-a-kept-line"),
    pytest.param([_edit(OLD, 2, "two\n"), _edit(OLD, 18, "eighteen\n")], id="two-hunks"),
    pytest.param([_edit(OLD, 5, "five\n"), _edit(OLD, 9, "nine\n")], id="near-edits-one-hunk"),
    pytest.param([_edit(OLD, 1, "first\n")], id="first-line"),
    pytest.param([_edit(OLD, 20, "last")], id="last-line-without-newline"),
    pytest.param([(len(OLD), len(OLD), "line 21\n")], id="appended"),
    pytest.param([(3, 4, "X")], id="inside-a-line"),
    pytest.param([_edit(OLD, 7, "seven\n", lines=3)], id="three-lines-into-one"),
]


@pytest.mark.parametrize("edits", CASES)
def test_the_patch_from_the_edits_is_the_whole_file_patch(edits: list[tuple[int, int, str]]) -> None:
    new = _applied(OLD, edits)
    from_edits = unified_diff("app/x.py", OLD, new, edits=edits)
    assert from_edits == unified_diff("app/x.py", OLD, new)
    assert _patched(OLD, from_edits) == new


@pytest.mark.parametrize("bom", [False, True])
def test_a_byte_order_mark_moves_the_edits_with_the_text(bom: bool) -> None:
    edits = [_edit(OLD, 3, "three\n")]
    new = _applied(OLD, edits)
    assert unified_diff("x.py", OLD, new, bom=bom, edits=edits) == unified_diff("x.py", OLD, new, bom=bom)


def test_no_change_is_no_patch() -> None:
    assert unified_diff("x.py", OLD, OLD, edits=[_edit(OLD, 4, "line 4\n")]) == ""


@pytest.mark.parametrize(
    ("old", "new", "edits"),
    [
        pytest.param(OLD, OLD.replace("line 9\n", "nine\n"), [_edit(OLD, 3, "three\n")], id="edits-that-do-not-make-new"),
        pytest.param(OLD.replace("\n", "\r\n"), OLD.replace("\n", "\r\n").replace("line 3", "three"),
                     [(14, 20, "three")], id="carriage-returns"),
        pytest.param(OLD, OLD, [(5, 2, "x")], id="an-edit-that-ends-before-it-starts"),
    ],
)
def test_edits_that_cannot_be_trusted_mean_the_whole_file_comparison(
    old: str, new: str, edits: list[tuple[int, int, str]]
) -> None:
    assert unified_diff("x.py", old, new, edits=edits) == unified_diff("x.py", old, new)


def test_lines_that_repeat_across_a_long_file_stay_context() -> None:
    """A comparison of the whole file ignores lines that occur in more than one percent of a
    file of 200 lines or more (difflib's `autojunk`), and can then show unchanged lines as
    removed and added again; the stretches an edit touches are compared with every line."""
    block = "    room.save()\n\n\n@api_view\ndef view{n}(request):\n    room.is_occupied = True\n    return Response()\n"
    old = "".join(block.format(n=n) for n in range(60))
    edits = []
    offset = 0
    for n in range(60):
        text = block.format(n=n)
        start = offset + text.index("    room.is_occupied")
        edits.append((start, start + len("    room.is_occupied = True\n"), "    occupy(room)\n"))
        offset += len(text)
    new = _applied(old, edits)
    patch = unified_diff("x.py", old, new, edits=edits)
    assert _patched(old, patch) == new
    changed = [line for line in patch.splitlines()[4:] if line[:1] in "+-"]
    assert sorted(set(changed)) == ["+    occupy(room)", "-    room.is_occupied = True"]
