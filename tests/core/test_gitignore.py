"""core.gitignore against git itself: `git check-ignore` on the same patterns and paths is the
oracle, for a table of the rules of gitignore(5) and for generated patterns."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from room_refactor.core.gitignore import compile_lines

GIT = shutil.which("git")
needs_git = pytest.mark.skipif(GIT is None, reason="git is not installed")

PATHS = [
    "a.py", "b.txt", "build/", "build/x.py", "src/build/", "src/build/y.py", "src/build", "docs/a.py",
    "docs/sub/", "docs/sub/deep/a.py", "foo/", "foo/bar/", "foo/bar/baz.py", "a/b/", "a/x/b/", "a/x/y/b/",
    "a/b/c.py", "abc/", "abc/keep.py", "abc/drop.py", "abc/sub/", "abc/sub/keep.py", "test_a.py",
    "pkg/test_b.py", "pkg/tests/", "pkg/tests/t.py", "#hash.py", "!bang.py", "sp ace.py", "sp ace .py",
    "x[1].py", "x1.py", "xa.py", "X.py", "migrations/", "app/migrations/0001.py", ".venv/", ".venv/lib.py",
    "node_modules/", "deep/node_modules/m.py", "q?.py", "qa.py", "star*.py",
]

#: (patterns, some paths they ignore, some they do not): the rules, one each.
TABLE = [
    (["*.py"], {"a.py", "build/x.py", "docs/sub/deep/a.py"}, {"b.txt", "build/", "docs/sub/"}),
    (["build/"], {"build/", "build/x.py", "src/build/", "src/build/y.py"}, {"src/build", "a.py"}),
    (["/build"], {"build/", "build/x.py"}, {"src/build/", "src/build/y.py"}),
    (["docs/*.py"], {"docs/a.py"}, {"docs/sub/deep/a.py", "a.py"}),
    (["**/sub"], {"docs/sub/", "docs/sub/deep/a.py", "abc/sub/keep.py"}, {"docs/a.py"}),
    (["abc/**", "!abc/keep.py"], {"abc/drop.py", "abc/sub/", "abc/sub/keep.py"}, {"abc/", "abc/keep.py"}),
    (["abc/", "!abc/keep.py"], {"abc/", "abc/keep.py", "abc/drop.py"}, {"a.py"}),
    (["a/**/b"], {"a/b/", "a/x/b/", "a/x/y/b/", "a/b/c.py"}, {"abc/", "a.py"}),
    (["\\#hash.py", "\\!bang.py"], {"#hash.py", "!bang.py"}, {"a.py"}),
    (["# a comment", "", "   "], set(), {"a.py", "#hash.py"}),
    (["sp ace.py   "], {"sp ace.py"}, {"sp ace .py"}),
    (["sp ace .py\\ "], set(), {"sp ace.py", "sp ace .py"}),
    (["x[0-9].py"], {"x1.py"}, {"xa.py", "x[1].py"}),
    (["x[!0-9].py"], {"xa.py"}, {"x1.py"}),
    (["x[[:alpha:]].py"], {"xa.py"}, {"x1.py"}),
    (["q?.py"], {"q?.py", "qa.py"}, {"q.py", "a.py"}),
    (["star\\*.py"], {"star*.py"}, {"stars.py"}),
    (["*.py", "!test_*.py"], {"a.py", "docs/a.py"}, {"test_a.py", "pkg/test_b.py"}),
    (["zq", "!/x**"], set(), {"x/y/zq"}),
    (["zq", "!/x**q"], {"x/y/zq"}, set()),
    (["zq", "!x**"], {"x/y/zq"}, set()),
    (["!a", "***/a/"], {"a/a"}, set()),
    (["a/a**/a"], {"a/ab/x/a", "a/a/a/f"}, {"a/a2"}),
    (["a/a**/a", "!a/a/a"], {"a/ab/x/a"}, {"a/a/a/f"}),
    (["?**/a"], {"b/a"}, {"a/b/a"}),
    (["/x*y**"], {"xay", "xy/z/q"}, {"xz/y/q"}),
    (["tests/", "!tests/keep.py"], {"pkg/tests/", "pkg/tests/t.py"}, {"a.py"}),
]


def _git_ignored(tmp: Path, lines: list[str], paths: list[str]) -> set[str]:
    """The files among `paths` that git itself ignores, asked with `git status` in a scratch
    repository holding exactly those files (`check-ignore` answers for one path alone and is
    not what git's traversal does below a directory pattern)."""
    files = [p for p in paths if not p.endswith("/")]
    repo = tmp / f"repo{len(list(tmp.iterdir()))}"
    repo.mkdir()
    subprocess.run([GIT, "init", "-q", str(repo)], check=True)
    for rel in files:
        (repo / rel).parent.mkdir(parents=True, exist_ok=True)
        (repo / rel).write_text("")
    (repo / ".gitignore").write_text("\n".join(lines) + "\n", encoding="utf-8")
    completed = subprocess.run(
        [GIT, "-c", "core.quotePath=false", "status", "--porcelain", "-z", "--ignored", "--untracked-files=all"],
        cwd=repo, capture_output=True, text=True, check=True,
    )
    reported = [entry[3:] for entry in completed.stdout.split("\0") if entry.startswith("!! ")]
    return {f for f in files if any(f == r or (r.endswith("/") and f.startswith(r)) for r in reported)}


def _ours(lines: list[str], paths: list[str]) -> set[str]:
    """The files discovery would leave out: a directory that matches is not entered."""
    matches = compile_lines(lines)
    out = set()
    for path in (p for p in paths if not p.endswith("/")):
        parents = [path[: i + 1] for i, c in enumerate(path) if c == "/"]
        if any(matches(parent) for parent in parents) or matches(path):
            out.add(path)
    return out


@pytest.mark.parametrize(("lines", "ignored", "kept"), TABLE, ids=[" | ".join(t[0]) or "empty" for t in TABLE])
def test_the_rules_of_gitignore(lines: list[str], ignored: set[str], kept: set[str]) -> None:
    matches = compile_lines(lines)
    assert {p for p in ignored if not matches(p)} == set()
    assert {p for p in kept if matches(p)} == set()


@needs_git
@pytest.mark.parametrize("lines", [t[0] for t in TABLE], ids=[" | ".join(t[0]) or "empty" for t in TABLE])
def test_git_agrees_with_the_table(lines: list[str], tmp_path: Path) -> None:
    paths = sorted({*PATHS, *(p for t in TABLE for p in (*t[1], *t[2]))})
    paths = [p for p in paths if not p.endswith("/") and not any(q.startswith(p + "/") for q in paths)]
    assert _ours(lines, paths) == _git_ignored(tmp_path, lines, paths)


_ATOM = st.sampled_from(["a", "b", "x", "*", "?", "**", "[ab]", "[!a]", ".py", "_", "\\*", "[0-9]"])
_SEGMENT = st.lists(_ATOM, min_size=1, max_size=3).map("".join)
_PATTERN = st.builds(
    lambda neg, lead, segments, trail: ("!" if neg else "") + ("/" if lead else "") + "/".join(segments)
    + ("/" if trail else ""),
    st.booleans(), st.booleans(), st.lists(_SEGMENT, min_size=1, max_size=3), st.booleans(),
)
_NAME = st.sampled_from(["a", "b", "ab", "x", "a.py", "b.py", "x1", "_a", "*", "a*b"])
_PATH = st.lists(_NAME, min_size=1, max_size=4).map("/".join)


@needs_git
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(lines=st.lists(_PATTERN, min_size=1, max_size=4), paths=st.lists(_PATH, min_size=1, max_size=12, unique=True))
def test_git_agrees_on_generated_patterns(lines: list[str], paths: list[str], tmp_path: Path) -> None:
    # A name cannot be a file and a directory at once: keep the deeper paths.
    paths = [p for p in paths if not any(q.startswith(p + "/") for q in paths)]
    assert _ours(lines, paths) == _git_ignored(tmp_path, lines, paths)


def test_a_matcher_of_no_patterns_matches_nothing() -> None:
    assert not compile_lines([])("anything.py")
    assert not compile_lines(["", "# only a comment"])("anything.py")
