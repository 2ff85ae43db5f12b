"""The corpus: real packages from PyPI, downloaded once into a cache, and one full room-refactor
run over a private copy of each (audit, dry-run migrate, migrate --write, migrate --check).

Which corpora run:

- by default the reduced set (``reduced=True`` below), small enough for CI;
- ``ROOM_REFACTOR_FULL_CORPUS=1``: every corpus;
- ``ROOM_REFACTOR_CORPUS=drf,celery``: exactly these (ids below).

Other settings: ``ROOM_REFACTOR_CORPUS_CACHE`` (default ``~/.cache/room-refactor-corpus``),
``ROOM_REFACTOR_CORPUS_JOBS`` (``--jobs`` for the tool, default 2) and
``ROOM_REFACTOR_CORPUS_REPORT=FILE`` (write the per-corpus numbers as JSON).
"""

from __future__ import annotations

import ast
import hashlib
import json
import keyword
import os
import re
import shutil
import subprocess
import sys
import tarfile
import time
import warnings
import zipfile
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterator

import pytest

#: A receiver pattern that matches every receiver expression, calls and subscripts included.
ANY_RECEIVER = "(?s).+"
#: The writer that rewritten writes call. Its module is created (scaffolded) at the copy's root.
SERVICE = "corpus_writer.set_state"
SERVICE_FILE = "corpus_writer.py"
#: Written into every generated pyproject.toml, so that the oracle below knows what is scanned.
#: The same paths the tool leaves out by default: tests and migrations are never rewritten.
EXCLUDE = (
    "migrations/",
    "tests/",
    "test/",
    "tests.py",
    "test_*.py",
    "*_test.py",
    "*_tests.py",
    "conftest.py",
    "__pycache__/",
)


@dataclass(frozen=True)
class Corpus:
    id: str
    project: str  # the name on PyPI
    version: str  # pinned, for reproducible runs
    paths: tuple[str, ...]  # what is copied from the distribution's root, e.g. ("django",)
    sdist: bool = False  # download the source archive instead of the wheel
    fields: tuple[str, str] | None = None  # default: the two names written most often (choose_fields)
    receivers: tuple[str, ...] = (ANY_RECEIVER,)
    import_style: str = "auto"
    reduced: bool = False  # part of the default (CI) set
    why: str = ""


CORPORA = (
    Corpus("django", "Django", "5.2.19", ("django",), why="the framework itself: ORM, admin, contrib"),
    Corpus(
        "drf", "djangorestframework", "3.18.3", ("rest_framework",), reduced=True,
        receivers=("self", r"(?:\w+\.)*\w+"), import_style="module",
        why="serializers, generic views and viewsets; the receiver list of a typical project",
    ),
    Corpus("django-extensions", "django-extensions", "4.1", ("django_extensions",), reduced=True,
           import_style="local", why="management commands and model fields"),
    Corpus("celery", "celery", "5.7.0", ("celery",), import_style="local",
           why="not Django: workers, app state, a different style"),
    Corpus("fissix", "fissix", "24.4.24", ("fissix",), reduced=True,
           why="not Django: a lib2to3 fork, tree nodes written through subscripts and attribute chains"),
    Corpus("wagtail", "wagtail", "8.0.1", ("wagtail",), why="a large Django CMS: views, models, signals"),
    Corpus("django-oscar", "django-oscar", "4.2.1", ("oscar",), fields=("is_active", "status"),
           why="e-commerce models: real state fields, written next to save() calls"),
    Corpus("django-1.4", "Django", "1.4.22", ("django",), sdist=True, fields=("name", "model"),
           why="Python 2 code: files that really fail to parse (fields that most of them spell)"),
    Corpus("django-1.4-db", "Django", "1.4.22", ("django/db", "django/core"), sdist=True, reduced=True,
           why="a slice of the Python 2 code, for CI: real parse failures"),
)


def selected_corpora() -> list[Corpus]:
    by_id = {corpus.id: corpus for corpus in CORPORA}
    names = [name.strip() for name in os.environ.get("ROOM_REFACTOR_CORPUS", "").split(",") if name.strip()]
    if names:
        unknown = [name for name in names if name not in by_id]
        if unknown:
            raise pytest.UsageError(f"ROOM_REFACTOR_CORPUS: unknown corpus {unknown}; choose from {sorted(by_id)}")
        return [by_id[name] for name in names]
    if os.environ.get("ROOM_REFACTOR_FULL_CORPUS", "").strip() not in ("", "0"):
        return list(CORPORA)
    return [corpus for corpus in CORPORA if corpus.reduced]


def jobs() -> int:
    return int(os.environ.get("ROOM_REFACTOR_CORPUS_JOBS", "2"))


# -- the cache --------------------------------------------------------------------------------


def cache_dir() -> Path:
    configured = os.environ.get("ROOM_REFACTOR_CORPUS_CACHE")
    return Path(configured).expanduser() if configured else Path.home() / ".cache" / "room-refactor-corpus"


#: What pip prints when it cannot reach the index; only then is the test skipped.
NETWORK_ERRORS = (
    "NewConnectionError",
    "Failed to establish a new connection",
    "Temporary failure in name resolution",
    "Name or service not known",
    "nodename nor servname",
    "Network is unreachable",
    "Connection refused",
    "ConnectTimeoutError",
    "ReadTimeoutError",
    "Max retries exceeded",
    "ProxyError",
    "Could not fetch URL",
    "No route to host",
)


def _normalized(name: str) -> str:
    return re.sub(r"[-_.]+", "_", name).lower()


def _find_archive(directory: Path, corpus: Corpus) -> Path | None:
    prefix = f"{_normalized(corpus.project)}-{corpus.version}"
    for path in sorted(directory.glob("*")):
        name = path.name.lower()
        normalized = _normalized(name.split("-", 1)[0]) + "-" + name.split("-", 1)[1] if "-" in name else name
        if corpus.sdist and normalized in (prefix + ".tar.gz", prefix + ".zip"):
            return path
        if not corpus.sdist and normalized.startswith(prefix + "-") and name.endswith(".whl"):
            return path
    return None


def fetch(corpus: Corpus) -> Path:
    """The distribution's archive in the cache, downloaded with pip the first time."""
    directory = cache_dir() / "dist"
    found = _find_archive(directory, corpus)
    if found is not None:
        return found
    directory.mkdir(parents=True, exist_ok=True)
    command = [
        sys.executable, "-m", "pip", "download", "--no-deps", "--disable-pip-version-check", "--no-input",
        "--retries", "2", "--timeout", "60",
        "--no-binary" if corpus.sdist else "--only-binary", ":all:",
        f"{corpus.project}=={corpus.version}", "-d", str(directory),
    ]
    try:
        completed = subprocess.run(command, capture_output=True, text=True, timeout=900)
    except subprocess.TimeoutExpired:
        pytest.skip(f"downloading {corpus.project}=={corpus.version} from PyPI timed out (no network?)")
    output = completed.stdout + completed.stderr
    found = _find_archive(directory, corpus)
    if completed.returncode != 0 or found is None:
        if any(marker in output for marker in NETWORK_ERRORS):
            pytest.skip(f"PyPI is unreachable, cannot download {corpus.project}=={corpus.version}: "
                        f"{_last_line(output)}")
        pytest.fail(f"pip download {corpus.project}=={corpus.version} failed (exit {completed.returncode}):\n{output}")
    return found


def _last_line(text: str) -> str:
    lines = [line for line in text.splitlines() if line.strip()]
    return lines[-1].strip() if lines else ""


def unpacked(corpus: Corpus) -> Path:
    """The archive, extracted once under the cache; returns the distribution's root directory."""
    archive = fetch(corpus)
    target = cache_dir() / "src" / archive.name
    if not (target / ".complete").exists():
        shutil.rmtree(target, ignore_errors=True)
        partial = target.with_name(target.name + f".partial-{os.getpid()}")
        shutil.rmtree(partial, ignore_errors=True)
        partial.mkdir(parents=True)
        if archive.name.endswith(".whl") or archive.name.endswith(".zip"):
            with zipfile.ZipFile(archive) as handle:
                handle.extractall(partial)
        else:
            with tarfile.open(archive) as handle:
                if hasattr(tarfile, "data_filter"):  # Python 3.10.12+ / 3.11.4+
                    handle.extractall(partial, filter="data")
                else:  # pragma: no cover
                    handle.extractall(partial)
        (partial / ".complete").write_text(archive.name + "\n")
        try:
            partial.rename(target)
        except OSError:  # another process got there first
            shutil.rmtree(partial, ignore_errors=True)
    if corpus.sdist:  # a source archive holds one directory, `Name-version/`
        inner = [path for path in target.iterdir() if path.is_dir()]
        assert len(inner) == 1, inner
        return inner[0]
    return target


def copy_corpus(corpus: Corpus, destination: Path) -> Path:
    source = unpacked(corpus)
    destination.mkdir(parents=True)
    for rel in corpus.paths:
        shutil.copytree(source / rel, destination / rel, ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
    return destination


# -- choosing the two fields ------------------------------------------------------------------


#: For files this Python cannot parse (Python 2 code): `.name =`, `.name +=`, ... but not `.name ==`.
ATTRIBUTE_WRITE = re.compile(rb"\.[ \t]*([A-Za-z_]\w*)[ \t]*(?:\*\*|//|>>|<<|[-+*/%&|^@])?=(?!=)")


def count_writes(root: Path, rels: list[str]) -> Counter[str]:
    """Writes per attribute name, as `ast` sees them: assignment targets (plain, chained, tuple,
    annotated, augmented), `setattr(x, "name", v)`, and keywords of `.update()` / `.create()` /
    `.get_or_create()` / `.update_or_create()`. In files this Python cannot parse, attribute
    assignments are counted with a regular expression instead."""
    counts: Counter[str] = Counter()

    def target(node: ast.AST) -> None:
        if isinstance(node, ast.Attribute):
            counts[node.attr] += 1
        elif isinstance(node, (ast.Tuple, ast.List)):
            for element in node.elts:
                target(element)
        elif isinstance(node, ast.Starred):
            target(node.value)

    for rel in rels:
        data = (root / rel).read_bytes()
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                tree = ast.parse(data)
        except (SyntaxError, ValueError, RecursionError):
            counts.update(match.group(1).decode() for match in ATTRIBUTE_WRITE.finditer(data))
            continue
        for node in ast.walk(tree):
            if isinstance(node, ast.Assign):
                for each in node.targets:
                    target(each)
            elif isinstance(node, ast.AnnAssign) and node.value is not None:
                target(node.target)
            elif isinstance(node, ast.AugAssign):
                target(node.target)
            elif isinstance(node, ast.Call):
                func = node.func
                if isinstance(func, ast.Name) and func.id == "setattr" and len(node.args) >= 2:
                    name = node.args[1]
                    if isinstance(name, ast.Constant) and isinstance(name.value, str):
                        counts[name.value] += 1
                elif isinstance(func, ast.Attribute) and func.attr in ("update", "create", "get_or_create", "update_or_create"):
                    for kw in node.keywords:
                        if kw.arg:
                            counts[kw.arg] += 1
    return counts


def choose_fields(counts: Counter[str]) -> tuple[str, str]:
    """The two most written snake_case names (ties broken by name), so that there are many sites."""
    candidates = sorted(
        (
            (-count, name)
            for name, count in counts.items()
            if re.fullmatch(r"[a-z][a-z0-9_]*", name) and not keyword.iskeyword(name) and name != SERVICE.rpartition(".")[2]
        ),
    )
    assert len(candidates) >= 2, "no attribute writes in this corpus"
    return candidates[0][1], candidates[1][1]


def pyproject_text(corpus: Corpus, fields: tuple[str, str]) -> str:
    def toml_list(items: tuple[str, ...]) -> str:
        return "[" + ", ".join(json.dumps(item) for item in items) + "]"

    return (
        "[project]\n"
        f'name = "corpus-{corpus.id}"\n'
        'version = "0"\n'
        "\n"
        "[tool.room-refactor]\n"
        f"occupancy-field = {json.dumps(fields[0])}\n"
        f"status-field = {json.dumps(fields[1])}\n"
        f"receivers = {toml_list(corpus.receivers)}\n"
        f"service = {json.dumps(SERVICE)}\n"
        'status-setter = ""\n'
        "canonical = []\n"
        f"import-style = {json.dumps(corpus.import_style)}\n"
        f"exclude = {toml_list(EXCLUDE)}\n"
    )


# -- the oracle -------------------------------------------------------------------------------


@dataclass
class SourceInfo:
    """One scanned file, as the oracle sees it (independently of room-refactor)."""

    rel: str
    mentions_field: bool  # the file spells a field or the writer's name (room-refactor's byte prefilter)
    parses: bool  # libcst.parse_module on the bytes (libcst decodes them itself: BOM, PEP 263)
    compiles: bool  # compile() with this Python
    parse_error: str = ""


def scanned_files(root: Path) -> list[str]:
    """Every `.py` file room-refactor should scan: all of them minus EXCLUDE (gitignore syntax)."""
    import pathspec

    spec = pathspec.GitIgnoreSpec.from_lines(list(EXCLUDE))
    gitignores = [p for p in root.rglob(".gitignore")]
    assert not gitignores, f"the oracle does not model .gitignore files: {gitignores}"
    rels = sorted(p.relative_to(root).as_posix() for p in root.rglob("*.py") if p.is_file() and not p.is_symlink())
    return [rel for rel in rels if not spec.match_file(rel)]


def compile_error(data: bytes, rel: str) -> str | None:
    """compile() with this Python, quietly (Python 2 code warns about escape sequences)."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            compile(data, rel, "exec", dont_inherit=True)
        except (SyntaxError, ValueError, RecursionError) as exc:
            return f"{exc.__class__.__name__}: {exc}"
    return None


def inspect_file(root: Path, rel: str, needles: tuple[bytes, ...]) -> SourceInfo:
    import libcst

    data = (root / rel).read_bytes()
    mentions = any(needle in data for needle in needles)
    compiles = compile_error(data, rel) is None
    parses, message = True, ""
    if mentions or not compiles:
        try:
            libcst.parse_module(data)
        except Exception as exc:  # noqa: BLE001 - ParserSyntaxError, decoding errors, RecursionError
            parses, message = False, f"{exc.__class__.__name__}: {str(exc).splitlines()[0] if str(exc) else ''}"
    return SourceInfo(rel=rel, mentions_field=mentions, parses=parses, compiles=compiles, parse_error=message)


def tree_hashes(root: Path) -> dict[str, str]:
    return {
        path.relative_to(root).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(root.rglob("*"))
        if path.is_file()
    }


# -- running the tool -------------------------------------------------------------------------


@dataclass
class Invocation:
    args: list[str]
    code: int
    stdout: str
    stderr: str
    seconds: float

    def describe(self) -> str:
        return f"room-refactor {' '.join(self.args)} -> exit {self.code}\nstderr (tail):\n" + "\n".join(
            self.stderr.splitlines()[-30:]
        )


def room_refactor(root: Path, *args: str) -> Invocation:
    env = {**os.environ, "NO_COLOR": "1", "TERM": "dumb", "COLUMNS": "200"}
    start = time.perf_counter()
    completed = subprocess.run(
        [sys.executable, "-m", "room_refactor", *args],
        cwd=root, capture_output=True, text=True, encoding="utf-8", errors="replace", env=env, timeout=3600,
    )
    return Invocation(list(args), completed.returncode, completed.stdout, completed.stderr, time.perf_counter() - start)


SUMMARY = re.compile(
    r"^(?P<changed>\d+) files? changed, (?P<unchanged>\d+) unchanged, (?P<skipped>\d+) skipped, "
    r"(?P<failed>\d+) failed, (?P<warnings>\d+) warnings?",
    re.M,
)
WARNING_LINE = re.compile(r"^(?P<path>[^:\n]+?\.py):(?P<line>\d+): warning: (?P<code>[\w-]+): ", re.M)
ERROR_LINE = re.compile(r"^error: (?P<path>[^:\n]+?\.py)(?::(?P<line>\d+))?: (?P<message>.*)$", re.M)


def migrate_summary(invocation: Invocation) -> dict[str, int]:
    matches = list(SUMMARY.finditer(invocation.stderr))
    assert matches, "no summary line on stderr\n" + invocation.describe()
    return {key: int(value) for key, value in matches[-1].groupdict().items()}


def warnings_per_file(invocation: Invocation) -> Counter[str]:
    return Counter(match["path"] for match in WARNING_LINE.finditer(invocation.stderr))


def failed_files(invocation: Invocation) -> dict[str, str]:
    return {m["path"]: m["message"] for m in ERROR_LINE.finditer(invocation.stderr)}


DIFF_HEADER = re.compile(r"^diff --git a/(?P<path>.+) b/(?P=path)$", re.M)


def patch_files(diff: str) -> set[str]:
    """The files a unified diff (as `migrate` prints it) changes or creates."""
    return {match["path"] for match in DIFF_HEADER.finditer(diff)}


def stderr_paths(invocation: Invocation, verb: str) -> set[str]:
    return {line[len(verb) + 1:] for line in invocation.stderr.splitlines() if line.startswith(verb + " ")}


# -- one run per corpus -----------------------------------------------------------------------


@dataclass
class CorpusRun:
    corpus: Corpus
    root: Path
    fields: tuple[str, str]
    pyproject: str  # the generated pyproject.toml
    field_counts: dict[str, int]
    files: dict[str, SourceInfo]
    audit: Invocation
    report: dict[str, Any]
    dry_run: Invocation
    write: Invocation
    second: Invocation
    report_after: dict[str, Any]  # the audit after --write
    before: dict[str, str]
    after_dry_run: dict[str, str]
    after_write: dict[str, str]
    before_bytes: dict[str, bytes]  # the changed files' original bytes, for the compile check
    applied: Path | None  # a second copy with the dry run's patch applied by `git apply`
    apply_error: str = ""
    timings: dict[str, float] = field(default_factory=dict)

    @property
    def expected_errors(self) -> set[str]:
        """The files that really fail to parse, among those room-refactor reads (the byte
        prefilter skips files that spell neither field nor the writer: it never parses them)."""
        return {rel for rel, info in self.files.items() if info.mentions_field and not info.parses}

    @property
    def unparsable_skipped(self) -> set[str]:
        return {rel for rel, info in self.files.items() if not info.mentions_field and not info.parses}

    @property
    def expected_exit(self) -> int:
        return 4 if self.expected_errors else 0

    def stats(self) -> dict[str, Any]:
        dry = migrate_summary(self.dry_run)
        return {
            "corpus": self.corpus.id,
            "package": f"{self.corpus.project}=={self.corpus.version}",
            "paths": list(self.corpus.paths),
            "fields": list(self.fields),
            "attribute writes counted by ast": self.field_counts,
            "files scanned": self.report["summary"]["files_scanned"],
            "sites": len(self.report["sites"]),
            "sites by kind": dict(Counter(site["kind"] for site in self.report["sites"]).most_common()),
            "sites by typed_by": dict(Counter(site.get("typed_by", "?") for site in self.report["sites"]).most_common()),
            "implicit": len(self.report.get("implicit", [])),
            "bypass": self.report["summary"]["bypass"],
            "errors": sorted(error["path"] for error in self.report["errors"]),
            "unparsable but skipped by the prefilter": len(self.unparsable_skipped),
            "not compilable by this Python but parsed by libcst": sum(
                1 for info in self.files.values() if info.parses and not info.compiles and info.mentions_field
            ),
            "files rewritten": len(patch_files(self.dry_run.stdout) - {SERVICE_FILE}),  # the writer is new
            "files changed": dry["changed"],
            "failed": failed_files(self.dry_run),
            "warnings": dry["warnings"],
            "seconds": {key: round(value, 1) for key, value in self.timings.items()},
        }


RESULTS: list[dict[str, Any]] = []


def run_corpus(corpus: Corpus, workdir: Path) -> CorpusRun:
    timings: dict[str, float] = {}
    start = time.perf_counter()
    root = copy_corpus(corpus, workdir / corpus.id)
    timings["copy"] = time.perf_counter() - start

    rels = scanned_files(root)
    counts = count_writes(root, rels)
    fields = corpus.fields or choose_fields(counts)
    pyproject = pyproject_text(corpus, fields)
    (root / "pyproject.toml").write_text(pyproject, encoding="utf-8")
    assert not (root / SERVICE_FILE).exists()

    applied: Path | None = None
    if shutil.which("git"):
        applied = workdir / (corpus.id + "-patched")
        shutil.copytree(root, applied)

    start = time.perf_counter()
    needles = (*(name.encode() for name in fields), SERVICE.rpartition(".")[2].encode())
    files = {rel: inspect_file(root, rel, needles) for rel in rels}
    timings["oracle"] = time.perf_counter() - start

    before = tree_hashes(root)
    j = str(jobs())
    audit = room_refactor(root, "audit", ".", "--format", "json", "--jobs", j, "--verbose")
    timings["audit"] = audit.seconds
    try:
        report = json.loads(audit.stdout)
    except ValueError:
        pytest.fail("audit printed no JSON\n" + audit.describe())
    dry_run = room_refactor(root, "migrate", ".", "--jobs", j, "--verbose")
    timings["dry run"] = dry_run.seconds
    after_dry_run = tree_hashes(root)
    changed = patch_files(dry_run.stdout)
    before_bytes = {rel: (root / rel).read_bytes() for rel in changed if (root / rel).exists()}
    write = room_refactor(root, "migrate", ".", "--write", "--jobs", j, "--verbose")
    timings["write"] = write.seconds
    after_write = tree_hashes(root)
    second = room_refactor(root, "migrate", ".", "--check", "--jobs", j, "--verbose")
    timings["second run"] = second.seconds
    audit_after = room_refactor(root, "audit", ".", "--format", "json", "--jobs", j)
    timings["audit after"] = audit_after.seconds
    try:
        report_after = json.loads(audit_after.stdout)
    except ValueError:
        pytest.fail("audit after --write printed no JSON\n" + audit_after.describe())

    apply_error = ""
    if applied is not None:
        patch = workdir / (corpus.id + ".patch")
        patch.write_text(dry_run.stdout, encoding="utf-8")
        completed = subprocess.run(["git", "apply", "--whitespace=nowarn", str(patch)], cwd=applied,
                                   capture_output=True, text=True)
        apply_error = completed.stderr if completed.returncode else ""

    run = CorpusRun(
        corpus=corpus, root=root, fields=fields, pyproject=pyproject, field_counts={name: counts[name] for name in fields},
        files=files, audit=audit, report=report, dry_run=dry_run, write=write, second=second, report_after=report_after, before=before,
        after_dry_run=after_dry_run, after_write=after_write, before_bytes=before_bytes, applied=applied,
        apply_error=apply_error, timings=timings,
    )
    RESULTS.append(run.stats())
    return run


@pytest.fixture(scope="module", params=selected_corpora(), ids=lambda corpus: corpus.id)
def corpus_run(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[CorpusRun]:
    corpus: Corpus = request.param
    workdir = tmp_path_factory.mktemp(f"corpus-{corpus.id}")
    yield run_corpus(corpus, workdir)
    shutil.rmtree(workdir, ignore_errors=True)  # large trees: do not keep them around


def pytest_terminal_summary(terminalreporter: Any) -> None:
    if not RESULTS:
        return
    terminalreporter.section("room-refactor corpus")
    for stats in RESULTS:
        seconds = ", ".join(f"{key} {value}s" for key, value in stats["seconds"].items())
        kinds = ", ".join(f"{count} {kind}" for kind, count in stats["sites by kind"].items())
        typed = ", ".join(f"{count} {how}" for how, count in stats["sites by typed_by"].items())
        terminalreporter.write_line(
            f"{stats['corpus']} ({stats['package']}; fields {'/'.join(stats['fields'])}): "
            f"{stats['files scanned']} files, {stats['sites']} sites ({kinds}; typed by: {typed}), "
            f"{stats['implicit']} implicit, {stats['files rewritten']} rewritten, "
            f"{len(stats['errors'])} parse errors, {len(stats['failed'])} failed, {stats['warnings']} warnings; {seconds}"
        )
    report = os.environ.get("ROOM_REFACTOR_CORPUS_REPORT")
    if report:
        Path(report).write_text(json.dumps(RESULTS, indent=2) + "\n", encoding="utf-8")


__all__ = ["CORPORA", "Corpus", "CorpusRun"]
