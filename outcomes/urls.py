from django.urls import path

from . import views

urlpatterns = [path("outcome/<token:token>/", views.check_in, name="outcomes-check-in")]
