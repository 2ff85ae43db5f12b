from rest_framework import serializers

from venues.models import MeetingRoom


class MeetingRoomSerializer(serializers.ModelSerializer):  # trap: a serializer on MeetingRoom
    class Meta:
        model = MeetingRoom
        fields = "__all__"

    def update(self, instance, validated_data):
        instance = super().update(instance, validated_data)
        if instance.capacity == 0:
            instance.is_occupied = False  # trap: a MeetingRoom serializer's instance
            instance.save(update_fields=["is_occupied"])
        return instance
