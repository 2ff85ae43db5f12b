"""Option values are converted without pydantic (typer >= 0.29 would build a pydantic
TypeAdapter per option at every start): the same values and the same refusals as typer's own."""

from __future__ import annotations

import enum
import subprocess
import sys
from pathlib import Path
from typing import List, Optional

import pytest
import typer
from typer.testing import CliRunner

from room_refactor.cli.fastparams import LightCommand, converter, lighten


class Colour(str, enum.Enum):
    red = "red"
    blue = "blue"


def _probe_app() -> typer.Typer:
    app = typer.Typer()

    @app.command(cls=LightCommand)
    def probe(
        paths: List[Path] = typer.Argument(None),
        jobs: Optional[int] = typer.Option(None, "--jobs", min=1),
        colour: Optional[Colour] = typer.Option(None, "--colour"),
        name: str = typer.Option("x", "--name"),
        tags: Optional[List[str]] = typer.Option(None, "--tag"),
        flag: bool = typer.Option(False, "--flag"),
    ) -> None:
        typer.echo(repr((paths, jobs, colour, name, tags, flag)))

    @app.command("other")
    def other() -> None:  # a second command, so that `probe` is a subcommand
        pass

    return app


def _heavy_app() -> typer.Typer:
    """The same command with typer's own converters."""
    app = _probe_app()
    for info in app.registered_commands:
        info.cls = None
    return app


ARGS = [
    pytest.param(["probe", "a", "b/c", "--jobs", "3", "--colour", "blue", "--name", "n", "--tag", "t1", "--tag", "t2",
                  "--flag"], id="all-good"),
    pytest.param(["probe"], id="defaults"),
    pytest.param(["probe", "--jobs", "0"], id="below-min"),
    pytest.param(["probe", "--jobs", "two"], id="not-an-int"),
    pytest.param(["probe", "--colour", "green"], id="not-a-choice"),
]


@pytest.mark.parametrize("args", ARGS)
def test_same_values_and_refusals_as_typers_own(args: list[str]) -> None:
    light = CliRunner().invoke(_probe_app(), args)
    heavy = CliRunner().invoke(_heavy_app(), args)
    assert light.exit_code == heavy.exit_code, (light.output, heavy.output)
    if heavy.exit_code == 0:
        assert light.stdout == heavy.stdout
    else:
        assert light.exit_code == 2
        assert "Invalid value" in light.output


def test_light_messages() -> None:
    result = CliRunner().invoke(_probe_app(), ["probe", "--jobs", "0"])
    assert "0 is not in the range x>=1." in result.output
    result = CliRunner().invoke(_probe_app(), ["probe", "--colour", "green"])
    assert "'green' is not one of 'red', 'blue'." in result.output


def test_unknown_types_are_left_to_typer() -> None:
    class Info:
        parser = None

    assert converter(complex, Info()) is None
    assert converter(Optional[int], Info()) is not None
    assert lighten(object()) is False


def test_an_audit_imports_no_pydantic(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text("")
    code = (
        "import sys\n"
        "from room_refactor.cli.app import app\n"
        "try:\n    app(['audit', '.', '--format', 'json', '--jobs', '2', '--check'], standalone_mode=False)\n"
        "except SystemExit:\n    pass\n"
        "print('PYDANTIC' if 'pydantic' in sys.modules else 'CLEAN')\n"
    )
    completed = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=tmp_path)
    assert completed.stdout.strip().splitlines()[-1] == "CLEAN", completed.stderr


