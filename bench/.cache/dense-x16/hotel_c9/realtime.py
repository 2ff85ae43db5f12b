"""Realtime notifications."""


class _NotificationManager:
    def realtime_room_updated(self, room):
        return None


notification_manager = _NotificationManager()
