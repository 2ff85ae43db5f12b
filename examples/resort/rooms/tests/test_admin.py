"""The admin: RoomAdmin's save_model and actions, the front-desk site, and the MeetingRoom admin."""

from rooms.models import RoomStatus
from venues.models import MeetingRoom

OCCUPIED, READY, DIRTY, OUT_OF_ORDER = RoomStatus.OCCUPIED, RoomStatus.READY, RoomStatus.DIRTY, RoomStatus.OUT_OF_ORDER


def change_form(room, **changes):
    data = {
        "building": room.building_id,
        "unit": "",
        "number": room.number,
        "room_status": room.room_status,
    }
    if room.is_occupied:
        data["is_occupied"] = "on"
    data.update(changes)
    return data


def test_save_model_derives_occupancy_from_the_posted_status(admin_client, occupied_room, ready_room, state):
    response = admin_client.post(f"/admin/rooms/room/{occupied_room.pk}/change/", change_form(occupied_room, room_status=DIRTY))
    assert response.status_code == 302, response.content
    assert state(occupied_room) == (False, DIRTY)
    response = admin_client.post(f"/admin/rooms/room/{ready_room.pk}/change/", change_form(ready_room, room_status=OCCUPIED))
    assert response.status_code == 302, response.content
    assert state(ready_room) == (True, OCCUPIED)


def test_close_rooms_action(admin_client, occupied_room, ready_room, make_room, state):
    untouched = make_room("109")
    response = admin_client.post(
        "/admin/rooms/room/", {"action": "close_rooms", "_selected_action": [occupied_room.pk, ready_room.pk]}
    )
    assert response.status_code == 302
    assert state(occupied_room) == (False, OUT_OF_ORDER)
    assert state(ready_room) == (False, OUT_OF_ORDER)
    assert state(untouched) == (False, READY)


def test_reopen_rooms_action(admin_client, make_room, state):
    closed = make_room("108", room_status=OUT_OF_ORDER)
    response = admin_client.post("/admin/rooms/room/", {"action": "reopen_rooms", "_selected_action": [closed.pk]})
    assert response.status_code == 302
    assert state(closed) == (False, DIRTY)


def test_front_desk_site_edits_occupancy(admin_client, make_room, state):
    room = make_room("107", room_status=DIRTY)
    response = admin_client.post(f"/frontdesk/rooms/room/{room.pk}/change/", {"number": "107", "is_occupied": "on"})
    assert response.status_code == 302, response.content
    assert state(room) == (True, DIRTY)


def test_meeting_room_admin_leaves_the_room_with_the_same_pk_alone(admin_client, ready_room, occupied_room, state):
    empty = MeetingRoom.objects.create(pk=occupied_room.pk, name="Closet", capacity=0, is_occupied=True)
    response = admin_client.post(
        f"/admin/venues/meetingroom/{empty.pk}/change/", {"name": "Closet", "capacity": 0, "is_occupied": "on"}
    )
    assert response.status_code == 302, response.content
    assert MeetingRoom.objects.get(pk=empty.pk).is_occupied is False
    assert state(occupied_room) == (True, OCCUPIED)

    busy = MeetingRoom.objects.create(pk=occupied_room.pk + 1, name="Hall", is_occupied=True)
    response = admin_client.post(
        "/admin/venues/meetingroom/", {"action": "free_rooms", "_selected_action": [empty.pk, busy.pk]}
    )
    assert response.status_code == 302
    assert not MeetingRoom.objects.filter(is_occupied=True).exists()
    assert state(occupied_room) == (True, OCCUPIED)
