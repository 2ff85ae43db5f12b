"""Point 12 of issue 19, the smaller faults: each is one clear line for its file, never a
traceback, never a written file that does not compile or calls the wrong function."""

from __future__ import annotations

from dataclasses import replace

import pytest

from room_refactor.config import Config, ConfigError, config_from_table
from room_refactor.model import Status
from room_refactor.runner import Task, process_source
from tests.tools import run_source


@pytest.mark.parametrize(
    ("source", "reason", "line"),
    [
        pytest.param("def f(room):\n    try:\n        room.room_status = 'X'\n        room.save()\n    except E, e:\n        pass\n",
                     "multiple exception types must be parenthesized", 5, id="except-comma"),
        pytest.param("def f(room):\n    room.room_status = 'X'\n    g(a=1, a=2)\n    room.save()\n",
                     "keyword argument repeated: a", 3, id="repeated-keyword"),
        pytest.param("room.room_status = 'X'\nreturn 1\n", "'return' outside function", 2, id="return-outside"),
    ],
)
def test_a_file_python_cannot_compile_is_never_rewritten(source: str, reason: str, line: int) -> None:
    result = run_source(source, path="app/x.py")
    assert result.status is Status.FAILED
    assert result.error is not None and result.error.line == line
    assert result.error.message.startswith(f"the original does not compile with Python 3.") or "either" in result.error.message
    assert f"({reason})" in result.error.message
    assert result.new_source is None


@pytest.mark.parametrize(
    ("source", "where", "line"),
    [
        pytest.param("def f(room, set_room_occupancy_and_status):\n    room.room_status = 'X'\n    room.save()\n", "f()", 1, id="parameter"),
        pytest.param("def f(room):\n    def set_room_occupancy_and_status(r, **k):\n        pass\n"
                     "    room.room_status = 'X'\n    room.save()\n", "f()", 2, id="local-def"),
        pytest.param("def set_room_occupancy_and_status(r):\n    pass\n\n\ndef f(room):\n    room.room_status = 'X'\n"
                     "    room.save()\n", "the module", 1, id="module-def"),
        pytest.param("def f(room):\n    set_room_occupancy_and_status = print\n    room.room_status = 'X'\n    room.save()\n",
                     "f()", 2,
                     id="local-assignment"),
    ],
)
def test_a_local_name_like_the_writer_leaves_the_file_untouched(source: str, where: str, line: int) -> None:
    result = run_source(source, path="app/x.py")
    assert result.status is Status.FAILED
    assert result.error is not None
    assert result.error.message == (
        f"a local name set_room_occupancy_and_status in {where} would capture the rewritten call; left untouched (rename it)"
    )
    assert result.error.line == line


@pytest.mark.parametrize(
    "source",
    [
        pytest.param("def g(set_room_occupancy_and_status):\n    pass\n\n\ndef f(room):\n    room.room_status = 'X'\n"
                     "    room.save()\n",
                     id="another-functions-parameter"),
        pytest.param("from housekeeping.services import set_room_occupancy_and_status\n\n\n"
                     "def f(room):\n    room.room_status = 'X'\n    room.save()\n", id="the-writers-own-import"),
        pytest.param("class A:\n    set_room_occupancy_and_status = None\n\n    def f(self, room):\n"
                     "        room.room_status = 'X'\n        room.save()\n", id="class-attribute-is-not-in-scope"),
    ],
)
def test_names_that_do_not_capture_the_call_are_fine(source: str) -> None:
    result = run_source(source, path="app/x.py")
    assert result.status is Status.CHANGED, result.error


def test_form_feed_in_the_indentation_is_one_clear_line() -> None:
    result = run_source("def f(room):\n\x0c    room.room_status = 'X'\n", path="app/x.py")
    assert result.status is Status.FAILED and result.error is not None
    assert result.error.message == "a form feed in the indentation cannot be kept in rewritten code; left untouched"
    assert result.error.line == 2
    assert "internal error" not in result.error.message


def test_cr_only_line_endings_say_so() -> None:
    result = run_source("def f(room):\r    room.room_status = 'X'\r    room.save()\r", path="app/x.py")
    assert result.status is Status.FAILED and result.error is not None
    assert result.error.message.startswith("old Mac line endings (a carriage return alone ends each line)")
    assert result.error.line == 1


@pytest.mark.parametrize("pattern", [r"(a+)+b", r"(\w+\s?)*room", r"(?:room|r\w*)*x"])
def test_a_catastrophic_receivers_pattern_is_rejected(pattern: str) -> None:
    with pytest.raises(ConfigError, match="takes exponential time on some receivers"):
        config_from_table({"receivers": [pattern]})


@pytest.mark.parametrize("pattern", [r"(?:\w+\.)*suite", r"(?:[A-Za-z_]\w*\.)*[A-Za-z_]?\w*room", r"self\.\w+"])
def test_ordinary_receivers_patterns_are_accepted(pattern: str) -> None:
    config_from_table({"receivers": [pattern]})


@pytest.mark.parametrize("service", ["/srv/app/services.set_room", "../outside.set_room", "housekeeping/services.set"])
def test_a_path_is_not_a_service(service: str) -> None:
    with pytest.raises(ConfigError, match="must be a dotted path like 'app.module.Name'"):
        config_from_table({"service": service})


def test_a_file_over_the_parse_bound_is_refused_before_parsing() -> None:
    source = b"def f(room):\n    room.room_status = 'X'\n    room.save()\n" * 100
    task = replace(Task(config=Config(), mode="migrate"), max_parse_bytes=1000)
    result = process_source(source, "app/big.py", task)
    assert result.status is Status.FAILED and result.error is not None
    assert result.error.message.startswith("file is 0.0 MB; files over 0.001 MB are not parsed")
    small = process_source(source[:200], "app/small.py", task)
    assert small.status is Status.CHANGED


def test_the_parse_bound_comes_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ROOM_REFACTOR_MAX_PARSE_MB", "5")
    assert Task(config=Config()).max_parse_bytes == 5_000_000
    monkeypatch.delenv("ROOM_REFACTOR_MAX_PARSE_MB")
    assert Task(config=Config()).max_parse_bytes == 2_000_000
