"""The code of a rewritten module, generated only where it changed. Pure.

`new_module.code` generates every token of the file again, although a migration changes a few
statements of it. The analysis already generated the original code once (for line numbers) and
noted where each statement's text sits in it (`Layout`). Here the new tree is compared with the
old one block by block: a statement that the new tree shares with the old one (the same object,
in a block that kept its indentation) keeps its original text; a compound statement of which
only the body changed is compared again one level down; every other statement is generated on
its own, with the indentation of its block. The result equals `new_module.code` (the test suite
runs with ROOM_REFACTOR_VERIFY_SPLICE=1, and the runner then checks that on every file it rewrites).
"""

from __future__ import annotations

from itertools import accumulate
from typing import Sequence

import libcst as cst

from room_refactor.core.line_pass import Layout
from room_refactor.core.codegen import generating, state_for
from room_refactor.core.walk import field_order, node_classes

_Edit = tuple[int, int, str]
_COMPOUND = node_classes(cst.BaseCompoundStatement)  # start, end (character offsets in the old code), new text


class _Fallback(Exception):
    """Something this does not handle: generate the whole module instead."""


def spliced_code(old: cst.Module, new: cst.Module, layout: Layout) -> str | None:
    """`new.code`, reusing the text of what did not change since `old`; None when the frame of
    the module changed (header, footer, trailing newline, defaults) or a case is not handled."""
    found = splice(old, new, layout)
    return None if found is None else found[0]


@generating()
def splice(old: cst.Module, new: cst.Module, layout: Layout) -> tuple[str, list[_Edit]] | None:
    """`new.code` as `spliced_code` makes it, and the edits of `old.code` that make it (each a
    start and an end offset and the text in between), in order."""
    if not (
        old.has_trailing_newline
        and new.has_trailing_newline
        and old.default_indent == new.default_indent
        and old.default_newline == new.default_newline
        and _same(old.header, new.header)
        and _same(old.footer, new.footer)
        and old.body
    ):
        return None
    splicer = _Splicer(layout, new)
    try:
        splicer.block(old.body, new.body)
    except _Fallback:
        return None
    return splicer.apply(), sorted(splicer.edits, key=lambda edit: (edit[0], edit[1]))


class _Splicer:
    def __init__(self, layout: Layout, module: cst.Module) -> None:
        self.layout = layout
        self.module = module
        self.text = "".join(layout.tokens)
        self._offsets: list[int] | None = None
        self.edits: list[_Edit] = []

    def offset(self, token_index: int) -> int:
        if self._offsets is None:
            self._offsets = list(accumulate(map(len, self.layout.tokens), initial=0))
        return self._offsets[token_index]

    def span(self, statement: cst.CSTNode) -> tuple[int, int]:
        found = self.layout.spans.get(statement)
        if found is None or found[1] < 0:
            raise _Fallback
        return self.offset(found[0]), self.offset(found[1])

    def block(self, old_body: Sequence[cst.BaseStatement], new_body: Sequence[cst.BaseStatement]) -> None:
        """Edits that turn the text of `old_body` into that of `new_body`."""
        if not old_body:
            raise _Fallback
        indent = self.layout.indents.get(old_body[0])
        if indent is None:
            raise _Fallback
        position = {id(statement): index for index, statement in enumerate(old_body)}
        kept = [(position[id(statement)], index) for index, statement in enumerate(new_body) if id(statement) in position]
        if any(a[0] >= b[0] for a, b in zip(kept, kept[1:])):
            raise _Fallback  # reordered statements: not something a migration does
        bounds = [(-1, -1), *kept, (len(old_body), len(new_body))]
        for (old_before, new_before), (old_after, new_after) in zip(bounds, bounds[1:]):
            old_gap = old_body[old_before + 1 : old_after]
            new_gap = new_body[new_before + 1 : new_after]
            if not old_gap and not new_gap:
                continue
            # Compound statements at either end of the gap that changed inside only.
            head = 0
            while head < min(len(old_gap), len(new_gap)) and self.descend(old_gap[head], new_gap[head]):
                head += 1
            tail = 0
            while tail < min(len(old_gap), len(new_gap)) - head and self.descend(
                old_gap[len(old_gap) - 1 - tail], new_gap[len(new_gap) - 1 - tail]
            ):
                tail += 1
            old_middle = old_gap[head : len(old_gap) - tail]
            new_middle = new_gap[head : len(new_gap) - tail]
            if not old_middle and not new_middle:
                continue
            if old_middle:
                start, end = self.span(old_middle[0])[0], self.span(old_middle[-1])[1]
            elif old_before + head >= 0:
                start = end = self.span(old_body[old_before + head])[1]
            else:
                start = end = self.span(old_body[0])[0]
            self.edits.append((start, end, self.render(new_middle, indent)))

    def descend(self, old: cst.CSTNode, new: cst.CSTNode) -> bool:
        """A compound statement whose own line did not change: edit inside its blocks (the body,
        an `else` or `elif`) and add its new decorators, keeping the rest of its text."""
        if type(old) is not type(new) or type(old) not in _COMPOUND:
            return False
        mark = len(self.edits)
        for name in field_order(old):
            before, after = getattr(old, name), getattr(new, name)
            if _same(before, after):
                continue
            if name in ("body", "orelse") and self.nested(before, after):
                continue
            if name == "decorators" and self.decorators(old, before, after):
                continue
            del self.edits[mark:]
            return False
        return True

    def nested(self, old: object, new: object) -> bool:
        if type(old) is cst.If and type(new) is cst.If:  # an elif
            return self.descend(old, new)
        if type(old) is cst.Else and type(new) is cst.Else:
            if not _same_fields(old, new, "body"):
                return False
            old, new = old.body, new.body
        if not isinstance(old, cst.IndentedBlock) or not isinstance(new, cst.IndentedBlock):
            return False
        if not _same_fields(old, new, "body"):
            return False
        self.block(old.body, new.body)
        return True

    def decorators(self, owner: cst.CSTNode, old: Sequence[cst.Decorator], new: Sequence[cst.Decorator]) -> bool:
        """Decorators added below the existing ones (as add-atomic adds them)."""
        if len(new) <= len(old) or not all(a is b for a, b in zip(old, new)):
            return False
        indent = self.layout.indents.get(owner)
        if indent is None:
            return False
        if old:
            position = self.span(old[-1])[1]
        else:  # right after the lines above the statement, where its first decorator goes
            position = self.span(owner)[0] + len(self.render(owner.leading_lines, indent))  # type: ignore[attr-defined]
        self.edits.append((position, position, self.render(new[len(old):], indent)))
        return True

    def render(self, statements: Sequence[cst.CSTNode], indent: tuple[str, ...]) -> str:
        state = state_for(self.module)
        state.indent_tokens = list(indent)
        for statement in statements:
            statement._codegen(state)
        return "".join(state.tokens)

    def apply(self) -> str:
        pieces = []
        cursor = 0
        for start, end, text in sorted(self.edits, key=lambda edit: (edit[0], edit[1])):
            if start < cursor:
                raise AssertionError("overlapping edits")  # pragma: no cover - a bug, not an input
            pieces.append(self.text[cursor:start])
            pieces.append(text)
            cursor = end
        pieces.append(self.text[cursor:])
        return "".join(pieces)


def _same(a: object, b: object) -> bool:
    if a is b:
        return True
    if isinstance(a, (tuple, list)) and isinstance(b, (tuple, list)):
        return len(a) == len(b) and all(x is y for x, y in zip(a, b))
    if isinstance(a, cst.CSTNode) or isinstance(b, cst.CSTNode):
        return False
    return a == b


def _same_fields(old: cst.CSTNode, new: cst.CSTNode, but: str) -> bool:
    return all(
        _same(getattr(old, name), getattr(new, name))
        for name in field_order(old)
        if name != but
    )

