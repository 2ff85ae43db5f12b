"""Which Django the target project runs, read from the project and not from the tool's own
environment (pipx, pre-commit), for `CheckConstraint(check=)` (before 5.1) or `condition=`."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from room_refactor.cli.app import app
from room_refactor.django_version import DjangoVersion, detect, version_from_specifier


@pytest.mark.parametrize(
    ("spec", "expected"),
    [
        pytest.param("==4.2.11", (4, 2, 11), id="pin"),
        pytest.param(">=4.2,<5.0", (4, 2), id="range-lowest"),
        pytest.param("~=5.1.0", (5, 1, 0), id="compatible"),
        pytest.param("<5", None, id="upper-only"),
        pytest.param("", None, id="unpinned"),
        pytest.param(">=5.2, !=5.2.1", (5, 2), id="exclusion-ignored"),
    ],
)
def test_version_from_specifier(spec: str, expected) -> None:  # type: ignore[no-untyped-def]
    assert version_from_specifier(spec) == expected


def _project(tmp_path: Path, files: dict[str, str]) -> Path:
    for rel, text in files.items():
        path = tmp_path / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)
    return tmp_path


@pytest.mark.parametrize(
    ("files", "version", "source"),
    [
        pytest.param({"requirements.txt": "djangorestframework==3.15\nDjango==4.2.11  # LTS\n"}, (4, 2, 11),
                     "requirements.txt", id="requirements"),
        pytest.param({"requirements/base.txt": "django>=4.2,<5\n", "requirements/prod.txt": "-r base.txt\n"},
                     (4, 2), "requirements/base.txt", id="requirements-dir"),
        pytest.param({"poetry.lock": '[[package]]\nname = "Django"\nversion = "4.2.3"\n'}, (4, 2, 3), "poetry.lock",
                     id="poetry-lock"),
        pytest.param({"uv.lock": '[[package]]\nname = "django"\nversion = "5.2.1"\n'}, (5, 2, 1), "uv.lock",
                     id="uv-lock"),
        pytest.param({"Pipfile.lock": json.dumps({"default": {"django": {"version": "==4.1.13"}}})}, (4, 1, 13),
                     "Pipfile.lock", id="pipfile-lock"),
        pytest.param({"pyproject.toml": '[project]\ndependencies = ["Django>=4.2,<5.0"]\n'}, (4, 2),
                     "pyproject.toml [project] dependencies", id="pyproject"),
        pytest.param({"pyproject.toml": '[tool.poetry.dependencies]\ndjango = "^4.2"\n'}, (4, 2),
                     "pyproject.toml [tool.poetry.dependencies]", id="poetry"),
        pytest.param({".venv/pyvenv.cfg": "", ".venv/lib/python3.11/site-packages/Django-4.2.7.dist-info/METADATA": ""},
                     (4, 2, 7), "the project's virtualenv", id="virtualenv"),
    ],
)
def test_the_version_is_read_from_the_project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, files, version,
                                             source: str) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.delenv("VIRTUAL_ENV", raising=False)
    (tmp_path / ".git").mkdir()
    found = detect(_project(tmp_path, files))
    assert found.version == version
    assert found.source.startswith(source)
    assert found.check_keyword == ("condition" if version >= (5, 1) else "check")


def test_option_wins_over_setting_wins_over_files(tmp_path: Path) -> None:
    root = _project(tmp_path, {"requirements.txt": "Django==5.2\n"})
    assert detect(root, setting="4.2").describe().startswith("Django 4.2, from django-version in")
    assert detect(root, option="4.1", setting="4.2") == DjangoVersion((4, 1), "--django-version")


def test_nothing_found_and_no_django_here_assumes_5_1(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from importlib import metadata

    def missing(name: str) -> str:
        raise metadata.PackageNotFoundError(name)

    monkeypatch.setattr(metadata, "version", missing)
    monkeypatch.delenv("VIRTUAL_ENV", raising=False)
    (tmp_path / ".git").mkdir()
    found = detect(tmp_path)
    assert found.version is None and found.check_keyword == "condition"


def test_migrate_constraints_says_which_version_it_used(hotel: Path) -> None:
    (hotel / "requirements.txt").write_text("Django==4.2.16\n")
    result = CliRunner().invoke(app, ["migrate", "--jobs", "1", "--constraints", str(hotel)])
    assert result.exit_code == 0, result.output
    assert "note: --constraints: Django 4.2.16, from requirements.txt: CheckConstraint(check=...)" in result.stderr
    assert "+                check=~models.Q(" in result.stdout
    assert "condition=" not in result.stdout
