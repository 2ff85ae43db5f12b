"""Any model and any state fields: `fields`, `keywords` and `groups`, next to today's keys."""

from __future__ import annotations

import types

from pathlib import Path

import pytest

from room_refactor.config import Config, ConfigError, config_from_table, describe, load_config

try:
    import tomllib
except ImportError:  # pragma: no cover - Python 3.10
    import tomli as tomllib


def table(text: str) -> Config:
    return config_from_table(tomllib.loads(text).get("tool", {}).get("room-refactor", {}), origin="pyproject.toml")


def test_the_hotel_defaults_keep_their_keywords() -> None:
    config = Config()
    assert config.fields == ("is_occupied", "room_status")
    assert [config.keyword_for(name) for name in config.fields] == ["is_occupied", "status"]
    assert config.groups == (config,)


def test_todays_keys_still_name_the_pair_and_the_keywords_follow_the_fields() -> None:
    config = table('[tool.room-refactor]\nmodel = "inventory.models.Suite"\noccupancy-field = "occupied"\nstatus-field = "state"\n')
    assert config.fields == ("occupied", "state")
    assert (config.occupancy_field, config.status_field) == ("occupied", "state")
    # The keywords are the fields' own names, not the hotel's `is_occupied=` / `status=`.
    assert [config.keyword_for(name) for name in config.fields] == ["occupied", "state"]


def test_one_state_field() -> None:
    config = table('[tool.room-refactor]\nmodel = "post_office.models.Email"\nfields = ["status"]\n'
                   'service = "post_office.state.set_email_status"\nstatus-setter = ""\n')
    assert config.fields == ("status",)
    assert config.status_field == "status"
    assert config.keyword_for("status") == "status"
    assert config.field_for_keyword("status") == "status"


def test_two_fields_with_keywords_set_in_the_configuration() -> None:
    config = table('[tool.room-refactor]\nmodel = "notifications.models.Notification"\n'
                   'fields = ["unread", "deleted"]\nkeywords = { unread = "is_unread" }\n'
                   'service = "notifications.state.set_notification_state"\n')
    assert config.fields == ("unread", "deleted")
    assert [config.keyword_for(name) for name in config.fields] == ["is_unread", "deleted"]
    assert config.field_for_keyword("is_unread") == "unread"
    assert config.field_for_keyword("unread") is None
    # The status setter, if any, takes the last field unless `status-field` names one.
    assert config.status_field == "deleted"


def test_status_field_names_one_of_the_fields() -> None:
    config = table('[tool.room-refactor]\nfields = ["state", "flag"]\nstatus-field = "state"\n')
    assert (config.occupancy_field, config.status_field) == ("state", "state")


@pytest.mark.parametrize(
    "body, message",
    [
        pytest.param('fields = []', "key 'fields' in [tool.room-refactor] must be a non-empty list of field names",
                     id="empty"),
        pytest.param('fields = ["a", "a"]', "must be a list of distinct field names", id="repeated"),
        pytest.param('fields = ["a.b"]', "must be a list of field names (Python identifiers)", id="not-identifier"),
        pytest.param('fields = ["a", "b"]\noccupancy-field = "a"',
                     "keys 'fields' and 'occupancy-field' in [tool.room-refactor] both name the state fields",
                     id="both-spellings"),
        pytest.param('fields = ["a", "b"]\nstatus-field = "c"', "key 'status-field' in [tool.room-refactor] must be "
                     "one of 'fields' ['a', 'b'], got 'c'", id="status-field-outside"),
        pytest.param('fields = ["a", "b"]\nkeywords = { c = "x" }', "key 'keywords' in [tool.room-refactor] names 'c', "
                     "which is not a state field (a, b)", id="keyword-for-unknown-field"),
        pytest.param('fields = ["a", "b"]\nkeywords = { a = "b" }', "gives two fields the same writer keyword 'b'",
                     id="keyword-clash"),
        pytest.param('fields = ["a"]\nkeywords = { a = "class" }', "keywords are Python identifiers", id="reserved-word"),
        pytest.param('keywords = ["a"]', "key 'keywords' in [tool.room-refactor] must be a table", id="not-a-table"),
    ],
)
def test_bad_field_keys_are_errors_naming_the_key(body: str, message: str) -> None:
    with pytest.raises(ConfigError) as info:
        table("[tool.room-refactor]\n" + body + "\n")
    assert message in str(info.value)


GROUPS = """\
[tool.room-refactor]
model = "post_office.models.Email"
fields = ["status"]
service = "post_office.state.set_email_status"
status-setter = ""
receivers = ["(?:\\\\w+\\\\.)*email", "self"]
import-style = "local"

[[tool.room-refactor.groups]]
model = "notifications.models.Notification"
fields = ["unread", "deleted"]
keywords = { unread = "is_unread" }
service = "notifications.state.set_notification_state"
"""


def test_groups_add_models_each_with_its_own_writer_and_today_s_keys_are_the_first() -> None:
    config = table(GROUPS)
    first, second = config.groups
    assert first is config
    assert (first.model, first.fields, first.service) == (
        "post_office.models.Email", ("status",), "post_office.state.set_email_status")
    assert (second.model, second.fields, second.service) == (
        "notifications.models.Notification", ("unread", "deleted"), "notifications.state.set_notification_state")
    assert second.keyword_for("unread") == "is_unread"
    # Project-wide keys carry over; a group's canonical modules are its own.
    assert second.import_style == "local" and second.receivers == first.receivers
    assert second.canonical == () and second.is_canonical_module("notifications.state")
    assert second.status_setter is None  # the hotel's default setter never carries over
    assert not second.is_canonical_module("post_office.state")


@pytest.mark.parametrize(
    "group, message",
    [
        pytest.param('model = "a.models.A"', "[tool.room-refactor.groups #1] must set 'model', 'fields' and 'service'",
                     id="no-writer"),
        pytest.param('model = "a.models.A"\nfields = ["x"]\nservice = "a.s.w"\nmigrated = []',
                     "unknown key 'migrated' in [tool.room-refactor.groups #1]", id="project-wide-key"),
        pytest.param('model = "a.models.A"\nfields = ["x"]\nservice = "a.s.w"\nfeilds = ["x"]',
                     "unknown key 'feilds' in [tool.room-refactor.groups #1] (did you mean 'fields'?)", id="typo"),
        pytest.param('model = "a.models.A"\nfields = ["x"]\nservice = "post_office.state.set_email_status"',
                     "share the writer 'post_office.state.set_email_status'", id="shared-writer"),
        pytest.param('model = "post_office.models.Email"\nfields = ["x"]\nservice = "a.s.w"',
                     "the model 'post_office.models.Email' is named by two groups", id="same-model"),
        pytest.param('model = "a.models.A"\nservice = "a.s.w"\nfields = ["x", "x"]',
                     "key 'fields' in [tool.room-refactor.groups #1] must be a list of distinct field names",
                     id="bad-fields"),
    ],
)
def test_bad_groups_are_errors_naming_the_group(group: str, message: str) -> None:
    head = GROUPS.split("[[tool.room-refactor.groups]]")[0]
    with pytest.raises(ConfigError) as info:
        table(head + "[[tool.room-refactor.groups]]\n" + group + "\n")
    assert message in str(info.value)


def test_config_command_rows_show_the_effective_fields_keywords_and_groups(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text(GROUPS, encoding="utf-8")
    rows = {key: value for key, value, _ in describe(load_config([tmp_path]))}
    assert rows["fields"] == ["status"]
    assert rows["keywords"] == {"status": "status"}
    assert rows["groups"][0]["model"] == "notifications.models.Notification"
    assert rows["groups"][0]["keywords"] == {"unread": "is_unread", "deleted": "deleted"}
    sources = {key: source for key, _, source in describe(load_config([tmp_path]))}
    assert sources["occupancy-field"] == sources["status-field"] == f"{tmp_path / 'pyproject.toml'} (from fields)"
    default_rows = {key: value for key, value, _ in describe(load_config([tmp_path / "nowhere"], cwd=tmp_path))}
    assert default_rows["fields"] == ["status"]  # the same file: found by walking up


def test_several_groups_are_shown_by_config_and_refused_by_the_commands_that_run_one(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from room_refactor.cli.app import app

    (tmp_path / "pyproject.toml").write_text(GROUPS, encoding="utf-8")
    runner = CliRunner()
    shown = runner.invoke(app, ["config", str(tmp_path)])
    assert shown.exit_code == 0 and '"model": "notifications.models.Notification"' in shown.output
    for command in ("audit", "migrate", "rollout"):
        refused = runner.invoke(app, [command, str(tmp_path)])
        assert refused.exit_code == 2
        assert "2 groups are configured ([[tool.room-refactor.groups]]); this version audits and migrates one model" in refused.output


def test_the_markdown_report_has_one_column_per_state_field(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from room_refactor.cli.app import app

    (tmp_path / "pyproject.toml").write_text(
        '[tool.room-refactor]\nmodel = "mail.models.Email"\nfields = ["status"]\nservice = "mail.state.set_status"\n'
        'receivers = ["email"]\n', encoding="utf-8")
    (tmp_path / "mail").mkdir()
    (tmp_path / "mail/send.py").write_text('def sent(email):\n    email.status = "sent"\n    email.save()\n')
    result = CliRunner().invoke(app, ["audit", "--format", "markdown", str(tmp_path)])
    assert result.exit_code == 0, result.output
    assert "Every write of `Email.status` found in the code" in result.stdout
    assert "- **1 write sites** in 1 files (1 files scanned): 1 of `status`" in result.stdout
    assert "| Module | status writes | dynamic writes | Protected | Total |\n|---|---:|---:|---:|---:|\n" in result.stdout
    assert "| **TOTALS** | **1** | **0** | **0** | **1** |" in result.stdout


class _Rows:
    """A stand-in for a model's table: select_for_update().get(pk=...) and save(update_fields)."""

    def __init__(self, model: type, rows: dict[int, str]) -> None:
        self.model, self.rows, self.saved = model, rows, []  # type: list[tuple[str, int, list[str]]]

    def select_for_update(self) -> _Rows:
        return self

    def filter(self, *, pk: int) -> types.SimpleNamespace:
        return types.SimpleNamespace(first=lambda: self.get(pk=pk) if pk in self.rows else None)

    def get(self, *, pk: int) -> object:
        row = self.model(pk, self.rows[pk])
        row.save = lambda update_fields: self._save(row, update_fields)  # type: ignore[attr-defined]
        return row

    def _save(self, row: object, update_fields: list[str]) -> None:
        self.rows[row.pk] = row.status  # type: ignore[attr-defined]
        self.saved.append((self.model.__name__, row.pk, update_fields))  # type: ignore[attr-defined]


def test_the_writer_of_one_field_has_one_keyword_and_writes_through_the_instance_s_own_class() -> None:
    import types

    from room_refactor.core.scaffold import writer_source

    config = table('[tool.room-refactor]\nmodel = "mail.models.Email"\nfields = ["status"]\n'
                   'service = "mail.state.set_status"\nstatus-setter = ""\n')
    source = writer_source(config, setter=None)
    assert source.startswith("def set_status(email, *, status=None, row_locked=False, full_save=False):\n")

    class Email:
        _default_manager: _Rows
        _meta = types.SimpleNamespace(concrete_fields=[])  # no auto_now field to copy back

        def __init__(self, pk: int, status: str) -> None:
            self.pk, self.status = pk, status
            self._state = types.SimpleNamespace(adding=False)

    class Newsletter(Email):  # another table, same inherited field
        pass

    Email._default_manager = _Rows(Email, {1: "queued"})
    Newsletter._default_manager = _Rows(Newsletter, {1: "queued"})
    namespace: dict[str, object] = {"transaction": types.SimpleNamespace(atomic=_NoTransaction)}
    exec(compile(source, "writer", "exec"), namespace)
    letter = Newsletter(1, "queued")
    namespace["set_status"](letter, status="sent")  # type: ignore[operator]
    assert Newsletter._default_manager.saved == [("Newsletter", 1, ["status"])]
    assert Email._default_manager.saved == [] and Email._default_manager.rows == {1: "queued"}
    assert letter.status == "sent"


class _NoTransaction:
    def __init__(self, *, savepoint: bool = True) -> None:  # transaction.atomic(savepoint=False)
        self.savepoint = savepoint

    def __enter__(self) -> None:
        return None

    def __exit__(self, *exc: object) -> None:
        return None


def test_a_group_never_inherits_the_hotel_s_status_setter() -> None:
    config = table('[tool.room-refactor]\n\n[[tool.room-refactor.groups]]\nmodel = "billing.models.Invoice"\n'
                   'fields = ["paid"]\nservice = "billing.state.set_invoice_paid"\n')
    assert config.status_setter == "housekeeping.services.set_room_status"
    assert config.groups[1].status_setter is None
