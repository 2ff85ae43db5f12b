import pytest

from housekeeping.models import RoomStatusEvent

pytestmark = pytest.mark.django_db

BASE = "/housekeeping/harbour-view"


def test_change_room_status_goes_through_the_service(staff_client, staff_user, rooms, assert_room):
    response = staff_client.post(
        f"{BASE}/rooms/103/status/", {"status": "CLEANING_IN_PROGRESS", "note": "cart 2"}
    )

    assert response.status_code == 200
    assert response.json() == {
        "room_number": "103",
        "is_occupied": False,
        "room_status": "CLEANING_IN_PROGRESS",
    }
    assert_room(rooms["103"], is_occupied=False, room_status="CLEANING_IN_PROGRESS")
    assert RoomStatusEvent.objects.filter(
        room=rooms["103"], changed_by=staff_user, note="cart 2"
    ).exists()


def test_change_room_status_refuses_an_invalid_transition(staff_client, rooms, assert_room):
    response = staff_client.post(f"{BASE}/rooms/103/status/", {"status": "READY_FOR_GUEST"})

    assert response.status_code == 400
    assert "cannot go from CHECKOUT_DIRTY" in response.json()["detail"]
    assert_room(rooms["103"], is_occupied=False, room_status="CHECKOUT_DIRTY")


def test_change_room_status_is_post_only(staff_client, rooms):
    assert staff_client.get(f"{BASE}/rooms/103/status/").status_code == 405


def test_housekeeping_views_need_a_login(client, rooms, assert_room):
    response = client.post(f"{BASE}/rooms/101/out-of-order/")

    assert response.status_code == 302
    assert_room(rooms["101"], is_occupied=False, room_status="READY_FOR_GUEST")


@pytest.mark.parametrize(
    ("room_number", "is_occupied"),
    [pytest.param("101", False, id="ready"), pytest.param("102", True, id="occupied")],
)
def test_report_out_of_order(staff_client, rooms, assert_room, room_number, is_occupied):
    response = staff_client.post(f"{BASE}/rooms/{room_number}/out-of-order/")

    assert response.status_code == 200
    assert response.json()["room_status"] == "OUT_OF_ORDER"
    assert_room(rooms[room_number], is_occupied=is_occupied, room_status="OUT_OF_ORDER")


def test_report_out_of_order_is_post_only(staff_client, rooms, assert_room):
    assert staff_client.get(f"{BASE}/rooms/101/out-of-order/").status_code == 405
    assert_room(rooms["101"], is_occupied=False, room_status="READY_FOR_GUEST")


def test_approve_all_cleaned(staff_client, rooms, make_room, other_hotel, assert_room):
    second = make_room("105", room_status="CLEANED_UNINSPECTED")
    elsewhere = make_room("104", room_status="CLEANED_UNINSPECTED", in_hotel=other_hotel)

    response = staff_client.post(f"{BASE}/approve-cleaned/")

    assert response.status_code == 200
    assert response.json() == {"approved": 2}
    assert_room(rooms["104"], is_occupied=False, room_status="READY_FOR_GUEST")
    assert_room(second, is_occupied=False, room_status="READY_FOR_GUEST")
    assert_room(rooms["103"], is_occupied=False, room_status="CHECKOUT_DIRTY")
    assert_room(rooms["102"], is_occupied=True, room_status="OCCUPIED")
    assert_room(elsewhere, is_occupied=False, room_status="CLEANED_UNINSPECTED")
