from django.contrib import admin
from django.urls import include, path

from rooms.admin import front_desk_site

urlpatterns = [
    path("admin/", admin.site.urls),
    path("frontdesk/", front_desk_site.urls),
    path("", include("rooms.urls")),
]
