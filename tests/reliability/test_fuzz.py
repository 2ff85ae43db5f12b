"""A bounded fuzz test (issue 19): grammar-generated Django modules, and token-mutated copies
of them and of the example project, through the migration the CLI runs.

For every input: no internal error (a crash of ours, not a syntax error of the input), no
rewritten output that fails to compile from an input that compiled, and a second run changes
nothing. Seeded, so a failure reproduces; `ROOM_REFACTOR_FUZZ` sets the number of inputs of each
kind (default 120).
"""

from __future__ import annotations

import io
import os
import random
import textwrap
import tokenize
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from room_refactor.model import Status
from tests.tools import run_source

COUNT = int(os.environ.get("ROOM_REFACTOR_FUZZ", "120"))
pytestmark = pytest.mark.filterwarnings("ignore::SyntaxWarning")  # mutated inputs: Python warns, rightly
REPO = Path(__file__).resolve().parents[2]

RECEIVERS = ("room", "self.room", "booking.room", "rooms[0]", "get_room()", "r")
FIELDS = ("is_occupied", "room_status")
VALUES = ("True", "False", "'OCCUPIED'", "'READY_FOR_GUEST'", "flag", "not flag", "value or None", "(yield)")


class Grammar:
    """Random modules in the shapes the analysis and the rewrite care about."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng

    def pick(self, options: tuple[str, ...] | list[str]) -> str:
        return self.rng.choice(list(options))

    def value(self) -> str:
        value = self.pick(VALUES)
        return "flag" if value == "(yield)" and self.rng.random() < 0.8 else value

    def write(self) -> str:
        receiver, name = self.pick(RECEIVERS), self.pick(FIELDS)
        shape = self.rng.randrange(10)
        if shape == 0:
            return f"setattr({receiver}, {name!r}, {self.value()})"
        if shape == 1:
            return f"{receiver}.{name} = {receiver}.{self.pick(FIELDS)} = {self.value()}"
        if shape == 2:
            return f"{receiver}.is_occupied, {receiver}.room_status = {self.value()}, {self.value()}"
        if shape == 3:
            return f"{receiver}.{name}: bool = {self.value()}"
        if shape == 4:
            return f"{receiver}.{name} += 1"
        if shape == 5:
            return f"Room.objects.filter(pk=pk).update({name}={self.value()})"
        if shape == 6:
            return f"setattr({receiver}, name, {self.value()})"
        return f"{receiver}.{name} = {self.value()}  # room-refactor: ignore" if shape == 7 and self.rng.random() < 0.3 \
            else f"{receiver}.{name} = {self.value()}"

    def simple(self) -> str:
        return self.pick([
            self.write(), self.write(), self.write(),
            "room = Room.objects.select_for_update().get(pk=pk)",
            "room = get_object_or_404(Room, pk=pk)",
            f"room.save(update_fields={self.rng.sample(['is_occupied', 'room_status', 'updated_at'], self.rng.randint(1, 3))!r})",
            "room.save()",
            "seen = room.is_occupied",
            "flag = not flag",
            "notify(room)",
            "pusher.trigger('rooms', 'changed', {})",
            "transaction.on_commit(lambda: notify(room))",
            "pass",
        ])

    def block(self, depth: int) -> list[str]:
        lines: list[str] = []
        for _ in range(self.rng.randint(1, 4)):
            kind = self.rng.randrange(12) if depth < 3 else 11
            if kind == 0:
                lines += ["if room.is_occupied:", *self.indent(self.block(depth + 1))]
                if self.rng.random() < 0.5:
                    lines += ["else:", *self.indent(self.block(depth + 1))]
            elif kind == 1:
                lines += ["with transaction.atomic():", *self.indent(self.block(depth + 1))]
            elif kind == 2:
                lines += ["for room in rooms:", *self.indent(self.block(depth + 1))]
            elif kind == 3:
                lines += ["try:", *self.indent(self.block(depth + 1)), "except Exception:",
                          *self.indent(["raise"] if self.rng.random() < 0.5 else self.block(depth + 1))]
            elif kind == 4:
                lines += ["if room.guests_in_room.count() == 1:", *self.indent(self.block(depth + 1))]
            elif kind == 5:
                lines += ["if not room.is_occupied:", *self.indent(["return None"])]
            elif kind == 6:
                lines += ["while flag:", *self.indent([*self.block(depth + 1), "break"])]
            elif kind == 7:
                lines += [f"def {self.pick(['inner', 'helper', 'set_room_occupancy_and_status'])}(room):",
                          *self.indent(self.block(depth + 1))]
            else:
                lines.append(self.simple())
        return lines

    @staticmethod
    def indent(lines: list[str]) -> list[str]:
        return ["    " + line for line in lines]

    def function(self, name: str, *, method: bool = False) -> list[str]:
        decorators = self.rng.choice([
            [], [], ["@api_view(['POST'])"], ["@api_view(['GET'])"], ["@transaction.atomic"],
            ["@api_view(['POST', 'PUT'])", "@transaction.atomic"], ["@require_POST"],
        ]) if not method else self.rng.choice([[], [], ["@action(detail=True, methods=['post'])"]])
        prefix = "async def" if self.rng.random() < 0.05 else "def"
        params = "self, request, pk=None" if method else self.pick(["request, pk", "room, flag", "self, flag"])
        body = self.block(0)
        if self.rng.random() < 0.2:  # every write on a locked row: the shape of issue 19's point 9
            body = ["room = Room.objects.select_for_update().get(pk=pk)",
                    *(f"room.{self.pick(FIELDS)} = {self.value()}" for _ in range(self.rng.randint(1, 2)))]
        if self.rng.random() < 0.5:
            body.append("return room")
        return [*decorators, f"{prefix} {name}({params}):", *self.indent(body)]

    def module(self) -> str:
        lines = [
            "from django.db import transaction",
            "from django.shortcuts import get_object_or_404",
            "from django.views.decorators.http import require_POST",
            "from rest_framework import viewsets",
            "from rest_framework.decorators import action, api_view",
            "from rest_framework.views import APIView",
            "from rooms.models import Room",
        ]
        if self.rng.random() < 0.3:
            lines.append("from housekeeping.services import set_room_occupancy_and_status")
        for index in range(self.rng.randint(1, 4)):
            lines += ["", ""]
            if self.rng.random() < 0.35:
                base, method = self.pick([("APIView", "post"), ("viewsets.ModelViewSet", "update"),
                                          ("viewsets.ModelViewSet", "close")])
                lines += [f"class View{index}({base}):",
                          *self.indent(self.function(method, method=True))]
            else:
                lines += self.function(f"handler_{index}")
        return "\n".join(lines) + "\n"


def mutate(source: str, rng: random.Random) -> str:
    """One to three token edits: delete, duplicate, swap, or replace a token with another one
    the grammar uses (a field name, the writer, a bracket, a keyword)."""
    try:
        tokens = [t for t in tokenize.generate_tokens(io.StringIO(source).readline) if t.string]
    except (tokenize.TokenError, SyntaxError, IndentationError):
        return source
    if not tokens:
        return source
    pieces = [t.string for t in tokens]
    spots = [(t.start, t.end) for t in tokens]
    lines = source.splitlines(keepends=True)
    offsets = [0]
    for line in lines:
        offsets.append(offsets[-1] + len(line))

    def at(position: tuple[int, int]) -> int:
        return offsets[position[0] - 1] + position[1]

    text = source
    for _ in range(rng.randint(1, 3)):
        index = rng.randrange(len(pieces))
        start, end = at(spots[index][0]), at(spots[index][1])
        if end > len(text):
            continue
        choice = rng.randrange(5)
        replacement = {
            0: "",
            1: text[start:end] * 2,
            2: rng.choice(["is_occupied", "room_status", "set_room_occupancy_and_status", "(", ")", ":", ",",
                           "=", "not", "lambda", "yield", "await", "*", ".", "\n", "\n    ", "\t", "\\\n", "'", "#"]),
            3: text[start:end] + rng.choice([" ", ".room_status", ".is_occupied = 1", "()", "[0]"]),
            4: rng.choice(["room", "self.room", "Room.objects.select_for_update().get(pk=1)"]),
        }[choice]
        text = text[:start] + replacement + text[end:]
        break  # positions are stale after an edit
    return text


def compiles(source: str) -> bool:
    try:
        compile(source, "<fuzz>", "exec", dont_inherit=True)
        return True
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return False


@dataclass
class Figures:
    tried: int = 0
    compiled: int = 0
    changed: int = 0
    failures: list[str] = field(default_factory=list)


def check(source: str, figures: Figures, *, path: str = "rooms/views.py") -> None:
    figures.tried += 1
    valid = compiles(source)
    figures.compiled += valid
    result = run_source(source, path=path, codemods=("rewrite-writes", "add-atomic"))
    message = result.error.message if result.error else ""
    if "internal error" in message or "recursion" in message:
        figures.failures.append(f"crash: {message}\n{source}")
        return
    if result.status is Status.FAILED and valid and "would not compile" in message:
        figures.failures.append(f"output does not compile: {message}\n{source}")
        return
    if result.status is not Status.CHANGED:
        return
    figures.changed += 1
    assert result.new_source is not None
    if valid and not compiles(result.new_source):
        figures.failures.append(f"output does not compile\n{source}")
        return
    again = run_source(result.new_source, path=path, codemods=("rewrite-writes", "add-atomic"))
    if again.status is not Status.UNCHANGED:
        figures.failures.append(f"second run changes it ({again.status.value}):\n{source}\n---\n{again.new_source}")


def test_grammar_generated_modules() -> None:
    rng = random.Random(1919)
    grammar = Grammar(rng)
    figures = Figures()
    for _ in range(COUNT):
        check(grammar.module(), figures)
    print(f"\nfuzz, generated: {figures.tried} inputs, {figures.compiled} compile, {figures.changed} rewritten, "
          f"{len(figures.failures)} failures")
    assert figures.changed > COUNT // 3  # the generator reaches the rewrite
    assert not figures.failures, figures.failures[0]


def test_token_mutated_modules() -> None:
    rng = random.Random(2019)
    grammar = Grammar(random.Random(7))
    seeds = [grammar.module() for _ in range(20)]
    seeds += [p.read_text() for p in sorted((REPO / "examples" / "hotel").rglob("*.py"))
              if "migrations" not in p.parts and "room_status" in p.read_text()][:10]
    figures = Figures()
    for index in range(COUNT):
        check(mutate(seeds[index % len(seeds)], rng), figures)
    print(f"\nfuzz, mutated: {figures.tried} inputs, {figures.compiled} compile, {figures.changed} rewritten, "
          f"{len(figures.failures)} failures")
    assert figures.compiled > COUNT // 5
    assert not figures.failures, figures.failures[0]


def test_the_mutator_changes_its_input() -> None:
    rng = random.Random(3)
    source = textwrap.dedent("""\
        def f(room):
            room.room_status = 'X'
        """)
    assert sum(mutate(source, rng) != source for _ in range(20)) >= 15
