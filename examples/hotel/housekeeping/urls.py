from django.urls import path

from housekeeping import views

urlpatterns = [
    path(
        "<slug:hotel_slug>/rooms/<str:room_number>/status/",
        views.change_room_status,
        name="housekeeping-room-status",
    ),
    path(
        "<slug:hotel_slug>/rooms/<str:room_number>/out-of-order/",
        views.report_out_of_order,
        name="housekeeping-room-out-of-order",
    ),
    path(
        "<slug:hotel_slug>/approve-cleaned/",
        views.approve_all_cleaned,
        name="housekeeping-approve-cleaned",
    ),
]
