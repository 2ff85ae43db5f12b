from django.urls import path

from hotel import staff_views

urlpatterns = [
    path(
        "hotels/<slug:hotel_slug>/rooms/",
        staff_views.StaffRoomBoardView.as_view(),
        name="staff-room-board",
    ),
    path(
        "hotels/<slug:hotel_slug>/rooms/<str:room_number>/out-of-order/",
        staff_views.StaffRoomOutOfOrderView.as_view(),
        name="staff-room-out-of-order",
    ),
    path(
        "bookings/<int:booking_id>/",
        staff_views.StaffBookingDetailUpdateView.as_view(),
        name="staff-booking-detail",
    ),
    path(
        "bookings/<int:booking_id>/check-in/",
        staff_views.StaffBookingCheckInView.as_view(),
        name="staff-booking-check-in",
    ),
]
