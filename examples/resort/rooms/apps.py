from django.apps import AppConfig


class RoomsConfig(AppConfig):
    name = "rooms"

    def ready(self):
        from rooms import signals  # noqa: F401  (connects the Room signal receivers)
