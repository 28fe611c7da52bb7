"""Under /admin/insights/, behind the admin's own check: active staff only; anyone else
is sent to the admin sign-in."""

from django.contrib import admin
from django.urls import path, re_path

from . import views

urlpatterns = [
    path("admin/insights/", admin.site.admin_view(views.page), name="insights"),
    re_path(
        r"^admin/insights/results\.(?P<file_format>csv|xlsx)$",
        admin.site.admin_view(views.export),
        name="insights-export",
    ),
]
