from django.urls import include, path

urlpatterns = [
    path("api/", include("rooms.urls")),
    path("api/bookings/", include("room_bookings.urls")),
    path("api/staff/", include("hotel.urls")),
    path("housekeeping/", include("housekeeping.urls")),
]
