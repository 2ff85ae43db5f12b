"""The DRF API over rooms."""

from rest_framework import generics, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from rooms.models import Room, RoomStatus
from rooms.serializers import RoomExportSerializer, RoomSerializer, RoomStatusSerializer
from venues.models import MeetingRoom
from venues.serializers import MeetingRoomSerializer


class RoomViewSet(viewsets.ModelViewSet):
    queryset = Room.objects.all()
    serializer_class = RoomSerializer

    def perform_update(self, serializer):
        serializer.save()
        serializer.instance.is_occupied = serializer.instance.room_status == RoomStatus.OCCUPIED  # expect: site typed_by=view fields=is_occupied
        serializer.instance.save(update_fields=["is_occupied", "updated_at"])

    @action(detail=True, methods=["post"])
    def vacate(self, request, pk=None):
        room = self.get_object()
        room.is_occupied = False  # expect: site typed_by=view fields=is_occupied
        room.room_status = RoomStatus.DIRTY  # expect: site typed_by=view fields=room_status
        room.save()
        return Response(RoomSerializer(room).data)

    @action(detail=True, methods=["post"])
    def flag(self, request, pk=None):
        serializer = self.get_serializer(self.get_object(), data={}, partial=True)
        serializer.is_valid(raise_exception=True)
        serializer.save(room_status=RoomStatus.OUT_OF_ORDER)  # expect: implicit kind=serializer-save
        return Response(serializer.data)

    @action(detail=False, methods=["get"])
    def export(self, request):
        return Response(RoomExportSerializer(self.get_queryset(), many=True).data)


class RoomStatusView(generics.UpdateAPIView):
    queryset = Room.objects.all()
    serializer_class = RoomStatusSerializer


class MeetingRoomViewSet(viewsets.ModelViewSet):
    queryset = MeetingRoom.objects.all()
    serializer_class = MeetingRoomSerializer

    def perform_update(self, serializer):
        serializer.save()
        serializer.instance.is_occupied = serializer.instance.capacity > 0 and serializer.instance.is_occupied  # trap: serializer.instance of a MeetingRoom viewset
        serializer.instance.save(update_fields=["is_occupied"])

    @action(detail=True, methods=["post"])
    def vacate(self, request, pk=None):
        room = self.get_object()
        room.is_occupied = False  # trap: get_object() of a MeetingRoom viewset
        room.save()
        return Response(MeetingRoomSerializer(room).data)
