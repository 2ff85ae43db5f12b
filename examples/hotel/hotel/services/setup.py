"""Setting up and resetting a hotel's room inventory."""

from django.db import transaction

from hotel.models import Hotel
from rooms.models import Room


@transaction.atomic
def create_hotel_with_rooms(name, slug, room_numbers):
    hotel = Hotel.objects.create(name=name, slug=slug)
    for room_number in room_numbers:
        Room.objects.create(
            hotel=hotel,
            room_number=room_number,
            is_occupied=False,
            room_status="READY_FOR_GUEST",
        )
    return hotel


def send_rooms_to_housekeeping(hotel, room_numbers):
    """Send vacant rooms back for cleaning, e.g. after a deep-clean order.

    Occupied rooms are skipped.
    """
    rooms = list(Room.objects.filter(hotel=hotel, room_number__in=room_numbers, is_occupied=False))
    for room in rooms:
        room.room_status = "CHECKOUT_DIRTY"
    Room.objects.bulk_update(rooms, ["room_status"])
    return rooms
