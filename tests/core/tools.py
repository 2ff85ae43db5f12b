"""The one helper the core tests share: parse an inline source and analyse it, as the audit does."""

from __future__ import annotations

import textwrap
from typing import Any

import libcst as cst

from room_refactor.config import Config, config_from_table
from room_refactor.core.analysis import analyze_module
from room_refactor.files import module_name, module_role
from room_refactor.model import Analysis

DEFAULT_PATH = "rooms/views.py"


def analyze(source: str, *, path: str = DEFAULT_PATH, **table: Any) -> Analysis:
    """The audit of one dedented source at `path` (which decides its module name and role).

    Configuration keys are given TOML-style: `analyze(src, **{"atomic-requests": True})`.
    """
    config = config_from_table(table) if table else Config()
    text = textwrap.dedent(source)
    module = cst.parse_module(text)
    full = analyze_module(module, config, path=path, module_name=module_name(path), role=module_role(path)).public
    # With the text, the walk may leave out names, literals and comments: the same result.
    hinted = analyze_module(module, config, path=path, module_name=module_name(path), role=module_role(path), source=text)
    assert hinted.public == full, "the analysis differs when the walk leaves out the tokens"
    return full
