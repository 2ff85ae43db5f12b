from django.urls import path
from rest_framework.routers import SimpleRouter

from rooms import views

router = SimpleRouter()
router.register("rooms", views.RoomViewSet, basename="room")

ROOM = "hotels/<slug:hotel_slug>/rooms/<str:room_number>/"

urlpatterns = [
    path(ROOM + "start-cleaning/", views.start_cleaning, name="room-start-cleaning"),
    path(ROOM + "complete-cleaning/", views.complete_cleaning, name="room-complete-cleaning"),
    path(ROOM + "inspect/", views.inspect_room, name="room-inspect"),
    path(ROOM + "maintenance/", views.mark_maintenance, name="room-maintenance"),
    path(
        ROOM + "maintenance/complete/", views.complete_maintenance, name="room-maintenance-complete"
    ),
    path(
        ROOM + "status-override/",
        views.RoomStatusOverrideView.as_view(),
        name="room-status-override",
    ),
    *router.urls,
]
