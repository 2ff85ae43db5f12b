"""The plain Django views, through the test client."""

from rooms.models import Room, RoomStatus
from venues.models import MeetingRoom

OCCUPIED, READY, DIRTY = RoomStatus.OCCUPIED, RoomStatus.READY, RoomStatus.DIRTY
CLEANING, OUT_OF_ORDER = RoomStatus.CLEANING, RoomStatus.OUT_OF_ORDER


def test_create_view_saves_the_posted_state(client, building, state):
    response = client.post(
        "/rooms/new/", {"building": building.pk, "number": "401", "is_occupied": "on", "room_status": OCCUPIED}
    )
    assert response.status_code == 302
    assert state(Room.objects.get(number="401")) == (True, OCCUPIED)


def test_status_update_view_derives_occupancy(client, ready_room, occupied_room, state):
    assert client.post(f"/rooms/{ready_room.pk}/status/", {"room_status": OCCUPIED}).status_code == 302
    assert state(ready_room) == (True, OCCUPIED)
    assert client.post(f"/rooms/{occupied_room.pk}/status/", {"room_status": DIRTY}).status_code == 302
    assert state(occupied_room) == (False, DIRTY)


def test_release_view(client, occupied_room, state):
    assert client.post(f"/rooms/{occupied_room.pk}/release/").status_code == 302
    assert state(occupied_room) == (False, DIRTY)


def test_close_view_only_closes_vacant_rooms(client, ready_room, occupied_room, state):
    assert client.post(f"/rooms/{ready_room.pk}/close/").status_code == 302
    assert state(ready_room) == (False, OUT_OF_ORDER)
    assert client.post(f"/rooms/{occupied_room.pk}/close/").status_code == 404
    assert state(occupied_room) == (True, OCCUPIED)


def test_edit_room_keeps_the_forms_status(client, occupied_room, state):
    """The form changes the status, the view derives occupancy: both are saved."""
    response = client.post(f"/rooms/{occupied_room.pk}/edit/", {"number": "201", "room_status": DIRTY})
    assert response.status_code == 302
    assert state(occupied_room) == (False, DIRTY)


def test_edit_room_rejects_an_unknown_status(client, occupied_room, state):
    response = client.post(f"/rooms/{occupied_room.pk}/edit/", {"number": "201", "room_status": "GONE"})
    assert response.status_code == 400
    assert state(occupied_room) == (True, OCCUPIED)


def test_reclassify_room_saves_what_the_form_and_the_view_set(client, occupied_room, ready_room, state):
    response = client.post(f"/rooms/{occupied_room.pk}/reclassify/", {"number": "201", "room_status": CLEANING})
    assert response.status_code == 302
    assert state(occupied_room) == (False, CLEANING)
    response = client.post(f"/rooms/{ready_room.pk}/reclassify/", {"number": "101", "room_status": OCCUPIED})
    assert response.status_code == 302
    assert state(ready_room) == (True, OCCUPIED)


def test_register_room_creates_it(client, building, state):
    response = client.post("/rooms/register/", {"building": building.pk, "number": "402", "room_status": OCCUPIED})
    assert response.status_code == 200
    assert state(Room.objects.get(pk=response.json()["id"])) == (True, OCCUPIED)


def test_rename_room_never_touches_the_state(client, occupied_room, state):
    response = client.post(
        f"/rooms/{occupied_room.pk}/rename/", {"number": "201A", "is_occupied": "", "room_status": READY}
    )
    assert response.status_code == 302
    assert Room.objects.get(pk=occupied_room.pk).number == "201A"
    assert state(occupied_room) == (True, OCCUPIED)


def test_meeting_room_views_leave_the_room_with_the_same_pk_alone(client, ready_room, occupied_room, state):
    board = MeetingRoom.objects.create(pk=ready_room.pk, name="Board", is_occupied=False)
    assert client.post(f"/meeting-rooms/{board.pk}/", {"is_occupied": "on"}).status_code == 302
    assert MeetingRoom.objects.get(pk=board.pk).is_occupied is True
    assert state(ready_room) == (False, READY)

    study = MeetingRoom.objects.create(pk=occupied_room.pk, name="Study", is_occupied=True)
    assert client.post(f"/meeting-rooms/{study.pk}/vacate/").status_code == 302
    assert MeetingRoom.objects.get(pk=study.pk).is_occupied is False
    assert state(occupied_room) == (True, OCCUPIED)

    response = client.post(f"/meeting-rooms/{board.pk}/edit/", {"name": "Board", "capacity": 0, "is_occupied": "on"})
    assert response.status_code == 302
    assert MeetingRoom.objects.get(pk=board.pk).is_occupied is False
    assert state(ready_room) == (False, READY)
