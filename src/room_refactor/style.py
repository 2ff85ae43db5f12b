"""The target project's code style, read from its own configuration: the line length the
generated code fits in, the formatter it follows, and the packages that are its first party
(for the import section a new import goes into). I/O: it reads the project's files.

The line length comes from the first of these that sets one, and says which it was:
`[tool.room-refactor] line-length`, `[tool.ruff] line-length`, `[tool.black] line-length`,
`[tool.isort] line_length`, `ruff.toml` / `.ruff.toml`, then `setup.cfg` (`[isort]`, `[flake8]`,
`[pycodestyle]`), `tox.ini` and `.flake8` (`max-line-length`). With none of them, the line
length is not known, and the rewrite keeps the file's own longest line as its limit (from 88
up to 120), so that it never wraps a call that the file's own style would keep on one line.
"""

from __future__ import annotations

import configparser
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

FORMATTERS = ("ruff", "black", "none")


@dataclass(frozen=True)
class Style:
    line_length: int | None = None  # None: not configured anywhere
    line_length_source: str = "default"
    formatter: str | None = None  # "ruff", "black", "none" or None (not known)
    formatter_source: str = "default"
    first_party: tuple[str, ...] = ()  # top-level package names that are the project's own


def _toml(path: Path) -> dict[str, Any]:
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
        return {}


def _ini(path: Path) -> configparser.ConfigParser | None:
    if not path.is_file():
        return None
    parser = configparser.ConfigParser(interpolation=None)
    try:
        parser.read(path, encoding="utf-8")
    except (configparser.Error, UnicodeDecodeError, OSError):
        return None
    return parser


def _int(value: Any) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value if value > 0 else None
    if isinstance(value, str) and value.strip().isdigit():
        return int(value.strip()) or None
    return None


def read_style(
    root: Path, *, line_length: int | None = None, formatter: str | None = None, pyproject: Path | None = None
) -> Style:
    """The style of the project at `root`. `line_length` and `formatter` are its
    `[tool.room-refactor]` settings, which win over everything else. A formatter (set, or
    inferred from a ruff or black table) without a line length means its default, 88."""
    table: dict[str, Any] = {}
    if line_length is not None:
        table["line-length"] = line_length
    if formatter is not None:
        table["formatter"] = formatter
    pyproject = pyproject or (root / "pyproject.toml")
    tool = _toml(pyproject).get("tool", {}) if pyproject.is_file() else {}
    ruff_files = [root / "ruff.toml", root / ".ruff.toml"]
    ruff_toml = next((_toml(path) for path in ruff_files if path.is_file()), None)
    ruff = tool.get("ruff") if isinstance(tool.get("ruff"), dict) else None
    black = tool.get("black") if isinstance(tool.get("black"), dict) else None
    isort = tool.get("isort") if isinstance(tool.get("isort"), dict) else None

    candidates: list[tuple[str, Any]] = [
        (f"{pyproject} [tool.room-refactor] line-length", table.get("line-length")),
        (f"{pyproject} [tool.ruff] line-length", (ruff or {}).get("line-length")),
        (f"{pyproject} [tool.black] line-length", (black or {}).get("line-length", 88 if black is not None else None)),
        (f"{pyproject} [tool.isort] line_length", (isort or {}).get("line_length")),
    ]
    if ruff_toml is not None:
        candidates.append(("ruff.toml line-length", ruff_toml.get("line-length")))
    for name, sections in (("setup.cfg", ("isort", "flake8", "pycodestyle")), ("tox.ini", ("flake8", "pycodestyle")),
                           (".flake8", ("flake8",))):
        parser = _ini(root / name)
        if parser is None:
            continue
        for section in sections:
            if parser.has_section(section):
                for key in ("line_length", "max-line-length", "max_line_length"):
                    if parser.has_option(section, key):
                        candidates.append((f"{root / name} [{section}] {key}", parser.get(section, key)))
    line_length, length_source = None, "default"
    for source, value in candidates:
        number = _int(value)
        if number is not None:
            line_length, length_source = number, source
            break
    if line_length is None and (ruff is not None or ruff_toml is not None):
        line_length, length_source = 88, "ruff's default (a [tool.ruff] table without line-length)"

    formatter, formatter_source = None, "default"
    if isinstance(table.get("formatter"), str):
        formatter, formatter_source = table["formatter"], f"{pyproject} [tool.room-refactor] formatter"
    elif (ruff is not None and isinstance(ruff.get("format"), dict)) or ruff_toml is not None:
        formatter, formatter_source = "ruff", "a ruff configuration"
    elif black is not None:
        formatter, formatter_source = "black", f"{pyproject} [tool.black]"
    elif ruff is not None:
        formatter, formatter_source = "ruff", f"{pyproject} [tool.ruff]"
    if line_length is None and formatter in ("ruff", "black"):
        line_length, length_source = 88, f"{formatter}'s default line length"
    return Style(
        line_length=line_length,
        line_length_source=length_source,
        formatter=formatter,
        formatter_source=formatter_source,
        first_party=first_party_packages(root, tool=tool, ruff_toml=ruff_toml),
    )


def first_party_packages(root: Path, *, tool: dict[str, Any], ruff_toml: dict[str, Any] | None) -> tuple[str, ...]:
    """The project's own top-level packages and modules (as ruff and isort find them in the
    project root and `src/`), plus any `known-first-party` the project declares."""
    names: set[str] = set()
    for base in (root, root / "src"):
        try:
            entries = list(base.iterdir())
        except OSError:
            continue
        for entry in entries:
            if entry.name.startswith(".") or (base == root and entry.name == "src"):
                continue  # hidden directories; `src/` is a source root, not a package
            if entry.is_dir() and entry.name.isidentifier():
                names.add(entry.name)  # a package, or a namespace package (ruff and isort count both)
            elif entry.suffix == ".py" and entry.stem.isidentifier():
                names.add(entry.stem)
    ruff: dict[str, Any] = tool["ruff"] if isinstance(tool.get("ruff"), dict) else {}
    declared: list[Any] = []
    for table in (ruff, ruff.get("isort", {}), ruff.get("lint", {}).get("isort", {}) if isinstance(ruff.get("lint"), dict) else {},
                  (ruff_toml or {}).get("lint", {}).get("isort", {}) if isinstance((ruff_toml or {}).get("lint"), dict) else {}):
        if isinstance(table, dict):
            declared.extend(table.get("known-first-party", []) or [])
    isort: dict[str, Any] = tool["isort"] if isinstance(tool.get("isort"), dict) else {}
    declared.extend(isort.get("known_first_party", []) or [])
    names.update(item for item in declared if isinstance(item, str))
    return tuple(sorted(names))
