"""The target project's Django version, for what `--constraints` generates: Django 5.1 renamed
`CheckConstraint(check=...)` to `condition=` (and 6.0 removed `check=`). I/O: reads files.

The tool often runs where Django is not installed (pipx, pre-commit's own environment), so the
version comes from the project, the first of:

1. `--django-version` on the command line;
2. `django-version` in `[tool.room-refactor]`;
3. the project's own virtualenv (`$VIRTUAL_ENV`, or `.venv`/`venv`/`env` in the project or above
   it), from Django's installed metadata;
4. its lock files (`uv.lock`, `poetry.lock`, `Pipfile.lock`) and requirements
   (`requirements*.txt`, `requirements/*.txt`, `[project] dependencies` and Poetry's in
   `pyproject.toml`): an exact pin, else the lowest version the project says it supports;
5. the environment the tool runs in, when Django is installed there;

and otherwise Django 5.1 or later is assumed. `detect` says which one it used.
"""

from __future__ import annotations

import json
import os
import re
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterable

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

Version = tuple[int, ...]


@dataclass(frozen=True)
class DjangoVersion:
    version: Version | None  # None: not found, 5.1+ assumed
    source: str

    @property
    def check_keyword(self) -> str:
        return "condition" if self.version is None or self.version >= (5, 1) else "check"

    def describe(self) -> str:
        shown = ".".join(map(str, self.version)) if self.version is not None else "5.1 or later (assumed)"
        return f"Django {shown}, from {self.source}: CheckConstraint({self.check_keyword}=...)"


def parse_version(text: str) -> Version | None:
    match = re.match(r"\s*v?(\d+)(?:\.(\d+))?(?:\.(\d+))?", text)
    if match is None:
        return None
    return tuple(int(part) for part in match.groups() if part is not None)


_REQUIREMENT = re.compile(r"^\s*django\s*(?:\[[^\]]*\])?\s*(?P<spec>[^;#]*)", re.IGNORECASE)


def version_from_specifier(spec: str) -> Version | None:
    """An exact pin (`==`, `===`, `~=`), else the lower bound (`>=`, `>`): the oldest Django the
    project says it runs on, for which the generated code must work."""
    spec = spec.strip().strip("()")
    if not spec:
        return None
    lowest: Version | None = None
    for clause in spec.split(","):
        clause = clause.strip()
        match = re.match(r"(===|==|~=|>=|>|!=|<=|<)\s*([0-9][0-9.*]*)", clause)
        if match is None:
            continue
        operator, number = match.groups()
        version = parse_version(number.replace("*", "0"))
        if version is None:
            continue
        if operator in ("==", "===", "~="):
            return version
        if operator in (">=", ">") and (lowest is None or version < lowest):
            lowest = version
    return lowest


def _requirement_lines(path: Path, seen: set[Path]) -> Iterable[str]:
    if path in seen or not path.is_file():
        return
    seen.add(path)
    try:
        text = path.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return
    for line in text.splitlines():
        stripped = line.strip()
        include = re.match(r"-[rc]\s+(\S+)", stripped)
        if include:
            yield from _requirement_lines((path.parent / include.group(1)).resolve(), seen)
            continue
        yield stripped


def _from_requirements(root: Path) -> DjangoVersion | None:
    files = sorted(root.glob("requirements*.txt")) + sorted(root.glob("requirements/*.txt"))
    seen: set[Path] = set()
    for path in files:
        for line in _requirement_lines(path.resolve(), seen):
            match = _REQUIREMENT.match(line)
            if match and not re.match(r"^\s*django[-_.]", line, re.IGNORECASE):
                version = version_from_specifier(match.group("spec"))
                if version is not None:
                    return DjangoVersion(version, path.relative_to(root).as_posix())
    return None


def _from_locks(root: Path) -> DjangoVersion | None:
    for name in ("uv.lock", "poetry.lock"):
        path = root / name
        if not path.is_file():
            continue
        try:
            data = tomllib.loads(path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
            continue
        for package in data.get("package", []):
            if isinstance(package, dict) and str(package.get("name", "")).lower() == "django":
                version = parse_version(str(package.get("version", "")))
                if version is not None:
                    return DjangoVersion(version, name)
    path = root / "Pipfile.lock"
    if path.is_file():
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            data = {}
        for group in ("default", "develop"):
            entry = data.get(group, {}).get("django") if isinstance(data.get(group), dict) else None
            if isinstance(entry, dict):
                version = version_from_specifier(str(entry.get("version", "")))
                if version is not None:
                    return DjangoVersion(version, "Pipfile.lock")
    return None


def _from_pyproject(root: Path) -> DjangoVersion | None:
    path = root / "pyproject.toml"
    if not path.is_file():
        return None
    try:
        data: dict[str, Any] = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
        return None
    for requirement in data.get("project", {}).get("dependencies", []) or []:
        match = _REQUIREMENT.match(str(requirement))
        if match and not re.match(r"^\s*django[-_.]", str(requirement), re.IGNORECASE):
            version = version_from_specifier(match.group("spec"))
            if version is not None:
                return DjangoVersion(version, "pyproject.toml [project] dependencies")
    poetry = data.get("tool", {}).get("poetry", {}).get("dependencies", {})
    if isinstance(poetry, dict):
        for key, value in poetry.items():
            if key.lower() == "django":
                spec = value.get("version", "") if isinstance(value, dict) else str(value)
                spec = spec.replace("^", ">=")
                version = version_from_specifier(spec if spec[:1] in "<>=~!" else "==" + spec)
                if version is not None:
                    return DjangoVersion(version, "pyproject.toml [tool.poetry.dependencies]")
    return None


def _from_virtualenv(root: Path) -> DjangoVersion | None:
    candidates: list[Path] = []
    if os.environ.get("VIRTUAL_ENV"):
        candidates.append(Path(os.environ["VIRTUAL_ENV"]))
    for directory in (root, *root.parents):
        candidates.extend(directory / name for name in (".venv", "venv", "env"))
        if (directory / ".git").exists():
            break
    own = Path(sys.prefix).resolve()
    for env in candidates:
        if not (env / "pyvenv.cfg").is_file() or env.resolve() == own:
            continue
        for info in sorted(env.glob("lib*/python*/site-packages/[Dd]jango-*.dist-info")) + sorted(
            env.glob("Lib/site-packages/[Dd]jango-*.dist-info")
        ):
            version = parse_version(info.name.split("-", 1)[1].removesuffix(".dist-info"))
            if version is not None:
                return DjangoVersion(version, f"the project's virtualenv {env}")
    return None


def _from_own_environment() -> DjangoVersion | None:
    from importlib import metadata

    try:
        version = parse_version(metadata.version("django"))
    except metadata.PackageNotFoundError:
        return None
    if version is None:
        return None
    return DjangoVersion(version, "the environment room-refactor runs in")


def detect(root: Path, *, option: str | None = None, setting: str | None = None, setting_source: str = "") -> DjangoVersion:
    if option:
        parsed = parse_version(option)
        if parsed is not None:
            return DjangoVersion(parsed, "--django-version")
    if setting:
        parsed = parse_version(setting)
        if parsed is not None:
            return DjangoVersion(parsed, f"django-version in {setting_source or '[tool.room-refactor]'}")
    for finder in (_from_virtualenv, _from_locks, _from_requirements, _from_pyproject):
        found = finder(root)
        if found is not None:
            return found
    own = _from_own_environment()
    if own is not None:
        return own
    return DjangoVersion(None, "nowhere (no Django found in the project's environment or requirements)")
