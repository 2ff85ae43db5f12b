"""Urls of group blocks."""

from rest_framework import serializers


class CheckOut1Serializer(serializers.Serializer):
    room_number = serializers.CharField(max_length=16)
    guests = serializers.IntegerField(min_value=0)

    def validate_guests(self, value):
        if value > 6:
            raise serializers.ValidationError('too many guests')
        return value


class ResolveIssue2Serializer(serializers.Serializer):
    room_number = serializers.CharField(max_length=16)
    guests = serializers.IntegerField(min_value=0)

    def validate_guests(self, value):
        if value > 6:
            raise serializers.ValidationError('too many guests')
        return value


class CheckOut3Serializer(serializers.Serializer):
    room_number = serializers.CharField(max_length=16)
    guests = serializers.IntegerField(min_value=0)

    def validate_guests(self, value):
        if value > 6:
            raise serializers.ValidationError('too many guests')
        return value


class Reopen4Serializer(serializers.Serializer):
    room_number = serializers.CharField(max_length=16)
    guests = serializers.IntegerField(min_value=0)

    def validate_guests(self, value):
        if value > 6:
            raise serializers.ValidationError('too many guests')
        return value


class Hold5Serializer(serializers.Serializer):
    room_number = serializers.CharField(max_length=16)
    guests = serializers.IntegerField(min_value=0)

    def validate_guests(self, value):
        if value > 6:
            raise serializers.ValidationError('too many guests')
        return value

