import pytest

pytestmark = pytest.mark.django_db

BASE = "/api/hotels/harbour-view/rooms"


def test_start_cleaning_a_dirty_room(api_client, rooms, assert_room):
    response = api_client.post(f"{BASE}/103/start-cleaning/")

    assert response.status_code == 200
    assert response.json()["room_status"] == "CLEANING_IN_PROGRESS"
    assert_room(rooms["103"], is_occupied=False, room_status="CLEANING_IN_PROGRESS")


def test_start_cleaning_again_after_a_failed_inspection_path(api_client, rooms, assert_room):
    response = api_client.post(f"{BASE}/104/start-cleaning/")

    assert response.status_code == 200
    assert_room(rooms["104"], is_occupied=False, room_status="CLEANING_IN_PROGRESS")


def test_start_cleaning_an_occupied_room_is_refused(api_client, rooms, assert_room):
    response = api_client.post(f"{BASE}/102/start-cleaning/")

    assert response.status_code == 409
    assert_room(rooms["102"], is_occupied=True, room_status="OCCUPIED")


def test_unknown_room_is_404(api_client, rooms):
    assert api_client.post(f"{BASE}/999/start-cleaning/").status_code == 404


def test_housekeeping_actions_need_a_login(client, rooms, assert_room):
    assert client.post(f"{BASE}/103/start-cleaning/").status_code == 403
    assert_room(rooms["103"], is_occupied=False, room_status="CHECKOUT_DIRTY")


def test_complete_cleaning(api_client, make_room, assert_room):
    room = make_room("105", room_status="CLEANING_IN_PROGRESS")

    response = api_client.post(f"{BASE}/105/complete-cleaning/")

    assert response.status_code == 200
    assert_room(room, is_occupied=False, room_status="CLEANED_UNINSPECTED")


def test_complete_cleaning_of_a_room_not_being_cleaned_is_refused(api_client, rooms, assert_room):
    response = api_client.post(f"{BASE}/103/complete-cleaning/")

    assert response.status_code == 409
    assert_room(rooms["103"], is_occupied=False, room_status="CHECKOUT_DIRTY")


def test_full_cleaning_cycle(api_client, rooms, assert_room):
    for step in ("start-cleaning", "complete-cleaning"):
        assert api_client.post(f"{BASE}/103/{step}/").status_code == 200
    response = api_client.post(f"{BASE}/103/inspect/", {"approved": True}, format="json")

    assert response.status_code == 200
    assert_room(rooms["103"], is_occupied=False, room_status="READY_FOR_GUEST")


@pytest.mark.parametrize(
    ("approved", "expected_status"),
    [
        pytest.param(True, "READY_FOR_GUEST", id="approved"),
        pytest.param("true", "READY_FOR_GUEST", id="approved-as-text"),
        pytest.param(False, "CHECKOUT_DIRTY", id="rejected"),
        pytest.param(None, "CHECKOUT_DIRTY", id="no-verdict"),
    ],
)
def test_inspect_room(api_client, rooms, assert_room, approved, expected_status):
    response = api_client.post(f"{BASE}/104/inspect/", {"approved": approved}, format="json")

    assert response.status_code == 200
    assert response.json()["room_status"] == expected_status
    assert_room(rooms["104"], is_occupied=False, room_status=expected_status)


def test_inspect_a_dirty_room_is_refused(api_client, rooms, assert_room):
    response = api_client.post(f"{BASE}/103/inspect/", {"approved": True}, format="json")

    assert response.status_code == 409
    assert_room(rooms["103"], is_occupied=False, room_status="CHECKOUT_DIRTY")


def test_mark_maintenance_on_a_ready_room(api_client, rooms, assert_room):
    response = api_client.post(f"{BASE}/101/maintenance/")

    assert response.status_code == 200
    assert response.json()["room_status"] == "MAINTENANCE_REQUIRED"
    assert_room(rooms["101"], is_occupied=False, room_status="MAINTENANCE_REQUIRED")


def test_mark_maintenance_keeps_the_guest_in(api_client, rooms, assert_room):
    response = api_client.post(f"{BASE}/102/maintenance/")

    assert response.status_code == 200
    assert_room(rooms["102"], is_occupied=True, room_status="MAINTENANCE_REQUIRED")


@pytest.mark.parametrize(
    ("start_status", "quality_approved", "expected_status"),
    [
        pytest.param("MAINTENANCE_REQUIRED", True, "READY_FOR_GUEST", id="approved"),
        pytest.param("MAINTENANCE_REQUIRED", False, "CHECKOUT_DIRTY", id="rejected"),
        pytest.param("OUT_OF_ORDER", True, "READY_FOR_GUEST", id="out-of-order-approved"),
        pytest.param("OUT_OF_ORDER", False, "CHECKOUT_DIRTY", id="out-of-order-rejected"),
    ],
)
def test_complete_maintenance(
    api_client, make_room, assert_room, start_status, quality_approved, expected_status
):
    room = make_room("106", room_status=start_status)

    response = api_client.post(
        f"{BASE}/106/maintenance/complete/", {"quality_approved": quality_approved}, format="json"
    )

    assert response.status_code == 200
    assert_room(room, is_occupied=False, room_status=expected_status)


def test_complete_maintenance_of_a_working_room_is_refused(api_client, rooms, assert_room):
    response = api_client.post(
        f"{BASE}/101/maintenance/complete/", {"quality_approved": True}, format="json"
    )

    assert response.status_code == 409
    assert_room(rooms["101"], is_occupied=False, room_status="READY_FOR_GUEST")


@pytest.mark.parametrize(
    ("room_number", "new_status", "is_occupied"),
    [
        pytest.param("101", "OUT_OF_ORDER", False, id="ready-to-out-of-order"),
        pytest.param("102", "MAINTENANCE_REQUIRED", True, id="occupied-to-maintenance"),
        pytest.param("104", "CHECKOUT_DIRTY", False, id="uninspected-back-to-dirty"),
    ],
)
def test_status_override(api_client, rooms, assert_room, room_number, new_status, is_occupied):
    response = api_client.put(
        f"{BASE}/{room_number}/status-override/", {"status": new_status}, format="json"
    )

    assert response.status_code == 200
    assert response.json()["room_status"] == new_status
    assert_room(rooms[room_number], is_occupied=is_occupied, room_status=new_status)


@pytest.mark.parametrize("new_status", ["READY_FOR_GUEST", "OCCUPIED", "SPARKLING", None])
def test_status_override_refuses_other_statuses(api_client, rooms, assert_room, new_status):
    response = api_client.put(f"{BASE}/103/status-override/", {"status": new_status}, format="json")

    assert response.status_code == 400
    assert_room(rooms["103"], is_occupied=False, room_status="CHECKOUT_DIRTY")
