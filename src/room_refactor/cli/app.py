"""The `room-refactor` command. Importing this module must not import libcst."""

from __future__ import annotations

import typer

from room_refactor import __version__
from room_refactor.cli import audit, config_cmd, list_cmd, migrate, rollout
from room_refactor.cli.fastparams import LightCommand, LightGroup

app = typer.Typer(
    name="room-refactor",
    help="Audit and migrate direct writes of Room.is_occupied / Room.room_status into one canonical writer.",
    no_args_is_help=True,
    add_completion=True,  # --install-completion / --show-completion, for bash, zsh, fish, PowerShell
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    cls=LightGroup,
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"room-refactor {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: bool = typer.Option(False, "--version", callback=_version, is_eager=True, help="Show the version and exit."),
) -> None:
    """Audit and migrate direct writes of two Django model state fields."""


app.command("audit", cls=LightCommand)(audit.audit)
app.command("migrate", cls=LightCommand)(migrate.migrate)
app.command("rollout", cls=LightCommand)(rollout.rollout)
app.command("config", cls=LightCommand)(config_cmd.config)
app.command("list", cls=LightCommand)(list_cmd.list_codemods)


def main() -> None:
    app()
