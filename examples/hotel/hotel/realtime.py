"""Realtime notifications for the front desk and housekeeping apps.

Production pushes these to Pusher. This stub stores every message as a RealtimeEvent row instead,
so that tests can see what would have been pushed.
"""

from hotel.models import RealtimeEvent


def _channel(hotel_id):
    return f"hotel-{hotel_id}"


def _push(channel, event, payload):
    return RealtimeEvent.objects.create(channel=channel, event=event, payload=payload)


def _room_payload(room):
    return {
        "room_id": room.pk,
        "room_number": room.room_number,
        "is_occupied": room.is_occupied,
        "room_status": room.room_status,
    }


def _booking_payload(booking):
    room = booking.assigned_room
    return {
        "booking_id": booking.pk,
        "status": booking.status,
        "room_number": room.room_number if room is not None else None,
    }


class NotificationManager:
    def realtime_room_updated(self, room):
        return _push(_channel(room.hotel_id), "room-updated", _room_payload(room))

    def realtime_booking_checked_in(self, booking):
        return _push(_channel(booking.hotel_id), "booking-checked-in", _booking_payload(booking))

    def realtime_booking_checked_out(self, booking):
        return _push(_channel(booking.hotel_id), "booking-checked-out", _booking_payload(booking))


notification_manager = NotificationManager()


def emit_room_status_changed(room, from_status, to_status):
    payload = {
        "room_id": room.pk,
        "room_number": room.room_number,
        "from_status": from_status,
        "to_status": to_status,
    }
    return _push(_channel(room.hotel_id), "room-status-changed", payload)
