"""`[tool.room-refactor]`: find it, validate it, and explain where each value came from."""

from __future__ import annotations

import keyword
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
#: The writer's keyword for a field is the field's own name, except where this says otherwise:
#: the hotel's `room_status` is `status=` (the documented writer signature).
DEFAULT_KEYWORDS = (("room_status", "status"),)
#: The keys one group (one model, its state fields and its writer) may set in
#: `[[tool.room-refactor.groups]]`; the first group is the top-level table itself.
GROUP_KEYS = (
    "model", "fields", "occupancy-field", "status-field", "keywords", "service", "status-setter",
    "canonical", "receivers",
)


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
    #: The state fields, when the `fields` key names them (one or more); otherwise the pair
    #: `occupancy-field`, `status-field`.
    state_fields: tuple[str, ...] | None = None
    #: field -> the writer's keyword for it (`keywords`); a field not listed is its own keyword.
    keywords: tuple[tuple[str, str], ...] = DEFAULT_KEYWORDS
    #: The groups after the first (`[[tool.room-refactor.groups]]`), each a complete Config.
    extra_groups: tuple[Config, ...] = ()

    # -- derived, cheap helpers (no I/O) -------------------------------------------------
    @property
    def fields(self) -> tuple[str, ...]:
        """Every state field of the model, in the configured order."""
        if self.state_fields is not None:
            return self.state_fields
        return (self.occupancy_field, self.status_field)

    @property
    def groups(self) -> tuple[Config, ...]:
        """Every group: this one (the top-level keys) first, then `[[tool.room-refactor.groups]]`."""
        return (self, *self.extra_groups)

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
        """The writer's keyword for a field: the `keywords` entry, else the field's own name
        (the hotel's defaults give `is_occupied=` and `status=`)."""
        return dict(self.keywords).get(field_name, field_name)

    def field_for_keyword(self, keyword: str) -> str | None:
        """The state field a writer keyword sets, or None."""
        for name in self.fields:
            if self.keyword_for(name) == keyword:
                return name
        return None

    def is_canonical_module(self, module: str) -> bool:
        allowed = (*self.canonical, self.service_module)
        return any(module == name or module.startswith(name + ".") for name in allowed)

    def receiver_matches(self, receiver: str) -> bool:
        return any(pattern.fullmatch(receiver) for pattern in _compiled(self.receivers))

    def is_event_call(self, dotted: str) -> bool:
        known = _EVENT_CALLS.get(self.event_functions)
        if known is None or len(known) > 100_000:
            known = _EVENT_CALLS[self.event_functions] = {}
        found = known.get(dotted)
        if found is None:
            combined = _one_pattern(self.event_functions)
            if combined is None:
                found = any(pattern.fullmatch(dotted) for pattern in _compiled(self.event_functions))
            else:
                found = combined.fullmatch(dotted) is not None
            known[dotted] = found
        return found


_PATTERN_CACHE: dict[tuple[str, ...], tuple[re.Pattern[str], ...]] = {}
_ALTERNATIVES: dict[tuple[str, ...], re.Pattern[str] | None] = {}
#: The verdicts of `is_event_call`, per pattern set: a project calls the same names again and again.
_EVENT_CALLS: dict[tuple[str, ...], dict[str, bool]] = {}
_PLAIN_FLAGS = re.compile("").flags  # a str pattern's flags when it sets none itself


def _one_pattern(patterns: tuple[str, ...]) -> re.Pattern[str] | None:
    """One expression that matches a whole string where one of `patterns` does: one call
    instead of one per pattern. None when a pattern has a capturing group (a backreference would
    count the groups of the others) or a global flag such as `(?i)` (it would apply to all of
    them); non-capturing groups `(?:...)` and scoped flags `(?i:...)` combine."""
    if patterns in _ALTERNATIVES:
        return _ALTERNATIVES[patterns]
    combined: re.Pattern[str] | None = None
    if all(pattern.groups == 0 and pattern.flags == _PLAIN_FLAGS for pattern in _compiled(patterns)):
        try:
            combined = re.compile("|".join(f"(?:{p})" for p in patterns) or "(?!)")
        except re.error:
            combined = None
    _ALTERNATIVES[patterns] = combined
    return combined


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
    "fields": ("state_fields", "field-list", "the state fields (one or more; replaces the two keys above)"),
    "keywords": ("keywords", "keyword-table", "the writer's keyword per field (default: the field's name)"),
    "groups": ("extra_groups", "group-list", "more models, each with its own fields and writer"),
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
    if "fields" in table:  # the pair's keys are then derived from `fields`
        for key in ("occupancy-field", "status-field"):
            if key not in table:
                sources[key] = f"{source} (from fields)"
    return LoadedConfig(config=config, root=root, pyproject=pyproject, sources=sources)


def config_from_table(
    table: dict[str, Any], *, origin: str = "<inline>", base: Config | None = None, section: str = f"tool.{SECTION}"
) -> Config:
    """Validate a `[tool.room-refactor]` table; unknown keys and wrong types are errors.

    `base` and `section` are for a group of `groups`: its keys are checked against
    GROUP_KEYS, and what it does not set comes from the top-level table."""
    values: dict[str, Any] = {}
    allowed = GROUP_KEYS if base is not None else KEYS
    for key, value in table.items():
        if key not in allowed:
            hint = _close_key(key, allowed)
            suffix = f" (did you mean {hint!r}?)" if hint else ""
            raise ConfigError(f"{origin}: unknown key {key!r} in [{section}]{suffix}")
        attribute, expected, _ = _KEYS[key]
        if expected == "group-list":
            continue  # after the top-level table: each group inherits from it
        values[attribute] = _coerce(key, value, expected, origin, section)
    start = base if base is not None else Config()
    if "keywords" in values:  # per field, on top of the defaults
        values["keywords"] = tuple({**dict(start.keywords), **dict(values["keywords"])}.items())
    config = replace(start, extra_groups=(), **values)
    for dotted_key, dotted in (("model", config.model), ("service", config.service)):
        if "." not in dotted or not all(part.isidentifier() for part in dotted.split(".")):
            # A file path (`/srv/app/services.writer`) would make the writer's module a path outside
            # the project; only Python module paths are accepted.
            raise ConfigError(
                f"{origin}: key {dotted_key!r}{_in(section)} must be a dotted path like 'app.module.Name', got {dotted!r}"
            )
    config = _resolve_fields(config, table, origin, section)
    if "groups" in table:
        config = replace(config, extra_groups=_groups(table["groups"], config, origin))
    return config


def _resolve_fields(config: Config, table: dict[str, Any], origin: str, section: str) -> Config:
    """`fields` or the pair `occupancy-field` / `status-field`, never both spellings at once."""
    if config.state_fields is None:
        if config.occupancy_field == config.status_field:
            raise ConfigError(f"{origin}: keys 'occupancy-field' and 'status-field'{_in(section)} must differ")
    elif "fields" in table:
        if "occupancy-field" in table:
            raise ConfigError(
                f"{origin}: keys 'fields' and 'occupancy-field' in [{section}] both name the state fields; keep 'fields'"
            )
        state = config.state_fields
        if "status-field" in table:
            if config.status_field not in state:
                raise ConfigError(
                    f"{origin}: key 'status-field' in [{section}] must be one of 'fields' {list(state)}, "
                    f"got {config.status_field!r}"
                )
            status = config.status_field
        else:
            status = state[-1]  # the field a `status-setter` takes: the last one unless named
        config = replace(config, occupancy_field=state[0], status_field=status)
    elif "occupancy-field" in table or "status-field" in table:
        # A group that spells its fields with the old keys drops the inherited `fields`.
        config = replace(config, state_fields=None)
        if config.occupancy_field == config.status_field:
            raise ConfigError(f"{origin}: keys 'occupancy-field' and 'status-field'{_in(section)} must differ")
    keywords = [config.keyword_for(name) for name in config.fields]
    repeated = sorted({k for k in keywords if keywords.count(k) > 1})
    if repeated:
        raise ConfigError(
            f"{origin}: key 'keywords' in [{section}] gives two fields the same writer keyword {repeated[0]!r}"
        )
    if isinstance(table.get("keywords"), dict):
        unknown = [name for name in table["keywords"] if name not in config.fields]
        if unknown:
            raise ConfigError(
                f"{origin}: key 'keywords' in [{section}] names {unknown[0]!r}, which is not a state field "
                f"({', '.join(config.fields)})"
            )
    return config


def _in(section: str) -> str:
    """Where a key is, in a message: nothing for the top-level table (the message names the file)."""
    return "" if section == f"tool.{SECTION}" else f" in [{section}]"


def _groups(value: Any, first: Config, origin: str) -> tuple[Config, ...]:
    section = f"[tool.{SECTION}.groups]"
    if not isinstance(value, list) or not all(isinstance(item, dict) for item in value):
        raise ConfigError(f"{origin}: key 'groups' in [tool.{SECTION}] must be an array of tables ([{section}])")
    groups: list[Config] = []
    for index, item in enumerate(value, start=1):
        where = f"tool.{SECTION}.groups #{index}"
        if "model" not in item or "service" not in item or "fields" not in item:
            raise ConfigError(
                f"{origin}: [{where}] must set 'model', 'fields' and 'service' (each group has its own writer)"
            )
        # A group inherits the project-wide keys (exclude, import-style, ...) and the receivers;
        # its fields, canonical modules, keywords and status setter are its own (its writer's
        # module is always canonical; no setter unless it names one).
        base = replace(first, canonical=(), keywords=(), state_fields=None, status_setter=None)
        groups.append(config_from_table(item, origin=origin, base=base, section=where))
    seen: dict[str, str] = {}
    for group in (first, *groups):
        for other_model, other_service in seen.items():
            if group.service == other_service:
                raise ConfigError(f"{origin}: groups {other_model!r} and {group.model!r} share the writer {group.service!r}")
        if group.model in seen:
            raise ConfigError(f"{origin}: the model {group.model!r} is named by two groups")
        seen[group.model] = group.service
    return tuple(groups)


def _coerce(key: str, value: Any, expected: str, origin: str, section: str = f"tool.{SECTION}") -> Any:
    def wrong(kind: str) -> ConfigError:
        return ConfigError(
            f"{origin}: key {key!r} in [{section}] must be {kind}, got {type(value).__name__} {value!r}"
        )

    if expected == "field-list":
        if not isinstance(value, list) or not value or not all(isinstance(item, str) for item in value):
            raise wrong("a non-empty list of field names")
        for item in value:
            if not item.isidentifier():
                raise wrong("a list of field names (Python identifiers)")
        if len(set(value)) != len(value):
            raise wrong("a list of distinct field names")
        return tuple(value)
    if expected == "keyword-table":
        if not isinstance(value, dict) or not all(isinstance(v, str) for v in value.values()):
            raise wrong("a table of field = \"keyword\"")
        for item in value.values():
            if not item.isidentifier() or keyword.iskeyword(item):
                raise wrong("a table of field = \"keyword\" (keywords are Python identifiers)")
        return tuple(value.items())

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


def _close_key(key: str, allowed: tuple[str, ...] = ()) -> str | None:
    import difflib

    matches = difflib.get_close_matches(key, allowed or KEYS, n=1)
    return matches[0] if matches else None


def describe(loaded: LoadedConfig) -> list[tuple[str, Any, str]]:
    """(key, value, source) for every key, in the documented order."""
    rows = []
    for key, (attribute, expected, _) in _KEYS.items():
        value = getattr(loaded.config, attribute)
        if expected == "field-list":
            value = list(loaded.config.fields)  # the effective fields, whichever keys named them
        elif expected == "keyword-table":
            value = {name: loaded.config.keyword_for(name) for name in loaded.config.fields}
        elif expected == "group-list":
            value = [_group_row(group) for group in value]
        elif isinstance(value, tuple):
            value = list(value)
        rows.append((key, value, loaded.sources.get(key, "default")))
    return rows


def _group_row(group: Config) -> dict[str, Any]:
    row: dict[str, Any] = {}
    for key in GROUP_KEYS:
        attribute, expected, _ = _KEYS[key]
        value = getattr(group, attribute)
        if expected == "field-list":
            value = list(group.fields)
        elif expected == "keyword-table":
            value = {name: group.keyword_for(name) for name in group.fields}
        elif isinstance(value, tuple):
            value = list(value)
        row[key] = value
    return row


def attribute_names() -> set[str]:
    return {f.name for f in fields(Config)}
