from django.contrib import admin

from venues.models import MeetingRoom, Seat


@admin.register(MeetingRoom)
class MeetingRoomAdmin(admin.ModelAdmin):  # trap: an admin of MeetingRoom
    list_display = ["name", "capacity", "is_occupied"]
    list_editable = ["is_occupied"]
    actions = ["free_rooms"]

    def save_model(self, request, obj, form, change):
        if obj.capacity == 0:
            obj.is_occupied = False  # trap: save_model's obj of a MeetingRoom admin
        super().save_model(request, obj, form, change)

    @admin.action(description="Free the selected meeting rooms")
    def free_rooms(self, request, queryset):
        for room in queryset:
            room.is_occupied = False  # trap: an action's queryset of MeetingRooms
            room.save()


@admin.register(Seat)
class SeatAdmin(admin.ModelAdmin):
    list_display = ["label", "meeting_room", "is_occupied"]
