"""The race conditions of the seed report, reproduced on PostgreSQL with a fixed interleaving.

SQLite cannot show them (it ignores select_for_update() and serialises every writer), so these
tests are skipped unless DATABASE_URL points at PostgreSQL (scripts/with-postgres starts one).

Each scenario runs the real code paths (API views, model methods, services) in threads, each thread
with its own database connection. The threads stop at fixed points of the application code
(checkpoints patched onto functions that both the original and the migrated code call), so the
interleaving is the same on every run. A third connection, the test's own, observes the committed
state of the room at every step.

ROOM_RACE_EXPECT says which code this is:

- ``drift``: the original example. Each test asserts that the race happens, so that it cannot
  pass without reproducing it.
- ``consistent``: a copy migrated by ``room-refactor migrate --write``. Each test asserts that
  the race is closed.

Unset, it is inferred: ``consistent`` when housekeeping.services has the canonical writer.

Every test prints one line ``RACE {json}`` with the observed states (visible with ``pytest -s``),
and appends the same JSON to the file named by ROOM_RACE_REPORT, if set (tests/postgres reads it).
"""

import json
import logging
import os
import threading
import time

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import connection, connections, models
from django.db.models.query import QuerySet
from rest_framework.test import APIClient

from guests.models import Guest
from hotel import staff_views
from hotel.models import Hotel
from housekeeping import services as housekeeping_services
from housekeeping.models import RoomStatusEvent
from room_bookings.models import Booking
from rooms import views as rooms_views
from rooms.models import Room

TIMEOUT = 20  # seconds; a thread stuck longer than this fails the test instead of hanging it

ON_POSTGRES = "postgresql" in settings.DATABASES["default"]["ENGINE"]
MIGRATED = hasattr(housekeeping_services, "set_room_occupancy_and_status")
EXPECT = os.environ.get("ROOM_RACE_EXPECT") or ("consistent" if MIGRATED else "drift")

pytestmark = [
    pytest.mark.skipif(
        not ON_POSTGRES,
        reason="needs PostgreSQL (DATABASE_URL); SQLite ignores select_for_update()",
    ),
    pytest.mark.django_db(transaction=True),
]


@pytest.fixture(autouse=True, scope="module")
def _expectation_matches_the_code():
    if EXPECT not in ("drift", "consistent"):
        pytest.fail(f"ROOM_RACE_EXPECT must be 'drift' or 'consistent', not {EXPECT!r}")
    if (EXPECT == "consistent") != MIGRATED:
        pytest.fail(
            f"ROOM_RACE_EXPECT={EXPECT} but housekeeping.services "
            f"{'has' if MIGRATED else 'has no'} set_room_occupancy_and_status"
        )


# --- The machinery: threads, checkpoints, observations --------------------------------------------


class Actor(threading.Thread):
    """One request, on its own thread and so on its own database connection."""

    def __init__(self, name, action):
        super().__init__(name=name, daemon=True)
        self.action = action
        self.result = None
        self.error = None

    def run(self):
        try:
            self.result = self.action()
        except BaseException as exc:  # reported by the test, on the main thread
            self.error = exc
        finally:
            connections.close_all()

    def begin(self):
        self.start()
        return self

    def finish(self):
        self.join(TIMEOUT)
        assert not self.is_alive(), f"thread {self.name} is stuck"
        return self

    def succeeded(self):
        self.finish()
        if self.error is not None:
            raise AssertionError(f"thread {self.name} failed: {self.error!r}") from self.error
        return self.result


class Checkpoint:
    """A point in the application code where one thread stops until the test lets it go on.

    Two barriers of two parties each: the thread and the test meet at ``reached`` when the thread
    gets there, and again at ``release`` when the test lets it continue.
    """

    def __init__(self, thread_name):
        self.thread_name = thread_name
        self.reached = threading.Barrier(2, timeout=TIMEOUT)
        self.release = threading.Barrier(2, timeout=TIMEOUT)
        self.passed = False

    def __call__(self):
        if threading.current_thread().name != self.thread_name or self.passed:
            return
        self.passed = True
        self.reached.wait()
        self.release.wait()

    def wait_until_reached(self):
        self.reached.wait()

    def let_go(self):
        self.release.wait()


def lock_waiters():
    """The other sessions of this database that are waiting for a lock, with their statement."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT query FROM pg_stat_activity WHERE datname = current_database() "
            "AND pid <> pg_backend_pid() AND wait_event_type = 'Lock'"
        )
        return [row[0] for row in cursor.fetchall()]


def wait_until_blocked(actor):
    """Wait until ``actor`` waits for a row lock (True), or has finished without waiting (False)."""
    deadline = time.monotonic() + TIMEOUT
    while time.monotonic() < deadline:
        waiting = lock_waiters()
        if waiting:
            return waiting[0]
        if not actor.is_alive():
            return None
        time.sleep(0.02)
    raise AssertionError(f"thread {actor.name} neither finished nor waited for a lock")


def is_consistent(is_occupied, room_status):
    """The two rules of the seed report (and of `migrate --constraints`)."""
    if room_status == "OCCUPIED" and not is_occupied:
        return False
    if is_occupied and room_status == "READY_FOR_GUEST":
        return False
    return True


class Observations:
    """The committed state of one room, read by the test's own connection at each step."""

    def __init__(self, scenario, room, *, booking=None):
        self.scenario = scenario
        self.room_pk = room.pk
        self.booking_pk = booking.pk if booking is not None else None
        self.steps = []
        self.facts = {}

    def record(self, step):
        is_occupied, room_status = Room.objects.values_list("is_occupied", "room_status").get(
            pk=self.room_pk
        )
        state = {
            "step": step,
            "is_occupied": is_occupied,
            "room_status": room_status,
            "consistent": is_consistent(is_occupied, room_status),
            "guests_in_room": sorted(
                Guest.objects.filter(room_id=self.room_pk).values_list("name", flat=True)
            ),
        }
        if self.booking_pk is not None:
            state["booking"] = Booking.objects.values_list("status", flat=True).get(
                pk=self.booking_pk
            )
        self.steps.append(state)
        return state

    @property
    def final(self):
        return self.steps[-1]

    def all_consistent(self):
        return all(state["consistent"] for state in self.steps)

    def status_events(self):
        return [
            f"{event.from_status}->{event.to_status}"
            for event in RoomStatusEvent.objects.filter(room_id=self.room_pk).order_by("pk")
        ]

    def publish(self):
        line = json.dumps(
            {"scenario": self.scenario, "expect": EXPECT, "steps": self.steps, **self.facts},
            sort_keys=True,
        )
        print(f"\nRACE {line}")
        report = os.environ.get("ROOM_RACE_REPORT")
        if report:
            with open(report, "a", encoding="utf-8") as stream:
                stream.write(line + "\n")


@pytest.fixture
def observations():
    made = []

    def make(*args, **kwargs):
        made.append(Observations(*args, **kwargs))
        return made[-1]

    yield make
    for observation in made:  # published even when an assertion failed: that is when it matters
        observation.publish()


@pytest.fixture
def race_hotel():
    return Hotel.objects.create(name="Race Hotel", slug="race")


@pytest.fixture
def staff_api():
    user = get_user_model().objects.create_user(username="race-staff", is_staff=True)

    def client():
        api = APIClient()
        api.force_authenticate(user=user)
        return api

    return client


# --- 1. Lost update across the pair ---------------------------------------------------------------


def test_lost_update_across_the_pair(race_hotel, staff_api, monkeypatch, observations):
    """A stale instance saved after another request changed is_occupied reverts is_occupied.

    Room 201 is under maintenance with its last guest still in it. Request A, a supervisor taking
    the room out of order, loads the room and stops there. Request B deletes the last guest:
    Guest.delete() clears is_occupied and commits. Then A sets room_status and saves.
    """
    room = Room.objects.create(
        hotel=race_hotel, room_number="201", is_occupied=True, room_status="MAINTENANCE_REQUIRED"
    )
    guest = Guest.objects.create(name="Ada Lovelace", room=room)
    seen = observations("lost-update", room)

    loaded = Checkpoint("A")
    get_room = rooms_views._get_room

    def get_room_then_stop(*args, **kwargs):
        found = get_room(*args, **kwargs)
        loaded()
        return found

    monkeypatch.setattr(rooms_views, "_get_room", get_room_then_stop)

    seen.record("initial")
    a = Actor(
        "A",
        lambda: staff_api().put(
            "/api/hotels/race/rooms/201/status-override/", {"status": "OUT_OF_ORDER"}, format="json"
        ),
    ).begin()
    loaded.wait_until_reached()
    seen.record("A has loaded the room, and stops")
    Actor("B", lambda: Guest.objects.get(pk=guest.pk).delete()).begin().succeeded()
    seen.record("B deleted the last guest (is_occupied=False) and committed")
    loaded.let_go()
    response = a.succeeded()
    final = seen.record("A set room_status=OUT_OF_ORDER and saved")
    assert response.status_code == 200, response.content

    assert final["guests_in_room"] == []
    assert final["room_status"] == "OUT_OF_ORDER"
    if EXPECT == "drift":
        seen.facts["outcome"] = "is_occupied reverted by the stale save"
        assert final["is_occupied"] is True, "the race was not reproduced: is_occupied kept"
    else:
        seen.facts["outcome"] = "is_occupied kept: the writer saved room_status only"
        assert final["is_occupied"] is False, "A's save reverted is_occupied"
        assert seen.all_consistent()


# --- 2. Interleaved check-in and guest delete -----------------------------------------------------

# Before the migration, Guest.delete() decides with guests_in_room.count() on an unlocked read and
# then saves its stale instance of the room. The migration locks the room before that count (the
# writer called with no field, in a new transaction.atomic() block), so the delete and the
# check-in are serialized on the row lock.
CHECK_IN_DESYNC = "an inconsistent pair was observed after the migration"


@pytest.fixture
def check_in_setup(race_hotel, staff_api):
    """Room 301 is ready, with a guest record left over from the previous stay; booking X for it."""
    room = Room.objects.create(hotel=race_hotel, room_number="301")
    leftover = Guest.objects.create(name="Left Over", room=room)
    booking = Booking.objects.create(
        hotel=race_hotel, guest_name="Grace Hopper", assigned_room=room
    )
    Guest.objects.create(name="Grace Hopper", booking=booking)

    def check_in():
        return staff_api().post(f"/api/staff/bookings/{booking.pk}/check-in/")

    def delete_leftover():
        Guest.objects.get(pk=leftover.pk).delete()

    return room, booking, check_in, delete_leftover


def test_guest_delete_decides_before_the_check_in_and_writes_after_it(
    check_in_setup, monkeypatch, observations
):
    """B (delete the left-over guest) counts one guest; A checks in and commits; B writes.

    Room 301 is ready, with a guest record left over from the previous stay. Request B deletes
    that record: Guest.delete() counts the guests in the room (one: the last one) and stops. Request
    A checks booking X in to the room and commits. Then B clears is_occupied.
    """
    room, booking, check_in, delete_leftover = check_in_setup
    seen = observations("check-in-vs-guest-delete/delete-decides-first", room, booking=booking)

    counted = Checkpoint("B")
    count = QuerySet.count

    def count_then_stop(queryset):
        result = count(queryset)
        counted()
        return result

    monkeypatch.setattr(QuerySet, "count", count_then_stop)

    seen.record("initial")
    b = Actor("B", delete_leftover).begin()
    counted.wait_until_reached()
    seen.record("B counted 1 guest in the room, and stops")
    a = Actor("A", check_in).begin()
    waiting = wait_until_blocked(a)  # it does not block unless B took a lock before counting
    seen.facts["a_blocked_on"] = waiting
    seen.record("A waits for B's row lock" if waiting else "A checked booking X in and committed")
    counted.let_go()
    b.succeeded()
    response = a.succeeded()
    assert response.status_code == 200, response.content
    final = seen.record("both finished")
    seen.facts["all_consistent"] = seen.all_consistent()

    assert final["booking"] == "CHECKED_IN"
    assert final["guests_in_room"] == ["Grace Hopper"]
    if EXPECT == "drift":
        # B decided on a count taken before the check-in, and writes is_occupied alone over it.
        seen.facts["outcome"] = "desync: the checked-in room is OCCUPIED with is_occupied False"
        assert (final["is_occupied"], final["room_status"]) == (False, "OCCUPIED"), (
            "the race was not reproduced"
        )
        assert not seen.all_consistent(), "no inconsistent pair was observed"
    else:
        seen.facts["outcome"] = "the check-in waited for the delete's decision, then occupied the room"
        assert waiting, "A did not wait: B decided on an unlocked read of the room"
        assert seen.all_consistent(), f"{CHECK_IN_DESYNC}: {seen.steps}"
        assert (final["is_occupied"], final["room_status"]) == (True, "OCCUPIED")


def test_guest_delete_while_the_check_in_holds_the_room(
    check_in_setup, monkeypatch, observations
):
    """A checks in and stops before it returns; B deletes the left-over guest; then A finishes.

    A control on the original: its check-in has committed by then, B sees two guests and leaves
    the room alone. In the migrated code the check-in is one transaction that holds the row lock.
    """
    room, booking, check_in, delete_leftover = check_in_setup
    seen = observations("check-in-vs-guest-delete/check-in-holds-the-room", room, booking=booking)

    # A stops as it builds its answer: the last thing the view does, inside its transaction once
    # migrated (the realtime push is not: the migration moves it into transaction.on_commit).
    notified = Checkpoint("A")
    booking_data = staff_views._booking_data

    def stop_then_answer(checked_in):
        notified()
        return booking_data(checked_in)

    monkeypatch.setattr(staff_views, "_booking_data", stop_then_answer)

    seen.record("initial")
    a = Actor("A", check_in).begin()
    notified.wait_until_reached()
    seen.record("A wrote the room and moved the guests in, and stops before it returns")
    b = Actor("B", delete_leftover).begin()
    waiting = wait_until_blocked(b)
    seen.facts["b_blocked_on"] = waiting
    seen.record("B " + ("waits for the row lock" if waiting else "finished without waiting"))
    notified.let_go()
    response = a.succeeded()
    assert response.status_code == 200, response.content
    b.succeeded()
    final = seen.record("both finished")
    seen.facts["all_consistent"] = seen.all_consistent()

    assert final["booking"] == "CHECKED_IN"
    assert final["guests_in_room"] == ["Grace Hopper"]
    if EXPECT == "drift":
        seen.facts["outcome"] = "no race in the original here: the check-in had committed"
        assert waiting is None
        assert seen.all_consistent(), seen.steps
    else:
        seen.facts["outcome"] = "the delete waited for the check-in, then counted two guests"
        assert waiting, "B did not wait for the check-in's row lock"
        assert seen.all_consistent(), f"{CHECK_IN_DESYNC}: {seen.steps}"
    assert (final["is_occupied"], final["room_status"]) == (True, "OCCUPIED")


# --- 3. Concurrent status changes -----------------------------------------------------------------


@pytest.mark.parametrize("first_status", ["READY_FOR_GUEST", "OUT_OF_ORDER"])
def test_concurrent_status_changes(race_hotel, staff_api, monkeypatch, observations, first_status):
    """B, set_room_status(), holds the row lock; A, the start-cleaning view, writes meanwhile.

    The seed's Thread A (rooms/views.py, start cleaning, no lock) and Thread B (housekeeping
    services, select_for_update). Room 401 awaits inspection. B has locked the row and is about
    to change the status to ``first_status``; A starts cleaning the room; then B commits.
    """
    room = Room.objects.create(
        hotel=race_hotel, room_number="401", room_status="CLEANED_UNINSPECTED"
    )
    seen = observations(f"concurrent-status-changes/{first_status}", room)

    locked = Checkpoint("B")
    is_transition_allowed = housekeeping_services.is_transition_allowed

    def stop_then_check(from_status, to_status):
        locked()
        return is_transition_allowed(from_status, to_status)

    monkeypatch.setattr(housekeeping_services, "is_transition_allowed", stop_then_check)
    # A refused request is logged with its traceback by django.request: the test reports it.
    monkeypatch.setattr(logging.getLogger("django.request"), "disabled", True)

    seen.record("initial")
    b = Actor(
        "B",
        lambda: housekeeping_services.set_room_status(Room.objects.get(pk=room.pk), first_status),
    ).begin()
    locked.wait_until_reached()
    seen.record(f"B locked the row (select_for_update), and stops before writing {first_status}")
    a = Actor("A", lambda: staff_api().post("/api/hotels/race/rooms/401/start-cleaning/")).begin()
    waiting = wait_until_blocked(a)
    seen.facts["a_blocked_on"] = waiting
    seen.record("A " + ("waits for the row lock" if waiting else "finished without waiting"))
    locked.let_go()
    b.succeeded()
    a.finish()
    final = seen.record("B committed, then A went on")
    events = seen.status_events()
    seen.facts["status_events"] = events
    seen.facts["a_result"] = (
        repr(a.error) if a.error is not None else f"HTTP {a.result.status_code}"
    )

    assert waiting, "A did not wait for B's row lock"
    assert events[0] == f"CLEANED_UNINSPECTED->{first_status}"  # B's change was committed
    if EXPECT == "drift":
        # A wrote CLEANING_IN_PROGRESS from its stale read: B's committed status is gone, and the
        # audit trail never saw A's change.
        seen.facts["outcome"] = f"B's {first_status} overwritten by A's blind write"
        assert a.error is None and a.result.status_code == 200
        assert final["room_status"] == "CLEANING_IN_PROGRESS", "the race was not reproduced"
        assert events == [f"CLEANED_UNINSPECTED->{first_status}"]
    else:
        # The migrated view locks the row before its own check: it waited for B, then checked
        # B's committed status, from which a cleaning cannot start, and refused.
        seen.facts["outcome"] = f"A checked B's committed {first_status} and refused the cleaning"
        assert a.error is None, a.error
        assert a.result.status_code == 409, a.result.content
        assert final["room_status"] == first_status
        assert events == [f"CLEANED_UNINSPECTED->{first_status}"]
    assert seen.all_consistent(), seen.steps


# --- 4. Two guests leaving at once ----------------------------------------------------------------


def test_two_guests_leave_at_once(race_hotel, monkeypatch, observations):
    """A and B delete the two guests of room 501 at the same time.

    Guest.delete() counts the guests in the room, frees the room when this guest is the last one,
    then deletes the guest. A counts two guests and stops just before its own delete; B deletes the
    other guest; then A deletes its guest.
    """
    room = Room.objects.create(
        hotel=race_hotel, room_number="501", is_occupied=True, room_status="CHECKOUT_DIRTY"
    )
    first = Guest.objects.create(name="Ada Lovelace", room=room)
    second = Guest.objects.create(name="Charles Babbage", room=room)
    seen = observations("two-guests-leave-at-once", room)

    deleting = Checkpoint("A")
    model_delete = models.Model.delete

    def stop_then_delete(instance, *args, **kwargs):
        if isinstance(instance, Guest):
            deleting()
        return model_delete(instance, *args, **kwargs)

    monkeypatch.setattr(models.Model, "delete", stop_then_delete)

    seen.record("initial")
    a = Actor("A", lambda: Guest.objects.get(pk=first.pk).delete()).begin()
    deleting.wait_until_reached()
    seen.record("A counted two guests, and stops just before deleting its guest")
    b = Actor("B", lambda: Guest.objects.get(pk=second.pk).delete()).begin()
    waiting = wait_until_blocked(b)
    seen.facts["b_blocked_on"] = waiting
    seen.record("B " + ("waits for A's row lock" if waiting else "counted two guests too, and deleted its guest"))
    deleting.let_go()
    a.succeeded()
    b.succeeded()
    final = seen.record("both finished")

    assert final["guests_in_room"] == []
    if EXPECT == "drift":
        seen.facts["outcome"] = "each counted two guests: the empty room stays occupied"
        assert waiting is None
        assert final["is_occupied"] is True, "the race was not reproduced"
    else:
        # The lock covers the count, the write and the delete: B counts after A's delete.
        seen.facts["outcome"] = "B waited for A's delete, counted one guest and freed the room"
        assert waiting, "B did not wait for A's row lock"
        assert final["is_occupied"] is False, "the empty room is still occupied"
    assert final["room_status"] == "CHECKOUT_DIRTY"


# --- 5. A check-in during a loop over a filtered queryset ------------------------------------------


def test_check_in_during_a_floor_closure(race_hotel, staff_api, monkeypatch, observations):
    """A closes floor 6 (every vacant room out of order) while B checks a guest in to room 601.

    close_floor() picks the vacant rooms with one query, then writes them one by one. A runs that
    query and stops; B checks booking X in to room 601; then A writes its rooms.
    """
    room = Room.objects.create(hotel=race_hotel, room_number="601")
    booking = Booking.objects.create(hotel=race_hotel, guest_name="Grace Hopper", assigned_room=room)
    Guest.objects.create(name="Grace Hopper", booking=booking)
    seen = observations("check-in-during-floor-closure", room, booking=booking)
    from hotel.services.maintenance import close_floor

    selected = Checkpoint("A")
    fetch_all = QuerySet._fetch_all

    def fetch_then_stop(queryset):
        fetch_all(queryset)
        if queryset.model is Room:
            selected()

    monkeypatch.setattr(QuerySet, "_fetch_all", fetch_then_stop)
    monkeypatch.setattr(logging.getLogger("django.request"), "disabled", True)

    seen.record("initial")
    a = Actor("A", lambda: close_floor(Hotel.objects.get(pk=race_hotel.pk), "6")).begin()
    selected.wait_until_reached()
    seen.record("A selected the vacant rooms of floor 6, and stops")
    b = Actor("B", lambda: staff_api().post(f"/api/staff/bookings/{booking.pk}/check-in/")).begin()
    waiting = wait_until_blocked(b)
    seen.facts["b_blocked_on"] = waiting
    seen.record("B " + ("waits for A's row lock" if waiting else "checked booking X in to room 601"))
    selected.let_go()
    closed = a.succeeded()
    response = b.succeeded()
    final = seen.record("both finished")
    seen.facts["b_result"] = f"HTTP {response.status_code}"

    if EXPECT == "drift":
        # A decided on rows read before any lock: it closed the room B had just checked a guest into.
        seen.facts["outcome"] = "the checked-in room was taken out of order by the stale selection"
        assert waiting is None and response.status_code == 200
        assert closed == ["601"]
        assert (final["is_occupied"], final["room_status"], final["booking"]) == (
            True, "OUT_OF_ORDER", "CHECKED_IN"
        ), "the race was not reproduced"
    else:
        # The query locked the rows it selected: B waited, then saw the room out of order.
        seen.facts["outcome"] = "the check-in waited for the closure, then refused the closed room"
        assert waiting, "B did not wait for A's row lock"
        assert response.status_code == 409, response.content
        assert (final["is_occupied"], final["room_status"], final["booking"]) == (
            False, "OUT_OF_ORDER", "CONFIRMED"
        )
    assert seen.all_consistent(), seen.steps


# --- 6. A decision on another field of the row -------------------------------------------------------


def test_check_in_of_a_room_retired_meanwhile(race_hotel, staff_api, monkeypatch, observations):
    """B retires room 701 while A's check-in has loaded it and not decided yet.

    A loads booking X and its room 701 and stops; B retires the room (out of order, inactive) and
    commits; then A checks whether the room is active and ready, and checks the guest in.
    """
    room = Room.objects.create(hotel=race_hotel, room_number="701")
    booking = Booking.objects.create(hotel=race_hotel, guest_name="Grace Hopper", assigned_room=room)
    Guest.objects.create(name="Grace Hopper", booking=booking)
    seen = observations("check-in-of-a-retired-room", room, booking=booking)
    from hotel.services.maintenance import retire_room

    loaded = Checkpoint("A")
    get_object = staff_views.get_object_or_404

    def get_then_stop(*args, **kwargs):
        found = get_object(*args, **kwargs)
        loaded()
        return found

    monkeypatch.setattr(staff_views, "get_object_or_404", get_then_stop)
    monkeypatch.setattr(logging.getLogger("django.request"), "disabled", True)

    seen.record("initial")
    a = Actor("A", lambda: staff_api().post(f"/api/staff/bookings/{booking.pk}/check-in/")).begin()
    loaded.wait_until_reached()
    seen.record("A loaded booking X and room 701, and stops")
    Actor("B", lambda: retire_room(Room.objects.get(pk=room.pk), reason="burst pipe")).begin().succeeded()
    seen.record("B retired the room and committed")
    loaded.let_go()
    response = a.succeeded()
    final = seen.record("A went on")
    active = Room.objects.values_list("is_active", flat=True).get(pk=room.pk)
    seen.facts["is_active"] = active
    seen.facts["a_result"] = f"HTTP {response.status_code}"

    if EXPECT == "drift":
        # A decided on the is_active it read before B's change, and its save() wrote it back.
        seen.facts["outcome"] = "the retired room was un-retired and occupied by the stale check-in"
        assert response.status_code == 200
        assert active is True, "the race was not reproduced"
        assert (final["is_occupied"], final["room_status"]) == (True, "OCCUPIED")
    else:
        # The lock helper read the whole row again before the decision: the room is retired.
        seen.facts["outcome"] = "the check-in saw the committed retirement and refused"
        assert response.status_code == 409, response.content
        assert active is False
        assert (final["is_occupied"], final["room_status"], final["booking"]) == (
            False, "OUT_OF_ORDER", "CONFIRMED"
        )


# --- 7. A left-over guest deleted while occupancy is recomputed from the guests ------------------


def test_guest_delete_during_an_occupancy_sync(race_hotel, monkeypatch, observations):
    """D deletes the left-over guest of a checked-out room; S recomputes is_occupied from the guests.

    Room 801 is checked out (not occupied), with its last guest's record left over. D deletes that
    record: Guest.delete() counts one guest, frees the room (it is free already) and stops just
    before its own delete. S, sync_room_occupancy_from_guest_presence(), locks the room and asks
    whether a guest is in it; then D deletes its guest.

    The room is unoccupied, so D's decision writes nothing new; its lock still matters: S decides
    on the guests, which D is deleting. Without the lock (before the migration, or a Guest.delete()
    that skipped the lock because the room was free already) S sees the guest D is deleting and
    occupies the room, which then has nobody in it.
    """
    from hotel.services.booking_integrity import sync_room_occupancy_from_guest_presence

    room = Room.objects.create(
        hotel=race_hotel, room_number="801", is_occupied=False, room_status="CHECKOUT_DIRTY"
    )
    leftover = Guest.objects.create(name="Grace Hopper", room=room)
    seen = observations("guest-delete-during-occupancy-sync", room)

    deleting = Checkpoint("D")
    model_delete = models.Model.delete

    def stop_then_delete(instance, *args, **kwargs):
        if isinstance(instance, Guest):
            deleting()
        return model_delete(instance, *args, **kwargs)

    monkeypatch.setattr(models.Model, "delete", stop_then_delete)

    seen.record("initial")
    d = Actor("D", lambda: Guest.objects.get(pk=leftover.pk).delete()).begin()
    deleting.wait_until_reached()
    seen.record("D counted one guest (the room is free already), and stops just before deleting it")
    s = Actor("S", lambda: sync_room_occupancy_from_guest_presence(room.pk)).begin()
    waiting = wait_until_blocked(s)
    seen.facts["b_blocked_on"] = waiting
    seen.record("S " + ("waits for D's row lock" if waiting else "saw D's guest and occupied the room"))
    deleting.let_go()
    d.succeeded()
    s.succeeded()
    final = seen.record("both finished")

    assert final["guests_in_room"] == []
    assert final["room_status"] == "CHECKOUT_DIRTY"
    if EXPECT == "drift":
        seen.facts["outcome"] = "S decided on the guest D was deleting: the empty room is occupied"
        assert waiting is None
        assert final["is_occupied"] is True, "the race was not reproduced"
    else:
        # D's lock covers its count, its write and its delete: S waits, then sees no guest.
        seen.facts["outcome"] = "S waited for D's delete, saw no guest and left the room free"
        assert waiting, "S did not wait for D's row lock"
        assert final["is_occupied"] is False, "the empty room is occupied"
