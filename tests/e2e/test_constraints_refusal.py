"""`migrate --constraints` and a status setter (defect 1 of issue 16): with the two checks on the
pair, a check-in has no order of two UPDATEs that passes both, so the setter must save the pair
in its own UPDATE. A setter that cannot is refused up front, with the reason; nothing is written."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from room_refactor.cli.app import app

runner = CliRunner()


def test_constraints_with_a_setter_that_saves_the_status_alone_are_refused(hotel: Path) -> None:
    services = hotel / "housekeeping/services.py"
    services.write_text(services.read_text().replace("*, is_occupied=None, changed_by=None", "*, changed_by=None"))
    before = {path: path.read_bytes() for path in hotel.rglob("*.py")}
    result = runner.invoke(app, ["migrate", "--write", "--constraints", str(hotel)])
    assert result.exit_code == 2, result.output
    assert (
        "--constraints needs the status setter housekeeping.services.set_room_status to take `is_occupied=`"
        in result.output
    )
    assert "no order of two UPDATEs passes both for a check-in" in result.output
    assert {path: path.read_bytes() for path in hotel.rglob("*.py")} == before


def test_constraints_with_the_example_setter_are_accepted(hotel: Path) -> None:
    result = runner.invoke(app, ["migrate", "--write", "--constraints", str(hotel)])
    assert result.exit_code == 0, result.output
    services = (hotel / "housekeeping/services.py").read_text()
    assert 'kwargs["is_occupied"] = is_occupied' in services  # the setter saves the pair
