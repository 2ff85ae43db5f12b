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
