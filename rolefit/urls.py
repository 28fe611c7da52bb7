from django.contrib import admin
from django.urls import include, path, register_converter

from assessments.tokens import TOKEN_PATTERN


class TokenConverter:
    """Capability tokens in URLs: url-safe base64 or hex, never a sequential id."""

    regex = TOKEN_PATTERN

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: str) -> str:
        return value


register_converter(TokenConverter, "token")

urlpatterns = [
    path("admin/", admin.site.urls),
    path("i18n/", include("django.conf.urls.i18n")),
    path("accounts/", include("django.contrib.auth.urls")),
    path("", include("assessments.urls")),
    path("", include("sharing.urls")),
    path("", include("recruiters.urls")),
]
