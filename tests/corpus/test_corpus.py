"""room-refactor over real packages from PyPI (tests/corpus/README.md): audit, a dry run,
`migrate --write` and a second run over a private copy of each, with the two fields configured to
the names written most often in that package, and every receiver accepted.

Each test checks one promise of SPEC sections 5 and 6 against an oracle that does not use
room-refactor: libcst and compile() file by file, and sha256 of every file.
"""

from __future__ import annotations

from collections import Counter

import libcst
import pytest

from tests.corpus.conftest import (
    SERVICE_FILE,
    CorpusRun,
    compile_error,
    failed_files,
    migrate_summary,
    patch_files,
    stderr_paths,
    tree_hashes,
    warnings_per_file,
)

pytestmark = pytest.mark.corpus


def test_no_run_crashes(corpus_run: CorpusRun) -> None:
    run = corpus_run
    for invocation in (run.audit, run.dry_run, run.write, run.second):
        assert invocation.code in (0, 4), invocation.describe()
        assert "Traceback" not in invocation.stderr, invocation.describe()
        assert "internal error" not in invocation.stderr, invocation.describe()


def test_audit_finds_sites(corpus_run: CorpusRun) -> None:
    run = corpus_run
    assert run.audit.code == run.expected_exit, run.audit.describe()
    assert run.report["version"] == 1
    assert run.report["summary"]["files_scanned"] == len(run.files)
    sites = run.report["sites"]
    assert run.report["summary"]["sites"] == len(sites)
    assert any(site["kind"] == "attribute" for site in sites), (
        f"a corpus that matches nothing proves nothing: fields {run.fields}"
    )
    assert {site["path"] for site in sites} <= set(run.files)
    assert {site["field"] for site in sites if site["kind"] != "dynamic"} <= set(run.fields)


def test_audit_errors_are_exactly_the_files_that_fail_to_parse(corpus_run: CorpusRun) -> None:
    run = corpus_run
    reported = {error["path"] for error in run.report["errors"]}
    details = {rel: run.files[rel].parse_error for rel in run.expected_errors ^ reported if rel in run.files}
    assert reported == run.expected_errors, details
    assert not any(error["message"].startswith("internal error") for error in run.report["errors"])


def test_migrate_fails_exactly_on_the_files_that_fail_to_parse(corpus_run: CorpusRun) -> None:
    run = corpus_run
    # Besides those, a file libcst parses but Python cannot compile (Python 2's `except E, e:`) is
    # never rewritten: it fails once the migration would change it (issue 19).
    not_compiling = {rel for rel, info in run.files.items() if info.parses and not info.compiles}
    for invocation in (run.dry_run, run.write, run.second):
        failed = failed_files(invocation)
        extra = set(failed) - run.expected_errors
        assert run.expected_errors <= set(failed), {rel: failed.get(rel) for rel in run.expected_errors - set(failed)}
        assert extra <= not_compiling, {rel: failed[rel] for rel in extra - not_compiling}
        assert all("the original does not compile" in failed[rel] for rel in extra)
        assert migrate_summary(invocation)["failed"] == len(failed)


def test_dry_run_changes_nothing_and_prints_the_diff(corpus_run: CorpusRun) -> None:
    run = corpus_run
    assert run.dry_run.code == run.expected_exit, run.dry_run.describe()
    assert run.after_dry_run == run.before
    changed = patch_files(run.dry_run.stdout)
    assert SERVICE_FILE in changed  # the writer is scaffolded
    if _rewritable(run):
        assert changed - {SERVICE_FILE}, f"migrate rewrote no file: fields {run.fields}"
    else:  # every direct write stays in memory in its function: nothing to rewrite, said per site
        assert changed == {SERVICE_FILE}
        assert "warning: in-memory:" in run.dry_run.stderr
    assert stderr_paths(run.dry_run, "Would rewrite") == changed
    assert migrate_summary(run.dry_run)["changed"] == len(changed)


def test_write_changes_exactly_the_files_of_the_diff(corpus_run: CorpusRun) -> None:
    run = corpus_run
    assert run.write.code == run.expected_exit, run.write.describe()
    changed = patch_files(run.dry_run.stdout)
    assert stderr_paths(run.write, "Rewriting") == changed
    differ = {rel for rel in set(run.before) | set(run.after_write) if run.before.get(rel) != run.after_write.get(rel)}
    # pyproject.toml gains the rollout ratchet (`migrated`), SPEC section 7.
    assert differ - {"pyproject.toml"} == changed


def test_files_without_changes_are_byte_identical(corpus_run: CorpusRun) -> None:
    run = corpus_run
    changed = patch_files(run.dry_run.stdout) | {"pyproject.toml"}
    different = [rel for rel, digest in run.before.items() if rel not in changed and run.after_write.get(rel) != digest]
    assert not different


def test_pyproject_only_gains_the_migrated_modules(corpus_run: CorpusRun) -> None:
    import tomllib

    run = corpus_run
    after = tomllib.loads((run.root / "pyproject.toml").read_text(encoding="utf-8"))
    migrated = after["tool"]["room-refactor"].pop("migrated", [])
    assert after == tomllib.loads(run.pyproject)
    assert all(isinstance(module, str) for module in migrated)


def test_every_changed_file_compiles(corpus_run: CorpusRun) -> None:
    run = corpus_run
    broken = {}
    for rel in sorted(patch_files(run.dry_run.stdout)):
        data = (run.root / rel).read_bytes()
        original = run.files.get(rel)
        if original is None or original.compiles:
            error = compile_error(data, rel)
            if error is not None:
                broken[rel] = error
        else:  # this Python cannot compile the original either (Python 2 code): libcst must still parse it
            try:
                libcst.parse_module(data)
            except libcst.ParserSyntaxError as exc:
                broken[rel] = f"does not parse: {exc}"
    assert not broken


def test_dry_run_diff_applies_to_the_same_bytes(corpus_run: CorpusRun) -> None:
    run = corpus_run
    if run.applied is None:
        pytest.skip("git is not on PATH")
    assert not run.apply_error, run.apply_error
    applied = tree_hashes(run.applied)
    applied.pop("pyproject.toml")
    written = dict(run.after_write)
    written.pop("pyproject.toml")
    mismatched = sorted(rel for rel in set(applied) | set(written) if applied.get(rel) != written.get(rel))
    assert not mismatched


def test_only_the_sites_migrate_warned_about_are_left(corpus_run: CorpusRun) -> None:
    """After --write the audit still finds the sites migrate leaves as they are (dynamic names,
    chained and tuple targets, ...), and each of them got a warning: nothing is dropped silently."""
    run = corpus_run
    left = Counter(site["path"] for site in run.report_after["sites"] if site["bypass"])
    warned = warnings_per_file(run.write)
    refused = {rel for rel, message in failed_files(run.write).items() if "the original does not compile" in message}
    unexplained = {path: (count, warned[path]) for path, count in left.items()
                   if count > warned[path] and path not in refused}
    assert not unexplained, "file: (bypass sites left, warnings)"
    if _rewritable(run):
        assert run.report_after["summary"]["bypass"] < run.report["summary"]["bypass"]
    else:
        assert run.report_after["summary"]["bypass"] == run.report["summary"]["bypass"]


def _rewritable(run: CorpusRun) -> bool:
    """Whether the audit found a direct write that persists in its function (an attribute or a
    literal setattr, not in memory), in a file migrate does not refuse: one it can rewrite."""
    refused = set(failed_files(run.dry_run))
    return any(
        site["bypass"] and site["kind"] in ("attribute", "setattr") and site.get("in_memory") is None
        and site["path"] not in refused
        for site in run.report["sites"]
    )


def test_second_run_finds_nothing_to_change(corpus_run: CorpusRun) -> None:
    run = corpus_run
    assert run.second.stdout == "", run.second.stdout[:3000]
    assert migrate_summary(run.second)["changed"] == 0
    assert run.second.code == run.expected_exit, run.second.describe()
