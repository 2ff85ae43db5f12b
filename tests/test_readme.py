"""The docs stay honest: the quickstart, CI and the codemod registry agree with the README."""

from __future__ import annotations

import re
from pathlib import Path

from room_refactor.codemods import REGISTRY

REPO = Path(__file__).resolve().parents[1]
README = (REPO / "README.md").read_text(encoding="utf-8")


def console_commands() -> list[str]:
    blocks = re.findall(r"```console\n(.*?)```", README, flags=re.S)
    return [block.strip() for block in blocks]


def test_quickstart_has_the_two_commands() -> None:
    quickstart = README.split("## Quickstart", 1)[1].split("\n## ", 1)[0]
    commands = re.findall(r"```console\n(.*?)```", quickstart, flags=re.S)
    assert len(commands) == 2
    assert commands[0].strip().endswith("room-refactor migrate examples/hotel")
    assert "pytest" in commands[1]


def test_ci_runs_the_readme_test_command_verbatim() -> None:
    test_command = console_commands()[1]
    ci = (REPO / ".ci" / "run").read_text(encoding="utf-8")
    assert test_command in ci.splitlines()


def test_every_codemod_is_documented() -> None:
    for name, command in REGISTRY.items():
        doc = __import__(command.__module__, fromlist=["_"]).__doc__ or ""
        assert doc.strip(), name
        assert "Never touches:" in doc, name
        assert command.DESCRIPTION.strip(), name
        assert f"`{name}`" in README, name
        test_module = REPO / "tests" / "codemods" / f"test_{name.replace('-', '_')}.py"
        assert test_module.is_file(), test_module


def test_every_configuration_key_is_documented() -> None:
    from room_refactor.config import KEYS

    for key in KEYS:
        assert f"`{key}`" in README, key


def test_the_json_contract_example_is_the_example_s_real_output(tmp_path: Path) -> None:
    import json

    from typer.testing import CliRunner

    from room_refactor.cli.app import app
    from tests.conftest import copy_example

    shown = json.loads(README.split("The JSON contract", 1)[1].split("```json\n", 1)[1].split("```", 1)[0])
    project = copy_example(tmp_path / "hotel")
    (project / "legacy").mkdir()
    (project / "legacy" / "py2.py").write_text('def f(room):\n    room.is_occupied = True\n    print "hi"\n')
    result = CliRunner().invoke(app, ["audit", "--format", "json", str(project)])
    real = json.loads(result.stdout)
    assert shown["version"] == real["version"]
    assert shown["sites"][0] in real["sites"]
    assert shown["handlers"][0] in real["handlers"]
    assert (shown["errors"], shown["summary"], shown["check"]) == (real["errors"], real["summary"], real["check"])
