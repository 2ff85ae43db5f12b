"""Meeting rooms and seats: same field names as Room, other models. None of this writes a Room."""

from __future__ import annotations

from django.db import connection
from django.shortcuts import get_object_or_404

from venues.lookup import find_meeting_room, load_meeting_room
from venues.models import Event, MeetingRoom, Seat


def start_meeting(pk: int) -> MeetingRoom:
    meeting_room = MeetingRoom.objects.get(pk=pk)
    meeting_room.is_occupied = True  # trap: a MeetingRoom from its manager
    meeting_room.save()
    return meeting_room


def end_meeting(name: str) -> MeetingRoom:
    room = MeetingRoom.objects.filter(name=name).first()
    room.is_occupied = False  # trap: a variable named room that holds a MeetingRoom
    room.save()
    return room


def take_seat(seat: Seat) -> None:
    seat.is_occupied = True  # trap: an annotated Seat parameter
    seat.save()


def free_seats(meeting_room: MeetingRoom) -> None:
    for seat in Seat.objects.filter(meeting_room=meeting_room):
        seat.is_occupied = False  # trap: a loop over a Seat queryset
        seat.save()


def start_event(event_id: int) -> Event:
    event = Event.objects.select_related("room").get(pk=event_id)
    event.room.is_occupied = True  # trap: a ForeignKey to MeetingRoom named room
    event.room.save()
    return event


def reserve(name: str) -> MeetingRoom:
    room = find_meeting_room(name)
    setattr(room, "is_occupied", True)  # trap: setattr on a helper's MeetingRoom
    room.save()
    return room


def release_meeting_room(pk: int) -> MeetingRoom:
    room = get_object_or_404(MeetingRoom, pk=pk)
    room.is_occupied = False  # trap: get_object_or_404 of MeetingRoom
    room.save()
    return room


def release_loaded(pk: int) -> MeetingRoom:
    room = load_meeting_room(pk)
    room.is_occupied = False  # trap: an unannotated helper returning a MeetingRoom
    room.save()
    return room


class SeatKeeper:
    def __init__(self, seat: Seat) -> None:
        self.seat = seat

    def hold(self) -> None:
        self.seat.is_occupied = True  # trap: self.seat set in __init__ from a Seat
        self.seat.save()


def set_flag(thing, value: bool) -> None:
    """Unknown type, and MeetingRoom and Seat define is_occupied too: not proven a Room."""
    thing.is_occupied = value  # trap: unknown type, the field is not Room's alone
    thing.save()


def close_all_meeting_rooms() -> int:
    return MeetingRoom.objects.filter(is_occupied=True).update(is_occupied=False)  # trap: update on a MeetingRoom queryset


def occupy_seats(seats: list[Seat]) -> None:
    for seat in seats:
        seat.is_occupied = True  # trap: a loop over a list of Seats
    Seat.objects.bulk_update(seats, ["is_occupied"])  # trap: bulk_update of Seats


def add_meeting_room(name: str) -> MeetingRoom:
    return MeetingRoom.objects.create(name=name, is_occupied=False)  # trap: create of a MeetingRoom


def add_seats(meeting_room: MeetingRoom, labels: list[str]) -> list[Seat]:
    return Seat.objects.bulk_create([Seat(meeting_room=meeting_room, label=label, is_occupied=False) for label in labels])  # trap: bulk_create of Seats


def reset_venues() -> None:
    with connection.cursor() as cursor:
        cursor.execute("UPDATE venues_meetingroom SET is_occupied = %s", [False])  # trap: raw SQL on another table
