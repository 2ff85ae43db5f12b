"""gitignore patterns as one compiled matcher. Pure: lines in, a predicate out.

The semantics are git's (`gitignore(5)`), checked against `git check-ignore` in the tests:

- blank lines and `#` comments are skipped; trailing spaces are dropped unless escaped; `\\`
  escapes the next character (`\\#`, `\\!`, `\\ `);
- `!` re-includes what an earlier pattern excluded (the last matching pattern wins), except
  below a directory that stays excluded: git never looks inside it;
- a `/` at the start or in the middle anchors the pattern to the directory of its file; without
  one it matches at any depth; a trailing `/` matches directories only;
- `*` and `?` never match `/`; `[...]` is a character class (`!` or `^` negates it); `**/` at
  the start, `/**` at the end and `/**/` in the middle match any number of directories; as in
  git, which matches an anchored pattern's literal beginning apart, a run of stars right after
  that beginning that ends a component matches slashes too (`/build**`, `a/b**/c`, where
  `a/bc` matches too); any other run of `*` is one `*`.

A path matches when it or one of its parent directories does, so that a file given on its own
below an ignored directory is ignored too. Paths are relative, with `/`; a directory is asked
with a trailing `/`.
"""

from __future__ import annotations

import re
from typing import Callable, Iterable

Matcher = Callable[[str], bool]


def compile_lines(lines: Iterable[str]) -> Matcher:
    """One predicate for the patterns of one gitignore file (or of a list of excludes)."""
    rules: list[tuple[str, bool, bool]] = []
    for line in lines:
        parsed = _parse(line)
        if parsed is not None:
            rules.append(parsed)
    if not rules:
        return _never
    if all(include for _, _, include in rules):
        # Without a negation the order cannot change the answer: one alternation, each pattern
        # matching the path or anything below it, says it all.
        combined = re.compile("|".join(f"(?:^{regex}{'/.*' if dir_only else '(?:/.*)?'}\\Z)"
                                       for regex, dir_only, _ in rules), re.S)
        return lambda path: combined.match(path) is not None
    # The last pattern that matches the path itself wins; its parents are asked first.
    compiled = [(re.compile(f"^{regex}{'/' if dir_only else '/?'}\\Z", re.S), include)
                for regex, dir_only, include in reversed(rules)]

    def last_match(path: str) -> bool:
        for regex, include in compiled:
            if regex.match(path):
                return include
        return False

    def matches(path: str) -> bool:
        # A directory that stays excluded hides everything below it, whatever a later `!` says.
        end = path.find("/")
        while 0 <= end < len(path) - 1:
            if last_match(path[: end + 1]):
                return True
            end = path.find("/", end + 1)
        return last_match(path)

    return matches


def _never(path: str) -> bool:
    return False


def _parse(line: str) -> tuple[str, bool, bool] | None:
    """`(regex, directories only, include)` for one line, or None for a blank line or a
    comment. The regex matches the path itself, without its trailing `/`."""
    line = line.rstrip("\n").rstrip("\r")
    if not line or line.startswith("#"):
        return None
    line = _strip_trailing_spaces(line)
    include = True
    if line.startswith("!"):
        include, line = False, line[1:]
    if not line:
        return None
    dir_only = line.endswith("/") and not line.endswith("\\/")
    if dir_only:
        line = line.rstrip("/")
        if not line:
            return None  # "/" alone matches nothing
    anchored = "/" in line
    line = line.lstrip("/") if line.startswith("/") else line
    # A component of two or more stars alone is `**` (git's wildmatch reads `***` so).
    parts = ["**" if len(part) > 1 and part.strip("*") == "" else part for part in line.split("/")]
    regex = "" if anchored or parts[0] == "**" else "(?:.*/)?"
    last = len(parts) - 1
    # git matches an anchored pattern's literal beginning first and the rest as a pattern of
    # its own: a run of stars that comes right after that beginning and ends a component is at
    # the start of that rest, where it matches slashes too (`/build**`, `a/b**/c`).
    first_wild = next((i for i, char in enumerate(line) if char in "*?[\\"), -1) if anchored else -1
    offset = 0
    for index, part in enumerate(parts):
        start, offset = offset, offset + len(part) + 1
        if part == "**":
            if index == last:
                regex += ".+"  # `abc/**`: everything inside abc (not abc itself); `**`: everything
            else:
                regex += "(?:.*/)?"
            continue
        run = first_wild - start
        if 0 <= run < len(part) and part.endswith("**") and part[run:].strip("*") == "":
            regex += _segment(part[:run]) + (".*" if index == last else "(?:.*/)?")
            continue
        regex += _segment(part)
        if index != last:
            regex += "/"
    return regex, dir_only, include


def _strip_trailing_spaces(line: str) -> str:
    end = len(line)
    while end and line[end - 1] == " ":
        backslashes = len(line[: end - 1]) - len(line[: end - 1].rstrip("\\"))
        if backslashes % 2:
            break  # `\ `: an escaped space stays
        end -= 1
    return line[:end]


def _segment(text: str) -> str:
    """One path component's glob as a regex that never crosses `/`."""
    out: list[str] = []
    i, n = 0, len(text)
    while i < n:
        char = text[i]
        if char == "\\" and i + 1 < n:
            out.append(re.escape(text[i + 1]))
            i += 2
        elif char == "*":
            while i < n and text[i] == "*":
                i += 1
            out.append("[^/]*")
        elif char == "?":
            out.append("[^/]")
            i += 1
        elif char == "[":
            parsed = _bracket(text, i)
            if parsed is None:
                out.append(re.escape(char))
                i += 1
            else:
                cls, i = parsed
                out.append(cls)
        else:
            out.append(re.escape(char))
            i += 1
    return "".join(out)


_POSIX = {
    "alnum": "a-zA-Z0-9", "alpha": "a-zA-Z", "blank": " \\t", "cntrl": "\\x00-\\x1f\\x7f", "digit": "0-9",
    "graph": "!-~", "lower": "a-z", "print": " -~", "punct": "!-/:-@\\[-`{-~", "space": " \\t\\n\\r\\f\\v",
    "upper": "A-Z", "xdigit": "0-9A-Fa-f",
}


def _bracket(text: str, start: int) -> tuple[str, int] | None:
    """A `[...]` class at `start` as a regex class and the index after it, or None when the
    bracket never closes (git then takes `[` literally)."""
    i = start + 1
    negate = i < len(text) and text[i] in "!^"
    if negate:
        i += 1
    members: list[str] = []
    first = True
    while i < len(text):
        char = text[i]
        if char == "]" and not first:
            body = "".join(members)
            return ("[^/" + body + "]" if negate else "[" + body + "]"), i + 1
        if char == "[" and text.startswith("[:", i):
            close = text.find(":]", i + 2)
            fragment = _POSIX.get(text[i + 2 : close]) if close != -1 else None
            if fragment is None:
                return None
            members.append(fragment)
            i = close + 2
        elif char == "\\" and i + 1 < len(text):
            members.append(re.escape(text[i + 1]))
            i += 2
        elif char == "-" and members and i + 1 < len(text) and text[i + 1] != "]":
            members.append("-")
            i += 1
        else:
            members.append("\\" + char if char in "\\]^[-" else char)
            i += 1
        first = False
    return None
