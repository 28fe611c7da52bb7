from collections.abc import Callable

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render

from .models import NoLiveQuestionnaire


class NotReadyMiddleware:
    """Before any questionnaire is published, every page or API call that needs one
    answers the same clear 503, whichever view found out."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if not isinstance(exception, NoLiveQuestionnaire):
            return None
        if request.path_info.startswith("/api/"):
            message = {"errors": {"questionnaire": "no questionnaire is published yet"}}
            return JsonResponse(message, status=503)
        return render(request, "503.html", status=503)
