"""The DRF API, through APIClient."""

from rooms.models import RoomStatus
from rooms.serializers import RoomReadSerializer
from venues.models import MeetingRoom

OCCUPIED, READY, DIRTY, OUT_OF_ORDER = RoomStatus.OCCUPIED, RoomStatus.READY, RoomStatus.DIRTY, RoomStatus.OUT_OF_ORDER


def test_patch_a_room_sets_the_status_and_occupancy_follows(api_client, ready_room, occupied_room, state):
    response = api_client.patch(f"/api/rooms/{ready_room.pk}/", {"room_status": OCCUPIED}, format="json")
    assert response.status_code == 200
    assert state(ready_room) == (True, OCCUPIED)
    response = api_client.patch(f"/api/rooms/{occupied_room.pk}/", {"room_status": DIRTY}, format="json")
    assert response.status_code == 200
    assert state(occupied_room) == (False, DIRTY)


def test_vacate_action(api_client, occupied_room, state):
    response = api_client.post(f"/api/rooms/{occupied_room.pk}/vacate/")
    assert response.status_code == 200
    assert (response.json()["is_occupied"], response.json()["room_status"]) == (False, DIRTY)
    assert state(occupied_room) == (False, DIRTY)


def test_flag_action_saves_the_status_through_the_serializer(api_client, ready_room, state):
    response = api_client.post(f"/api/rooms/{ready_room.pk}/flag/")
    assert response.status_code == 200
    assert response.json()["room_status"] == OUT_OF_ORDER
    assert state(ready_room) == (False, OUT_OF_ORDER)


def test_export_lists_the_state_without_the_unit(api_client, ready_room, occupied_room):
    response = api_client.get("/api/rooms/export/")
    assert response.status_code == 200
    rows = {row["number"]: row for row in response.json()}
    assert (rows["201"]["is_occupied"], rows["201"]["room_status"]) == (True, OCCUPIED)
    assert "unit" not in rows["101"]


def test_status_endpoint_updates_through_the_serializer(api_client, ready_room, occupied_room, state):
    response = api_client.patch(f"/api/rooms/{ready_room.pk}/status/", {"room_status": OCCUPIED}, format="json")
    assert response.status_code == 200
    assert state(ready_room) == (True, OCCUPIED)
    response = api_client.put(
        f"/api/rooms/{occupied_room.pk}/status/", {"number": "201", "room_status": DIRTY}, format="json"
    )
    assert response.status_code == 200
    assert state(occupied_room) == (False, DIRTY)


def test_read_serializer_never_writes_the_state(occupied_room, state):
    serializer = RoomReadSerializer(occupied_room, data={"is_occupied": False, "room_status": READY}, partial=True)
    assert serializer.is_valid(), serializer.errors
    serializer.save()
    assert state(occupied_room) == (True, OCCUPIED)


def test_meeting_room_api_leaves_the_room_with_the_same_pk_alone(api_client, ready_room, occupied_room, state):
    board = MeetingRoom.objects.create(pk=ready_room.pk, name="Board", capacity=8, is_occupied=False)
    response = api_client.patch(f"/api/meeting-rooms/{board.pk}/", {"is_occupied": True}, format="json")
    assert response.status_code == 200
    assert MeetingRoom.objects.get(pk=board.pk).is_occupied is True
    assert state(ready_room) == (False, READY)

    response = api_client.patch(f"/api/meeting-rooms/{board.pk}/", {"capacity": 0}, format="json")
    assert response.status_code == 200
    assert MeetingRoom.objects.get(pk=board.pk).is_occupied is False

    study = MeetingRoom.objects.create(pk=occupied_room.pk, name="Study", is_occupied=True)
    assert api_client.post(f"/api/meeting-rooms/{study.pk}/vacate/").status_code == 200
    assert MeetingRoom.objects.get(pk=study.pk).is_occupied is False
    assert state(occupied_room) == (True, OCCUPIED)
