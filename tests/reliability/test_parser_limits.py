"""Point 1 of issue 19: a file that would crash or hang libcst's native parser, or recurse past
Python's limit in our own walkers, costs only that file: one error line with the file and the
line, every other file still audited and migrated, the JSON report still printed."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from room_refactor.config import Config
from room_refactor.core import parse
from room_refactor.core.parse import MAX_BRACKETS, MAX_DEPTH, TooComplex, check_limits
from room_refactor.model import Status
from room_refactor.runner import Task, process_source
from tests.reliability.conftest import REWRITTEN

HEAD = "def f(room):\n    room.room_status = 'X'\n"

# Each of these crashed (SIGSEGV) or hung the process before issue 19.
HOSTILE = {
    "parentheses": HEAD + "x = " + "(" * 1300 + "1" + ")" * 1300 + "\n",
    "lists": HEAD + "x = " + "[" * 5000 + "]" * 5000 + "\n",
    "unary-minus": HEAD + "x = " + "-" * 100_000 + "1\n",
    "attribute-chain": HEAD + "x = a" + ".b" * 50_000 + "\n",
    "plus-chain": HEAD + "x = " + " + ".join(["'a'"] * 20_000) + "\n",
    "lambdas": HEAD + "x = " + "lambda: " * 5000 + "1\n",
    "elifs": HEAD + "if x:\n    pass\n" + "elif x:\n    pass\n" * 20_000,
    "f-string": HEAD + "x = f'{" + "(" * 1300 + "1" + ")" * 1300 + "}'\n",
    "continued-lines": HEAD + "x = a" + " \\\n + a" * 20_000 + "\n",
    "chain-in-brackets": HEAD + "x = (a" + "\n + a" * 20_000 + ")\n",
}


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_hostile_nesting_is_refused_before_parsing(name: str) -> None:
    with pytest.raises(TooComplex) as raised:
        check_limits(HOSTILE[name])
    assert raised.value.line >= 1
    assert "nested" in raised.value.message


@pytest.mark.parametrize(
    "source",
    [
        pytest.param("x = " + "(" * MAX_BRACKETS + "1" + ")" * MAX_BRACKETS + "\n", id="200-brackets"),
        pytest.param("x = " + " + ".join(["'a'"] * 500) + "\n", id="500-term-chain"),
        pytest.param("x = [\n" + "    1,\n" * 100_000 + "]\n", id="long-flat-list"),
        pytest.param("x = (\n" + "    'text'\n" * 500 + ")\n", id="500-adjacent-strings"),
        pytest.param("s = '" + "(" * 5000 + "'\n# " + "[" * 5000 + "\n", id="brackets-in-strings-and-comments"),
        pytest.param("if x:\n    pass\n" + "elif x:\n    pass\n" * 900, id="900-elifs"),
        pytest.param('x = f"{a}" + """((((""" + r"\\(" \n', id="string-prefixes"),
    ],
)
def test_deep_but_ordinary_code_is_accepted(source: str) -> None:
    check_limits(source)


def test_the_error_names_the_line_where_the_bound_is_crossed() -> None:
    with pytest.raises(TooComplex) as raised:
        check_limits("a = 1\nb = 2\nc = " + "(" * 300 + ")" * 300 + "\n")
    assert raised.value.line == 3
    assert raised.value.message == f"too many nested brackets (more than {MAX_BRACKETS})"


TASK = Task(config=Config(), mode="migrate")


@pytest.mark.parametrize(
    "body",
    [
        pytest.param("    x = " + " + ".join(["'a'"] * 900), id="plus-chain"),
        pytest.param("    x = room" + ".b" * 900, id="attribute-chain"),
        pytest.param("    x = " + "-" * 900 + "1", id="unary"),
        pytest.param("    x = " + "lambda: " * 900 + "1", id="lambdas"),
        pytest.param("    x = (" + " ".join(["'a'"] * 900) + ")", id="adjacent-strings"),
        pytest.param("    if x:\n        pass\n" + "    elif x:\n        room.is_occupied = True\n" * 900, id="elifs"),
        pytest.param("    x = room" + "()" * 900, id="calls"),
    ],
)
def test_deep_valid_file_is_migrated_without_recursion_error(body: str) -> None:
    source = HEAD + body + "\n    room.is_occupied = True\n    room.save()\n"
    assert sys.getrecursionlimit() < 10_000  # the headroom is per file, not left behind
    result = process_source(source.encode(), "app/deep.py", TASK)
    assert result.status is Status.CHANGED, result.error
    assert result.new_source is not None
    compile(result.new_source, "deep.py", "exec")
    assert process_source(result.new_source.encode(), "app/deep.py", TASK).status is Status.UNCHANGED


def test_a_depth_just_over_the_bound_is_a_clean_error() -> None:
    source = HEAD + "x = " + " + ".join(["'a'"] * (MAX_DEPTH + 50)) + "\n"
    result = process_source(source.encode(), "app/deep.py", TASK)
    assert result.status is Status.FAILED
    assert result.error is not None and result.error.line == 3
    assert result.error.message == f"nested too deeply to parse safely (more than {MAX_DEPTH} levels); not parsed"


@pytest.mark.slow
@pytest.mark.parametrize("jobs", ["1", "2"])
def test_one_hostile_file_never_stops_the_run(root: Path, jobs: str) -> None:
    """The run of the issue, in a real process (a segfault would kill it)."""
    for index, name in enumerate(("parentheses", "unary-minus", "attribute-chain", "plus-chain", "lambdas")):
        (root / "app" / f"hostile_{index}.py").write_text(HOSTILE[name])
    command = [sys.executable, "-m", "room_refactor"]
    audit = subprocess.run([*command, "audit", "--format", "json", "--jobs", jobs, str(root)],
                           capture_output=True, text=True, timeout=120)
    assert audit.returncode == 4, audit.stderr
    report = json.loads(audit.stdout)
    assert sorted(e["path"] for e in report["errors"]) == [f"app/hostile_{i}.py" for i in range(5)]
    assert all(e["line"] for e in report["errors"])
    assert {s["path"] for s in report["sites"]} == {"app/good.py"}
    assert len([line for line in audit.stderr.splitlines() if line.startswith("error: app/hostile_")]) == 5
    migrate = subprocess.run([*command, "migrate", "--write", "--allow-dirty", "--jobs", jobs, str(root)],
                             capture_output=True, text=True, timeout=120)
    assert migrate.returncode == 4, migrate.stderr
    assert "Traceback" not in migrate.stderr
    assert " 5 failed" in migrate.stderr.splitlines()[-1]
    assert (root / "app" / "good.py").read_text() == REWRITTEN


def _tokens_searched(text: str) -> list[tuple[int | None, int, int]]:
    """The tokens as `finditer` finds them with the token pattern alone, one position at a time."""
    pattern = re.compile(parse._TOKEN_PATTERN, re.X | re.S)
    return [(match.lastindex, match.start(), match.end()) for match in pattern.finditer(text)]


def _tokens_scanned(text: str) -> list[tuple[int | None, int, int]]:
    found = []
    for match in parse._SCAN.finditer(text):
        kind = match.lastindex
        if kind == parse._END:
            break
        if kind != parse._STRAY:
            found.append((kind, match.start(kind), match.end()))
    return found


def _scan_inputs() -> list[tuple[str, str]]:
    import django

    root = Path(django.__file__).resolve().parent
    found = [(f"django/{p.relative_to(root)}", p.read_text(encoding="utf-8")) for p in sorted(root.rglob("*.py"))[::15]]
    found += [(f"hostile-{name}", source[:20_000]) for name, source in sorted(HOSTILE.items())]
    found += [
        ("stray-quotes", "x = 'a\ny = \"b\nz = '''c\n"),
        ("stray-backslash", "x = a \\ b\ny = 'q\\'\\\\' \\\n + 1\n"),
        ("no-newline-at-end", "x = (1,\n 2)  # c"),
        ("only-code", "abc def"),
        ("empty", ""),
        ("carriage-returns", "x = (1,\r\n2)\ry = 'a'\r"),
        ("unterminated-triple", 'x = 1\ns = """abc\n(((\n'),
    ]
    return found


@pytest.mark.parametrize(("name", "text"), _scan_inputs(), ids=[name for name, _ in _scan_inputs()])
def test_the_scan_finds_the_tokens_a_search_finds(name: str, text: str) -> None:
    assert _tokens_scanned(text) == _tokens_searched(text)


def test_a_last_line_without_a_token_is_one_match() -> None:
    first = next(parse._SCAN.finditer("a" * 100_000))
    assert (first.lastindex, first.span()) == (parse._END, (0, 100_000))
