from django.urls import path

from . import views

urlpatterns = [
    path("", views.landing, name="assessments-landing"),
    path("start/", views.start, name="assessments-start"),
    path("a/<token:token>/", views.resume, name="assessments-resume"),
    path("a/<token:token>/step/<int:number>/", views.step, name="assessments-step"),
    path("a/<token:token>/review/", views.review, name="assessments-review"),
    path("r/<token:token>/", views.result, name="assessments-result"),
]
