"""A one-command typer app: the reference for `room-refactor --help`'s start-up time."""

import typer

app = typer.Typer(add_completion=False)


@app.command()
def hello(name: str = typer.Argument("world", help="Who to greet.")) -> None:
    """Say hello."""
    typer.echo(f"hello {name}")


if __name__ == "__main__":
    app()
