from django.contrib import admin
from django.urls import include, path, register_converter

from rolefit.tokens import TOKEN_PATTERN

from . import views


class TokenConverter:
    """Capability tokens in URLs: url-safe base64 or hex, never a sequential id."""

    regex = TOKEN_PATTERN

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: str) -> str:
        return value


register_converter(TokenConverter, "token")


handler400 = "rolefit.views.bad_request"

urlpatterns = [
    path("favicon.ico", views.favicon),
    path("healthz", views.healthz, name="healthz"),
    path("language/<str:code>/", views.switch_language, name="switch-language"),
    # Before the admin's own URLs, which would take any address under /admin/.
    path("", include("insights.urls")),
    path("", include("outcomes.urls")),
    path("admin/", admin.site.urls),
    path("accounts/", include("django.contrib.auth.urls")),
    path("", include("accounts.urls")),
    path("", include("privacy.urls")),
    path("", include("assessments.urls")),
    path("", include("sharing.urls")),
    path("", include("firms.urls")),
    path("", include("notices.urls")),
    path("", include("integrations.urls")),
    path("", include("recruiters.urls")),
    path("", include("leaders.urls")),
    path("", include("teams.urls")),
    path("", include("units.urls")),
    path("", include("plans.urls")),
]
