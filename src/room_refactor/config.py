"""`[tool.room-refactor]`: find it, validate it, and explain where each value came from."""

from __future__ import annotations

import os

import re
import sys
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Any

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

SECTION = "room-refactor"

#: Exclusions that `--include-tests` lifts (test and migration files are reported, never rewritten).
TEST_EXCLUDE = (
    "migrations/",
    "tests/",
    "test/",
    "tests.py",
    "test_*.py",
    "*_test.py",
    "*_tests.py",
    "conftest.py",
)
DEFAULT_EXCLUDE = TEST_EXCLUDE + (
    "__pycache__/",
    ".git/",
    ".hg/",
    ".venv/",
    "venv/",
    ".tox/",
    ".nox/",
    ".eggs/",
    "site-packages/",
    "node_modules/",
)
# Receivers are typed (core/receiver_types.py). These names count only for a receiver whose type
# cannot be proven: one named like a room, when another class declares a field of the same name
# or the field name is computed (`setattr(room, name, value)`). `receivers = []` counts by type only.
DEFAULT_RECEIVERS: tuple[str, ...] = (r"(?:[A-Za-z_]\w*\.)*[A-Za-z_]?\w*room",)
DEFAULT_VIEW_METHODS = ("post", "put", "patch", "delete", "create", "update", "partial_update", "destroy")
DEFAULT_EVENT_FUNCTIONS = (
    r"(?:\w+\.)*notification_manager\.\w+",
    r"(?:\w+\.)*\w*pusher\w*\.trigger\w*",
    r"(?:\w+\.)*(?:emit|broadcast|publish)_\w+",
    r"(?:\w+\.)*(?:send|trigger)_(?:realtime|event)\w*",
    r"(?:\w+\.)*realtime_\w+",
)
IMPORT_STYLES = ("auto", "module", "local")
FORMATTERS = ("ruff", "black", "none")


class ConfigError(Exception):
    """A bad `[tool.room-refactor]` table. The message names the key and the file."""


@dataclass(frozen=True)
class Config:
    model: str = "rooms.models.Room"
    occupancy_field: str = "is_occupied"
    status_field: str = "room_status"
    service: str = "housekeeping.services.set_room_occupancy_and_status"
    status_setter: str | None = "housekeeping.services.set_room_status"
    canonical: tuple[str, ...] = ("housekeeping.services",)
    receivers: tuple[str, ...] = DEFAULT_RECEIVERS
    atomic_requests: bool = False
    exclude: tuple[str, ...] = DEFAULT_EXCLUDE
    extend_exclude: tuple[str, ...] = ()
    view_methods: tuple[str, ...] = DEFAULT_VIEW_METHODS
    migrated: tuple[str, ...] | None = None
    import_style: str = "auto"
    event_functions: tuple[str, ...] = DEFAULT_EVENT_FUNCTIONS
    check_implicit: bool = False
    # The generated code's style (style.py reads the project's own tools when these are absent).
    line_length: int | None = None
    formatter: str | None = None
    django_version: str | None = None  # e.g. "4.2": what --constraints generates for (django_version.py)

    # -- derived, cheap helpers (no I/O) -------------------------------------------------
    @property
    def fields(self) -> tuple[str, str]:
        return (self.occupancy_field, self.status_field)

    @property
    def service_module(self) -> str:
        return self.service.rpartition(".")[0]

    @property
    def service_name(self) -> str:
        return self.service.rpartition(".")[2]

    @property
    def model_module(self) -> str:
        return self.model.rpartition(".")[0]

    @property
    def model_name(self) -> str:
        return self.model.rpartition(".")[2]

    def keyword_for(self, field_name: str) -> str:
        """The writer's keyword for a field: `is_occupied=` and `status=`."""
        return "is_occupied" if field_name == self.occupancy_field else "status"

    def is_canonical_module(self, module: str) -> bool:
        allowed = (*self.canonical, self.service_module)
        return any(module == name or module.startswith(name + ".") for name in allowed)

    def receiver_matches(self, receiver: str) -> bool:
        return any(pattern.fullmatch(receiver) for pattern in _compiled(self.receivers))

    def is_event_call(self, dotted: str) -> bool:
        return any(pattern.fullmatch(dotted) for pattern in _compiled(self.event_functions))


_PATTERN_CACHE: dict[tuple[str, ...], tuple[re.Pattern[str], ...]] = {}


def _compiled(patterns: tuple[str, ...]) -> tuple[re.Pattern[str], ...]:
    compiled = _PATTERN_CACHE.get(patterns)
    if compiled is None:
        compiled = tuple(re.compile(p) for p in patterns)
        _PATTERN_CACHE[patterns] = compiled
    return compiled


# key in TOML -> (attribute, expected type, description)
_KEYS: dict[str, tuple[str, str, str]] = {
    "model": ("model", "str", "the model that owns the state fields"),
    "occupancy-field": ("occupancy_field", "str", "the occupancy field"),
    "status-field": ("status_field", "str", "the status field"),
    "service": ("service", "str", "the canonical writer that rewritten writes call"),
    "status-setter": ("status_setter", "str?", "status function the writer delegates to"),
    "canonical": ("canonical", "list", "modules allowed to write the fields directly"),
    "receivers": ("receivers", "regex-list", "receiver expressions that count as a Room"),
    "atomic-requests": ("atomic_requests", "bool", "ATOMIC_REQUESTS is on"),
    "exclude": ("exclude", "list", "paths never touched (gitignore syntax)"),
    "extend-exclude": ("extend_exclude", "list", "paths excluded on top of `exclude`"),
    "view-methods": ("view_methods", "list", "handler names that count as mutating"),
    "migrated": ("migrated", "list", "modules already migrated (the rollout ratchet)"),
    "import-style": ("import_style", "import-style", "auto, module or local"),
    "event-functions": ("event_functions", "regex-list", "calls that emit a realtime event"),
    "check-implicit": ("check_implicit", "bool", "audit --check also fails on implicit write paths"),
    "line-length": ("line_length", "positive-int", "the line length of generated code (default: the project's ruff, black, isort or flake8 setting)"),
    "formatter": ("formatter", "formatter", "ruff, black or none: the layout of generated code when it cannot be inferred"),
    "django-version": ("django_version", "version", "the project's Django version, when it cannot be read from its environment or requirements"),
}
KEYS = tuple(_KEYS)


@dataclass(frozen=True)
class LoadedConfig:
    config: Config
    root: Path  # the project root: paths in output are relative to it
    pyproject: Path | None  # the file that was read, if any
    sources: dict[str, str] = field(default_factory=dict)  # TOML key -> "default" or the file


def find_project_root(start: Path) -> tuple[Path, Path | None]:
    """Walk up from `start` to the nearest directory with a `pyproject.toml` (or `.git`).

    The walk is over the path as given, not where a symlink in it points: `app/extdir`, a link
    to a directory outside the project, belongs to the project that holds `app/`, whose root
    then keeps every write inside it."""
    start = Path(os.path.abspath(start))
    if start.is_file() or not start.exists():
        start = start.parent
    for directory in (start, *start.parents):
        candidate = directory / "pyproject.toml"
        if candidate.is_file():
            return directory.resolve(), candidate.parent.resolve() / candidate.name
        if (directory / ".git").exists():
            return directory.resolve(), None
    return start.resolve(), None


def load_config(paths: list[Path] | None = None, *, cwd: Path | None = None) -> LoadedConfig:
    start = paths[0] if paths else (cwd or Path.cwd())
    root, pyproject = find_project_root(start)
    table: dict[str, Any] = {}
    if pyproject is not None:
        try:
            data = tomllib.loads(pyproject.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
            raise ConfigError(f"{pyproject}: cannot read TOML: {exc}") from exc
        raw = data.get("tool", {}).get(SECTION, {})
        if not isinstance(raw, dict):
            raise ConfigError(f"{pyproject}: [tool.{SECTION}] must be a table")
        table = raw
    config = config_from_table(table, origin=str(pyproject) if pyproject else "<none>")
    source = str(pyproject) if pyproject else "default"
    sources = {key: (source if key in table else "default") for key in KEYS}
    return LoadedConfig(config=config, root=root, pyproject=pyproject, sources=sources)


def config_from_table(table: dict[str, Any], *, origin: str = "<inline>") -> Config:
    """Validate a `[tool.room-refactor]` table; unknown keys and wrong types are errors."""
    values: dict[str, Any] = {}
    for key, value in table.items():
        if key not in _KEYS:
            hint = _close_key(key)
            suffix = f" (did you mean {hint!r}?)" if hint else ""
            raise ConfigError(f"{origin}: unknown key {key!r} in [tool.{SECTION}]{suffix}")
        attribute, expected, _ = _KEYS[key]
        values[attribute] = _coerce(key, value, expected, origin)
    config = replace(Config(), **values)
    for dotted_key, dotted in (("model", config.model), ("service", config.service)):
        if "." not in dotted or not all(part.isidentifier() for part in dotted.split(".")):
            # A file path (`/srv/app/services.writer`) would make the writer's module a path outside
            # the project; only Python module paths are accepted.
            raise ConfigError(f"{origin}: key {dotted_key!r} must be a dotted path like 'app.module.Name', got {dotted!r}")
    if config.occupancy_field == config.status_field:
        raise ConfigError(f"{origin}: keys 'occupancy-field' and 'status-field' must differ")
    return config


def _coerce(key: str, value: Any, expected: str, origin: str) -> Any:
    def wrong(kind: str) -> ConfigError:
        return ConfigError(
            f"{origin}: key {key!r} in [tool.{SECTION}] must be {kind}, got {type(value).__name__} {value!r}"
        )

    if expected == "str":
        if not isinstance(value, str) or not value:
            raise wrong("a non-empty string")
        return value
    if expected == "str?":
        if not isinstance(value, str):
            raise wrong("a string (\"\" for none)")
        return value or None
    if expected == "bool":
        if not isinstance(value, bool):
            raise wrong("true or false")
        return value
    if expected == "positive-int":
        if isinstance(value, bool) or not isinstance(value, int) or value < 20:
            raise wrong("an integer of at least 20")
        return value
    if expected == "formatter":
        if value not in FORMATTERS:
            raise wrong("one of " + ", ".join(repr(s) for s in FORMATTERS))
        return value
    if expected == "version":
        if not isinstance(value, str) or not re.fullmatch(r"\d+(\.\d+){0,2}", value):
            raise wrong('a version such as "4.2"')
        return value
    if expected == "import-style":
        if value not in IMPORT_STYLES:
            raise wrong("one of " + ", ".join(repr(s) for s in IMPORT_STYLES))
        return value
    if expected in ("list", "regex-list"):
        if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
            raise wrong("a list of strings")
        if expected == "regex-list":
            for item in value:
                try:
                    re.compile(item)
                except re.error as exc:
                    raise ConfigError(
                        f"{origin}: key {key!r} in [tool.{SECTION}] has an invalid regular expression {item!r}: {exc}"
                    ) from exc
                if _backtracks_catastrophically(item):
                    raise ConfigError(
                        f"{origin}: key {key!r} in [tool.{SECTION}] has a regular expression {item!r} that takes "
                        "exponential time on some receivers (a quantifier inside a quantifier, like `(a+)+`); "
                        "rewrite it without the nesting"
                    )
        return tuple(value)
    raise AssertionError(expected)  # pragma: no cover


def _backtracks_catastrophically(pattern: str, *, budget: float = 0.25) -> bool:
    """Whether `pattern` takes longer than `budget` seconds on one of a few probe strings of 30
    to 60 characters: runs of the characters it names, with an ending that fails the match.
    `re` checks for signals while it matches, so an alarm stops the probe (main thread only;
    elsewhere no probe is made)."""
    import signal
    import threading

    if not hasattr(signal, "setitimer") or threading.current_thread() is not threading.main_thread():
        return False
    compiled = re.compile(pattern)
    letters = sorted({ch for ch in pattern if ch.isalnum() or ch in "._"}) or ["a"]
    probes = [ch * 40 + "!" for ch in letters[:8]] + ["".join(letters) * 6 + "!", "a." * 25 + "(", "a_" * 25 + "!"]

    class Slow(Exception):
        pass

    def expire(signum: int, frame: object) -> None:
        raise Slow()

    previous = signal.signal(signal.SIGALRM, expire)
    try:
        for probe in probes:
            signal.setitimer(signal.ITIMER_REAL, budget)
            try:
                compiled.fullmatch(probe)
            except Slow:
                return True
            finally:
                signal.setitimer(signal.ITIMER_REAL, 0)
        return False
    finally:
        signal.signal(signal.SIGALRM, previous)


def _close_key(key: str) -> str | None:
    import difflib

    matches = difflib.get_close_matches(key, KEYS, n=1)
    return matches[0] if matches else None


def describe(loaded: LoadedConfig) -> list[tuple[str, Any, str]]:
    """(key, value, source) for every key, in the documented order."""
    rows = []
    for key, (attribute, _, _) in _KEYS.items():
        value = getattr(loaded.config, attribute)
        rows.append((key, list(value) if isinstance(value, tuple) else value, loaded.sources.get(key, "default")))
    return rows


def attribute_names() -> set[str]:
    return {f.name for f in fields(Config)}
