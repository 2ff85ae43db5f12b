from __future__ import annotations

from pathlib import Path

import pytest

from room_refactor.config import DEFAULT_EXCLUDE, KEYS, Config, ConfigError, config_from_table, describe, load_config


def write_pyproject(directory: Path, body: str) -> Path:
    path = directory / "pyproject.toml"
    path.write_text(body, encoding="utf-8")
    return path


def test_defaults_fit_the_seed_codebase() -> None:
    config = Config()
    assert config.model == "rooms.models.Room"
    assert config.fields == ("is_occupied", "room_status")
    assert config.service == "housekeeping.services.set_room_occupancy_and_status"
    assert config.status_setter == "housekeeping.services.set_room_status"
    assert config.canonical == ("housekeeping.services",)
    assert config.atomic_requests is False
    assert config.migrated is None
    assert config.import_style == "auto"
    assert "migrations/" in config.exclude and "tests/" in config.exclude and "__pycache__/" in config.exclude


@pytest.mark.parametrize(
    "receiver, matches",
    [
        pytest.param("room", True, id="room"),
        pytest.param("from_room", True, id="from_room"),
        pytest.param("to_room", True, id="to_room"),
        pytest.param("self.room", True, id="self.room"),
        pytest.param("booking.assigned_room", True, id="attribute-chain"),
        pytest.param("guest", False, id="guest"),
        pytest.param("rooms[0]", False, id="subscript"),
        pytest.param("room.hotel", False, id="attribute-not-ending-in-room"),
        pytest.param("get_room()", False, id="call"),
    ],
)
def test_default_receivers(receiver: str, matches: bool) -> None:
    assert Config().receiver_matches(receiver) is matches


def test_every_key_is_described_with_its_source(tmp_path: Path) -> None:
    write_pyproject(tmp_path, '[tool.room-refactor]\nstatus-field = "state"\n')
    loaded = load_config([tmp_path])
    rows = {key: (value, source) for key, value, source in describe(loaded)}
    assert set(rows) == set(KEYS)
    assert rows["status-field"] == ("state", str(tmp_path / "pyproject.toml"))
    assert rows["occupancy-field"] == ("is_occupied", "default")
    assert rows["migrated"] == (None, "default")


def test_config_is_found_by_walking_up(tmp_path: Path) -> None:
    write_pyproject(tmp_path, '[tool.room-refactor]\noccupancy-field = "busy"\n')
    nested = tmp_path / "app" / "sub"
    nested.mkdir(parents=True)
    (nested / "views.py").write_text("x = 1\n")
    loaded = load_config([nested / "views.py"])
    assert loaded.root == tmp_path.resolve()
    assert loaded.config.occupancy_field == "busy"


def test_nearest_pyproject_is_the_project_root_even_without_the_section(tmp_path: Path) -> None:
    write_pyproject(tmp_path, '[tool.room-refactor]\noccupancy-field = "busy"\n')
    inner = tmp_path / "inner"
    inner.mkdir()
    write_pyproject(inner, "[tool.black]\nline-length = 100\n")
    loaded = load_config([inner])
    assert loaded.root == inner.resolve()
    assert loaded.config.occupancy_field == "is_occupied"


def test_overrides_of_every_type(tmp_path: Path) -> None:
    write_pyproject(
        tmp_path,
        """
[tool.room-refactor]
model = "inventory.models.Suite"
canonical = ["inventory.services", "inventory.tasks"]
receivers = ["suite", "self\\\\.suite"]
atomic-requests = true
import-style = "local"
status-setter = ""
migrated = ["rooms.views"]
""",
    )
    config = load_config([tmp_path]).config
    assert config.model_name == "Suite" and config.model_module == "inventory.models"
    assert config.canonical == ("inventory.services", "inventory.tasks")
    assert config.receiver_matches("self.suite") and not config.receiver_matches("room")
    assert config.atomic_requests is True
    assert config.import_style == "local"
    assert config.status_setter is None
    assert config.migrated == ("rooms.views",)


def test_unknown_key_is_an_error_naming_key_and_file(tmp_path: Path) -> None:
    path = write_pyproject(tmp_path, '[tool.room-refactor]\nocupancy-field = "x"\n')
    with pytest.raises(ConfigError) as info:
        load_config([tmp_path])
    assert str(info.value) == (
        f"{path}: unknown key 'ocupancy-field' in [tool.room-refactor] (did you mean 'occupancy-field'?)"
    )


@pytest.mark.parametrize(
    "body, message",
    [
        pytest.param('atomic-requests = "yes"', "key 'atomic-requests' in [tool.room-refactor] must be true or false, got str 'yes'", id="bool"),
        pytest.param("canonical = \"a.b\"", "key 'canonical' in [tool.room-refactor] must be a list of strings, got str 'a.b'", id="list"),
        pytest.param("canonical = [1]", "key 'canonical' in [tool.room-refactor] must be a list of strings, got list [1]", id="list-items"),
        pytest.param('import-style = "both"', "key 'import-style' in [tool.room-refactor] must be one of 'auto', 'module', 'local', got str 'both'", id="enum"),
        pytest.param("model = 3", "key 'model' in [tool.room-refactor] must be a non-empty string, got int 3", id="str"),
        pytest.param('model = "Room"', "key 'model' must be a dotted path like 'app.module.Name', got 'Room'", id="dotted"),
        pytest.param('receivers = ["("]', "key 'receivers' in [tool.room-refactor] has an invalid regular expression '(': missing ), unterminated subpattern at position 0", id="regex"),
    ],
)
def test_wrong_types_are_errors_naming_the_key(tmp_path: Path, body: str, message: str) -> None:
    path = write_pyproject(tmp_path, f"[tool.room-refactor]\n{body}\n")
    with pytest.raises(ConfigError) as info:
        load_config([tmp_path])
    assert str(info.value) == f"{path}: {message}"


def test_same_field_twice_is_an_error() -> None:
    with pytest.raises(ConfigError, match="'occupancy-field' and 'status-field' must differ"):
        config_from_table({"occupancy-field": "a", "status-field": "a"})


def test_broken_toml_is_an_error(tmp_path: Path) -> None:
    path = write_pyproject(tmp_path, "[tool.room-refactor\n")
    with pytest.raises(ConfigError, match="cannot read TOML"):
        load_config([tmp_path])
    assert path.exists()


def test_no_pyproject_means_defaults(tmp_path: Path) -> None:
    (tmp_path / ".git").mkdir()
    loaded = load_config([tmp_path])
    assert loaded.pyproject is None
    assert loaded.root == tmp_path.resolve()
    assert loaded.config == Config()
    assert set(loaded.sources.values()) == {"default"}


def test_default_exclude_covers_tests_migrations_caches_and_virtualenvs() -> None:
    for pattern in ("migrations/", "tests/", "test_*.py", "conftest.py", "__pycache__/", ".venv/", "venv/", ".tox/"):
        assert pattern in DEFAULT_EXCLUDE
