"""I/O: file discovery, the byte prefilter, decoding, module names and roles, atomic writes."""

from __future__ import annotations

import codecs
import errno
import io
import os
import re
import stat
import tokenize
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterable, Iterator

from room_refactor.core.gitignore import compile_lines
from room_refactor.model import Role


@dataclass(frozen=True)
class SourceFile:
    path: str  # absolute
    rel: str  # relative to the project root, with `/`


@dataclass(frozen=True)
class Skipped:
    rel: str
    reason: str
    error: bool = False  # could not be read: a failure, not a choice (it fails `audit --check`)


@dataclass(frozen=True)
class Discovery:
    files: tuple[SourceFile, ...]
    skipped: tuple[Skipped, ...]


def relative(path: Path, root: Path) -> str:
    try:
        rel = path.relative_to(root)
    except ValueError:
        rel = Path(os.path.relpath(path, root))
    return rel.as_posix()


class _Ignore:
    """Exclude patterns plus every `.gitignore` from the root down, all in gitignore syntax.

    Paths are given relative to the root, with `/`: discovery asks once per directory entry,
    so this works on strings and reads each directory's `.gitignore` at most once.
    """

    def __init__(self, root: str, patterns: Iterable[str]) -> None:
        self.root = root
        patterns = list(patterns)
        # git's own per-repository ignores, when the project root is the repository's top
        exclude = os.path.join(root, ".git", "info", "exclude")
        if os.path.isfile(exclude):
            try:
                with open(exclude, encoding="utf-8", errors="replace") as stream:
                    patterns.extend(stream.read().splitlines())
            except OSError:
                pass
        self.base = compile_lines(patterns)
        self._specs: dict[str, Callable[[str], bool] | None] = {}
        self._active: dict[str, tuple[tuple[str, Callable[[str], bool]], ...]] = {}
        self.errors: list[Skipped] = []

    def listed(self, dir_rel: str, names: set[str]) -> None:
        """Discovery has listed `dir_rel`: without a `.gitignore` there, no need to look for one."""
        if ".gitignore" not in names:
            self._specs.setdefault(dir_rel, None)

    def _gitignore_in(self, dir_rel: str) -> Callable[[str], bool] | None:
        if dir_rel not in self._specs:
            spec = None
            candidate = os.path.join(self.root, dir_rel, ".gitignore") if dir_rel else os.path.join(self.root, ".gitignore")
            if os.path.isfile(candidate):
                try:
                    with open(candidate, encoding="utf-8", errors="replace") as stream:
                        spec = compile_lines(stream.read().splitlines())
                except OSError as exc:
                    # Without it, ignored files would be audited and rewritten: say so.
                    self.errors.append(Skipped(f"{dir_rel}/.gitignore" if dir_rel else ".gitignore",
                                               f"cannot read: {exc.strerror or exc}", error=True))
                    spec = None
            self._specs[dir_rel] = spec
        return self._specs[dir_rel]

    def _gitignores_above(self, dir_rel: str) -> tuple[tuple[str, Callable[[str], bool]], ...]:
        """The `.gitignore` files that apply below `dir_rel`: its own and its ancestors'."""
        found = self._active.get(dir_rel)
        if found is None:
            outer = self._gitignores_above(dir_rel.rpartition("/")[0]) if dir_rel else ()
            spec = self._gitignore_in(dir_rel)
            found = (*outer, (dir_rel, spec)) if spec is not None else outer
            self._active[dir_rel] = found
        return found

    def ignored(self, rel: str, *, is_dir: bool) -> bool:
        if rel.startswith("../") or rel == "..":
            return False
        suffix = "/" if is_dir else ""
        if self.base(rel + suffix):
            return True
        # Each .gitignore applies to the paths below its own directory.
        for dir_rel, spec in self._gitignores_above(rel.rpartition("/")[0]):
            sub = rel[len(dir_rel) + 1:] if dir_rel else rel
            if spec(sub + suffix):
                return True
        return False


def discover(
    paths: list[Path],
    *,
    root: Path,
    exclude: Iterable[str],
    listings: dict[str, list[os.DirEntry[str]]] | None = None,
) -> Discovery:
    """Every `.py` file under `paths`, sorted, excluded and `.gitignore`d paths left out.

    `listings` holds directory listings made just before (by path, as `os.scandir` gives
    them): each is used at most once, instead of listing the directory again.

    Symlinks are followed only while they stay inside `root`; loops are cut. Only symlinks
    are resolved: below a real directory, an entry that is not a link is where it says it is.
    """
    root = root.resolve()
    root_str = str(root)
    ignore = _Ignore(root_str, exclude)
    found: dict[str, SourceFile] = {}
    skipped: list[Skipped] = []
    seen_dirs: set[str] = set()
    deferred: list[Path] = []  # symlinked directories, walked after every real one

    def inside_root(real: str) -> bool:
        return real == root_str or real.startswith(root_str + os.sep)

    def visit_file(path: Path, *, explicit: bool) -> None:
        rel = relative(path, root)
        try:
            real = path.resolve(strict=True)
        except (OSError, RuntimeError) as exc:
            skipped.append(Skipped(rel, f"cannot resolve path: {exc.__class__.__name__}"))
            return
        if not inside_root(str(real)):
            skipped.append(Skipped(rel, "symlink points outside the project root"))
            return
        if ignore.ignored(rel, is_dir=False):
            return
        if path.is_symlink():
            # Writing through a link would replace it with a file; the target is walked itself.
            skipped.append(Skipped(rel, f"symlink to {relative(real, root)}; the target is processed instead"))
            return
        found.setdefault(rel, SourceFile(path=str(path), rel=rel))

    def visit_dir(directory: Path) -> None:
        try:
            real = str(directory.resolve(strict=True))
        except (OSError, RuntimeError) as exc:
            skipped.append(Skipped(relative(directory, root), f"cannot resolve path: {exc.__class__.__name__}"))
            return
        walk(str(directory), relative(directory, root), real)

    def walk(directory: str, dir_rel: str, real: str) -> None:
        if not inside_root(real):
            skipped.append(Skipped(dir_rel, "symlink points outside the project root"))
            return
        if real in seen_dirs:
            return  # a symlink loop, or a second way into a directory already walked
        seen_dirs.add(real)
        entries = listings.pop(directory, None) if listings else None
        if entries is None:
            try:
                with os.scandir(directory) as listing:
                    entries = list(listing)  # the files are sorted at the end; no order needed here
            except OSError as exc:
                skipped.append(Skipped(dir_rel, f"cannot list directory: {exc.strerror or exc}", error=True))
                return
        names = {entry.name for entry in entries}
        if "pyvenv.cfg" in names:
            return  # a virtualenv
        prefix = "" if dir_rel in ("", ".") else dir_rel + "/"
        ignore.listed(prefix[:-1], names)
        for entry in entries:
            name = entry.name
            try:
                is_dir = entry.is_dir()  # follows symlinks
            except OSError:
                is_dir = False
            if is_dir:
                rel = prefix + name
                if ignore.ignored(rel, is_dir=True):
                    continue
                if entry.is_symlink():
                    deferred.append(Path(entry.path))
                else:
                    walk(entry.path, rel, real + os.sep + entry.name)
            elif name.endswith(".py"):
                rel = prefix + name
                if entry.is_symlink():
                    if not os.path.exists(entry.path):
                        skipped.append(Skipped(rel, "broken symlink or symlink loop"))
                        continue
                    visit_file(Path(entry.path), explicit=False)
                elif not ignore.ignored(rel, is_dir=False):
                    found.setdefault(rel, SourceFile(path=entry.path, rel=rel))

    for given in paths:
        given = Path(os.path.abspath(given))
        if given.is_dir():
            if given != root and ignore.ignored(relative(given, root), is_dir=True):
                continue
            visit_dir(given)
        elif given.suffix == ".py" or given.is_file():
            if not given.exists():
                skipped.append(Skipped(relative(given, root), "no such file"))
                continue
            visit_file(given, explicit=True)
        else:
            skipped.append(Skipped(relative(given, root), "no such file or directory"))
    while deferred:
        # Symlinked directories in a fixed order, so that the same path always wins a tie.
        deferred.sort(key=str)
        visit_dir(deferred.pop(0))
    skipped.extend(ignore.errors)
    files = tuple(sorted(found.values(), key=lambda f: f.rel))
    return Discovery(files=files, skipped=tuple(sorted(set(skipped), key=lambda s: s.rel)))


# -- module names and roles ---------------------------------------------------------------


def module_name(rel: str) -> str:
    parts = rel[:-3].split("/") if rel.endswith(".py") else rel.split("/")
    if parts and parts[0] == "src" and len(parts) > 1:
        parts = parts[1:]
    if parts and parts[-1] == "__init__":
        parts = parts[:-1]
    return ".".join(p for p in parts if p not in ("", "."))


def module_role(rel: str) -> Role:
    parts = rel.split("/")
    name = parts[-1]
    stem = name[:-3] if name.endswith(".py") else name
    dirs = parts[:-1]
    if "migrations" in dirs:
        return Role.MIGRATION
    if (
        any(d in ("tests", "test") for d in dirs)
        or stem in ("tests", "conftest")
        or stem.startswith("test_")
        or stem.endswith(("_test", "_tests"))
    ):
        return Role.TEST
    if name == "manage.py" or "scripts" in dirs or ("management" in dirs and "commands" in dirs):
        return Role.SCRIPT
    if stem.endswith(("views", "viewsets")) or stem == "api" or any(d in ("views", "viewsets") for d in dirs):
        return Role.VIEW
    if stem == "models" or "models" in dirs:
        return Role.MODEL
    if "service" in stem or any(d in ("services", "service") for d in dirs):
        return Role.SERVICE
    return Role.APP


# -- reading --------------------------------------------------------------------------------


class NotRegular(Exception):
    """A FIFO, a device or a socket named `*.py`: never read (it could block, or never end)."""


_KINDS = ((stat.S_ISFIFO, "a FIFO"), (stat.S_ISCHR, "a character device"), (stat.S_ISBLK, "a block device"),
          (stat.S_ISSOCK, "a socket"))


def read_source(path: str) -> bytes:
    """The bytes of a regular file. Opened without blocking (a FIFO would wait for a writer),
    checked to be a regular file before anything is read."""
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0))
    try:
        mode = os.fstat(fd).st_mode
        if stat.S_ISDIR(mode):
            raise IsADirectoryError(errno.EISDIR, "Is a directory", path)
        if not stat.S_ISREG(mode):
            kind = next((name for test, name in _KINDS if test(mode)), "not a regular file")
            raise NotRegular(f"{kind}, not a regular file; not read")
        chunks: list[bytes] = []
        while True:
            chunk = os.read(fd, 1 << 20)
            if not chunk:
                return b"".join(chunks)
            chunks.append(chunk)
    finally:
        os.close(fd)


COOKIE = re.compile(rb"^[ \t\f]*#.*?coding[:=][ \t]*[-\w.]+", re.M)


class DecodeError(Exception):
    def __init__(self, message: str, line: int | None = None) -> None:
        super().__init__(message)
        self.line = line


@dataclass(frozen=True)
class Decoded:
    text: str
    encoding: str
    bom: bool


def decode(data: bytes) -> Decoded:
    """Decode like Python does (BOM, PEP 263 cookie); line endings are kept as they are."""
    try:
        encoding, _ = tokenize.detect_encoding(io.BytesIO(data).readline)
    except SyntaxError as exc:
        if COOKIE.search(b"\n".join(data.splitlines()[:2])):
            raise DecodeError(f"bad source encoding declaration: {exc.msg}", getattr(exc, "lineno", None)) from exc
        encoding = "utf-8"  # no declaration: the bytes themselves are not UTF-8, say where
    bom = data.startswith(codecs.BOM_UTF8)
    body = data[len(codecs.BOM_UTF8) :] if bom else data
    python_encoding = "utf-8" if encoding == "utf-8-sig" else encoding
    try:
        text = body.decode(python_encoding)
    except UnicodeDecodeError as exc:
        line = body[: exc.start].count(b"\n") + 1
        raise DecodeError(f"cannot decode as {python_encoding}: {exc.reason} at byte {exc.start}", line) from exc
    return Decoded(text=text, encoding=python_encoding, bom=bom)


def encode(text: str, *, encoding: str, bom: bool) -> bytes:
    data = text.encode(encoding)
    return codecs.BOM_UTF8 + data if bom else data


def prefilter(data: bytes, needles: Iterable[bytes]) -> bool:
    return any(needle in data for needle in needles)


# -- writing --------------------------------------------------------------------------------


class WriteError(Exception):
    pass


#: The tool's own temporary files: short (a 255-byte file name still gets one), recognizable (a
#: later run removes those a kill left behind), hidden.
TEMP_PREFIX = ".room-refactor-"
TEMP_SUFFIX = ".tmp"
_TEMP_NAME = re.compile(r"^\.room-refactor-[0-9a-f]{16}\.tmp$|^\..+\.room-refactor\.tmp$")
_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)
_DIRECTORY = getattr(os, "O_DIRECTORY", 0)


def open_directory(root: Path, rel_dir: str, *, create: bool = False) -> int:
    """A file descriptor of `root/rel_dir`, opened one component at a time without following a
    symlink: whatever is planted in the tree while the run works, what is written lands inside
    `root`. With `create`, missing directories are made."""
    fd = os.open(root, os.O_RDONLY | _DIRECTORY)
    try:
        for part in [p for p in rel_dir.split("/") if p not in ("", ".")]:
            if part == "..":
                raise WriteError("path leaves the project root; not written")
            try:
                inner = os.open(part, os.O_RDONLY | _DIRECTORY | _NOFOLLOW, dir_fd=fd)
            except FileNotFoundError:
                if not create:
                    raise
                os.mkdir(part, 0o777, dir_fd=fd)
                inner = os.open(part, os.O_RDONLY | _DIRECTORY | _NOFOLLOW, dir_fd=fd)
            except OSError as exc:
                if exc.errno in (errno.ELOOP, errno.ENOTDIR):
                    raise WriteError(f"{part}/ is a symlink or not a directory; nothing is written through it") from exc
                raise
            os.close(fd)
            fd = inner
    except BaseException:
        os.close(fd)
        raise
    return fd


def _read_regular(name: str, dir_fd: int) -> tuple[bytes, os.stat_result]:
    try:
        fd = os.open(name, os.O_RDONLY | _NOFOLLOW | getattr(os, "O_NONBLOCK", 0), dir_fd=dir_fd)
    except FileNotFoundError as exc:
        raise WriteError("file was deleted since it was read; not re-created") from exc
    except OSError as exc:
        if exc.errno == errno.ELOOP:  # the last component is a symlink
            raise WriteError("file is a symlink; nothing is written through it") from exc
        raise WriteError(f"cannot re-read before writing: {exc.strerror or exc}") from exc
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise WriteError("not a regular file; not written")
        chunks = []
        while True:
            chunk = os.read(fd, 1 << 20)
            if not chunk:
                break
            chunks.append(chunk)
        return b"".join(chunks), info
    finally:
        os.close(fd)


def _same_file(before: os.stat_result, after: os.stat_result) -> bool:
    return (before.st_ino, before.st_dev, before.st_size, before.st_mtime_ns) == (
        after.st_ino, after.st_dev, after.st_size, after.st_mtime_ns
    )


def _write_temp(dir_fd: int, data: bytes, like: os.stat_result | None) -> str:
    """A new temporary file in the directory with `data`, synced, with the mode, owner, group
    and extended attributes of `like` (the file it replaces)."""
    import secrets

    while True:
        name = f"{TEMP_PREFIX}{secrets.token_hex(8)}{TEMP_SUFFIX}"
        try:
            fd = os.open(name, os.O_WRONLY | os.O_CREAT | os.O_EXCL | _NOFOLLOW, 0o600, dir_fd=dir_fd)
            break
        except FileExistsError:
            continue
    try:
        try:
            view = memoryview(data)
            while view:
                view = view[os.write(fd, view):]
            if like is not None:
                _copy_metadata(fd, like, dir_fd=dir_fd)
            else:
                umask = os.umask(0)
                os.umask(umask)
                os.fchmod(fd, 0o666 & ~umask)
            os.fsync(fd)
        finally:
            os.close(fd)
    except BaseException:
        _unlink_quietly(name, dir_fd)
        raise
    return name


def _copy_metadata(fd: int, like: os.stat_result, *, dir_fd: int) -> None:
    if (like.st_uid, like.st_gid) != (os.getuid(), os.getgid()):
        try:
            os.fchown(fd, like.st_uid, like.st_gid)
        except PermissionError as exc:
            raise WriteError(
                f"cannot keep the file's owner {like.st_uid}:{like.st_gid} (only root can); not written"
            ) from exc
    os.fchmod(fd, stat.S_IMODE(like.st_mode))  # after fchown, which may clear set-id bits


def _copy_xattrs(source: str, fd: int, dir_fd: int) -> None:
    """Extended attributes (SELinux labels, ACLs, user.*) of `source` onto `fd`."""
    if not hasattr(os, "listxattr"):
        return
    try:
        src = os.open(source, os.O_RDONLY | _NOFOLLOW | getattr(os, "O_NONBLOCK", 0), dir_fd=dir_fd)
    except OSError:
        return
    try:
        try:
            names = os.listxattr(src)
        except OSError:
            return
        for attribute in names:
            try:
                os.setxattr(fd, attribute, os.getxattr(src, attribute))
            except OSError as exc:
                if attribute.startswith("security.") or exc.errno == errno.EOPNOTSUPP:  # labels the kernel sets itself
                    continue
                raise WriteError(f"cannot keep the extended attribute {attribute}: {exc.strerror}; not written") from exc
    finally:
        os.close(src)


def _unlink_quietly(name: str, dir_fd: int) -> None:
    try:
        os.unlink(name, dir_fd=dir_fd)
    except OSError:
        pass


def atomic_write(path: Path, data: bytes, *, expected: bytes, root: Path | None = None) -> None:
    """Replace `path` with `data` through a temporary file in the same directory.

    Refuses when the file is read-only, hard-linked (the link would be split), a symlink, not a
    regular file, or changed on disk since it was read (`expected`); the last check is made
    again just before the rename, so an edit made while the new file is written is kept.
    Owner, group, mode and extended attributes are kept; the directory is opened below `root`
    (default: the file's own directory) without following a symlink. The file is never left
    half-written: either the old or the new bytes, and the rename is synced to disk.
    """
    base = root if root is not None else path.parent
    rel = relative(path, base)
    rel_dir, _, name = rel.rpartition("/")
    try:
        dir_fd = open_directory(base, rel_dir)
    except FileNotFoundError as exc:
        raise WriteError("file was deleted since it was read; not re-created") from exc
    try:
        current, info = _read_regular(name, dir_fd)
        if not info.st_mode & (stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH) or not os.access(
            name, os.W_OK, dir_fd=dir_fd, effective_ids=os.access in os.supports_effective_ids
        ):
            raise WriteError("file is read-only")
        if info.st_nlink > 1:
            raise WriteError(f"file has {info.st_nlink} hard links; replacing it would split them, so it is not written")
        if current != expected:
            raise WriteError("file changed on disk since it was read; not overwritten")
        tmp = _write_temp(dir_fd, data, info)
        try:
            _copy_xattrs_to(tmp, name, dir_fd)
            # Once more, just before the rename: an edit made meanwhile must not be lost.
            latest, latest_info = _read_regular(name, dir_fd)
            if latest != expected or not _same_file(info, latest_info):
                raise WriteError("file changed on disk while it was being written; not overwritten")
            os.replace(tmp, name, src_dir_fd=dir_fd, dst_dir_fd=dir_fd)
        except BaseException:
            _unlink_quietly(tmp, dir_fd)
            raise
        os.fsync(dir_fd)
    finally:
        os.close(dir_fd)


def _copy_xattrs_to(tmp: str, source: str, dir_fd: int) -> None:
    fd = os.open(tmp, os.O_WRONLY | _NOFOLLOW, dir_fd=dir_fd)
    try:
        _copy_xattrs(source, fd, dir_fd)
    finally:
        os.close(fd)


def create_file(root: Path, rel: str, data: bytes) -> None:
    """Create `root/rel` with `data`, atomically (a temporary file, synced, then linked in
    place: no one ever sees it half-written, and an existing file is never overwritten).
    Missing directories are made; no symlink is followed."""
    rel_dir, _, name = rel.rpartition("/")
    dir_fd = open_directory(root, rel_dir, create=True)
    try:
        tmp = _write_temp(dir_fd, data, None)
        try:
            try:
                os.link(tmp, name, src_dir_fd=dir_fd, dst_dir_fd=dir_fd, follow_symlinks=False)
            except FileExistsError as exc:
                raise WriteError("file appeared on disk since the run started; not overwritten") from exc
            except (PermissionError, NotImplementedError, OSError) as exc:
                if isinstance(exc, FileExistsError):
                    raise
                # A file system without hard links: a rename, after checking the name is free.
                try:
                    os.stat(name, dir_fd=dir_fd, follow_symlinks=False)
                    raise WriteError("file appeared on disk since the run started; not overwritten") from exc
                except FileNotFoundError:
                    os.replace(tmp, name, src_dir_fd=dir_fd, dst_dir_fd=dir_fd)
        finally:
            _unlink_quietly(tmp, dir_fd)
        os.fsync(dir_fd)
    finally:
        os.close(dir_fd)


def remove_stale_temp_files(root: Path, rel_dirs: Iterable[str]) -> list[str]:
    """Remove the temporary files an interrupted run left in these directories (the tool's own
    names only, regular files only). Returns them, relative to `root`."""
    removed = []
    for rel_dir in sorted(set(rel_dirs)):
        try:
            dir_fd = open_directory(root, rel_dir)
        except (OSError, WriteError):
            continue
        try:
            for name in os.listdir(dir_fd):
                if not _TEMP_NAME.match(name):
                    continue
                try:
                    info = os.stat(name, dir_fd=dir_fd, follow_symlinks=False)
                    if stat.S_ISREG(info.st_mode):
                        os.unlink(name, dir_fd=dir_fd)
                        removed.append(f"{rel_dir}/{name}" if rel_dir else name)
                except OSError:
                    continue
        finally:
            os.close(dir_fd)
    return removed


@contextmanager
def write_lock(root: Path) -> Iterator[None]:
    """Only one `--write` run at a time per project: an exclusive lock on the root directory
    itself (no lock file is left in the tree). Raises `WriteError` when another run holds it."""
    import fcntl

    fd = os.open(root, os.O_RDONLY | _DIRECTORY)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError as exc:
            raise WriteError(
                "another `room-refactor migrate --write` is running on this project; nothing was written"
            ) from exc
        yield
    finally:
        os.close(fd)


def iter_chunks(items: list[SourceFile], size: int) -> Iterator[list[SourceFile]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def module_lookup(root: Path):  # type: ignore[no-untyped-def]
    """module name -> (source, is_package) for modules inside the project, else None."""
    cache: dict[str, tuple[str, bool] | None] = {}

    def lookup(module: str) -> tuple[str, bool] | None:
        if module in cache:
            return cache[module]
        result = None
        relative_path = Path(*module.split("."))
        for base in (root, root / "src"):
            for candidate, is_package in ((base / relative_path / "__init__.py", True), (base / relative_path.with_suffix(".py"), False)):
                if candidate.is_file():
                    try:
                        result = (decode(candidate.read_bytes()).text, is_package)
                    except (OSError, DecodeError):
                        result = None
                    break
            if result is not None:
                break
        cache[module] = result
        return result

    return lookup


def module_path(root: Path, module: str) -> Path:
    """Where a module lives (or would be created) under the project root."""
    relative_path = Path(*module.split("."))
    for base in (root, root / "src"):
        package = base / relative_path / "__init__.py"
        if package.is_file():
            return package
        plain = base / relative_path.with_suffix(".py")
        if plain.is_file():
            return plain
    if (root / "src").is_dir() and (root / "src" / relative_path.parts[0]).is_dir():
        return root / "src" / relative_path.with_suffix(".py")
    return root / relative_path.with_suffix(".py")
