from django.urls import path

from . import views

urlpatterns = [path("firm/notices/", views.preferences, name="notices-preferences")]
