"""The line pass with copied statement lines against the same pass generating every line: the
same code, positions and layout, on the grammar module, the example and a slice of Django; and
the cases where it must not copy, or must run again."""

from __future__ import annotations

import io
import tokenize
from typing import Iterator

import libcst as cst
import pytest

from room_refactor.core.line_pass import Lines, line_pass
from room_refactor.core.parse import check_limits, parse_module
from room_refactor.core.walk import is_node

from tests.core.test_parse import _sources

SOURCES = _sources()


def _nodes(node: cst.CSTNode, line: cst.CSTNode | None = None) -> Iterator[tuple[cst.CSTNode, cst.CSTNode | None]]:
    """Every node, with the statement line it is in, or the function whose header it is in
    (None outside both): what the line pass copies whole."""
    if type(node) is cst.SimpleStatementLine or type(node) is cst.FunctionDef:
        line = node
    yield node, line
    for child in node.children:
        if not is_node(child):
            continue
        if type(node) is cst.FunctionDef and child is node.body:
            # The body's statements are on lines of their own; the end of the `def` line (the
            # block's header, where a comment can be) is in the function's header.
            yield child, None
            for grandchild in child.children:
                if is_node(grandchild):
                    yield from _nodes(grandchild, line if grandchild is getattr(child, "header", None) else None)
        else:
            yield from _nodes(child, line)


def _wanted(module: cst.Module, every: int) -> tuple[set[cst.CSTNode], set[int]]:
    """Every `every`th attribute, call or small statement, and the ids of the lines they are in."""
    picked = [
        (node, line) for node, line in _nodes(module)
        if isinstance(node, (cst.Attribute, cst.Call, cst.BaseSmallStatement, cst.Comment))
    ][::every]
    return {node for node, _ in picked}, {id(line) for _, line in picked if line is not None}


def _offsets(lines: Lines) -> dict[cst.CSTNode, tuple[int, int]]:
    ends = [0]
    for token in lines.layout.tokens:
        ends.append(ends[-1] + len(token))
    last = len(ends) - 1  # a file with no final line break: its last token was taken back
    return {node: (ends[min(start, last)], ends[min(end, last)]) for node, (start, end) in lines.layout.spans.items()}


def _same(copied: Lines, generated: Lines) -> None:
    assert copied.code == generated.code
    assert copied.starts == generated.starts
    assert copied.ends == generated.ends
    assert _offsets(copied) == _offsets(generated)
    assert copied.layout.indents == generated.layout.indents


@pytest.mark.parametrize("every", [3, 50])
@pytest.mark.parametrize(("name", "source"), SOURCES, ids=[name for name, _ in SOURCES])
def test_copied_lines_give_what_generated_lines_give(name: str, source: str, every: int) -> None:
    module = parse_module(source)
    wanted, touched = _wanted(module, every)
    generated = line_pass(module, wanted)
    copied = line_pass(module, wanted, source=source, line_ends=check_limits(source), touched=touched)
    _same(copied, generated)
    assert generated.copied == 0
    untouched = sum(1 for node, _ in _nodes(module) if type(node) is cst.SimpleStatementLine and id(node) not in touched)
    if untouched and module.has_trailing_newline and "\r" not in source:
        assert copied.copied > 0


TRICKY = '''\
# a header comment

import os  # trailing


x = (1,
     2)  # in brackets
y = """a
b"""; z = 3
w = 1 + \\
    2
if x: y = 1
class A:
    a = 1
    # a footer comment, one level in

    def f(self):
        return {
            "k": [1, 2],
        }
        # deeper
# at the margin
b = f"{x!r:>{10}}"
@decorator
def g():
    pass


# above the decorators
@decorator(
    "spread", over=[3, "lines"],
)

# between the decorators
@other
async def h(a,  # a comment in the parameters
            b: "int" = 2) -> None:  # the end of the def line
    def inner(): return 1
    x = 1

    # the body's footer
def k(
    a,
): pass
def m(a, \
      b):
    return a
'''


def test_a_function_header_is_copied_and_its_body_still_generated_line_by_line() -> None:
    module = parse_module(TRICKY)
    h = next(s for s in module.body if type(s) is cst.FunctionDef and s.name.value == "h")
    write = h.body.body[1].body[0]  # `x = 1`
    copied = line_pass(module, {write}, source=TRICKY, line_ends=check_limits(TRICKY), touched={id(h.body.body[1])})
    _same(copied, line_pass(module, {write}))
    assert copied.starts[write] == (TRICKY.splitlines().index("    x = 1") + 1, 4)
    assert set(copied.layout.spans) >= set(h.decorators)
    tokens = copied.layout.tokens
    assert "\n# between the decorators\n@other\n" in tokens  # a decorator, its own token for its span
    assert any(token.startswith("async def h(a,") and token.endswith(":  # the end of the def line\n") for token in tokens)


@pytest.mark.parametrize("every", [1, 2, 3, 5, 1000])
def test_comments_strings_continuations_and_suites(every: int) -> None:
    module = parse_module(TRICKY)
    wanted, touched = _wanted(module, every)
    copied = line_pass(module, wanted, source=TRICKY, line_ends=check_limits(TRICKY), touched=touched)
    _same(copied, line_pass(module, wanted))


@pytest.mark.parametrize(
    "source",
    [TRICKY.replace("\n", "\r\n"), TRICKY.rstrip("\n"), TRICKY.replace("\ndef g():", "\n\x0cdef g():")],
    ids=["crlf", "no-final-newline", "form-feed"],
)
def test_nothing_is_copied_from_a_crlf_file_one_without_a_final_newline_or_one_with_a_form_feed(source: str) -> None:
    module = parse_module(source)
    wanted, touched = _wanted(module, 5)
    copied = line_pass(module, wanted, source=source, line_ends=check_limits(source), touched=touched)
    assert copied.copied == 0
    _same(copied, line_pass(module, wanted))


def test_line_ends_that_do_not_fit_the_source_make_it_generate_every_line() -> None:
    module = parse_module(TRICKY)
    wanted, touched = _wanted(module, 5)
    wrong = [end + 1 for end in check_limits(TRICKY)]
    copied = line_pass(module, wanted, source=TRICKY, line_ends=wrong, touched=touched)
    assert copied.copied == 0  # the second pass, after the copies did not add up
    _same(copied, line_pass(module, wanted))


def test_a_wanted_node_in_a_line_not_said_to_hold_one_is_still_found() -> None:
    module = parse_module(TRICKY)
    wanted, _ = _wanted(module, 5)
    copied = line_pass(module, wanted, source=TRICKY, line_ends=check_limits(TRICKY), touched=())
    assert copied.copied == 0
    assert set(copied.starts) == wanted
    _same(copied, line_pass(module, wanted))


def _tokenize_line_ends(source: str) -> list[int]:
    """The same offsets from Python's tokenizer: each NEWLINE, and each NL outside brackets."""
    starts = [0]
    for line in source.splitlines(keepends=True):
        starts.append(starts[-1] + len(line))
    depth = 0
    found = []
    for token in tokenize.generate_tokens(io.StringIO(source).readline):
        if token.type == tokenize.OP and token.string in "([{":
            depth += 1
        elif token.type == tokenize.OP and token.string in ")]}":
            depth -= 1
        elif token.type == tokenize.NEWLINE or (token.type == tokenize.NL and depth == 0):
            end_row, end_col = token.end
            if token.string:  # the NEWLINE at the end of a file with no final line break is empty
                found.append(starts[end_row - 1] + end_col)
    return found


@pytest.mark.parametrize(("name", "source"), [("tricky", TRICKY), *SOURCES], ids=["tricky", *(n for n, _ in SOURCES)])
def test_check_limits_gives_the_logical_line_ends_the_tokenizer_gives(name: str, source: str) -> None:
    assert check_limits(source) == _tokenize_line_ends(source)
