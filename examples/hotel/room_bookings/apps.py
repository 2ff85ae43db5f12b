from django.apps import AppConfig


class RoomBookingsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "room_bookings"
