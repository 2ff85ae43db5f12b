import pytest

from guests.models import Guest
from room_bookings.models import Booking

pytestmark = pytest.mark.django_db


def test_room_board(api_client, rooms):
    response = api_client.get("/api/staff/hotels/harbour-view/rooms/")

    assert response.status_code == 200
    assert response.json()[:2] == [
        {"room_number": "101", "label": "Ready for guest", "occupied": False, "available": True},
        {"room_number": "102", "label": "Occupied", "occupied": True, "available": False},
    ]


def test_check_in(
    api_client, rooms, make_booking, assert_room, realtime_events, django_capture_on_commit_callbacks
):
    room = rooms["101"]
    booking = make_booking(room, guest_names=("Ada Lovelace", "Charles Babbage"))

    # Events may go out once the transaction commits (transaction.on_commit): run them.
    with django_capture_on_commit_callbacks(execute=True):
        response = api_client.post(f"/api/staff/bookings/{booking.pk}/check-in/")

    assert response.status_code == 200
    assert response.json()["status"] == "CHECKED_IN"
    assert_room(room, is_occupied=True, room_status="OCCUPIED")
    booking.refresh_from_db()
    assert booking.status == Booking.Status.CHECKED_IN
    assert booking.check_in_at is not None
    assert set(room.guests_in_room.values_list("name", flat=True)) == {
        "Ada Lovelace",
        "Charles Babbage",
    }
    assert realtime_events("booking-checked-in", booking_id=booking.pk).count() >= 1


def test_check_in_without_a_room(api_client, make_booking):
    booking = make_booking()

    response = api_client.post(f"/api/staff/bookings/{booking.pk}/check-in/")

    assert response.status_code == 400
    booking.refresh_from_db()
    assert booking.status == Booking.Status.CONFIRMED


@pytest.mark.parametrize("room_number", ["102", "103"])
def test_check_in_to_a_room_that_is_not_ready(
    api_client, rooms, make_booking, assert_room, room_number
):
    room = rooms[room_number]
    before = (room.is_occupied, room.room_status)
    booking = make_booking(room)

    response = api_client.post(f"/api/staff/bookings/{booking.pk}/check-in/")

    assert response.status_code == 409
    assert_room(room, is_occupied=before[0], room_status=before[1])
    booking.refresh_from_db()
    assert booking.status == Booking.Status.CONFIRMED


def test_check_in_twice_is_refused(api_client, rooms, make_booking, assert_room):
    booking = make_booking(rooms["101"])
    assert api_client.post(f"/api/staff/bookings/{booking.pk}/check-in/").status_code == 200

    response = api_client.post(f"/api/staff/bookings/{booking.pk}/check-in/")

    assert response.status_code == 409
    assert_room(rooms["101"], is_occupied=True, room_status="OCCUPIED")


def test_detail_update_assigns_a_room_to_a_confirmed_booking(
    api_client, rooms, make_booking, assert_room
):
    booking = make_booking()

    response = api_client.post(
        f"/api/staff/bookings/{booking.pk}/",
        {"room_number": "101", "guest_name": "Ada King"},
        format="json",
    )

    assert response.status_code == 200
    booking.refresh_from_db()
    assert (booking.assigned_room, booking.guest_name) == (rooms["101"], "Ada King")
    assert_room(rooms["101"], is_occupied=False, room_status="READY_FOR_GUEST")


def test_detail_update_of_a_checked_in_walk_in_occupies_the_room(
    api_client, rooms, make_booking, assert_room
):
    booking = make_booking(status="CHECKED_IN")

    response = api_client.post(
        f"/api/staff/bookings/{booking.pk}/", {"room_number": "101"}, format="json"
    )

    assert response.status_code == 200
    assert response.json()["room_number"] == "101"
    assert_room(rooms["101"], is_occupied=True, room_status="OCCUPIED")
    assert list(rooms["101"].guests_in_room.values_list("name", flat=True)) == ["Ada Lovelace"]


def test_detail_update_to_an_unavailable_room(api_client, rooms, make_booking, assert_room):
    booking = make_booking()

    response = api_client.post(
        f"/api/staff/bookings/{booking.pk}/", {"room_number": "103"}, format="json"
    )

    assert response.status_code == 409
    booking.refresh_from_db()
    assert booking.assigned_room is None
    assert_room(rooms["103"], is_occupied=False, room_status="CHECKOUT_DIRTY")


def test_detail_update_cannot_move_a_checked_in_booking(
    api_client, rooms, make_booking, assert_room
):
    booking = make_booking(rooms["102"], status="CHECKED_IN")

    response = api_client.post(
        f"/api/staff/bookings/{booking.pk}/", {"room_number": "101"}, format="json"
    )

    assert response.status_code == 409
    assert_room(rooms["101"], is_occupied=False, room_status="READY_FOR_GUEST")
    assert_room(rooms["102"], is_occupied=True, room_status="OCCUPIED")


def test_detail_update_without_a_room_change(api_client, rooms, make_booking, assert_room):
    booking = make_booking(rooms["102"], status="CHECKED_IN")

    response = api_client.post(
        f"/api/staff/bookings/{booking.pk}/",
        {"room_number": "102", "guest_name": "Ada King"},
        format="json",
    )

    assert response.status_code == 200
    booking.refresh_from_db()
    assert booking.guest_name == "Ada King"
    assert_room(rooms["102"], is_occupied=True, room_status="OCCUPIED")


@pytest.mark.parametrize(
    ("room_number", "is_occupied"),
    [
        pytest.param("101", False, id="ready"),
        pytest.param("102", True, id="occupied-without-guests"),
    ],
)
def test_out_of_order(
    api_client,
    rooms,
    assert_room,
    realtime_events,
    django_capture_on_commit_callbacks,
    room_number,
    is_occupied,
):
    room = rooms[room_number]
    with django_capture_on_commit_callbacks(execute=True):
        response = api_client.post(
            f"/api/staff/hotels/harbour-view/rooms/{room_number}/out-of-order/"
        )

    assert response.status_code == 200
    assert response.json() == {
        "room_number": room_number,
        "is_occupied": is_occupied,
        "room_status": "OUT_OF_ORDER",
    }
    assert_room(room, is_occupied=is_occupied, room_status="OUT_OF_ORDER")
    assert realtime_events("room-updated", room_id=room.pk, room_status="OUT_OF_ORDER").count() >= 1


def test_out_of_order_with_guests_is_refused(api_client, rooms, assert_room):
    Guest.objects.create(name="Grace Hopper", room=rooms["102"])

    response = api_client.post("/api/staff/hotels/harbour-view/rooms/102/out-of-order/")

    assert response.status_code == 409
    assert_room(rooms["102"], is_occupied=True, room_status="OCCUPIED")
