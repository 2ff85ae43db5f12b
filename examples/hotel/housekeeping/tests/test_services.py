import pytest

from guests.models import Guest
from housekeeping.models import RoomStatusEvent
from housekeeping.services import ALLOWED_TRANSITIONS, is_transition_allowed, set_room_status
from rooms.models import Room

pytestmark = pytest.mark.django_db

# Every status change some code path of the example makes: the routes the migration sends through
# set_room_status must all stay valid.
TRANSITIONS_IN_USE = [
    ("READY_FOR_GUEST", "OCCUPIED"),  # check-in, walk-in assignment, room move
    ("OCCUPIED", "CHECKOUT_DIRTY"),  # checkout, room move, destroy
    ("CHECKOUT_DIRTY", "CLEANING_IN_PROGRESS"),  # start_cleaning
    ("CLEANED_UNINSPECTED", "CLEANING_IN_PROGRESS"),  # start_cleaning again
    ("CLEANING_IN_PROGRESS", "CLEANED_UNINSPECTED"),  # complete_cleaning
    ("CLEANED_UNINSPECTED", "READY_FOR_GUEST"),  # inspect_room, approve_all_cleaned
    ("MAINTENANCE_REQUIRED", "READY_FOR_GUEST"),  # complete_maintenance
    ("OUT_OF_ORDER", "READY_FOR_GUEST"),  # complete_maintenance
] + [
    # destroy, bulk_destroy, overrides, maintenance, out of order, housekeeping resets
    (from_status, to_status)
    for from_status in Room.Status.values
    for to_status in ("CHECKOUT_DIRTY", "MAINTENANCE_REQUIRED", "OUT_OF_ORDER", from_status)
]


@pytest.mark.parametrize(("from_status", "to_status"), TRANSITIONS_IN_USE)
def test_transitions_in_use_are_allowed(from_status, to_status):
    assert is_transition_allowed(from_status, to_status)


def test_table_covers_every_status():
    assert set(ALLOWED_TRANSITIONS) == set(Room.Status.values)


def test_set_room_status(
    rooms, staff_user, assert_room, realtime_events, django_capture_on_commit_callbacks
):
    room = rooms["103"]

    with django_capture_on_commit_callbacks(execute=True):
        locked = set_room_status(
            room, "CLEANING_IN_PROGRESS", changed_by=staff_user, note="floor 1"
        )

    assert locked.pk == room.pk and locked is not room
    assert (room.is_occupied, room.room_status) == (False, "CLEANING_IN_PROGRESS")
    assert_room(room, is_occupied=False, room_status="CLEANING_IN_PROGRESS")
    event = RoomStatusEvent.objects.filter(room=room).latest("pk")
    assert (event.from_status, event.to_status, event.changed_by, event.note) == (
        "CHECKOUT_DIRTY",
        "CLEANING_IN_PROGRESS",
        staff_user,
        "floor 1",
    )
    assert realtime_events(
        "room-status-changed", room_id=room.pk, to_status="CLEANING_IN_PROGRESS"
    ).exists()


def test_caller_instance_is_refreshed_so_a_later_save_cannot_revert(rooms, assert_room):
    room = rooms["104"]
    room.room_number = "104B"

    set_room_status(room, "READY_FOR_GUEST")
    room.save()

    assert_room(room, is_occupied=False, room_status="READY_FOR_GUEST")
    assert room.room_number == "104B"


def test_same_status_is_allowed(rooms, assert_room):
    set_room_status(rooms["102"], "OCCUPIED")

    assert_room(rooms["102"], is_occupied=True, room_status="OCCUPIED")


def test_ready_for_guest_clears_occupancy_of_lingering_guests(make_room, assert_room):
    room = make_room("120", is_occupied=True, room_status="MAINTENANCE_REQUIRED")
    Guest.objects.create(name="Ada Lovelace", room=room)

    set_room_status(room, "READY_FOR_GUEST")

    assert_room(room, is_occupied=False, room_status="READY_FOR_GUEST")


def test_ready_for_guest_without_guests_keeps_occupancy(make_room, assert_room):
    room = make_room("121", is_occupied=False, room_status="OUT_OF_ORDER")

    set_room_status(room, "READY_FOR_GUEST")

    assert_room(room, is_occupied=False, room_status="READY_FOR_GUEST")


@pytest.mark.parametrize(
    ("room_number", "to_status"),
    [
        pytest.param("103", "READY_FOR_GUEST", id="dirty-to-ready-skips-cleaning"),
        pytest.param("103", "OCCUPIED", id="dirty-to-occupied"),
        pytest.param("102", "READY_FOR_GUEST", id="occupied-to-ready"),
        pytest.param("101", "CLEANED_UNINSPECTED", id="ready-to-uninspected"),
    ],
)
def test_invalid_transition_raises(rooms, assert_room, room_number, to_status):
    room = rooms[room_number]
    before = (room.is_occupied, room.room_status)

    with pytest.raises(ValueError, match="cannot go from"):
        set_room_status(room, to_status)

    assert_room(room, is_occupied=before[0], room_status=before[1])


def test_unknown_status_raises(rooms, assert_room):
    with pytest.raises(ValueError, match="Unknown room status"):
        set_room_status(rooms["101"], "SPARKLING")

    assert_room(rooms["101"], is_occupied=False, room_status="READY_FOR_GUEST")
