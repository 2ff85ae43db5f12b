from django.contrib import admin

from facilities.models import Building
from rooms.models import Room, RoomStatus


@admin.register(Room)
class RoomAdmin(admin.ModelAdmin):  # expect: implicit kind=admin
    list_display = ["number", "building", "is_occupied", "room_status"]
    list_editable = ["room_status"]
    actions = ["close_rooms", "reopen_rooms"]

    def save_model(self, request, obj, form, change):
        obj.is_occupied = obj.room_status == RoomStatus.OCCUPIED  # expect: site typed_by=admin fields=is_occupied
        super().save_model(request, obj, form, change)

    @admin.action(description="Take the selected rooms out of order")
    def close_rooms(self, request, queryset):
        for room in queryset:
            room.is_occupied = False  # expect: site typed_by=admin fields=is_occupied
            room.room_status = RoomStatus.OUT_OF_ORDER  # expect: site typed_by=admin fields=room_status
            room.save()

    @admin.action(description="Put the selected rooms back in service")
    def reopen_rooms(self, request, queryset):
        queryset.update(room_status=RoomStatus.DIRTY)  # expect: site typed_by=admin fields=room_status


class RoomInline(admin.TabularInline):  # expect: implicit kind=admin
    model = Room
    fields = ["number", "room_status"]
    extra = 0


@admin.register(Building)
class BuildingAdmin(admin.ModelAdmin):
    inlines = [RoomInline]


class FrontDeskRoomAdmin(admin.ModelAdmin):  # expect: implicit kind=admin
    fields = ["number", "is_occupied"]


front_desk_site = admin.AdminSite(name="frontdesk")
front_desk_site.register(Room, FrontDeskRoomAdmin)
