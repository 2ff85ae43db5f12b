"""The project's own style settings: where the line length, the formatter and the first-party
packages come from (style.py), and the settings that override them."""

from __future__ import annotations

from pathlib import Path

import pytest

from room_refactor.config import ConfigError, config_from_table
from room_refactor.style import read_style


def _write(root: Path, files: dict[str, str]) -> Path:
    for rel, text in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)
    return root


@pytest.mark.parametrize(
    ("files", "length", "source"),
    [
        pytest.param({"pyproject.toml": "[tool.ruff]\nline-length = 100\n"}, 100, "[tool.ruff] line-length", id="ruff"),
        pytest.param({"pyproject.toml": "[tool.ruff]\n"}, 88, "ruff's default", id="ruff-default"),
        pytest.param({"pyproject.toml": "[tool.black]\nline-length = 79\n"}, 79, "[tool.black] line-length", id="black"),
        pytest.param({"pyproject.toml": "[tool.black]\n"}, 88, "[tool.black] line-length", id="black-default"),
        pytest.param({"pyproject.toml": "[tool.isort]\nline_length = 110\n"}, 110, "[tool.isort] line_length",
                     id="isort"),
        pytest.param({"pyproject.toml": "", "ruff.toml": "line-length = 99\n"}, 99, "ruff.toml", id="ruff-toml"),
        pytest.param({"pyproject.toml": "", "setup.cfg": "[flake8]\nmax-line-length = 119\n"}, 119, "setup.cfg [flake8]",
                     id="setup-cfg-flake8"),
        pytest.param({"pyproject.toml": "", "setup.cfg": "[isort]\nline_length = 90\n"}, 90, "setup.cfg [isort]",
                     id="setup-cfg-isort"),
        pytest.param({"pyproject.toml": "", "tox.ini": "[flake8]\nmax-line-length = 101\n"}, 101, "tox.ini", id="tox"),
        pytest.param({"pyproject.toml": "", ".flake8": "[flake8]\nmax-line-length = 102\n"}, 102, ".flake8", id="flake8"),
        pytest.param({"pyproject.toml": "[tool.ruff]\nline-length = 100\n[tool.black]\nline-length = 79\n"}, 100,
                     "[tool.ruff]", id="ruff-before-black"),
        pytest.param({"pyproject.toml": ""}, None, "default", id="nothing"),
    ],
)
def test_the_line_length_is_read_from_the_projects_tools(tmp_path: Path, files: dict[str, str], length: int | None,
                                                      source: str) -> None:
    style = read_style(_write(tmp_path, files))
    assert style.line_length == length
    assert source in style.line_length_source


def test_the_settings_win(tmp_path: Path) -> None:
    root = _write(tmp_path, {"pyproject.toml": "[tool.ruff]\nline-length = 100\n"})
    assert read_style(root, line_length=79).line_length == 79
    assert read_style(_write(tmp_path / "b", {"pyproject.toml": ""}), formatter="black").line_length == 88
    assert read_style(_write(tmp_path / "c", {"pyproject.toml": ""}), formatter="none").line_length is None


@pytest.mark.parametrize(
    ("pyproject", "formatter"),
    [
        pytest.param("[tool.black]\n", "black", id="black"),
        pytest.param("[tool.ruff.format]\nquote-style = 'double'\n", "ruff", id="ruff-format"),
        pytest.param("[tool.ruff]\n", "ruff", id="ruff"),
        pytest.param("", None, id="unknown"),
    ],
)
def test_the_formatter_is_inferred(tmp_path: Path, pyproject: str, formatter: str | None) -> None:
    assert read_style(_write(tmp_path, {"pyproject.toml": pyproject})).formatter == formatter


def test_first_party_packages_are_the_projects_own_and_the_declared(tmp_path: Path) -> None:
    root = _write(tmp_path, {
        "pyproject.toml": '[tool.ruff.lint.isort]\nknown-first-party = ["shared"]\n[tool.isort]\nknown_first_party = ["common"]\n',
        "rooms/__init__.py": "", "housekeeping/services.py": "", "manage.py": "", "src/core/__init__.py": "",
        "not-a-package/x.py": "",
    })
    assert read_style(root).first_party == ("common", "core", "housekeeping", "manage", "rooms", "shared")


@pytest.mark.parametrize(
    ("table", "message"),
    [
        pytest.param({"line-length": "88"}, "key 'line-length' in [tool.room-refactor] must be an integer of at least 20",
                     id="line-length-type"),
        pytest.param({"line-length": 10}, "must be an integer of at least 20", id="line-length-small"),
        pytest.param({"formatter": "yapf"}, "key 'formatter' in [tool.room-refactor] must be one of 'ruff', 'black', 'none'",
                     id="formatter"),
        pytest.param({"django-version": "four"}, "key 'django-version' in [tool.room-refactor] must be a version such as",
                     id="django-version"),
    ],
)
def test_bad_style_settings_name_the_key(table: dict[str, object], message: str) -> None:
    with pytest.raises(ConfigError, match=message.replace("[", r"\[").replace("]", r"\]").replace("(", r"\(")):
        config_from_table(table, origin="pyproject.toml")


def test_good_style_settings() -> None:
    config = config_from_table({"line-length": 79, "formatter": "ruff", "django-version": "4.2"})
    assert (config.line_length, config.formatter, config.django_version) == (79, "ruff", "4.2")
