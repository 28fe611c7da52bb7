from django.urls import path

from . import views

urlpatterns = [
    path("plan/<token:token>/", views.plan, name="plans-plan"),
    path("plan/<token:token>/tasks.csv", views.export_csv, name="plans-csv"),
    path("plan/<token:token>/due-dates.ics", views.export_ical, name="plans-ical"),
]
