"""The migration's review names a database configured above READ COMMITTED (defect 16 of
issue 16): the writer and the lock helper lock a row, then read it again, which assumes it."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from room_refactor.cli.app import app

runner = CliRunner()


def _review(hotel: Path, tmp_path: Path) -> str:
    review = tmp_path / "review.md"
    result = runner.invoke(app, ["migrate", "--review", str(review), str(hotel)])
    assert result.exit_code == 0, result.output
    return review.read_text()


def test_a_serializable_database_gets_a_review_note(hotel: Path, tmp_path: Path) -> None:
    settings = hotel / "hotel_project/settings.py"
    settings.write_text(
        settings.read_text()
        + '\nDATABASES["default"]["OPTIONS"] = {"isolation_level": "serializable"}\n'
    )
    text = _review(hotel, tmp_path)
    assert "isolation-level" in text
    assert "hotel_project/settings.py:" in text
    assert "database's isolation_level to SERIALIZABLE" in text
    assert "assumes READ COMMITTED" in text


def test_the_default_isolation_level_gets_no_note(hotel: Path, tmp_path: Path) -> None:
    assert "isolation-level" not in _review(hotel, tmp_path)
