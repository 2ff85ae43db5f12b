"""Plain Django views for the front desk: generic edit views and ModelForms."""

from django.http import HttpResponseBadRequest, HttpResponseRedirect, JsonResponse
from django.shortcuts import get_object_or_404
from django.views import View
from django.views.generic import CreateView, UpdateView
from django.views.generic.detail import SingleObjectMixin

from rooms.forms import RoomForm, RoomRenameForm
from rooms.models import Room, RoomStatus
from venues.forms import MeetingRoomForm
from venues.models import MeetingRoom

DONE = "/rooms/"


class RoomStatusUpdateView(UpdateView):  # expect: implicit kind=edit-view
    model = Room
    fields = ["room_status"]
    success_url = DONE

    def form_valid(self, form):
        response = super().form_valid(form)
        self.object.is_occupied = self.object.room_status == RoomStatus.OCCUPIED  # expect: site typed_by=view fields=is_occupied
        self.object.save(update_fields=["is_occupied"])
        return response


class RoomCreateView(CreateView):  # expect: implicit kind=edit-view
    model = Room
    fields = ["building", "number", "is_occupied", "room_status"]
    success_url = DONE


class RoomReleaseView(SingleObjectMixin, View):
    model = Room

    def post(self, request, *args, **kwargs):
        self.object = self.get_object()
        self.object.is_occupied = False  # expect: site typed_by=view fields=is_occupied
        self.object.room_status = RoomStatus.DIRTY  # expect: site typed_by=view fields=room_status
        self.object.save()
        return HttpResponseRedirect(DONE)


class RoomCloseView(SingleObjectMixin, View):
    queryset = Room.objects.filter(is_occupied=False)  # trap: a lookup, not a write

    def post(self, request, *args, **kwargs):
        room = self.get_object()
        room.room_status = RoomStatus.OUT_OF_ORDER  # expect: site typed_by=view fields=room_status
        room.save()
        return HttpResponseRedirect(DONE)


class MeetingRoomUpdateView(UpdateView):  # trap: an edit view of MeetingRoom
    model = MeetingRoom
    fields = ["is_occupied"]
    success_url = DONE


class MeetingRoomVacateView(SingleObjectMixin, View):
    model = MeetingRoom

    def post(self, request, *args, **kwargs):
        room = self.get_object()
        room.is_occupied = False  # trap: get_object() of a MeetingRoom view
        room.save()
        return HttpResponseRedirect(DONE)


def edit_room(request, pk):
    """The form sets the status; occupancy follows it."""
    form = RoomForm(request.POST, instance=get_object_or_404(Room, pk=pk))
    if not form.is_valid():
        return HttpResponseBadRequest(form.errors.as_json())
    form.instance.is_occupied = form.cleaned_data["room_status"] == RoomStatus.OCCUPIED  # expect: site typed_by=form fields=is_occupied
    form.save()
    return HttpResponseRedirect(DONE)


def reclassify_room(request, pk):
    form = RoomForm(request.POST, instance=get_object_or_404(Room, pk=pk))
    if not form.is_valid():
        return HttpResponseBadRequest(form.errors.as_json())
    room = form.save(commit=False)
    room.is_occupied = room.room_status == RoomStatus.OCCUPIED  # expect: site typed_by=form fields=is_occupied
    room.save()
    return HttpResponseRedirect(DONE)


def register_room(request):
    form = RoomForm(request.POST)
    if not form.is_valid():
        return HttpResponseBadRequest(form.errors.as_json())
    room = form.save(commit=False)
    room.building_id = int(request.POST["building"])
    room.is_occupied = room.room_status == RoomStatus.OCCUPIED  # expect: site typed_by=form fields=is_occupied
    room.save()
    return JsonResponse({"id": room.pk})


def rename_room(request, pk):
    form = RoomRenameForm(request.POST, instance=get_object_or_404(Room, pk=pk))
    if not form.is_valid():
        return HttpResponseBadRequest(form.errors.as_json())
    form.save()
    return HttpResponseRedirect(DONE)


def edit_meeting_room(request, pk):
    form = MeetingRoomForm(request.POST, instance=get_object_or_404(MeetingRoom, pk=pk))
    if not form.is_valid():
        return HttpResponseBadRequest(form.errors.as_json())
    room = form.save(commit=False)
    room.is_occupied = room.capacity > 0 and room.is_occupied  # trap: form.save(commit=False) of a MeetingRoom form
    room.save()
    return HttpResponseRedirect(DONE)
