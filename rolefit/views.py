from django.conf import settings
from django.contrib.staticfiles.storage import staticfiles_storage
from django.http import Http404, HttpRequest, HttpResponse, HttpResponsePermanentRedirect
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_GET


@require_GET
def favicon(request: HttpRequest) -> HttpResponse:
    # Browsers ask for /favicon.ico on pages without an icon link, such as the admin.
    return HttpResponsePermanentRedirect(staticfiles_storage.url("favicon.svg"))


@require_GET
def switch_language(request: HttpRequest, code: str) -> HttpResponse:
    """Remember a language and go back. A link rather than Django's POST form, so that
    read-only pages carry no form at all and can keep sending no Referer."""
    if code not in dict(settings.LANGUAGES):
        raise Http404
    next_url = request.GET.get("next", "/")
    if not url_has_allowed_host_and_scheme(
        next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        next_url = "/"
    response = redirect(next_url)
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME,
        code,
        max_age=settings.LANGUAGE_COOKIE_AGE,
        path=settings.LANGUAGE_COOKIE_PATH,
        secure=settings.LANGUAGE_COOKIE_SECURE,
        httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
        samesite="Lax",
    )
    return response


def bad_request(request: HttpRequest, exception: Exception) -> HttpResponse:
    """The 400 page. Django's own handler re-runs the CSRF check, which reads the body
    again; a body Django cannot read (a form in UTF-16, say) would then raise a second
    time and turn a clear 400 into a 500. This one never reads the body."""
    return render(request, "400.html", status=400)


@require_GET
def healthz(request: HttpRequest) -> HttpResponse:
    """For load balancers, and the bare-Django baseline of the benchmarks: no database,
    no templates."""
    return HttpResponse("ok", content_type="text/plain")
