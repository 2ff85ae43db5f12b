"""The generated writer and lock helper on PostgreSQL, in this process (scripts/with-postgres sets
DATABASE_URL, and the example's settings then use it): every case of
tests/generated/test_writer_on_database.py again, where SELECT ... FOR UPDATE really locks, and
the lock helper's row locks seen from another connection."""

from __future__ import annotations

import os
import threading

import pytest
from django.db import connection, connections, transaction

from tests.generated.rendered import rendered
from tests.generated.test_writer_on_database import *  # noqa: F403 - the same cases, collected here
from tests.generated.test_writer_on_database import make_room  # noqa: F401 - the fixture, by name
from tests.generated.test_migrated_locks import *  # noqa: F403 - the migrated locks, FOR UPDATE counted
from tests.generated.test_migrated_locks import hotel  # noqa: F401 - the fixture, by name

DATABASE_URL = os.environ.get("DATABASE_URL", "")

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.skipif(
        not DATABASE_URL.startswith(("postgres://", "postgresql://")),
        reason="needs a PostgreSQL DATABASE_URL (run it with scripts/with-postgres)",
    ),
    pytest.mark.django_db(transaction=True),
]

TIMEOUT = 20


def _waiting_for_a_lock() -> list[str]:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT query FROM pg_stat_activity WHERE datname = current_database() "
            "AND pid <> pg_backend_pid() AND wait_event_type = 'Lock'"
        )
        return [row[0] for row in cursor.fetchall()]


def _wait_until(predicate) -> None:
    event = threading.Event()
    for _ in range(TIMEOUT * 50):
        if predicate():
            return
        event.wait(0.02)  # polls another connection's state; the order of the steps is fixed
    raise AssertionError("the other connection never waited for the lock")


def test_the_lock_helper_holds_the_rows_until_the_transaction_ends(make_room) -> None:
    """A locks 101 and 102 and stops inside its transaction; B's lock of the same rows, named in
    the other order, waits for A's commit, then sees A's change. One query, in pk order: B
    waits holding no lock, so that nothing can deadlock on the pair."""
    from rooms.models import Room

    module = rendered("without-setter")
    first, second = make_room("101"), make_room("102")
    locked, release = threading.Barrier(2, timeout=TIMEOUT), threading.Barrier(2, timeout=TIMEOUT)
    seen: dict[str, object] = {}

    def a() -> None:
        try:
            with transaction.atomic():
                rooms = [Room.objects.get(pk=first.pk), Room.objects.get(pk=second.pk)]
                module.lock_room_rows(*rooms)
                locked.wait()
                release.wait()
                module.write(rooms[0], is_occupied=True, status="OCCUPIED")
        finally:
            connections.close_all()

    def b() -> None:
        try:
            with transaction.atomic():
                rooms = [Room.objects.get(pk=second.pk), Room.objects.get(pk=first.pk)]
                module.lock_room_rows(*rooms)
                seen["b"] = (rooms[1].is_occupied, rooms[1].room_status)
        finally:
            connections.close_all()

    thread_a = threading.Thread(target=a, daemon=True)
    thread_a.start()
    locked.wait()
    thread_b = threading.Thread(target=b, daemon=True)
    thread_b.start()
    _wait_until(lambda: any("FOR UPDATE" in query for query in _waiting_for_a_lock()))
    waiting = _waiting_for_a_lock()
    assert len(waiting) == 1 and 'ORDER BY "rooms_room"."id" ASC' in waiting[0]
    release.wait()
    thread_a.join(TIMEOUT)
    thread_b.join(TIMEOUT)
    assert not thread_a.is_alive() and not thread_b.is_alive()
    assert seen["b"] == (True, "OCCUPIED"), "B decided on the row before A's change committed"


def test_a_row_locked_full_save_keeps_the_lock_helper_s_lock_to_the_end(make_room) -> None:
    """A locks the row with the helper, then writes with `row_locked=True, full_save=True` (no
    second lock, its own full save); B's writer, started while A holds the lock, waits for A's
    commit and then writes on top of it: A's occupancy and B's status both stay, none is lost."""
    from rooms.models import Room

    module = rendered("without-setter")
    room = make_room(is_occupied=False, room_status="READY_FOR_GUEST")
    locked, release = threading.Barrier(2, timeout=TIMEOUT), threading.Barrier(2, timeout=TIMEOUT)

    def a() -> None:
        try:
            with transaction.atomic():
                mine = Room.objects.get(pk=room.pk)
                module.lock_room_rows(mine)
                locked.wait()
                release.wait()
                module.write(mine, is_occupied=True, row_locked=True, full_save=True)
        finally:
            connections.close_all()

    def b() -> None:
        try:
            module.write(Room.objects.get(pk=room.pk), status="OCCUPIED")
        finally:
            connections.close_all()

    thread_a = threading.Thread(target=a, daemon=True)
    thread_a.start()
    locked.wait()
    thread_b = threading.Thread(target=b, daemon=True)
    thread_b.start()
    _wait_until(lambda: any("FOR UPDATE" in query for query in _waiting_for_a_lock()))
    release.wait()
    thread_a.join(TIMEOUT)
    thread_b.join(TIMEOUT)
    assert not thread_a.is_alive() and not thread_b.is_alive()
    stored = Room.objects.get(pk=room.pk)
    assert (stored.is_occupied, stored.room_status) == (True, "OCCUPIED")
