"""Urls of concierge."""

from rest_framework import serializers


class Assign1Serializer(serializers.Serializer):
    room_number = serializers.CharField(max_length=16)
    guests = serializers.IntegerField(min_value=0)

    def validate_guests(self, value):
        if value > 6:
            raise serializers.ValidationError('too many guests')
        return value


class Release2Serializer(serializers.Serializer):
    room_number = serializers.CharField(max_length=16)
    guests = serializers.IntegerField(min_value=0)

    def validate_guests(self, value):
        if value > 6:
            raise serializers.ValidationError('too many guests')
        return value


class Sync3Serializer(serializers.Serializer):
    room_number = serializers.CharField(max_length=16)
    guests = serializers.IntegerField(min_value=0)

    def validate_guests(self, value):
        if value > 6:
            raise serializers.ValidationError('too many guests')
        return value


class Unblock4Serializer(serializers.Serializer):
    room_number = serializers.CharField(max_length=16)
    guests = serializers.IntegerField(min_value=0)

    def validate_guests(self, value):
        if value > 6:
            raise serializers.ValidationError('too many guests')
        return value


class ResolveIssue5Serializer(serializers.Serializer):
    room_number = serializers.CharField(max_length=16)
    guests = serializers.IntegerField(min_value=0)

    def validate_guests(self, value):
        if value > 6:
            raise serializers.ValidationError('too many guests')
        return value


class MarkOccupied6Serializer(serializers.Serializer):
    room_number = serializers.CharField(max_length=16)
    guests = serializers.IntegerField(min_value=0)

    def validate_guests(self, value):
        if value > 6:
            raise serializers.ValidationError('too many guests')
        return value

