import pytest

from room_bookings.models import Booking
from room_bookings.services.checkout import CheckoutService

pytestmark = pytest.mark.django_db


def test_checkout_service(
    rooms, make_booking, assert_room, realtime_events, django_capture_on_commit_callbacks
):
    room = rooms["102"]
    booking = make_booking(
        room, status="CHECKED_IN", guest_names=("Ada Lovelace", "Charles Babbage")
    )

    with django_capture_on_commit_callbacks(execute=True):
        returned = CheckoutService(booking).execute()

    assert returned.status == Booking.Status.CHECKED_OUT
    assert_room(room, is_occupied=False, room_status="CHECKOUT_DIRTY")
    booking.refresh_from_db()
    assert booking.status == Booking.Status.CHECKED_OUT
    assert booking.check_out_at is not None
    assert list(booking.guests.values_list("room", flat=True)) == [None, None]
    assert realtime_events("booking-checked-out", booking_id=booking.pk).count() >= 1


def test_checkout_from_a_room_under_maintenance(make_room, make_booking, assert_room):
    room = make_room("130", is_occupied=True, room_status="MAINTENANCE_REQUIRED")
    booking = make_booking(room, status="CHECKED_IN")

    CheckoutService(booking).execute()

    assert_room(room, is_occupied=False, room_status="CHECKOUT_DIRTY")


def test_checkout_of_a_booking_without_a_room(make_booking):
    booking = make_booking(status="CHECKED_IN")

    CheckoutService(booking).execute()

    booking.refresh_from_db()
    assert booking.status == Booking.Status.CHECKED_OUT


@pytest.mark.parametrize("status", ["CONFIRMED", "CHECKED_OUT"])
def test_checkout_of_a_booking_that_is_not_checked_in(rooms, make_booking, assert_room, status):
    booking = make_booking(rooms["102"], status=status)

    with pytest.raises(ValueError, match="not checked in"):
        CheckoutService(booking).execute()

    assert_room(rooms["102"], is_occupied=True, room_status="OCCUPIED")
    booking.refresh_from_db()
    assert booking.status == status


def test_checkout_endpoint(api_client, rooms, make_booking, assert_room):
    booking = make_booking(rooms["102"], status="CHECKED_IN")

    response = api_client.post(f"/api/bookings/{booking.pk}/checkout/")

    assert response.status_code == 200
    assert response.json() == {"id": booking.pk, "status": "CHECKED_OUT", "room_number": "102"}
    assert_room(rooms["102"], is_occupied=False, room_status="CHECKOUT_DIRTY")
    assert not rooms["102"].guests_in_room.exists()


def test_checkout_endpoint_refuses_a_confirmed_booking(
    api_client, rooms, make_booking, assert_room
):
    booking = make_booking(rooms["101"])

    response = api_client.post(f"/api/bookings/{booking.pk}/checkout/")

    assert response.status_code == 400
    assert_room(rooms["101"], is_occupied=False, room_status="READY_FOR_GUEST")


def test_check_in_then_checkout(api_client, rooms, make_booking, assert_room):
    booking = make_booking(rooms["101"])

    assert api_client.post(f"/api/staff/bookings/{booking.pk}/check-in/").status_code == 200
    assert_room(rooms["101"], is_occupied=True, room_status="OCCUPIED")
    assert api_client.post(f"/api/bookings/{booking.pk}/checkout/").status_code == 200
    assert_room(rooms["101"], is_occupied=False, room_status="CHECKOUT_DIRTY")
