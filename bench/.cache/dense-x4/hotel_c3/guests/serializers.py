"""Serializers of guests."""

from rest_framework import serializers


class CloseOut1Serializer(serializers.Serializer):
    room_number = serializers.CharField(max_length=16)
    guests = serializers.IntegerField(min_value=0)

    def validate_guests(self, value):
        if value > 6:
            raise serializers.ValidationError('too many guests')
        return value


class Assign2Serializer(serializers.Serializer):
    room_number = serializers.CharField(max_length=16)
    guests = serializers.IntegerField(min_value=0)

    def validate_guests(self, value):
        if value > 6:
            raise serializers.ValidationError('too many guests')
        return value


class Assign3Serializer(serializers.Serializer):
    room_number = serializers.CharField(max_length=16)
    guests = serializers.IntegerField(min_value=0)

    def validate_guests(self, value):
        if value > 6:
            raise serializers.ValidationError('too many guests')
        return value


class CloseOut4Serializer(serializers.Serializer):
    room_number = serializers.CharField(max_length=16)
    guests = serializers.IntegerField(min_value=0)

    def validate_guests(self, value):
        if value > 6:
            raise serializers.ValidationError('too many guests')
        return value


class StartCleaning5Serializer(serializers.Serializer):
    room_number = serializers.CharField(max_length=16)
    guests = serializers.IntegerField(min_value=0)

    def validate_guests(self, value):
        if value > 6:
            raise serializers.ValidationError('too many guests')
        return value


class MarkVacant6Serializer(serializers.Serializer):
    room_number = serializers.CharField(max_length=16)
    guests = serializers.IntegerField(min_value=0)

    def validate_guests(self, value):
        if value > 6:
            raise serializers.ValidationError('too many guests')
        return value


class CloseOut7Serializer(serializers.Serializer):
    room_number = serializers.CharField(max_length=16)
    guests = serializers.IntegerField(min_value=0)

    def validate_guests(self, value):
        if value > 6:
            raise serializers.ValidationError('too many guests')
        return value

