import pytest

from room_bookings.services.room_move import RoomMoveService

pytestmark = pytest.mark.django_db


def test_room_move_service(rooms, make_booking, assert_room, realtime_events):
    from_room, to_room = rooms["102"], rooms["101"]
    booking = make_booking(
        from_room, status="CHECKED_IN", guest_names=("Ada Lovelace", "Charles Babbage")
    )

    returned = RoomMoveService(booking, to_room).execute()

    assert returned.assigned_room == to_room
    assert_room(from_room, is_occupied=False, room_status="CHECKOUT_DIRTY")
    assert_room(to_room, is_occupied=True, room_status="OCCUPIED")
    booking.refresh_from_db()
    assert booking.assigned_room == to_room
    assert not from_room.guests_in_room.exists()
    assert to_room.guests_in_room.count() == 2
    assert (
        realtime_events("room-updated", room_id=from_room.pk, room_status="CHECKOUT_DIRTY").count()
        >= 1
    )
    assert realtime_events("room-updated", room_id=to_room.pk, room_status="OCCUPIED").count() >= 1


@pytest.mark.parametrize("to_number", ["102", "103", "104"])
def test_room_move_to_a_room_that_is_not_free(
    rooms, make_room, make_booking, assert_room, to_number
):
    from_room = make_room("140", is_occupied=True, room_status="OCCUPIED")
    to_room = rooms[to_number]
    before = (to_room.is_occupied, to_room.room_status)
    booking = make_booking(from_room, status="CHECKED_IN")

    with pytest.raises(ValueError):
        RoomMoveService(booking, to_room).execute()

    assert_room(from_room, is_occupied=True, room_status="OCCUPIED")
    assert_room(to_room, is_occupied=before[0], room_status=before[1])


def test_room_move_to_the_same_room(rooms, make_booking, assert_room):
    booking = make_booking(rooms["102"], status="CHECKED_IN")

    with pytest.raises(ValueError):
        RoomMoveService(booking, rooms["102"]).execute()

    assert_room(rooms["102"], is_occupied=True, room_status="OCCUPIED")


def test_room_move_of_a_booking_that_is_not_checked_in(rooms, make_booking, assert_room):
    booking = make_booking(rooms["101"])

    with pytest.raises(ValueError, match="not checked in"):
        RoomMoveService(booking, rooms["101"]).execute()

    assert_room(rooms["101"], is_occupied=False, room_status="READY_FOR_GUEST")


def test_room_move_endpoint(api_client, rooms, make_booking, assert_room):
    booking = make_booking(rooms["102"], status="CHECKED_IN")

    response = api_client.post(
        f"/api/bookings/{booking.pk}/move/", {"room_number": "101"}, format="json"
    )

    assert response.status_code == 200
    assert response.json() == {"id": booking.pk, "status": "CHECKED_IN", "room_number": "101"}
    assert_room(rooms["102"], is_occupied=False, room_status="CHECKOUT_DIRTY")
    assert_room(rooms["101"], is_occupied=True, room_status="OCCUPIED")


def test_room_move_endpoint_refuses_a_dirty_room(api_client, rooms, make_booking, assert_room):
    booking = make_booking(rooms["102"], status="CHECKED_IN")

    response = api_client.post(
        f"/api/bookings/{booking.pk}/move/", {"room_number": "103"}, format="json"
    )

    assert response.status_code == 400
    assert_room(rooms["102"], is_occupied=True, room_status="OCCUPIED")
    assert_room(rooms["103"], is_occupied=False, room_status="CHECKOUT_DIRTY")


def test_room_move_endpoint_unknown_room(api_client, rooms, make_booking):
    booking = make_booking(rooms["102"], status="CHECKED_IN")

    assert (
        api_client.post(
            f"/api/bookings/{booking.pk}/move/", {"room_number": "999"}, format="json"
        ).status_code
        == 404
    )
