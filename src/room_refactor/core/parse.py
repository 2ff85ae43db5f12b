"""`libcst.parse_module`, without validating again every node that the parser builds.

Each libcst node checks itself when it is constructed (`CSTNode.__post_init__` calls
`_validate()`): right for nodes that code builds by hand, redundant for the nodes of a tree the
parser has just built from valid source, and about a sixth of the cost of parsing. libcst's own
comment there says as much. While the parser runs, `__post_init__` does nothing; it is put
back before the tree is used, and nodes the migration builds are validated as usual.

This relies on `CSTNode.__post_init__` doing nothing but `self._validate()`; when a libcst
version does something else there, the module is parsed the ordinary way. The test suite parses
real modules both ways and compares the trees (tests/core/test_parse.py).
"""

from __future__ import annotations

import libcst as cst
from libcst._nodes.base import CSTNode

_CHECKING = CSTNode.__dict__.get("__post_init__")


def _only_validates(function: object) -> bool:
    code = getattr(function, "__code__", None)
    return code is not None and code.co_names == ("_validate",) and code.co_argcount == 1


SKIPS_VALIDATION = _only_validates(_CHECKING)


def _unchecked(self: CSTNode) -> None:
    return None


def parse_module(source: str | bytes) -> cst.Module:
    if not SKIPS_VALIDATION:
        return cst.parse_module(source)
    CSTNode.__post_init__ = _unchecked  # type: ignore[method-assign]
    try:
        return cst.parse_module(source)
    finally:
        CSTNode.__post_init__ = _CHECKING  # type: ignore[method-assign,assignment]
