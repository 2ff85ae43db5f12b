"""Serializers of inspections."""

from rest_framework import serializers


class Hold1Serializer(serializers.Serializer):
    room_number = serializers.CharField(max_length=16)
    guests = serializers.IntegerField(min_value=0)

    def validate_guests(self, value):
        if value > 6:
            raise serializers.ValidationError('too many guests')
        return value


class CheckIn2Serializer(serializers.Serializer):
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


class FinishCleaning4Serializer(serializers.Serializer):
    room_number = serializers.CharField(max_length=16)
    guests = serializers.IntegerField(min_value=0)

    def validate_guests(self, value):
        if value > 6:
            raise serializers.ValidationError('too many guests')
        return value


class Release5Serializer(serializers.Serializer):
    room_number = serializers.CharField(max_length=16)
    guests = serializers.IntegerField(min_value=0)

    def validate_guests(self, value):
        if value > 6:
            raise serializers.ValidationError('too many guests')
        return value


class ResolveIssue6Serializer(serializers.Serializer):
    room_number = serializers.CharField(max_length=16)
    guests = serializers.IntegerField(min_value=0)

    def validate_guests(self, value):
        if value > 6:
            raise serializers.ValidationError('too many guests')
        return value


class Reopen7Serializer(serializers.Serializer):
    room_number = serializers.CharField(max_length=16)
    guests = serializers.IntegerField(min_value=0)

    def validate_guests(self, value):
        if value > 6:
            raise serializers.ValidationError('too many guests')
        return value


class Block8Serializer(serializers.Serializer):
    room_number = serializers.CharField(max_length=16)
    guests = serializers.IntegerField(min_value=0)

    def validate_guests(self, value):
        if value > 6:
            raise serializers.ValidationError('too many guests')
        return value


class ResolveIssue9Serializer(serializers.Serializer):
    room_number = serializers.CharField(max_length=16)
    guests = serializers.IntegerField(min_value=0)

    def validate_guests(self, value):
        if value > 6:
            raise serializers.ValidationError('too many guests')
        return value

