"""`names.string_value` reads plain literals from their text: always what Python evaluates."""

from __future__ import annotations

from pathlib import Path

import django
import libcst as cst
import pytest

from room_refactor.core.names import literal_text, string_value

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "hotel"
DJANGO = Path(django.__file__).resolve().parent

TRICKY = [
    '"room_status"', "'is_occupied'", '""', "''", '""""""', "''''''", '"""a\nb"""', "'''x'y'''",
    '"\'"', "'\"'", 'u"x"', 'U"x"', 'r"a\\b"', 'R"a\\"b"', 'r"""a\\\nb"""', '"a\\nb"', "'\\x41'",
    'b"bytes"', 'rb"x"', 'Br"x"', '"tab\there"', '"é"', "'''a''' ",
]


class _Strings(cst.CSTVisitor):
    def __init__(self) -> None:
        super().__init__()
        self.found: list[cst.SimpleString] = []

    def visit_SimpleString(self, node: cst.SimpleString) -> None:
        self.found.append(node)


def _literals() -> list[str]:
    literals = [t.strip() for t in TRICKY]
    paths = sorted(EXAMPLE.rglob("*.py")) + sorted(DJANGO.rglob("*.py"))[::25]
    for path in paths:
        collector = _Strings()
        cst.parse_module(path.read_text(encoding="utf-8")).visit(collector)
        literals += [node.value for node in collector.found]
    return literals


def test_literal_text_is_the_evaluated_value_or_none() -> None:
    literals = _literals()
    read = 0
    for literal in literals:
        node = cst.SimpleString(literal)
        text = literal_text(literal)
        if text is not None:
            read += 1
            assert text == node.evaluated_value, literal
        value = node.evaluated_value
        assert string_value(node) == (value if isinstance(value, str) else None), literal
    assert read > len(literals) // 2  # most literals need no evaluation


@pytest.mark.parametrize("literal", ['"a\\nb"', "'\\x41'", 'b"x"', '"a\rb"'])
def test_escapes_bytes_and_carriage_returns_are_evaluated(literal: str) -> None:
    assert literal_text(literal) is None
