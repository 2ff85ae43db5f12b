"""Prepare the benchmark corpora, reproducibly, into a cache directory (default `bench/.cache/`).

Corpora:

- ``django``: Django's own source (the ``django/`` package of the 5.2 wheel from PyPI) under a
  ``pyproject.toml`` with no ``[tool.room-refactor]`` table, so the default field names apply
  (they occur in no file).
- ``django-configured``: a copy of the same tree whose ``pyproject.toml`` sets ``occupancy-field``
  and ``status-field`` to two real attribute names of Django chosen by counting (see
  ``choose_fields``): their union occurs in 1 to 5 percent of the tree's ``.py`` files.
- ``dense-xN`` (N = 1, 4, 16): a generated Django-style project with thousands of direct writes
  of ``is_occupied`` / ``room_status``, generated with ``random.Random(SEED)``. ``dense-x4`` and
  ``dense-x16`` hold the 1x ``hotel`` package plus 3 or 15 copies of it in sibling packages
  (``hotel_c2``, ...), so the work is exactly N times the 1x work.

Run as a script to prepare everything and print a summary:

    python bench/corpus.py [--quick] [--cache DIR]
"""

from __future__ import annotations

import argparse
import ast
import glob
import hashlib
import json
import keyword
import os
import random
import re
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
DEFAULT_CACHE = HERE / ".cache"
DJANGO_SPEC = "django==5.2.*"
SEED = 20240611
GENERATOR_VERSION = 4  # bump when the generator changes, so cached trees are rebuilt
SCALES = (1, 4, 16)
QUICK_SCALES = (1, 2, 4)

# Full mode: 20 apps x 10 modules (plus __init__ files) ~ 3,000+ write sites at 1x.
FULL_APPS = 20
# Quick mode: a smoke test, a few apps only.
QUICK_APPS = 2
# Quick mode audits only this part of Django (the whole tree's no-op codemod alone takes ~30 s).
QUICK_DJANGO_SUBDIR = "django/contrib/auth"


# -- helpers ------------------------------------------------------------------------------------


def _py_files(root: Path) -> list[Path]:
    return sorted(p for p in root.rglob("*.py") if p.is_file())


def tree_digest(root: Path) -> str:
    """sha256 over the relative path and bytes of every file, in sorted order."""
    digest = hashlib.sha256()
    for path in sorted(p for p in root.rglob("*") if p.is_file()):
        digest.update(path.relative_to(root).as_posix().encode() + b"\0")
        digest.update(path.read_bytes() + b"\0")
    return digest.hexdigest()


def _write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def _manifest(path: Path) -> dict | None:
    try:
        return json.loads((path / "corpus.json").read_text())
    except (OSError, ValueError):
        return None


# -- Django ------------------------------------------------------------------------------------


def fetch_django(cache: Path, *, python: str = sys.executable) -> tuple[Path, str]:
    """Download Django's wheel (once) and unzip its ``django/`` package. Returns (wheel dir, version)."""
    wheels = cache / "wheels"
    wheels.mkdir(parents=True, exist_ok=True)
    found = sorted(glob.glob(str(wheels / "django-5.2*.whl")) + glob.glob(str(wheels / "Django-5.2*.whl")))
    if not found:
        subprocess.run(
            [python, "-m", "pip", "download", "--no-deps", "--only-binary", ":all:", "--quiet", DJANGO_SPEC, "-d", str(wheels)],
            check=True,
        )
        found = sorted(glob.glob(str(wheels / "django-5.2*.whl")) + glob.glob(str(wheels / "Django-5.2*.whl")))
    if not found:
        raise SystemExit(f"no Django wheel in {wheels} after pip download")
    wheel = Path(found[-1])
    version = wheel.name.split("-")[1]
    return wheel, version


def _unpack_django(wheel: Path, dest: Path, subdir: str | None) -> None:
    with zipfile.ZipFile(wheel) as archive:
        for name in archive.namelist():
            if not name.startswith("django/"):
                continue
            if subdir and not (name.startswith(subdir + "/") or name == "django/__init__.py"):
                continue
            target = dest / name
            if name.endswith("/"):
                continue
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(archive.read(name))


def choose_fields(root: Path, *, low: float = 0.01, high: float = 0.05) -> dict:
    """Two real attribute names of the tree whose occurrence, as ``grep -l`` counts it (a byte
    substring anywhere in the file), covers 1 to 5 percent of its ``.py`` files, alone and together.

    Candidates: names assigned as attributes (``x.NAME = ...``) in at least 2 files, 6+ characters,
    snake_case like a model field, neither a substring of the other. Deterministic: ordered by distance of the union's file share
    from 3 percent, then by name.
    """
    paths = _py_files(root)
    total = len(paths)
    datas = [p.read_bytes() for p in paths]
    assigned: dict[str, int] = {}
    for data in datas:
        try:
            tree = ast.parse(data)
        except (SyntaxError, ValueError):
            continue
        names = set()
        for node in ast.walk(tree):
            targets = []
            if isinstance(node, ast.Assign):
                targets = node.targets
            elif isinstance(node, (ast.AugAssign, ast.AnnAssign)):
                targets = [node.target]
            for target in targets:
                if isinstance(target, ast.Attribute):
                    names.add(target.attr)
        for name in names:
            assigned[name] = assigned.get(name, 0) + 1
    candidates = sorted(n for n, c in assigned.items() if c >= 2 and len(n) >= 6 and re.fullmatch(r"[a-z][a-z0-9_]*", n) and not keyword.iskeyword(n))

    def files_with(name: str) -> frozenset[int]:
        needle = name.encode()
        return frozenset(i for i, data in enumerate(datas) if needle in data)

    hits = {name: files_with(name) for name in candidates}
    in_range = [n for n in candidates if low * total <= len(hits[n]) <= high * total]
    target = 0.03 * total
    best: tuple[float, str, str] | None = None
    for i, first in enumerate(in_range):
        for second in in_range[i + 1 :]:
            if first in second or second in first:
                continue
            union = len(hits[first] | hits[second])
            if not (low * total <= union <= high * total):
                continue
            key = (abs(union - target), first, second)
            if best is None or key < best:
                best = key
    if best is None:
        raise SystemExit("no pair of attribute names in range; widen the bounds")
    _, first, second = best
    union = len(hits[first] | hits[second])
    return {
        "occupancy-field": first,
        "status-field": second,
        "py_files": total,
        "files_with": {first: len(hits[first]), second: len(hits[second])},
        "files_with_either": union,
        "share_either": round(union / total, 4),
        "candidates_in_range": len(in_range),
    }


def prepare_django(cache: Path, *, quick: bool = False) -> dict:
    """The ``django`` and ``django-configured`` corpora. Returns their descriptions."""
    wheel, version = fetch_django(cache)
    prefix = "quick-" if quick else ""
    subdir = QUICK_DJANGO_SUBDIR if quick else None
    plain = cache / f"{prefix}django"
    configured = cache / f"{prefix}django-configured"
    key = {"wheel": wheel.name, "subdir": subdir, "generator": GENERATOR_VERSION}
    manifest = _manifest(configured)
    if manifest is None or manifest.get("key") != key or _manifest(plain) is None:
        for path in (plain, configured):
            shutil.rmtree(path, ignore_errors=True)
        _unpack_django(wheel, plain, subdir)
        _write(plain / "pyproject.toml", '[project]\nname = "django-corpus"\nversion = "0"\n')
        # The fields are chosen on the whole of Django's source, even in quick mode, so that the
        # names do not depend on the mode.
        if subdir:
            full = cache / "django-full-tmp"
            shutil.rmtree(full, ignore_errors=True)
            _unpack_django(wheel, full, None)
            fields = choose_fields(full / "django")
            shutil.rmtree(full, ignore_errors=True)
        else:
            fields = choose_fields(plain / "django")
        shutil.copytree(plain, configured)
        _write(
            configured / "pyproject.toml",
            '[project]\nname = "django-corpus"\nversion = "0"\n\n[tool.room-refactor]\n'
            f'occupancy-field = "{fields["occupancy-field"]}"\nstatus-field = "{fields["status-field"]}"\n',
        )
        files = len(_py_files(plain))
        for path, extra in ((plain, {}), (configured, {"fields": fields})):
            _write(
                path / "corpus.json",
                json.dumps({"key": key, "django": version, "py_files": files, "digest": tree_digest(path / "django"), **extra}, indent=2),
            )
    return {"django": _manifest(plain) | {"path": str(plain)}, "django-configured": _manifest(configured) | {"path": str(configured)}}


# -- the dense generated tree -------------------------------------------------------------------

STATUSES = (
    "READY_FOR_GUEST",
    "OCCUPIED",
    "CHECKOUT_DIRTY",
    "CLEANING_IN_PROGRESS",
    "CLEANED_UNINSPECTED",
    "MAINTENANCE_REQUIRED",
    "OUT_OF_ORDER",
)
APP_NAMES = (
    "front_desk", "housekeeping_ops", "maintenance", "bookings", "guests", "billing", "night_audit",
    "inspections", "concierge", "events", "pms_sync", "reports", "mobile_api", "channel_manager",
    "loyalty", "minibar", "lost_found", "room_moves", "group_blocks", "revenue",
    "spa", "parking", "valet", "security", "energy", "laundry", "banquets", "kiosk", "tablets", "door_locks",
)
VERBS = (
    "check_in", "check_out", "start_cleaning", "finish_cleaning", "inspect", "block", "unblock",
    "report_issue", "resolve_issue", "move_guest", "release", "hold", "sync", "reset", "mark_vacant",
    "mark_occupied", "close_out", "reopen", "assign", "unassign",
)
RECEIVERS = ("room", "room", "room", "self.room", "booking.room", "locked_room", "booking.assigned_room", "stay.room")


class Gen:
    """One module's text, built from random but realistic pieces."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.sites = 0
        self.counter = 0

    def name(self, base: str) -> str:
        self.counter += 1
        return f"{base}_{self.counter}"

    def status(self) -> str:
        return repr(self.rng.choice(STATUSES)) if self.rng.random() < 0.8 else f"RoomStatus.{self.rng.choice(STATUSES)}"

    def bool_value(self) -> str:
        return self.rng.choice(("True", "False", "False", "guest_present", "bool(payload.get('occupied'))"))

    # A "body" writes to `recv`; returns lines at indent 0 (caller indents).
    def writes(self, recv: str) -> list[str]:
        r = self.rng.random()
        if r < 0.30:  # a pair, then save()
            self.sites += 2
            lines = [f"{recv}.is_occupied = {self.bool_value()}", f"{recv}.room_status = {self.status()}"]
            if self.rng.random() < 0.5:
                lines.reverse()
            return lines + [f"{recv}.save()"]
        if r < 0.45:  # a single status write with update_fields
            self.sites += 1
            return [
                f"{recv}.room_status = {self.status()}",
                f"{recv}.save(update_fields=['room_status', 'updated_at'])",
            ]
        if r < 0.55:  # a single occupancy write with update_fields naming both
            self.sites += 1
            return [
                f"{recv}.is_occupied = {self.bool_value()}",
                f"{recv}.save(update_fields=[\"is_occupied\", \"room_status\"])",
            ]
        if r < 0.65:  # setattr with literal names
            self.sites += 2
            return [
                f"setattr({recv}, 'room_status', {self.status()})",
                f"setattr({recv}, \"is_occupied\", {self.bool_value()})",
                f"{recv}.save()",
            ]
        if r < 0.80:  # if/else
            self.sites += 4
            return [
                "if guest_present:",
                f"    {recv}.is_occupied = True",
                f"    {recv}.room_status = 'OCCUPIED'",
                "else:",
                f"    {recv}.is_occupied = False",
                f"    {recv}.room_status = {self.status()}",
                f"{recv}.save()",
            ]
        if r < 0.90:  # a status write depending on a read, with a comment
            self.sites += 1
            return [
                f"previous = {recv}.room_status",
                f"if previous == {self.status()}:",
                "    # Housekeeping asked for this transition explicitly.",
                f"    {recv}.room_status = {self.status()}",
                f"    {recv}.save(update_fields=['room_status'])",
                "    logger.info('room %s: %s -> %s', " + recv + ".pk, previous, " + recv + ".room_status)",
            ]
        # a loop over rooms
        self.sites += 2
        return [
            "for room in Room.objects.filter(floor=floor):",
            "    room.is_occupied = False",
            f"    room.room_status = {self.status()}",
            "    room.save()",
        ]

    def prologue(self, recv: str, source: str) -> list[str]:
        if recv == "room":
            return [f"room = {source}"]
        if recv == "locked_room":
            return ["locked_room = Room.objects.select_for_update().get(pk=room_id)"]
        if recv.startswith("booking."):
            return ["booking = Booking.objects.select_related('room').get(pk=booking_id)"]
        if recv.startswith("stay."):
            return ["stay = Stay.objects.get(pk=stay_id)"]
        return []

    def function(self, *, decorator: str | None, indent: str = "", method: bool = False, name: str | None = None) -> list[str]:
        rng = self.rng
        recv = rng.choice(RECEIVERS if method else [r for r in RECEIVERS if not r.startswith("self.")])
        fname = name or self.name(rng.choice(VERBS))
        params = "self, request, room_id=None, booking_id=None, stay_id=None" if method else "room_id=None, booking_id=None, stay_id=None, guest_present=False, floor=None, payload=None"
        out = []
        if decorator:
            out.append(decorator)
        out.append(f"def {fname}({params}):")
        body = []
        if rng.random() < 0.5:
            body.append(f'"""{fname.replace("_", " ").capitalize()}: keeps the room board in sync."""')
        if method:
            body.append("payload = request.data")
            body.append("guest_present = bool(payload.get('guest_present'))")
            body.append("floor = payload.get('floor')")
        body += self.prologue(recv, "get_object_or_404(Room, pk=room_id)" if method else "Room.objects.get(pk=room_id)")
        style = rng.random()
        if style < 0.25:
            body.append("with transaction.atomic():")
            body += ["    " + line for line in self.writes(recv)]
        else:
            body += self.writes(recv)
        if rng.random() < 0.4:
            body += self.writes(recv)
        if rng.random() < 0.3:
            body.append(f"notification_manager.realtime_room_updated({recv})")
        body.append("return Response({'ok': True})" if method else f"return {recv}")
        out += ["    " + line for line in body]
        return [indent + line if line else line for line in out]

    def header(self, doc: str, app: str) -> list[str]:
        return [
            f'"""{doc}"""',
            "",
            "import logging",
            "",
            "from django.db import transaction",
            "from django.shortcuts import get_object_or_404",
            "from rest_framework import status",
            "from rest_framework.decorators import api_view",
            "from rest_framework.response import Response",
            "from rest_framework.views import APIView",
            "",
            "from hotel.realtime import notification_manager",
            f"from hotel.{app}.models import Booking, Stay",
            "from rooms.models import Room, RoomStatus",
            "",
            "logger = logging.getLogger(__name__)",
            "",
        ]

    def views_module(self, app: str) -> str:
        lines = self.header(f"HTTP endpoints of {app.replace('_', ' ')}.", app)
        for _ in range(self.rng.randint(2, 4)):
            cls = "".join(p.capitalize() for p in self.name(self.rng.choice(VERBS)).split("_")) + "View"
            lines += ["", f"class {cls}(APIView):", "    permission_classes = []", ""]
            for method in self.rng.sample(("post", "put", "patch", "delete", "get"), self.rng.randint(1, 3)):
                decorator = "@transaction.atomic" if self.rng.random() < 0.3 else None
                lines += self.function(decorator=decorator, indent="    ", method=True, name=method) + [""]
        for _ in range(self.rng.randint(3, 6)):
            verbs = self.rng.choice(('["POST"]', '["PUT", "PATCH"]', '["POST", "DELETE"]'))
            lines += ["", f"@api_view({verbs})"]
            fn = self.function(decorator=None)
            fn[0] = fn[0].replace("(room_id=None", "(request, room_id=None")
            lines += fn + [""]
        return "\n".join(lines) + "\n"

    def services_module(self, app: str) -> str:
        lines = self.header(f"Business rules of {app.replace('_', ' ')}.", app)
        for _ in range(self.rng.randint(6, 12)):
            decorator = "@transaction.atomic" if self.rng.random() < 0.5 else None
            lines += [""] + self.function(decorator=decorator) + [""]
        return "\n".join(lines) + "\n"

    def models_module(self, app: str) -> str:
        lines = [
            f'"""Models of {app.replace("_", " ")}."""',
            "",
            "from django.db import models, transaction",
            "",
            "",
            "class Booking(models.Model):",
            "    room = models.ForeignKey('rooms.Room', on_delete=models.PROTECT, related_name='+')",
            "    assigned_room = models.ForeignKey('rooms.Room', null=True, on_delete=models.SET_NULL, related_name='+')",
            "    starts_at = models.DateTimeField()",
            "    ends_at = models.DateTimeField()",
            "",
            "    def delete(self, *args, **kwargs):",
            "        # Releasing a booking frees its room for housekeeping.",
            "        self.room.is_occupied = False",
            f"        self.room.room_status = {self.status()}",
            "        self.room.save()",
            "        return super().delete(*args, **kwargs)",
            "",
            "    def cancel(self):",
            "        with transaction.atomic():",
            "            self.assigned_room.room_status = 'READY_FOR_GUEST'",
            "            self.assigned_room.save(update_fields=['room_status'])",
            "",
            "",
            "class Stay(models.Model):",
            "    room = models.ForeignKey('rooms.Room', on_delete=models.PROTECT, related_name='+')",
            "    guests = models.PositiveIntegerField(default=1)",
            "",
            "    def delete(self, *args, **kwargs):",
            "        if self.room.is_occupied:",
            "            self.room.is_occupied = False",
            "            self.room.save(update_fields=['is_occupied'])",
            "        return super().delete(*args, **kwargs)",
            "",
        ]
        self.sites += 4  # Booking.delete (2), Booking.cancel (1), Stay.delete (1)
        return "\n".join(lines) + "\n"

    def plain_module(self, app: str, what: str) -> str:
        """A module without writes (serializers, urls, helpers): most of a real tree."""
        lines = [f'"""{what.capitalize()} of {app.replace("_", " ")}."""', "", "from rest_framework import serializers", ""]
        for _ in range(self.rng.randint(4, 10)):
            cls = "".join(p.capitalize() for p in self.name(self.rng.choice(VERBS)).split("_")) + "Serializer"
            lines += [
                "",
                f"class {cls}(serializers.Serializer):",
                "    room_number = serializers.CharField(max_length=16)",
                "    guests = serializers.IntegerField(min_value=0)",
                "",
                "    def validate_guests(self, value):",
                "        if value > 6:",
                "            raise serializers.ValidationError('too many guests')",
                "        return value",
                "",
            ]
        return "\n".join(lines) + "\n"


# Which modules an app has, and what kind each one is.
APP_MODULES = (
    ("views.py", "views"),
    ("api.py", "views"),
    ("services.py", "services"),
    ("tasks.py", "services"),
    ("handlers.py", "services"),
    ("admin_actions.py", "services"),
    ("workflows.py", "services"),
    ("models.py", "models"),
    ("serializers.py", "plain"),
    ("urls.py", "plain"),
)

ROOM_MODELS = '''"""The room inventory."""

from django.db import models


class RoomStatus(models.TextChoices):
    READY_FOR_GUEST = "READY_FOR_GUEST"
    OCCUPIED = "OCCUPIED"
    CHECKOUT_DIRTY = "CHECKOUT_DIRTY"
    CLEANING_IN_PROGRESS = "CLEANING_IN_PROGRESS"
    CLEANED_UNINSPECTED = "CLEANED_UNINSPECTED"
    MAINTENANCE_REQUIRED = "MAINTENANCE_REQUIRED"
    OUT_OF_ORDER = "OUT_OF_ORDER"


class Room(models.Model):
    room_number = models.CharField(max_length=16)
    floor = models.IntegerField(default=1)
    is_occupied = models.BooleanField(default=False)
    room_status = models.CharField(max_length=32, choices=RoomStatus.choices, default=RoomStatus.READY_FOR_GUEST)
    updated_at = models.DateTimeField(auto_now=True)
'''

SERVICES = '''"""The canonical writers of Room.is_occupied and Room.room_status."""

from django.db import transaction

from rooms.models import Room


def set_room_status(room, to_status, *, changed_by=None, note=""):
    return set_room_occupancy_and_status(room, status=to_status)


def set_room_occupancy_and_status(room, *, is_occupied=None, status=None):
    with transaction.atomic():
        locked_room = Room.objects.select_for_update().get(pk=room.pk)
        if is_occupied is not None:
            locked_room.is_occupied = is_occupied
        if status is not None:
            locked_room.room_status = status
        locked_room.save(update_fields=["is_occupied", "room_status", "updated_at"])
    room.is_occupied = locked_room.is_occupied
    room.room_status = locked_room.room_status
    return locked_room
'''

REALTIME = '''"""Realtime notifications."""


class _NotificationManager:
    def realtime_room_updated(self, room):
        return None


notification_manager = _NotificationManager()
'''


def generate_hotel(dest: Path, *, apps: int, seed: int = SEED) -> dict:
    """Write the ``hotel`` package into ``dest``. Returns counts."""
    rng = random.Random(seed)
    files = 0
    sites = 0
    lines = 0
    _write(dest / "hotel" / "__init__.py", "")
    _write(dest / "hotel" / "realtime.py", REALTIME)
    files += 2
    for index in range(apps):
        app = APP_NAMES[index % len(APP_NAMES)] + ("" if index < len(APP_NAMES) else f"_{index // len(APP_NAMES)}")
        _write(dest / "hotel" / app / "__init__.py", "")
        files += 1
        for filename, kind in APP_MODULES:
            gen = Gen(rng)
            if kind == "views":
                text = gen.views_module(app)
            elif kind == "services":
                text = gen.services_module(app)
            elif kind == "models":
                text = gen.models_module(app)
            else:
                text = gen.plain_module(app, filename[:-3])
            compile(text, filename, "exec")  # the generator only writes valid Python
            _write(dest / "hotel" / app / filename, text)
            files += 1
            sites += gen.sites
            lines += text.count("\n")
    return {"files": files, "sites": sites, "lines": lines}


def prepare_dense(cache: Path, *, quick: bool = False, scales: tuple[int, ...] | None = None) -> dict:
    """``dense-x1``, ``dense-x4``, ``dense-x16``: the 1x ``hotel`` package and copies of it."""
    scales = scales or (QUICK_SCALES if quick else SCALES)
    apps = QUICK_APPS if quick else FULL_APPS
    prefix = "quick-" if quick else ""
    key = {"seed": SEED, "apps": apps, "generator": GENERATOR_VERSION}
    out = {}
    base = cache / f"{prefix}dense-base"
    if (_manifest(base) or {}).get("key") != key:
        shutil.rmtree(base, ignore_errors=True)
        counts = generate_hotel(base, apps=apps)
        _write(base / "corpus.json", json.dumps({"key": key, **counts, "digest": tree_digest(base / "hotel")}, indent=2))
    base_manifest = _manifest(base)
    for scale in scales:
        path = cache / f"{prefix}dense-x{scale}"
        scale_key = key | {"scale": scale, "base": base_manifest["digest"]}
        if (_manifest(path) or {}).get("key") != scale_key:
            shutil.rmtree(path, ignore_errors=True)
            path.mkdir(parents=True)
            _write(path / "pyproject.toml", '[project]\nname = "dense-hotel"\nversion = "0"\n')
            _write(path / "rooms" / "__init__.py", "")
            _write(path / "rooms" / "models.py", ROOM_MODELS)
            _write(path / "housekeeping" / "__init__.py", "")
            _write(path / "housekeeping" / "services.py", SERVICES)
            for copy in range(scale):
                name = "hotel" if copy == 0 else f"hotel_c{copy + 1}"
                shutil.copytree(base / "hotel", path / name)
            py_files = len(_py_files(path))
            _write(
                path / "corpus.json",
                json.dumps(
                    {
                        "key": scale_key,
                        "scale": scale,
                        "py_files": py_files,
                        "sites": base_manifest["sites"] * scale,
                        "lines": base_manifest["lines"] * scale,
                        "digest": tree_digest(path),
                    },
                    indent=2,
                ),
            )
        out[f"dense-x{scale}"] = _manifest(path) | {"path": str(path)}
    return out


def prepare_all(cache: Path = DEFAULT_CACHE, *, quick: bool = False) -> dict:
    cache.mkdir(parents=True, exist_ok=True)
    corpora = prepare_django(cache, quick=quick)
    corpora.update(prepare_dense(cache, quick=quick))
    return corpora


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="small corpora for a smoke test")
    parser.add_argument("--cache", type=Path, default=DEFAULT_CACHE)
    args = parser.parse_args(argv)
    corpora = prepare_all(args.cache, quick=args.quick)
    for name, info in corpora.items():
        info = {k: v for k, v in info.items() if k != "key"}
        print(f"{name}: {json.dumps(info)}")
    return 0


if __name__ == "__main__":
    os.environ.setdefault("PYTHONHASHSEED", "0")
    sys.exit(main())
