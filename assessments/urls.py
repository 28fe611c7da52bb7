from django.urls import path, register_converter

from . import api, views
from .tokens import TOKEN_PATTERN


class TokenConverter:
    regex = TOKEN_PATTERN

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: str) -> str:
        return value


register_converter(TokenConverter, "token")

urlpatterns = [
    path("", views.landing, name="assessments-landing"),
    path("start/", views.start, name="assessments-start"),
    path("a/<token:token>/", views.resume, name="assessments-resume"),
    path("a/<token:token>/step/<int:number>/", views.step, name="assessments-step"),
    path("a/<token:token>/review/", views.review, name="assessments-review"),
    path("r/<token:token>/", views.result, name="assessments-result"),
    path("o/<token:token>/", views.owner, name="assessments-owner"),
    path("api/v1/assessments", api.create_assessment, name="api-assessments"),
    path("healthz", api.healthz, name="healthz"),
]
