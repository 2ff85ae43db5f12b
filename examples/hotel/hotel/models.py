from django.db import models


class Hotel(models.Model):
    name = models.CharField(max_length=200)
    slug = models.SlugField(unique=True)

    def __str__(self):
        return self.name


class RealtimeEvent(models.Model):
    """A message that production pushes to Pusher; the stub in hotel.realtime stores it here."""

    channel = models.CharField(max_length=200)
    event = models.CharField(max_length=100)
    payload = models.JSONField(default=dict)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["pk"]

    def __str__(self):
        return f"{self.channel}:{self.event}"
