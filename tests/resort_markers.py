"""The expected audit of examples/resort, read from the marker comments in its code.

The fixture's code is its own expectation: a line that writes Room state ends with

    # expect: site typed_by=<key> fields=<field>[,<field>]

(`fields=` may be left out: the marker then covers every field written on that line), the first
line of an implicit write path (a class or a call) ends with

    # expect: implicit kind=<kind>

and a line that looks like a Room write but is not one ends with `# trap: <why>`. One comment may
hold several markers separated by `;` (`# expect: site ...; expect: implicit ...`). Comments are
read with `tokenize`, so marker-like text inside strings and docstrings never counts. Test and
migration files, and anything under a `tests` directory, are not read: they are not audited.
"""

from __future__ import annotations

import io
import tokenize
from dataclasses import dataclass
from pathlib import Path

RESORT = Path(__file__).resolve().parents[1] / "examples" / "resort"

TYPED_BY = frozenset(
    {
        "annotation",
        "constructor",
        "manager",
        "queryset",
        "fk",
        "self",
        "return",
        "init",
        "view",
        "form",
        "admin",
        "signal",
        "field-owner",
        "name",
    }
)
IMPLICIT_KINDS = frozenset(
    {
        "serializer",
        "form",
        "edit-view",
        "admin",
        "serializer-save",
        "bulk-create",
        "constructor",
        "update-kwargs",
        "raw-sql",
        "related-manager",
    }
)
FIELDS = frozenset({"is_occupied", "room_status"})


class MarkerError(ValueError):
    """A marker comment that does not follow the format (a typo must never drop an expectation)."""


@dataclass(frozen=True, order=True)
class ExpectedSite:
    path: str
    line: int
    field: str | None  # None: every field written on that line
    typed_by: str


@dataclass(frozen=True, order=True)
class ExpectedImplicit:
    path: str
    line: int
    kind: str


@dataclass(frozen=True, order=True)
class Trap:
    path: str
    line: int
    why: str


@dataclass(frozen=True)
class Markers:
    sites: frozenset[ExpectedSite]
    implicit: frozenset[ExpectedImplicit]
    traps: frozenset[Trap]

    def site_keys(self) -> set[tuple[str, int, str | None]]:
        return {(s.path, s.line, s.field) for s in self.sites}

    def implicit_keys(self) -> set[tuple[str, int, str]]:
        return {(i.path, i.line, i.kind) for i in self.implicit}


def audited_files(root: Path) -> list[Path]:
    """The project's Python files the audit reads by default (no tests, no migrations)."""
    found = []
    for path in sorted(root.rglob("*.py")):
        parts = path.relative_to(root).parts
        name = parts[-1]
        if {"tests", "migrations", "__pycache__"} & set(parts[:-1]):
            continue
        if name == "conftest.py" or name.startswith("test_") or name.endswith("_tests.py"):
            continue
        found.append(path)
    return found


def _options(words: list[str], where: str) -> dict[str, str]:
    options = {}
    for word in words:
        key, equals, value = word.partition("=")
        if not equals or not value or key in options:
            raise MarkerError(f"{where}: expected key=value, got {word!r}")
        options[key] = value
    return options


def parse_comment(comment: str, *, path: str, line: int) -> tuple[list[ExpectedSite], list[ExpectedImplicit], list[Trap]]:
    """The markers in one comment token (with its leading `#`)."""
    sites: list[ExpectedSite] = []
    implicit: list[ExpectedImplicit] = []
    traps: list[Trap] = []
    text = comment.lstrip("#").strip()
    where = f"{path}:{line}"
    if not (text.startswith("expect:") or text.startswith("trap:")):
        if "expect:" in text or "trap:" in text:
            raise MarkerError(f"{where}: a marker must start the comment: {comment!r}")
        return sites, implicit, traps
    if text.startswith("trap:"):
        why = text[len("trap:"):].strip()
        if not why:
            raise MarkerError(f"{where}: a trap says why it is one")
        traps.append(Trap(path, line, why))
        return sites, implicit, traps
    for part in text.split(";"):
        part = part.strip()
        if not part.startswith("expect:"):
            raise MarkerError(f"{where}: expected `expect: ...`, got {part!r}")
        what, *words = part[len("expect:"):].split()
        options = _options(words, where)
        if what == "site":
            typed_by = options.pop("typed_by", None)
            if typed_by not in TYPED_BY:
                raise MarkerError(f"{where}: typed_by must be one of {sorted(TYPED_BY)}, got {typed_by!r}")
            fields = options.pop("fields", None)
            names = fields.split(",") if fields is not None else [None]
            if fields is not None and (not set(names) <= FIELDS or len(set(names)) != len(names)):
                raise MarkerError(f"{where}: fields must name {sorted(FIELDS)}, got {fields!r}")
            sites.extend(ExpectedSite(path, line, name, typed_by) for name in names)
        elif what == "implicit":
            kind = options.pop("kind", None)
            if kind not in IMPLICIT_KINDS:
                raise MarkerError(f"{where}: kind must be one of {sorted(IMPLICIT_KINDS)}, got {kind!r}")
            implicit.append(ExpectedImplicit(path, line, kind))
        else:
            raise MarkerError(f"{where}: `expect:` is followed by site or implicit, got {what!r}")
        if options:
            raise MarkerError(f"{where}: unknown marker keys {sorted(options)}")
    return sites, implicit, traps


def read_file(path: Path, root: Path) -> Markers:
    rel = path.relative_to(root).as_posix()
    sites: list[ExpectedSite] = []
    implicit: list[ExpectedImplicit] = []
    traps: list[Trap] = []
    source = path.read_text(encoding="utf-8")
    for token in tokenize.generate_tokens(io.StringIO(source).readline):
        if token.type != tokenize.COMMENT:
            continue
        found = parse_comment(token.string, path=rel, line=token.start[0])
        sites.extend(found[0])
        implicit.extend(found[1])
        traps.extend(found[2])
    return Markers(frozenset(sites), frozenset(implicit), frozenset(traps))


def read_markers(root: Path = RESORT) -> Markers:
    sites: set[ExpectedSite] = set()
    implicit: set[ExpectedImplicit] = set()
    traps: set[Trap] = set()
    for path in audited_files(root):
        markers = read_file(path, root)
        sites |= markers.sites
        implicit |= markers.implicit
        traps |= markers.traps
    lines_with_sites = {(s.path, s.line) for s in sites}
    overlap = sorted(lines_with_sites & {(t.path, t.line) for t in traps})
    if overlap:
        raise MarkerError(f"a line cannot be both a site and a trap: {overlap}")
    return Markers(frozenset(sites), frozenset(implicit), frozenset(traps))
