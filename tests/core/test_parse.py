"""`core.parse.parse_module` against `libcst.parse_module`: the same trees, and validation on
for every node built outside the parse."""

from __future__ import annotations

import dataclasses
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


def test_every_node_class_of_the_installed_libcst_gets_a_plain_init() -> None:
    concrete = {
        kind for kind in vars(cst).values()
        if isinstance(kind, type) and cst.CSTNode in kind.__mro__ and not getattr(kind, "__abstractmethods__", None)
    }
    assert concrete <= {kind for kind, _, _ in parse._inits()}  # otherwise slower, not wrong


def test_the_plain_inits_are_installed_once_and_left_in_place() -> None:
    parse.prepare()
    installed = cst.Name.__init__
    assert all(kind.__init__ is plain for kind, plain, _ in parse._inits())
    parse.parse_module("x = 1\n")
    with pytest.raises(cst.ParserSyntaxError):
        parse.parse_module("def f(:\n")
    assert cst.Name.__init__ is installed
    assert not parse._PARSING


def test_a_node_built_with_a_plain_init_equals_one_built_with_the_generated_init() -> None:
    parse.prepare()
    generated = dict((kind, own) for kind, _, own in parse._inits())
    for kind, fields in ((cst.Name, {"value": "room"}), (cst.Comma, {}), (cst.Arg, {"value": cst.Name("a")})):
        made = object.__new__(kind)
        generated[kind](made, **fields)
        assert kind(**fields).deep_equals(made)


_SHARED_KINDS = (
    cst.SimpleWhitespace, cst.Newline, cst.Comma, cst.Dot, cst.AssignEqual, cst.Colon, cst.LeftParen, cst.RightParen,
    cst.TrailingWhitespace, cst.EmptyLine,
)


def _whitespace(module: cst.Module) -> list[cst.CSTNode]:
    found: list[cst.CSTNode] = []

    def collect(node: cst.CSTNode) -> None:
        if type(node) in _SHARED_KINDS:
            found.append(node)
        for child in node.children:
            collect(child)

    collect(module)
    return found


def test_whitespace_and_line_ends_are_one_node_per_value() -> None:
    module = parse.parse_module("x = (1, 2)\nif x:\n    y = x  # c\n    f(a=x.y, b=(x, y))\n\n\ng(c=z.w[1:2], d=z[3:4])\n")
    nodes = _whitespace(module)
    by_value: dict[tuple[type, str], set[int]] = {}
    for node in nodes:
        by_value.setdefault((type(node), cst.Module(body=[]).code_for_node(node)), set()).add(id(node))
    assert len(nodes) > len(by_value) >= 3
    assert {kind for kind, _ in by_value} == set(_SHARED_KINDS)
    assert all(len(ids) == 1 for ids in by_value.values())
    # libcst's own parse builds one node per occurrence: a tree equal to ours
    theirs = cst.parse_module(module.code)
    assert len({id(node) for node in _whitespace(theirs)}) == len(nodes)
    assert module.deep_equals(theirs)


def test_the_shared_classes_are_back_after_parsing() -> None:
    parse.parse_module("x = 1\n")
    with pytest.raises(cst.ParserSyntaxError):
        parse.parse_module("def f(:\n")
    assert tuple(getattr(cst, kind.__name__) for kind in _SHARED_KINDS) == _SHARED_KINDS
    assert all(isinstance(kind, type) for kind in _SHARED_KINDS)
    assert parse._SHARED == tuple((kind.__name__, kind) for kind in _SHARED_KINDS)


def test_two_parses_share_no_node_and_nothing_stays_cached() -> None:
    source = "x = (1, 2)  # c\nf(a=x.y, b=(x, y))\n"
    first, second = parse.parse_module(source), parse.parse_module(source)
    assert first.deep_equals(second)
    assert not {id(node) for node in _whitespace(first)} & {id(node) for node in _whitespace(second)}
    if parse.SKIPS_VALIDATION:
        assert parse._CACHES is not None
        assert [cache.cache_info().currsize for _, cache in parse._CACHES] == [0] * len(_SHARED_KINDS)


def test_a_shared_whitespace_node_changed_in_one_place_changes_only_that_place() -> None:
    module = parse.parse_module("a = 1\nb = 2\n")
    first, second = module.body
    assign = first.body[0]
    target = assign.targets[0]
    assert target.whitespace_before_equal is second.body[0].targets[0].whitespace_before_equal
    changed = module.with_changes(body=[
        first.with_changes(body=[assign.with_changes(
            targets=[target.with_changes(whitespace_before_equal=cst.SimpleWhitespace("  "))]
        )]),
        second,
    ])
    assert changed.code == "a  = 1\nb = 2\n"


def test_a_shared_comma_changed_in_one_place_changes_only_that_place() -> None:
    module = parse.parse_module("f(a, b)\ng(c, d)\n")
    first, second = (line.body[0].value for line in module.body)
    assert first.args[0].comma is second.args[0].comma
    args = [first.args[0].with_changes(comma=cst.Comma(whitespace_after=cst.SimpleWhitespace("  "))), first.args[1]]
    changed = module.with_changes(body=[
        module.body[0].with_changes(body=[module.body[0].body[0].with_changes(value=first.with_changes(args=args))]),
        module.body[1],
    ])
    assert changed.code == "f(a,  b)\ng(c, d)\n"


@dataclasses.dataclass(frozen=True, slots=True)
class _Sample:
    first: str
    second: tuple[str, ...] = ()
    third: list[str] = dataclasses.field(default_factory=list)
    fourth: int = dataclasses.field(default=4, kw_only=True)

    def __post_init__(self) -> None:
        _POST_INITS.append(self.first)


_POST_INITS: list[str] = []


def test_a_plain_init_calls_post_init_except_while_the_parser_runs() -> None:
    plain = parse.plain_init(_Sample)
    assert plain is not None
    _POST_INITS.clear()
    plain(object.__new__(_Sample), "outside")
    parse._PARSING.append(None)
    try:
        plain(object.__new__(_Sample), "inside")
    finally:
        parse._PARSING.pop()
    assert _POST_INITS == ["outside"]


@pytest.mark.parametrize(
    ("args", "kwargs"),
    [(("a",), {}), (("a", ("b",)), {}), (("a",), {"third": ["c"]}), (("a", (), ["c"]), {"fourth": 5}), ((), {"first": "a"})],
)
def test_a_plain_init_stores_what_the_generated_one_does(args: tuple[object, ...], kwargs: dict[str, object]) -> None:
    plain = parse.plain_init(_Sample)
    assert plain is not None
    made = object.__new__(_Sample)
    plain(made, *args, **kwargs)
    expected = {"first": "a", "second": (), "third": [], "fourth": 4}
    for index, value in enumerate(args):
        expected[("first", "second", "third")[index]] = value
    expected.update(kwargs)
    assert {f.name: getattr(made, f.name) for f in dataclasses.fields(_Sample)} == expected
    with pytest.raises(TypeError):
        plain(made, "a", fourth=5, fifth=6)  # the same signature: no unknown keyword
    with pytest.raises(TypeError):
        plain(made, "a", (), [], 5)  # `fourth` is keyword-only


def test_a_factory_default_is_made_anew_each_time() -> None:
    plain = parse.plain_init(_Sample)
    assert plain is not None
    one, two = object.__new__(_Sample), object.__new__(_Sample)
    plain(one, "a")
    plain(two, "a")
    assert one.third == [] and one.third is not two.third


def test_a_class_with_its_own_init_keeps_it() -> None:
    class Written(cst.Name):
        def __init__(self, value: str) -> None:
            object.__setattr__(self, "value", value.lower())

    @dataclasses.dataclass(frozen=True)
    class WithoutSlots:
        value: str

        def __post_init__(self) -> None:
            pass

    assert parse.plain_init(Written) is None
    assert parse.plain_init(WithoutSlots) is None  # a field that is no slot
    assert parse.plain_init(int) is None


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
