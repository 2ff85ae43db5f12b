"""One real-project run: unpack the pinned sdist into a private git repository, run the
package's own tests, `room-refactor migrate --write .` in one command, check that every changed
file compiles, run the same tests again, run migrate again (nothing changes), and report.

Usable from pytest (tests/realprojects/test_realprojects.py) and as a script:

    python -m tests.realprojects.harness notifications post_office   # prints the JSON report

The package's tests run in a virtualenv of their own (the pins in packages.py), kept in the
corpus cache (``ROOM_REFACTOR_CORPUS_CACHE``, default ``~/.cache/room-refactor-corpus``) under
``venvs/``; the sdists are downloaded once with pip, as tests/corpus does.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import tarfile
import time
import xml.etree.ElementTree as ElementTree
from collections import Counter
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from tests.corpus.conftest import NETWORK_ERRORS, cache_dir
from tests.realprojects.packages import BY_ID, Package, TestRun


class HarnessError(Exception):
    """The run could not be set up (a failed download or install)."""


class Offline(HarnessError):
    """PyPI cannot be reached: the caller skips."""


def _normalized(name: str) -> str:
    return re.sub(r"[-_.]+", "_", name).lower()


def sdist(package: Package) -> Path:
    """The package's source archive in the cache (the corpus cache), downloaded once with pip."""
    directory = cache_dir() / "dist"
    wanted = f"{_normalized(package.project)}_{_normalized(package.version)}"

    def find() -> Path | None:
        for path in sorted(directory.glob("*.tar.gz")):
            if _normalized(path.name[: -len(".tar.gz")]) == wanted:
                return path
        return None

    found = find()
    if found is not None:
        return found
    directory.mkdir(parents=True, exist_ok=True)
    completed = subprocess.run(
        [sys.executable, "-m", "pip", "download", "--no-deps", "--no-binary", ":all:", "--disable-pip-version-check",
         "--no-input", "--retries", "2", "--timeout", "60", f"{package.project}=={package.version}", "-d", str(directory)],
        capture_output=True, text=True, timeout=900,
    )
    found = find()
    if found is None:
        output = completed.stdout + completed.stderr
        if any(marker in output for marker in NETWORK_ERRORS):
            raise Offline(f"PyPI is unreachable: cannot download {package.project}=={package.version}")
        raise HarnessError(f"pip download {package.project}=={package.version} failed:\n{output}")
    return found


def unpacked(package: Package) -> Path:
    """The sdist extracted once under the cache; returns the distribution's root directory."""
    archive = sdist(package)
    target = cache_dir() / "src" / archive.name
    if not (target / ".complete").exists():
        shutil.rmtree(target, ignore_errors=True)
        partial = target.with_name(f"{target.name}.partial-{os.getpid()}")
        shutil.rmtree(partial, ignore_errors=True)
        partial.mkdir(parents=True)
        with tarfile.open(archive) as handle:
            if hasattr(tarfile, "data_filter"):
                handle.extractall(partial, filter="data")
            else:  # pragma: no cover - older Pythons
                handle.extractall(partial)
        (partial / ".complete").write_text("")
        partial.rename(target)
    tops = [path for path in target.iterdir() if path.is_dir()]
    if len(tops) != 1:
        raise HarnessError(f"{archive.name}: expected one top-level directory, found {len(tops)}")
    return tops[0]


def venv_for(package: Package) -> Path:
    """The package's own virtualenv, created once per set of pins."""
    pins = "\n".join(package.requirements)
    digest = hashlib.sha256(pins.encode()).hexdigest()[:12]
    target = cache_dir() / "venvs" / f"{package.id}-{digest}"
    python = target / "bin" / "python"
    if (target / ".complete").exists() and python.exists():
        return target
    shutil.rmtree(target, ignore_errors=True)
    subprocess.run([sys.executable, "-m", "venv", str(target)], check=True, capture_output=True)
    completed = subprocess.run(
        [str(python), "-m", "pip", "install", "-q", "--disable-pip-version-check", "--no-input",
         "--retries", "2", "--timeout", "60", *package.requirements],
        capture_output=True, text=True, timeout=900,
    )
    if completed.returncode != 0:
        shutil.rmtree(target, ignore_errors=True)
        if any(marker in completed.stdout + completed.stderr for marker in NETWORK_ERRORS):
            raise Offline(f"PyPI is unreachable: cannot install {' '.join(package.requirements)}")
        raise HarnessError(f"pip install {' '.join(package.requirements)} failed:\n{completed.stdout}{completed.stderr}")
    (target / ".complete").write_text(pins)
    return target


def checkout(package: Package, workdir: Path) -> Path:
    """A private copy of the package's sdist in a fresh git repository, with its configuration."""
    source = unpacked(package)
    root = workdir / package.id
    shutil.copytree(source, root, ignore=shutil.ignore_patterns("*.pyc", "__pycache__", ".complete"))
    for rel, text in package.add_files:
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text(text, encoding="utf-8")
    if package.probe:
        (root / "test_room_refactor_probe.py").write_text(package.probe, encoding="utf-8")
    pyproject = root / "pyproject.toml"
    existing = pyproject.read_text(encoding="utf-8") if pyproject.exists() else ""
    pyproject.write_text(existing + ("\n" if existing else "") + package.config_text, encoding="utf-8")
    git(root, "init", "-q")
    git(root, "add", "-A")
    git(root, "-c", "user.name=harness", "-c", "user.email=harness@example.invalid", "commit", "-q", "-m", "sdist")
    return root


def git(root: Path, *args: str) -> str:
    return subprocess.run(["git", *args], cwd=root, check=True, capture_output=True, text=True).stdout


@dataclass
class TestOutcome:
    passed: list[str]
    failed: list[str]
    skipped: list[str]
    seconds: float
    probe: list[dict[str, Any]] = field(default_factory=list)
    tail: str = ""


def run_tests(package: Package, root: Path, run: TestRun, venv: Path, *, label: str) -> TestOutcome:
    """The package's own tests with pytest-django; outcomes per test id from the JUnit XML."""
    report = root.parent / f"{package.id}-{run.id}-{label}.xml"
    probe = root.parent / f"{package.id}-{run.id}-{label}.probe.jsonl"
    for stale in (report, probe):
        stale.unlink(missing_ok=True)
    env = {key: value for key, value in os.environ.items() if not key.startswith(("PYTEST_", "DJANGO_"))}
    env.pop("VIRTUAL_ENV", None)
    env.update(dict(run.env))
    env["ROOM_REFACTOR_PROBE_OUT"] = str(probe)
    env["PYTHONDONTWRITEBYTECODE"] = "1"
    # Each run starts from the committed tree: no database, media or cache files of a run before.
    git(root, "clean", "-fdxq")
    started = time.perf_counter()
    completed = subprocess.run(
        [str(venv / "bin" / "python"), "-m", "pytest", "-q", "-p", "no:cacheprovider", "-o", "addopts=",
         "-o", "python_files=test_*.py tests.py", "--ds", package.settings, f"--junitxml={report}", *run.args],
        cwd=root, env=env, capture_output=True, text=True, timeout=1200,
    )
    seconds = time.perf_counter() - started
    tail = "\n".join((completed.stdout + completed.stderr).strip().splitlines()[-25:])
    if not report.exists():
        raise HarnessError(f"{package.id} {run.id} ({label}): pytest wrote no report (exit {completed.returncode}):\n{tail}")
    passed, failed, skipped = [], [], []
    for case in ElementTree.parse(report).getroot().iter("testcase"):
        name = f"{case.get('classname')}::{case.get('name')}"
        if case.find("failure") is not None or case.find("error") is not None:
            failed.append(name)
        elif case.find("skipped") is not None:
            skipped.append(name)
        else:
            passed.append(name)
    probes = [json.loads(line) for line in probe.read_text().splitlines()] if probe.exists() else []
    return TestOutcome(sorted(passed), sorted(failed), sorted(skipped), round(seconds, 2), probes, tail)


def room_refactor(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "room_refactor", *args], cwd=root, capture_output=True, text=True, timeout=600,
    )


@dataclass
class Report:
    package: str
    version: str
    requirements: list[str]
    sites_by_kind: dict[str, int]
    sites_by_typed_by: dict[str, int]
    sites_by_field: dict[str, int]
    bypass: int
    migrate_exit: int
    migrate_seconds: float
    migrate_summary: str
    files_changed: list[str]
    compile_errors: list[str]
    second_run_changes: list[str]
    runs: dict[str, dict[str, Any]]
    num_queries_test: dict[str, str] | None
    wall_seconds: float


def outcome_of(name: str, outcome: TestOutcome) -> str:
    if name in outcome.passed:
        return "passed"
    if name in outcome.failed:
        return "failed"
    if name in outcome.skipped:
        return "skipped"
    return "not run"


def junit_name(node_id: str) -> str:
    """`tests/test_admin.py::Class::test` as the JUnit report names it."""
    path, _, rest = node_id.partition("::")
    module = path[:-3].replace("/", ".")
    klass, _, test = rest.rpartition("::")
    return f"{module}.{klass}::{test}" if klass else f"{module}::{test}"


def run_package(package: Package, workdir: Path, *, runs: tuple[TestRun, ...] | None = None) -> Report:
    started = time.perf_counter()
    venv = venv_for(package)
    root = checkout(package, workdir)
    chosen = runs if runs is not None else package.runs
    before = {run.id: run_tests(package, root, run, venv, label="before") for run in chosen}

    git(root, "clean", "-fdxq")  # what the tests left behind (media files, databases) is not the project's
    audit = room_refactor(root, "audit", ".", "--format", "json")
    data = json.loads(audit.stdout) if audit.stdout.strip() else {"sites": [], "summary": {}}
    sites = data.get("sites", [])

    migrate_started = time.perf_counter()
    migrate = room_refactor(root, "migrate", "--write", ".")
    migrate_seconds = time.perf_counter() - migrate_started
    changed = [line for line in git(root, "status", "--porcelain", "--untracked-files=all").splitlines()]
    changed_files = sorted(line[3:] for line in changed if line[3:].endswith(".py"))
    compile_errors = []
    for rel in changed_files:
        try:
            compile((root / rel).read_text(encoding="utf-8"), rel, "exec", dont_inherit=True)
        except SyntaxError as exc:
            compile_errors.append(f"{rel}:{exc.lineno}: {exc.msg}")
    git(root, "add", "-A")
    git(root, "-c", "user.name=harness", "-c", "user.email=harness@example.invalid", "commit", "-q", "-m", "migrated",
        "--allow-empty")
    second = room_refactor(root, "migrate", "--write", ".")
    second_changes = sorted(line[3:] for line in git(root, "status", "--porcelain").splitlines())
    if second.returncode not in (0,) and not second_changes:
        second_changes = [f"exit {second.returncode}: {second.stderr.strip().splitlines()[-1:]}"]

    after = {run.id: run_tests(package, root, run, venv, label="after") for run in chosen}
    runs_report: dict[str, dict[str, Any]] = {}
    for run in chosen:
        b, a = before[run.id], after[run.id]
        runs_report[run.id] = {
            "passed_before": len(b.passed),
            "passed_after": len(a.passed),
            "failed_before": len(b.failed),
            "failed_after": len(a.failed),
            "lost": sorted(set(b.passed) - set(a.passed)),
            "gained": sorted(set(a.passed) - set(b.passed)),
            "seconds_before": b.seconds,
            "seconds_after": a.seconds,
            "probe_before": b.probe,
            "probe_after": a.probe,
            "tail_after": a.tail if set(b.passed) - set(a.passed) else "",
        }
    num_queries = None
    if package.num_queries_test:
        name = junit_name(package.num_queries_test)
        first = chosen[0].id
        num_queries = {
            "test": package.num_queries_test,
            "before": outcome_of(name, before[first]),
            "after": outcome_of(name, after[first]),
        }
    return Report(
        package=f"{package.project}=={package.version}",
        version=package.version,
        requirements=list(package.requirements),
        sites_by_kind=dict(Counter(site["kind"] for site in sites)),
        sites_by_typed_by=dict(Counter(str(site.get("typed_by", "(no typed_by key)")) for site in sites)),
        sites_by_field=dict(Counter(str(site["field"]) for site in sites)),
        bypass=int(data.get("summary", {}).get("bypass", 0)),
        migrate_exit=migrate.returncode,
        migrate_seconds=round(migrate_seconds, 2),
        migrate_summary=(migrate.stderr.strip().splitlines() or [""])[-1],
        files_changed=changed_files,
        compile_errors=compile_errors,
        second_run_changes=second_changes,
        runs=runs_report,
        num_queries_test=num_queries,
        wall_seconds=round(time.perf_counter() - started, 1),
    )


def main(argv: list[str]) -> int:
    import tempfile

    names = argv or list(BY_ID)
    reports = []
    with tempfile.TemporaryDirectory(prefix="room-refactor-real-") as directory:
        for name in names:
            reports.append(asdict(run_package(BY_ID[name], Path(directory))))
    json.dump(reports, sys.stdout, indent=2)
    sys.stdout.write("\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
