from django.contrib import admin
from django.urls import path

from . import views

urlpatterns = [
    path("outcome/<token:token>/", views.check_in, name="outcomes-check-in"),
    # Under the admin, behind its own check (active staff), before its own URLs.
    path(
        "admin/backtest/<int:pk>/",
        admin.site.admin_view(views.backtest_page),
        name="outcomes-backtest",
    ),
]
