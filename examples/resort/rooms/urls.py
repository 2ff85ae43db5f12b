from django.urls import include, path
from rest_framework.routers import DefaultRouter

from rooms import api, views

router = DefaultRouter()
router.register("rooms", api.RoomViewSet)
router.register("meeting-rooms", api.MeetingRoomViewSet)

urlpatterns = [
    path("api/", include(router.urls)),
    path("api/rooms/<int:pk>/status/", api.RoomStatusView.as_view(), name="room-status"),
    path("rooms/new/", views.RoomCreateView.as_view(), name="room-create"),
    path("rooms/register/", views.register_room, name="room-register"),
    path("rooms/<int:pk>/status/", views.RoomStatusUpdateView.as_view(), name="room-status-edit"),
    path("rooms/<int:pk>/release/", views.RoomReleaseView.as_view(), name="room-release"),
    path("rooms/<int:pk>/close/", views.RoomCloseView.as_view(), name="room-close"),
    path("rooms/<int:pk>/edit/", views.edit_room, name="room-edit"),
    path("rooms/<int:pk>/reclassify/", views.reclassify_room, name="room-reclassify"),
    path("rooms/<int:pk>/rename/", views.rename_room, name="room-rename"),
    path("meeting-rooms/<int:pk>/", views.MeetingRoomUpdateView.as_view(), name="meeting-room-edit"),
    path("meeting-rooms/<int:pk>/vacate/", views.MeetingRoomVacateView.as_view(), name="meeting-room-vacate"),
    path("meeting-rooms/<int:pk>/edit/", views.edit_meeting_room, name="meeting-room-form"),
]
