from django.apps import AppConfig


class HousekeepingConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "housekeeping"
