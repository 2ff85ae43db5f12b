"""The README's "What the generated code guarantees" shows the code the example really gets."""

from __future__ import annotations

import ast
import re

from room_refactor.config import Config
from room_refactor.core.writer_templates import render_lock_helper, render_writer
from tests.conftest import EXAMPLE

README = EXAMPLE.parent.parent / "README.md"


def without_docstring(code: str) -> str:
    """The function's code, its docstring left out."""
    function = ast.parse(code).body[0]
    assert isinstance(function, ast.FunctionDef)
    docstring = function.body[0]
    lines = code.splitlines(keepends=True)
    return "".join(lines[: docstring.lineno - 1] + lines[docstring.end_lineno :])


def readme_blocks() -> list[str]:
    section = README.read_text(encoding="utf-8").split("### What the generated code guarantees", 1)[1]
    section = section.split("\n## ", 1)[0]
    return re.findall(r"```python\n(.*?)```", section, flags=re.S)


def test_the_readme_shows_the_example_s_writer_and_lock_helper() -> None:
    config = Config()
    writer = render_writer(config, setter="set_room_status", setter_occupancy_keyword="is_occupied")
    assert readme_blocks() == [without_docstring(writer), without_docstring(render_lock_helper(config))]


def test_the_example_gets_that_writer() -> None:
    from typer.testing import CliRunner

    from room_refactor.cli.app import app
    from tests.conftest import copy_example

    import tempfile
    from pathlib import Path

    with tempfile.TemporaryDirectory() as tmp:
        copy = copy_example(Path(tmp) / "hotel")
        result = CliRunner().invoke(app, ["migrate", "--write", "--only", "scaffold-service", str(copy)])
        assert result.exit_code == 0, result.output
        services = (copy / "housekeeping/services.py").read_text()
    config = Config()
    assert render_writer(config, setter="set_room_status", setter_occupancy_keyword="is_occupied") in services
    assert render_lock_helper(config) in services
