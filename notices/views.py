from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from firms.models import Membership
from rolefit.types import AuthenticatedHttpRequest

from .forms import PreferencesForm


@require_http_methods(["GET", "POST"])
@login_required
def preferences(request: AuthenticatedHttpRequest) -> HttpResponse:
    membership = Membership.objects.of(request.user)
    if membership is None:
        raise Http404
    form = PreferencesForm(
        request.POST if request.method == "POST" else None, membership=membership
    )
    if form.is_valid():
        form.save()
        messages.success(request, _("Saved."))
        return redirect("notices-preferences")
    trail = [
        (_("Engagements"), reverse("recruiters-dashboard")),
        (membership.firm.name, reverse("firms-home")),
        (_("Notices"), None),
    ]
    context = {"form": form, "membership": membership, "trail": trail}
    return render(
        request, "notices/preferences.html", context, status=400 if form.is_bound else 200
    )
