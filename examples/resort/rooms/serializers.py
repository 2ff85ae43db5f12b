from rest_framework import serializers

from rooms.models import Room, RoomStatus


class RoomSerializer(serializers.ModelSerializer):  # expect: implicit kind=serializer
    class Meta:
        model = Room
        fields = "__all__"


class RoomStatusSerializer(serializers.ModelSerializer):  # expect: implicit kind=serializer
    class Meta:
        model = Room
        fields = ["id", "number", "room_status"]

    def update(self, instance, validated_data):
        instance.room_status = validated_data.get("room_status", instance.room_status)  # expect: site typed_by=view fields=room_status
        instance.is_occupied = instance.room_status == RoomStatus.OCCUPIED  # expect: site typed_by=view fields=is_occupied
        instance.save()
        return instance


class RoomExportSerializer(serializers.ModelSerializer):  # expect: implicit kind=serializer
    class Meta:
        model = Room
        exclude = ["unit", "updated_at"]


class RoomReadSerializer(serializers.ModelSerializer):  # trap: both state fields are read-only
    class Meta:
        model = Room
        fields = "__all__"
        read_only_fields = ["is_occupied", "room_status"]
