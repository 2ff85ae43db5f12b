import pytest

from guests.models import Guest
from rooms.models import Room

pytestmark = pytest.mark.django_db


def test_list_shows_state_and_label(api_client, rooms):
    response = api_client.get("/api/rooms/", {"hotel": "harbour-view"})

    assert response.status_code == 200
    by_number = {row["room_number"]: row for row in response.json()}
    assert by_number["102"]["is_occupied"] is True
    assert by_number["102"]["room_status"] == "OCCUPIED"
    assert by_number["104"]["room_status_label"] == "Cleaned, awaiting inspection"


def test_unauthenticated_request_is_refused(client, rooms):
    assert client.get("/api/rooms/").status_code == 403


def test_create_vacant_room(api_client, hotel, assert_room):
    response = api_client.post(
        "/api/rooms/", {"hotel": "harbour-view", "room_number": "201"}, format="json"
    )

    assert response.status_code == 201
    assert response.json()["is_occupied"] is False
    assert_room(
        Room.objects.get(room_number="201"), is_occupied=False, room_status="READY_FOR_GUEST"
    )


def test_create_room_with_guest_already_in_it(api_client, hotel, assert_room):
    response = api_client.post(
        "/api/rooms/",
        {
            "hotel": "harbour-view",
            "room_number": "202",
            "room_status": "OCCUPIED",
            "guest_in_room": True,
        },
        format="json",
    )

    assert response.status_code == 201
    assert response.json()["is_occupied"] is True
    assert_room(Room.objects.get(room_number="202"), is_occupied=True, room_status="OCCUPIED")


def test_create_occupied_room_that_is_ready_is_rejected(api_client, hotel):
    response = api_client.post(
        "/api/rooms/",
        {"hotel": "harbour-view", "room_number": "203", "guest_in_room": True},
        format="json",
    )

    assert response.status_code == 400
    assert not Room.objects.filter(room_number="203").exists()


def test_update_cannot_change_status(api_client, rooms, assert_room):
    room = rooms["103"]
    response = api_client.patch(
        f"/api/rooms/{room.pk}/", {"room_status": "READY_FOR_GUEST"}, format="json"
    )

    assert response.status_code == 400
    assert_room(room, is_occupied=False, room_status="CHECKOUT_DIRTY")


def test_update_room_number_keeps_state(api_client, rooms, assert_room):
    room = rooms["102"]
    response = api_client.patch(f"/api/rooms/{room.pk}/", {"room_number": "102A"}, format="json")

    assert response.status_code == 200
    assert_room(room, is_occupied=True, room_status="OCCUPIED")
    assert room.room_number == "102A"


def _last_state(realtime_events, room_id):
    """The state the front desk was last told about a room (it is gone from the database)."""
    payload = realtime_events("room-updated", room_id=room_id).latest("pk").payload
    return payload["is_occupied"], payload["room_status"]


@pytest.mark.parametrize("room_number", ["101", "102"], ids=["vacant", "occupied-without-guests"])
def test_destroy_room(api_client, rooms, realtime_events, room_number, django_capture_on_commit_callbacks):
    room_id = rooms[room_number].pk
    # Events may go out once the transaction commits (transaction.on_commit): run them.
    with django_capture_on_commit_callbacks(execute=True):
        response = api_client.delete(f"/api/rooms/{room_id}/")

    assert response.status_code == 204
    assert not Room.objects.filter(pk=room_id).exists()
    assert _last_state(realtime_events, room_id) == (False, "CHECKOUT_DIRTY")


def test_destroy_room_with_guests_is_refused(api_client, rooms, assert_room):
    room = rooms["102"]
    Guest.objects.create(name="Grace Hopper", room=room)

    response = api_client.delete(f"/api/rooms/{room.pk}/")

    assert response.status_code == 409
    assert_room(room, is_occupied=True, room_status="OCCUPIED")


def test_bulk_destroy_skips_rooms_with_guests(
    api_client, rooms, make_room, assert_room, realtime_events, django_capture_on_commit_callbacks
):
    Guest.objects.create(name="Grace Hopper", room=rooms["102"])
    forgotten = make_room(
        "105", is_occupied=True, room_status="OCCUPIED"
    )  # occupied, but no guests
    deletable = [rooms["101"].pk, rooms["103"].pk, forgotten.pk]

    with django_capture_on_commit_callbacks(execute=True):
        response = api_client.post(
            "/api/rooms/bulk-destroy/", {"ids": [*deletable, rooms["102"].pk]}, format="json"
        )

    assert response.status_code == 200
    assert sorted(response.json()["deleted"]) == sorted(deletable)
    assert set(Room.objects.values_list("room_number", flat=True)) == {"102", "104"}
    for room_id in deletable:
        assert _last_state(realtime_events, room_id) == (False, "CHECKOUT_DIRTY")
    assert_room(rooms["102"], is_occupied=True, room_status="OCCUPIED")
    assert_room(rooms["104"], is_occupied=False, room_status="CLEANED_UNINSPECTED")


def test_deleted_rooms_get_no_status_change_announced(
    api_client, rooms, make_room, realtime_events, django_capture_on_commit_callbacks
):
    # A status change of a room deleted in the same request would tell the tablets about a room
    # that is gone: the room-updated push says it is unusable, and nothing else.
    forgotten = make_room("105", is_occupied=True, room_status="OCCUPIED")
    with django_capture_on_commit_callbacks(execute=True):
        api_client.delete(f"/api/rooms/{rooms['101'].pk}/")
        api_client.post("/api/rooms/bulk-destroy/", {"ids": [rooms["103"].pk, forgotten.pk]}, format="json")

    for room_id in (rooms["101"].pk, rooms["103"].pk, forgotten.pk):
        assert not Room.objects.filter(pk=room_id).exists()
        assert not realtime_events("room-status-changed", room_id=room_id).exists()
        assert _last_state(realtime_events, room_id) == (False, "CHECKOUT_DIRTY")


def test_sync_from_pms_sets_both_fields(api_client, rooms, assert_room):
    room = rooms["101"]
    response = api_client.post(
        f"/api/rooms/{room.pk}/sync-from-pms/",
        {"is_occupied": True, "room_status": "OCCUPIED", "room_number": "999"},
        format="json",
    )

    assert response.status_code == 200
    assert_room(room, is_occupied=True, room_status="OCCUPIED")
    assert room.room_number == "101"


def test_sync_from_pms_sets_one_field(api_client, rooms, assert_room):
    room = rooms["102"]
    response = api_client.post(
        f"/api/rooms/{room.pk}/sync-from-pms/", {"is_occupied": False}, format="json"
    )

    assert response.status_code == 200
    assert_room(room, is_occupied=False, room_status="OCCUPIED")


def test_sync_from_pms_rejects_unknown_status(api_client, rooms, assert_room):
    room = rooms["101"]
    response = api_client.post(
        f"/api/rooms/{room.pk}/sync-from-pms/", {"room_status": "SPARKLING"}, format="json"
    )

    assert response.status_code == 400
    assert_room(room, is_occupied=False, room_status="READY_FOR_GUEST")
