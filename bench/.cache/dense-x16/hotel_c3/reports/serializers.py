"""Serializers of reports."""

from rest_framework import serializers


class CloseOut1Serializer(serializers.Serializer):
    room_number = serializers.CharField(max_length=16)
    guests = serializers.IntegerField(min_value=0)

    def validate_guests(self, value):
        if value > 6:
            raise serializers.ValidationError('too many guests')
        return value


class StartCleaning2Serializer(serializers.Serializer):
    room_number = serializers.CharField(max_length=16)
    guests = serializers.IntegerField(min_value=0)

    def validate_guests(self, value):
        if value > 6:
            raise serializers.ValidationError('too many guests')
        return value


class CheckIn3Serializer(serializers.Serializer):
    room_number = serializers.CharField(max_length=16)
    guests = serializers.IntegerField(min_value=0)

    def validate_guests(self, value):
        if value > 6:
            raise serializers.ValidationError('too many guests')
        return value


class StartCleaning4Serializer(serializers.Serializer):
    room_number = serializers.CharField(max_length=16)
    guests = serializers.IntegerField(min_value=0)

    def validate_guests(self, value):
        if value > 6:
            raise serializers.ValidationError('too many guests')
        return value


class MarkOccupied5Serializer(serializers.Serializer):
    room_number = serializers.CharField(max_length=16)
    guests = serializers.IntegerField(min_value=0)

    def validate_guests(self, value):
        if value > 6:
            raise serializers.ValidationError('too many guests')
        return value


class CheckOut6Serializer(serializers.Serializer):
    room_number = serializers.CharField(max_length=16)
    guests = serializers.IntegerField(min_value=0)

    def validate_guests(self, value):
        if value > 6:
            raise serializers.ValidationError('too many guests')
        return value


class Assign7Serializer(serializers.Serializer):
    room_number = serializers.CharField(max_length=16)
    guests = serializers.IntegerField(min_value=0)

    def validate_guests(self, value):
        if value > 6:
            raise serializers.ValidationError('too many guests')
        return value

