from django.contrib import admin
from django.contrib.staticfiles.storage import staticfiles_storage
from django.http import HttpRequest, HttpResponse, HttpResponsePermanentRedirect
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


def favicon(request: HttpRequest) -> HttpResponse:
    # Browsers ask for /favicon.ico on pages without an icon link, such as the admin.
    return HttpResponsePermanentRedirect(staticfiles_storage.url("favicon.svg"))


urlpatterns = [
    path("favicon.ico", favicon),
    path("admin/", admin.site.urls),
    path("i18n/", include("django.conf.urls.i18n")),
    path("accounts/", include("django.contrib.auth.urls")),
    path("", include("assessments.urls")),
    path("", include("sharing.urls")),
    path("", include("recruiters.urls")),
]
