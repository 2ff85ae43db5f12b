"""`core.parse.parse_module` against `libcst.parse_module`: the same trees, and validation back
on for every node built afterwards."""

from __future__ import annotations

from pathlib import Path

import django
import libcst as cst
import pytest

from room_refactor.core import parse

from tests.core.test_walk import GRAMMAR

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "hotel"
DJANGO = Path(django.__file__).resolve().parent


def _sources() -> list[tuple[str, str]]:
    found = [("grammar", GRAMMAR)]
    found += [(str(p.relative_to(EXAMPLE)), p.read_text(encoding="utf-8")) for p in sorted(EXAMPLE.rglob("*.py"))]
    # A slice of real code nobody here wrote: every 20th module of Django.
    found += [(f"django/{p.relative_to(DJANGO)}", p.read_text(encoding="utf-8")) for p in sorted(DJANGO.rglob("*.py"))[::20]]
    return found


def test_the_installed_libcst_only_validates_in_post_init() -> None:
    assert parse.SKIPS_VALIDATION  # otherwise parse_module is libcst's, and slower


@pytest.mark.parametrize(("name", "source"), _sources(), ids=[name for name, _ in _sources()])
def test_same_tree_as_libcst(name: str, source: str) -> None:
    ours = parse.parse_module(source)
    theirs = cst.parse_module(source)
    assert ours.deep_equals(theirs)
    assert ours.code == source


def test_validation_is_back_after_parsing() -> None:
    parse.parse_module("x = 1\n")
    with pytest.raises(cst.CSTValidationError):
        cst.Name("not an identifier")


def test_validation_is_back_after_a_syntax_error() -> None:
    with pytest.raises(cst.ParserSyntaxError):
        parse.parse_module("def f(:\n")
    with pytest.raises(cst.CSTValidationError):
        cst.Name("")


def test_anything_more_than_validation_in_post_init_means_the_ordinary_parse() -> None:
    def validates(self: object) -> None:
        self._validate()  # type: ignore[attr-defined]

    def validates_and_counts(self: object) -> None:
        self._validate()  # type: ignore[attr-defined]
        print(self)

    assert parse._only_validates(validates)
    assert not parse._only_validates(validates_and_counts)
    assert not parse._only_validates(None)
