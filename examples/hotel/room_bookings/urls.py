from django.urls import path

from room_bookings import views

urlpatterns = [
    path("<int:booking_id>/checkout/", views.checkout_booking, name="booking-checkout"),
    path("<int:booking_id>/move/", views.move_booking_room, name="booking-move"),
]
