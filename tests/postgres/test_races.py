"""The races of the seed report, on a real PostgreSQL, before and after `room-refactor migrate --write`.

Needs DATABASE_URL (scripts/with-postgres sets it); skipped without it. The race scenarios live in the
example project (examples/hotel/races/test_races.py) and run there in a subprocess, once on a copy of
the original example (ROOM_RACE_EXPECT=drift: the race must happen) and once on a migrated copy
(ROOM_RACE_EXPECT=consistent: the race must be closed), each in a database of its own. The states
they observe are printed here: run with `-s` to read them.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import pytest
from typer.testing import CliRunner

from room_refactor.cli.app import app
from tests.conftest import copy_example

DATABASE_URL = os.environ.get("DATABASE_URL", "")

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.skipif(
        not DATABASE_URL.startswith(("postgres://", "postgresql://")),
        reason="needs a PostgreSQL DATABASE_URL (run it with scripts/with-postgres)",
    ),
]

runner = CliRunner()
RACES = "races/test_races.py"
OUTCOME = re.compile(r"^(PASSED|FAILED|ERROR|XFAIL|XPASS|SKIPPED) (\S+)", re.MULTILINE)


# --- Databases and copies -------------------------------------------------------------------------


def _with_database(url: str, name: str) -> str:
    parts = urlsplit(url)
    return urlunsplit(parts._replace(path="/" + name))


def _admin():
    import psycopg  # in the `test` extra; imported here so that collection needs no PostgreSQL driver

    return psycopg.connect(DATABASE_URL, autocommit=True)


@pytest.fixture
def fresh_database():
    """Make a database with a new name and return a function giving its URL; drop it afterwards.

    pytest-django creates test_<name> beside it, so two runs never share a database either.
    """
    names: list[str] = []

    def make() -> str:
        name = f"race_{uuid.uuid4().hex[:12]}"
        with _admin() as admin:
            admin.execute(f'CREATE DATABASE "{name}"')
        names.append(name)
        return _with_database(DATABASE_URL, name)

    yield make
    with _admin() as admin:
        for name in names:
            for database in (name, f"test_{name}"):
                admin.execute(f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)')


def _migrate(copy: Path, *options: str) -> Path:
    result = runner.invoke(app, ["migrate", "--write", *options, str(copy)])
    assert result.exit_code == 0, result.output
    assert "0 failed" in result.stderr.splitlines()[-1], result.stderr
    assert "def set_room_occupancy_and_status" in (copy / "housekeeping/services.py").read_text()
    return copy


@pytest.fixture(scope="module")
def copies(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The original example (expect drift) and a migrated copy (expect consistent)."""
    root = tmp_path_factory.mktemp("races")
    original = copy_example(root / "original")
    migrated = _migrate(copy_example(root / "migrated"))
    return {"drift": original, "consistent": migrated}


# --- Running the scenarios ------------------------------------------------------------------------


@dataclass
class RaceRun:
    expect: str
    outcomes: dict[str, str]
    observations: dict[str, dict] = field(default_factory=dict)
    output: str = ""

    def outcome(self, test: str) -> str:
        found = {node: outcome for node, outcome in self.outcomes.items() if test in node}
        assert found, f"{test} did not run:\n{self.output[-3000:]}"
        assert len(set(found.values())) == 1, found
        return next(iter(found.values()))

    def assert_passed(self, test: str) -> None:
        assert self.outcome(test) == "PASSED", self.output[-6000:]


def run_races(copy: Path, expect: str, database_url: str, selection: str, tmp_path: Path) -> RaceRun:
    report = tmp_path / f"observed-{expect}.jsonl"
    report.unlink(missing_ok=True)
    env = {
        **os.environ,
        "DATABASE_URL": database_url,
        "ROOM_RACE_EXPECT": expect,
        "ROOM_RACE_REPORT": str(report),
    }
    completed = subprocess.run(
        [sys.executable, "-m", "pytest", "-p", "no:cacheprovider", "-q", "-rA", RACES, "-k", selection],
        cwd=copy,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    output = completed.stdout + completed.stderr
    outcomes = {node: outcome for outcome, node in OUTCOME.findall(completed.stdout)}
    assert outcomes, f"no race test ran (exit {completed.returncode}):\n{output[-3000:]}"
    observations = {}
    if report.exists():
        for line in report.read_text().splitlines():
            observed = json.loads(line)
            observations[observed["scenario"]] = observed
    run = RaceRun(expect, outcomes, observations, output)
    show(run)
    return run


def show(run: RaceRun) -> None:
    """Print what the scenario observed, one line per step (visible with `pytest -s`)."""
    label = {"drift": "BEFORE the migration", "consistent": "AFTER the migration"}[run.expect]
    for scenario, observed in run.observations.items():
        print(f"\n[{label}] {scenario}")
        for step in observed["steps"]:
            pair = f"is_occupied={step['is_occupied']!s:<5} room_status={step['room_status']:<21}"
            mark = "" if step["consistent"] else "  <-- INCONSISTENT PAIR"
            extra = f" guests={step['guests_in_room']}"
            if "booking" in step:
                extra += f" booking={step['booking']}"
            print(f"  {step['step']:<72} {pair}{extra}{mark}")
        for key in ("a_blocked_on", "b_blocked_on"):
            if key in observed:
                blocked = observed[key]
                waited = f"yes, on: {blocked[:90]}..." if blocked else "no"
                print(f"  {key[0].upper()} waited for a row lock: {waited}")
        for key in ("status_events", "a_result", "outcome"):
            if key in observed:
                print(f"  {key}: {observed[key]}")


def before_and_after(copies, fresh_database, tmp_path, selection: str) -> tuple[RaceRun, RaceRun]:
    before = run_races(copies["drift"], "drift", fresh_database(), selection, tmp_path)
    after = run_races(copies["consistent"], "consistent", fresh_database(), selection, tmp_path)
    return before, after


def _final(observed: dict) -> tuple[bool, str]:
    step = observed["steps"][-1]
    return step["is_occupied"], step["room_status"]


# --- 1. Lost update across the pair ---------------------------------------------------------------


def test_lost_update_across_the_pair(copies, fresh_database, tmp_path):
    before, after = before_and_after(copies, fresh_database, tmp_path, "test_lost_update")

    # Before: the stale save of request A reverted the is_occupied=False that B had committed.
    before.assert_passed("test_lost_update_across_the_pair")
    assert _final(before.observations["lost-update"]) == (True, "OUT_OF_ORDER")
    # After: the writer saved room_status only, on the locked, fresh row.
    after.assert_passed("test_lost_update_across_the_pair")
    assert _final(after.observations["lost-update"]) == (False, "OUT_OF_ORDER")


# --- 2. Interleaved check-in and guest delete -----------------------------------------------------

CHECK_IN_SCENARIOS = (
    "test_guest_delete_decides_before_the_check_in_and_writes_after_it",
    "test_guest_delete_while_the_check_in_holds_the_room",
)


def test_check_in_and_guest_delete_before_the_migration(copies, fresh_database, tmp_path):
    before = run_races(
        copies["drift"], "drift", fresh_database(), "test_guest_delete", tmp_path
    )
    for test in CHECK_IN_SCENARIOS:
        before.assert_passed(test)
    # The guest delete decided on a count taken before the check-in, then saved is_occupied=False
    # over the committed check-in: the pair is (False, OCCUPIED), with the guest in the room.
    decides_first = before.observations["check-in-vs-guest-delete/delete-decides-first"]
    assert _final(decides_first) == (False, "OCCUPIED")
    assert not all(step["consistent"] for step in decides_first["steps"])
    assert decides_first["steps"][-1]["booking"] == "CHECKED_IN"
    assert decides_first["steps"][-1]["guests_in_room"] == ["Grace Hopper"]


def test_check_in_and_guest_delete_after_the_migration(copies, fresh_database, tmp_path):
    after = run_races(
        copies["consistent"], "consistent", fresh_database(), "test_guest_delete", tmp_path
    )
    for test in CHECK_IN_SCENARIOS:
        after.assert_passed(test)
    # The migrated Guest.delete() locks the room before it counts: the check-in waits for the
    # delete's decision to commit, then occupies the room. Every observed state is consistent.
    decides_first = after.observations["check-in-vs-guest-delete/delete-decides-first"]
    assert decides_first["a_blocked_on"], "the check-in did not wait for the delete's row lock"
    assert all(step["consistent"] for step in decides_first["steps"]), decides_first["steps"]
    assert _final(decides_first) == (True, "OCCUPIED")
    holds = after.observations["check-in-vs-guest-delete/check-in-holds-the-room"]
    assert holds["b_blocked_on"], "the delete did not wait for the check-in's row lock"
    assert all(step["consistent"] for step in holds["steps"]), holds["steps"]
    assert _final(holds) == (True, "OCCUPIED")


# --- 3. Concurrent status changes -----------------------------------------------------------------


def test_concurrent_status_changes(copies, fresh_database, tmp_path):
    before, after = before_and_after(copies, fresh_database, tmp_path, "test_concurrent_status")

    for run in (before, after):
        run.assert_passed("test_concurrent_status_changes[READY_FOR_GUEST]")
        run.assert_passed("test_concurrent_status_changes[OUT_OF_ORDER]")
        for observed in run.observations.values():
            assert observed["a_blocked_on"], "the second writer did not wait for the row lock"

    # Before: the second writer waited for the lock, then wrote its stale decision over the first.
    for first in ("READY_FOR_GUEST", "OUT_OF_ORDER"):
        observed = before.observations[f"concurrent-status-changes/{first}"]
        assert _final(observed) == (False, "CLEANING_IN_PROGRESS")
        assert observed["status_events"] == [f"CLEANED_UNINSPECTED->{first}"]
    # After: it locked the row before its own check, so it waited, then checked the first one's
    # committed status, from which a cleaning cannot start, and refused (409).
    for first in ("READY_FOR_GUEST", "OUT_OF_ORDER"):
        observed = after.observations[f"concurrent-status-changes/{first}"]
        assert _final(observed) == (False, first)
        assert observed["status_events"] == [f"CLEANED_UNINSPECTED->{first}"]
        assert observed["a_result"] == "HTTP 409"


# --- --constraints on PostgreSQL ------------------------------------------------------------------


def _manage(copy: Path, database_url: str, *args: str) -> subprocess.CompletedProcess[str]:
    completed = subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=copy,
        env={**os.environ, "DATABASE_URL": database_url},
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert completed.returncode == 0, completed.stdout[-3000:] + completed.stderr[-3000:]
    return completed


@pytest.fixture(scope="module")
def constrained(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy migrated with --constraints, and its schema migration made by makemigrations."""
    copy = _migrate(copy_example(tmp_path_factory.mktemp("constraints") / "hotel"), "--constraints")
    made = _manage(copy, DATABASE_URL, "makemigrations", "rooms")
    print(f"\nmakemigrations rooms:\n{made.stdout}")
    migration = "".join(path.read_text() for path in (copy / "rooms/migrations").glob("0003_*.py"))
    assert "room_occupied_status_requires_occupancy" in migration
    assert "room_occupancy_excludes_ready_status" in migration
    return copy


def test_constraints_reject_inconsistent_raw_writes(constrained, fresh_database):
    import psycopg

    database_url = fresh_database()
    _manage(constrained, database_url, "migrate")

    with psycopg.connect(database_url, autocommit=True) as db:
        hotel_id = db.execute(
            "INSERT INTO hotel_hotel (name, slug) VALUES ('Harbour View', 'harbour-view') RETURNING id"
        ).fetchone()[0]
        room_id = db.execute(
            "INSERT INTO rooms_room (hotel_id, room_number, is_occupied, room_status, is_active, updated_at) "
            "VALUES (%s, '101', false, 'READY_FOR_GUEST', true, now()) RETURNING id",
            (hotel_id,),
        ).fetchone()[0]
        update = "UPDATE rooms_room SET is_occupied = %s, room_status = %s WHERE id = %s"

        db.execute(update, (True, "OCCUPIED", room_id))  # consistent pairs are accepted
        db.execute(update, (False, "CHECKOUT_DIRTY", room_id))
        for pair, constraint in (
            ((False, "OCCUPIED"), "room_occupied_status_requires_occupancy"),
            ((True, "READY_FOR_GUEST"), "room_occupancy_excludes_ready_status"),
        ):
            with pytest.raises(psycopg.IntegrityError) as caught:
                db.execute(update, (*pair, room_id))
            assert caught.value.diag.constraint_name == constraint
            print(f"\nraw UPDATE to is_occupied={pair[0]}, room_status={pair[1]}: "
                  f"{type(caught.value).__name__}: {str(caught.value).splitlines()[0]}")
        row = db.execute("SELECT is_occupied, room_status FROM rooms_room WHERE id = %s", (room_id,))
        assert row.fetchone() == (False, "CHECKOUT_DIRTY")


class WriterRejected(AssertionError):
    """The database rejected the writer's own intermediate state: the known bug below."""


def test_the_writer_works_under_the_constraints(constrained, fresh_database):
    database_url = fresh_database()
    _manage(constrained, database_url, "migrate")
    script = (
        "from hotel.models import Hotel\n"
        "from rooms.models import Room\n"
        "from housekeeping.services import set_room_occupancy_and_status as write\n"
        "hotel = Hotel.objects.create(name='Harbour View', slug='harbour-view')\n"
        "room = Room.objects.create(hotel=hotel, room_number='101')\n"
        "write(room, is_occupied=True, status='OCCUPIED')\n"  # check-in
        "write(room, is_occupied=False, status='CHECKOUT_DIRTY')\n"  # check-out
        "room.refresh_from_db()\n"
        "print((room.is_occupied, room.room_status))\n"
    )
    completed = subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", script],
        cwd=constrained,
        env={**os.environ, "DATABASE_URL": database_url},
        capture_output=True,
        text=True,
        timeout=300,
    )
    if "IntegrityError" in completed.stderr and "violates check constraint" in completed.stderr:
        raise WriterRejected(completed.stderr.strip().splitlines()[-1])
    assert completed.returncode == 0, completed.stderr[-3000:]
    assert completed.stdout.strip().splitlines()[-1] == "(False, 'CHECKOUT_DIRTY')"


# --- 4. Two guests leaving at once ----------------------------------------------------------------


def test_two_guests_leaving_at_once(copies, fresh_database, tmp_path):
    before, after = before_and_after(copies, fresh_database, tmp_path, "test_two_guests_leave")

    # Before: both deletes counted two guests, so neither freed the room.
    before.assert_passed("test_two_guests_leave_at_once")
    assert _final(before.observations["two-guests-leave-at-once"]) == (True, "CHECKOUT_DIRTY")
    # After: the migrated Guest.delete() holds the row lock until its own delete, so the second
    # delete waits, counts one guest and frees the room.
    after.assert_passed("test_two_guests_leave_at_once")
    observed = after.observations["two-guests-leave-at-once"]
    assert observed["b_blocked_on"], "the second delete did not wait for the first one's row lock"
    assert _final(observed) == (False, "CHECKOUT_DIRTY")


# --- 5. A check-in during a loop over a filtered queryset ----------------------------------------


def test_check_in_during_a_floor_closure(copies, fresh_database, tmp_path):
    before, after = before_and_after(copies, fresh_database, tmp_path, "test_check_in_during_a_floor")

    # Before: the closure decided on rows it read before any lock, and closed the checked-in room.
    before.assert_passed("test_check_in_during_a_floor_closure")
    assert before.observations["check-in-during-floor-closure"]["steps"][-1]["booking"] == "CHECKED_IN"
    # After: the query locked its rows; the check-in waited, then refused the closed room.
    after.assert_passed("test_check_in_during_a_floor_closure")
    observed = after.observations["check-in-during-floor-closure"]
    assert observed["b_blocked_on"], "the check-in did not wait for the closure's row lock"
    assert observed["b_result"] == "HTTP 409"


# --- 6. A decision on another field of the row ---------------------------------------------------


def test_check_in_of_a_room_retired_meanwhile(copies, fresh_database, tmp_path):
    before, after = before_and_after(copies, fresh_database, tmp_path, "test_check_in_of_a_room_retired")

    # Before: the check-in decided on the stale is_active and its save() un-retired the room.
    before.assert_passed("test_check_in_of_a_room_retired_meanwhile")
    assert before.observations["check-in-of-a-retired-room"]["is_active"] is True
    # After: the lock helper refreshed every field before the decision: 409, the room stays retired.
    after.assert_passed("test_check_in_of_a_room_retired_meanwhile")
    observed = after.observations["check-in-of-a-retired-room"]
    assert observed["is_active"] is False
    assert observed["a_result"] == "HTTP 409"


# --- 7. A left-over guest deleted during an occupancy sync ---------------------------------------


def test_guest_delete_during_an_occupancy_sync(copies, fresh_database, tmp_path):
    before, after = before_and_after(copies, fresh_database, tmp_path, "test_guest_delete_during_an_occupancy_sync")

    # Before: Guest.delete() freed the (free) room in a statement of its own, and deleted its guest
    # in another; the sync in between saw that guest and occupied the room, which has nobody in it.
    before.assert_passed("test_guest_delete_during_an_occupancy_sync")
    assert _final(before.observations["guest-delete-during-occupancy-sync"]) == (True, "CHECKOUT_DIRTY")
    # After: the delete holds the room's lock from its count to its own delete, although the room
    # was free already (defect 9 of issue 16: this is a case where the lock is needed), so the sync
    # waits and sees no guest.
    after.assert_passed("test_guest_delete_during_an_occupancy_sync")
    observed = after.observations["guest-delete-during-occupancy-sync"]
    assert observed["b_blocked_on"], "the sync did not wait for the delete's row lock"
    assert _final(observed) == (False, "CHECKOUT_DIRTY")


def test_skipping_the_lock_when_the_room_is_free_already_reopens_it(copies, tmp_path_factory, fresh_database, tmp_path):
    """The lock is not needed for the write (the room is free already), but for the guests S reads:
    a Guest.delete() that locks only an occupied room, by hand on a migrated copy, lets the sync
    decide on the guest it is deleting. This is why the migration keeps the lock there."""
    import shutil

    copy = tmp_path_factory.mktemp("skip-when-free") / "hotel"
    shutil.copytree(copies["consistent"], copy, ignore=shutil.ignore_patterns("__pycache__"))
    models = copy / "guests/models.py"
    locked = "            if self.room is not None:\n                lock_room_rows(self.room)"
    skipped = (
        "            if self.room is not None and type(self.room).objects.filter(\n"
        "                pk=self.room.pk, is_occupied=True\n"
        "            ).exists():\n"
        "                lock_room_rows(self.room)"
    )
    text = models.read_text()
    assert locked in text, text
    models.write_text(text.replace(locked, skipped))

    run = run_races(copy, "consistent", fresh_database(), "test_guest_delete_during_an_occupancy_sync", tmp_path)
    assert run.outcome("test_guest_delete_during_an_occupancy_sync") == "FAILED"
    observed = run.observations["guest-delete-during-occupancy-sync"]
    assert not observed["b_blocked_on"]
    assert _final(observed) == (True, "CHECKOUT_DIRTY")
    assert observed["steps"][-1]["guests_in_room"] == []
