from rest_framework import serializers

from hotel.models import Hotel
from rooms.models import Room


class RoomSerializer(serializers.ModelSerializer):
    hotel = serializers.SlugRelatedField(slug_field="slug", queryset=Hotel.objects.all())
    room_status_label = serializers.CharField(source="get_room_status_display", read_only=True)
    guest_in_room = serializers.BooleanField(write_only=True, required=False, default=False)

    class Meta:
        model = Room
        fields = [
            "id",
            "hotel",
            "room_number",
            "is_occupied",
            "room_status",
            "room_status_label",
            "guest_in_room",
        ]
        read_only_fields = ["is_occupied"]

    def validate(self, attrs):
        if self.instance is not None and "room_status" in attrs:
            raise serializers.ValidationError(
                {"room_status": "Change the status through the housekeeping endpoints."}
            )
        if (
            attrs.get("guest_in_room")
            and attrs.get("room_status", "READY_FOR_GUEST") == "READY_FOR_GUEST"
        ):
            raise serializers.ValidationError(
                {"room_status": "A room with a guest in it cannot be READY_FOR_GUEST."}
            )
        return attrs

    def create(self, validated_data):
        validated_data.pop("guest_in_room", None)
        return super().create(validated_data)

    def update(self, instance, validated_data):
        validated_data.pop("guest_in_room", None)
        return super().update(instance, validated_data)
