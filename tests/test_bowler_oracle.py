"""Differential test (SPEC section 9): an independent engine must find the same attribute writes.

Bowler parses with fissix (lib2to3), a different parser and a different tree from libcst. A Bowler
query selects every `<receiver>.<field>` node, and a walk up the fissix tree keeps the ones that are
assigned to: plain, chained, tuple and list (nested, starred, parenthesised), augmented, and
annotated with a value. Its set of `(path, line, field)` must equal the audit's set of `attribute`
sites, on the example project and on a generated corpus of realistic files.

Both sides apply the same `receivers` rule (a Config method, not structure): what is compared is
which syntax is a write. Neither side counts `for room.is_occupied in ...`, `with ... as
room.is_occupied` or `del room.is_occupied` as an `attribute` site.

Bowler is only an oracle: it is imported here and nowhere in the engine (see the last test), and
it cannot parse Python 3.10+ syntax, so the corpus sticks to older syntax and every run checks that
Bowler really read every file it was given (it skips an unparsable file silently).
"""

from __future__ import annotations

import ast
import json
import random
import subprocess
import sys
import textwrap
from pathlib import Path
from typing import Any, Callable

from bowler import Query
from fissix.pgen2 import token
from fissix.pygram import python_symbols as syms
from fissix.pytree import Leaf, Node
from typer.testing import CliRunner

from room_refactor.cli.app import app
from room_refactor.config import Config

from tests.conftest import EXAMPLE

Site = tuple[str, int, str]
FIELDS = ("is_occupied", "room_status")
PATTERN = "power< any+ trailer< '.' ({}) > >".format(" | ".join(f"'{name}'" for name in FIELDS))

# Nodes a target can sit in on its way up to the assignment: parentheses, tuples, lists, `*x`.
TARGET_CONTAINERS = {
    syms.atom,
    syms.testlist_gexp,
    syms.testlist_star_expr,
    syms.exprlist,
    syms.listmaker,
    syms.star_expr,
}
AUGMENTED = {"+=", "-=", "*=", "/=", "//=", "%=", "**=", "@=", "&=", "|=", "^=", "<<=", ">>="}


def is_assigned(node: Node) -> bool:
    """Is this `power` node a target of the `expr_stmt` it sits in (not its value)?"""
    child, parent = node, node.parent
    while parent is not None and parent.type in TARGET_CONTAINERS:
        child, parent = parent, parent.parent
    if parent is None or parent.type != syms.expr_stmt:
        return False
    siblings = parent.children
    index = siblings.index(child)
    if index + 1 == len(siblings):
        return False  # the value of the assignment
    following = siblings[index + 1]
    if following.type == syms.annassign:
        return any(isinstance(leaf, Leaf) and leaf.type == token.EQUAL for leaf in following.children)
    return isinstance(following, Leaf) and (following.type == token.EQUAL or following.value in AUGMENTED)


def receiver_text(node: Node) -> str:
    text = "".join(str(child) for child in node.children[:-1])
    return text[len(node.children[0].prefix) :]


def bowler_writes(root: Path, files: list[Path], config: Config) -> set[Site]:
    """Run one Bowler query, in process, over `files`; the attribute writes it selects."""
    found: set[Site] = set()
    seen: set[str] = set()

    def record_write(node: Node, capture: dict[str, Any], filename: str) -> None:
        if is_assigned(node):
            field = node.children[-1].children[1].value
            found.add((Path(filename).relative_to(root).as_posix(), node.get_lineno(), field))

    def record_file(node: Node, capture: dict[str, Any], filename: str) -> None:
        seen.add(filename)

    query = (
        Query([str(path) for path in files])
        .select(PATTERN)
        .modify(record_write)
        .select_root()
        .modify(record_file)
        .execute(interactive=False, write=False, silent=True)
    )
    assert query.exceptions == []
    # Bowler skips a file it cannot parse with one log line and no error: make sure it read every
    # file that has code in it (its root selector never fires on a file of only blank lines or
    # comments, which has nothing to find anyway).
    assert seen == {str(path) for path in files if has_code(path)}
    return found


def has_code(path: Path) -> bool:
    return bool(ast.parse(path.read_text(encoding="utf-8")).body)


def audit_writes(root: Path) -> tuple[set[Site], dict[str, Any]]:
    """The audit's attribute writes: its sites and, from `--explain`, the writes whose receiver it
    typed as something else (Bowler cannot type receivers: it sees both)."""
    result = CliRunner().invoke(app, ["audit", str(root), "--format", "json", "--explain"])
    assert result.exit_code == 0, result.output
    report: dict[str, Any] = json.loads(result.stdout)
    sites = {(s["path"], s["line"], s["field"]) for s in report["sites"] if s["kind"] == "attribute"}
    dropped = {(d["path"], d["line"], d["field"]) for d in report["dropped"] if d["kind"] == "attribute"}
    report["dropped_writes"] = dropped
    return sites | dropped, report


def production_files(root: Path) -> list[Path]:
    """The files the audit reads by default: no tests, no migrations (its own rule, restated)."""
    return sorted(
        path
        for path in root.rglob("*.py")
        if not {"tests", "test", "migrations", "__pycache__"} & set(path.relative_to(root).parts)
        and not path.name.startswith("test_")
        and not path.name.endswith(("_test.py", "_tests.py"))
        and path.name not in ("conftest.py", "tests.py")
    )


# -- the oracle checks itself on a few lines ----------------------------------------------------------


def test_the_oracle_selects_writes_and_only_writes(tmp_path: Path) -> None:
    source = textwrap.dedent(
        """\
        def f(room, guest, values):
            room.is_occupied = True
            a.room.is_occupied = b.room.room_status = x = values
            (room.is_occupied, [to_room.room_status, *rest]) = values
            room.room_status |= "X"
            room.room_status: str = "X"
            room.room_status: str
            x = room.is_occupied
            y = z = room.room_status
            cache[room.room_status] = 1
            guest.is_occupied = True
            room.room_status_label = "x"
            f(is_occupied=room.is_occupied)
        """
    )
    (tmp_path / "views.py").write_text(source)
    assert bowler_writes(tmp_path, [tmp_path / "views.py"], Config()) == {
        ("views.py", 2, "is_occupied"),
        ("views.py", 3, "is_occupied"),
        ("views.py", 3, "room_status"),
        ("views.py", 4, "is_occupied"),
        ("views.py", 4, "room_status"),
        ("views.py", 5, "room_status"),
        ("views.py", 6, "room_status"),
        ("views.py", 11, "is_occupied"),  # any receiver: typing is the audit's job
    }


def test_the_oracle_notices_a_file_bowler_could_not_read(tmp_path: Path) -> None:
    (tmp_path / "new.py").write_text("match room:\n    case _:\n        room.is_occupied = True\n")
    try:
        bowler_writes(tmp_path, [tmp_path / "new.py"], Config())
    except AssertionError as error:
        assert "seen" in str(error) or "set()" in str(error)
    else:  # pragma: no cover - the point of the test
        raise AssertionError("a file Bowler skipped went unnoticed")


# -- the example project ------------------------------------------------------------------------------


def test_example_project() -> None:
    files = production_files(EXAMPLE)
    audit, report = audit_writes(EXAMPLE)
    assert report["summary"]["files_scanned"] == len(files)
    oracle = bowler_writes(EXAMPLE, files, Config())
    assert oracle == audit
    assert len(audit) == 33


# -- a generated corpus ------------------------------------------------------------------------------


SEED = 20240611
ROOMS = ("room", "self.room", "booking.assigned_room", "from_room", "to_room", "locked_room", "stay.suite_room")
NOT_ROOMS = ("guest", "booking", "self", "request.data", "rooms[0]", "get_room()", "Room", "roomy", "(room)")
OTHER_ATTRIBUTES = ("room_status_label", "is_occupied_since", "status", "occupied", "room")
VALUES = (
    "True",
    "False",
    "'OCCUPIED'",
    '"CHECKOUT_DIRTY"',
    "Room.Status.READY_FOR_GUEST",
    "not busy",
    "status or 'READY_FOR_GUEST'",
    "compute(room, busy=True)",
    "flags[0]",
    "f'{prefix}_DIRTY'",
    "values.get('room_status', room.room_status)",
    "{'a': 1}.get('b')",
    "lambda: room.is_occupied",
)


class Corpus:
    """Random but reproducible Django-looking modules, full of writes, reads and near misses."""

    def __init__(self, seed: int) -> None:
        self.random = random.Random(seed)

    def pick(self, options: tuple[str, ...]) -> str:
        return self.random.choice(options)

    def receiver(self, matching: float = 0.8) -> str:
        return self.pick(ROOMS) if self.random.random() < matching else self.pick(NOT_ROOMS)

    def target(self) -> str:
        return f"{self.receiver()}.{self.pick(FIELDS)}"

    # one statement, as lines; every one is valid inside a function body
    def statement(self) -> list[str]:
        r, f, v = self.receiver(), self.pick(FIELDS), self.pick(VALUES)
        shapes: tuple[Callable[[], list[str]], ...] = (
            lambda: [f"{r}.{f} = {v}"],
            lambda: [f"{r}.{f} = {v}  # keep in step with the PMS"],
            lambda: [f"{self.target()} = {self.target()} = {v}"],
            lambda: [f"current = {r}.{f} = {v}"],
            lambda: [f"{self.target()}, {self.target()} = {v}, {self.pick(VALUES)}"],
            lambda: [f"({self.target()}, other) = ({v}, 1)"],
            lambda: [f"[{self.target()}, *rest] = values"],
            lambda: [f"first, *{self.target()} = values"],
            lambda: [f"(a, ({self.target()}, [{self.target()}, b])) = 1, (v, [w, x])"],
            lambda: [f"{r}.{f} {self.pick(('|=', '&=', '+=', '^='))} {v}"],
            # `(room).x: bool = v` is not valid Python: annotate only unparenthesised receivers
            lambda: [f"{r.strip('()')}.{f}: {self.pick(('bool', 'str', 'Optional[str]'))} = {v}"],
            lambda: [f"counter = 0; {r}.{f} = {v}"],
            lambda: [f"{r}.{f} = (", f"    {v}", ")"],
            lambda: [f"{r}.{f} = \\", f"    {v}"],
            lambda: [f"{r}.{f}, \\", f"    {self.target()} = {v}, {v}"],
            lambda: [f"if busy: {r}.{f} = {v}"],
            lambda: [f"for item in values: {r}.{f} = item"],
            # not writes
            lambda: [f"if {r}.{f}:", "    pass"],
            lambda: [f"current = {r}.{f}"],
            lambda: [f"a = b = {r}.{f}"],
            lambda: [f"a, b = {r}.{f}, {self.target()}"],
            lambda: [f"total += {r}.{f}"],
            lambda: [f"cache[{r}.{f}] = {v}"],
            lambda: [f"log({r}.{f}, {f}={r}.{f}, end='')"],
            lambda: [f"same = {r}.{f} == ({v}) != other"],
            lambda: [f"busy = [x.{f} for x in rooms if x.{f}]"],
            lambda: [f"key = lambda x: x.{f}"],
            lambda: [f"{r}.{self.pick(OTHER_ATTRIBUTES)} = {v}"],
            lambda: [f"{r.strip('()')}.{f}: {self.pick(('bool', 'str'))}"],
            lambda: [f"text = {repr(f'{r}.{f} = {v}')}"],
            lambda: [f"# {r}.{f} = {v}"],
            lambda: ['"""', f"{r}.{f} = {v}", '"""'],
            lambda: [f"setattr({r}, '{f}', {v})"],
            lambda: [f"Room.objects.filter(pk=pk).update({f}={v})"],
            lambda: [f"Room.objects.create(number='1', {f}={v})"],
            lambda: [f"{r}.save(update_fields=['{f}'])"],
            lambda: [f"del {r}.{f}"],
            lambda: [f"assert {r}.{f} is not None, f'{{{r}.{f}}}'"],
            lambda: [f"print({r}.{f}, sep='', end='')"],
        )
        return self.random.choice(shapes)()

    def block(self, depth: int) -> list[str]:
        lines: list[str] = []
        for _ in range(self.random.randint(2, 6)):
            if depth < 2 and self.random.random() < 0.25:
                lines.extend(self.compound(depth + 1))
            else:
                lines.extend(self.statement())
        return [*lines, "pass"]  # a block of only comments would not be valid Python

    def compound(self, depth: int) -> list[str]:
        body = [f"    {line}" for line in self.block(depth)]
        other = [f"    {line}" for line in self.block(depth)]
        kind = self.random.randrange(7)
        if kind == 0:
            return ["if busy and status in ('A', 'B'):", *body, "else:", *other]
        if kind == 1:
            return ["for room in rooms:", *body]
        if kind == 2:
            return ["with transaction.atomic():", *body]
        if kind == 3:
            return ["try:", *body, "except (ValueError, KeyError) as exc:", *other, "finally:", "    pass"]
        if kind == 4:
            return ["while busy:", *body, "    break", "else:", *other]
        if kind == 5:
            return ["def nested(room=None, *args, key=None, **kwargs):", "    nonlocal busy", *body]
        return ["if not busy:", *body, "elif status:", *other]

    def function(self, name: str, *, method: bool) -> list[str]:
        decorator = self.pick(("", "@transaction.atomic", "@api_view(['POST'])", "@require_POST", "@staticmethod"))
        if decorator == "@staticmethod" and not method:
            decorator = ""
        asynchronous = self.random.random() < 0.1
        params = "room, booking, guest, rooms, request, values, flags, pk, status=None, prefix='X', *, busy=False"
        if method and decorator != "@staticmethod":
            params = "self, " + params
        header = f"{'async ' if asynchronous else ''}def {name}({params}) -> None:"
        body = self.block(0)
        if asynchronous:
            body = ["await asyncio.sleep(0)", *body]
        body = [f'"""Do {name}: room.is_occupied = True."""', *body]
        return [*([decorator] if decorator else []), header, *(f"    {line}" for line in body)]

    def module(self, index: int) -> str:
        lines = [
            f'"""Generated module {index}: room.room_status = "OCCUPIED" in a docstring is not a write."""',
            "import asyncio",
            "from typing import Optional",
            "",
            "from django.db import transaction",
            "from django.views.decorators.http import require_POST",
            "from rest_framework.decorators import api_view",
            "from rest_framework.views import APIView",
            "",
            "from rooms.models import Room",
            "",
        ]
        for part in range(self.random.randint(3, 7)):
            choice = self.random.randrange(4)
            if choice == 0:
                lines += ["", *self.function(f"service_{part}", method=False), ""]
            elif choice == 1:
                lines += ["", f"class View{part}(APIView):", '    """A view."""', "    counter: int = 0", ""]
                for method in ("post", "get", "helper")[: self.random.randint(1, 3)]:
                    lines += [f"    {line}" for line in self.function(method, method=True)] + [""]
            elif choice == 2:
                lines += ["", "busy = True"] + self.statement() + [""]
            else:
                lines += ["", f"class Record{part}:", *(f"    {line}" for line in self.statement()), "    pass", ""]
        return "\n".join(lines) + "\n"

    def write(self, root: Path, count: int) -> list[Path]:
        (root / "pyproject.toml").write_text("")
        files = []
        for index in range(count):
            app_dir = root / f"app{index % 5}"
            app_dir.mkdir(exist_ok=True)
            name = self.pick(("views", "services", "models", "api", "tasks", "admin_actions"))
            path = app_dir / f"{name}_{index}.py"
            text = self.module(index)
            compile(text, str(path), "exec")  # the generator itself must make valid Python
            path.write_text(text)
            files.append(path)
        return files


def test_generated_corpus(tmp_path: Path) -> None:
    files = Corpus(SEED).write(tmp_path, count=60)
    audit, report = audit_writes(tmp_path)
    assert report["errors"] == []
    assert report["summary"]["files_scanned"] == len(files) == len(production_files(tmp_path))
    oracle = bowler_writes(tmp_path, files, Config())
    assert sorted(oracle - audit) == [], "found by Bowler only"
    assert sorted(audit - oracle) == [], "found by the audit only"
    # the corpus is worth comparing: many writes, of every attribute shape, and many near misses
    assert len(audit) > 300
    assert report["dropped_writes"], "some receivers are typed as something else (Room, self of a view)"
    assert {s["form"] for s in report["sites"] if s["kind"] == "attribute"} == {
        "simple",
        "chained",
        "tuple",
        "augmented",
        "annotated",
    }
    assert {s["kind"] for s in report["sites"]} >= {"attribute", "setattr", "queryset-update", "create"}


def test_generated_corpus_is_reproducible(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    first = [path.read_text() for path in Corpus(SEED).write(tmp_path / "a", count=3)]
    second = [path.read_text() for path in Corpus(SEED).write(tmp_path / "b", count=3)]
    assert first == second
    assert first != [path.read_text() for path in Corpus(SEED + 1).write(tmp_path / "a", count=3)]


# -- Bowler is never the engine --------------------------------------------------------------------------


def test_the_audit_never_imports_bowler_or_fissix() -> None:
    script = (
        "import sys\n"
        "from typer.testing import CliRunner\n"
        "from room_refactor.cli.app import app\n"
        f"result = CliRunner().invoke(app, ['audit', {str(EXAMPLE)!r}, '--format', 'json', '--jobs', '1'])\n"
        "assert result.exit_code == 0, result.output\n"
        "assert len(result.stdout) > 1000\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('bowler', 'fissix', 'lib2to3')))\n"
    )
    completed = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=False)
    assert completed.returncode == 0, completed.stderr
    assert completed.stdout.strip() == "[]"
