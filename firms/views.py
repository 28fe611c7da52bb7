"""A firm's own pages: its members and their roles, invitations, and joining by one."""

from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_required
from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from rolefit import ratelimit
from rolefit.capabilities import private_form_page
from rolefit.i18n import mail_in_both_languages
from rolefit.types import AuthenticatedHttpRequest

from . import membership as members
from .forms import InviteForm, JoinForm, LogoForm, RoleForm
from .models import Invitation, Membership

HISTORY_SHOWN = 20


def _membership(request: AuthenticatedHttpRequest) -> Membership:
    found = Membership.objects.of(request.user)
    if found is None:
        raise Http404
    return found


def _owner(request: AuthenticatedHttpRequest) -> Membership:
    found = _membership(request)
    if not found.can_manage_members:
        raise PermissionDenied
    return found


@require_http_methods(["GET"])
@login_required
def home(request: AuthenticatedHttpRequest) -> HttpResponse:
    mine = _membership(request)
    return render(request, "firms/home.html", _home_context(mine, InviteForm()))


def _home_context(mine: Membership, invite_form: InviteForm) -> dict[str, object]:
    firm = mine.firm
    return {
        "mine": mine,
        "firm": firm,
        "members": firm.memberships.select_related("user").order_by("user__username"),
        "invitations": firm.invitations.pending() if mine.can_manage_members else [],
        "invite_form": invite_form,
        "role_choices": RoleForm.base_fields["role"].choices,  # type: ignore[attr-defined]
        "history": _history(mine) if mine.can_manage_members else [],
        "trail": [(_("Engagements"), reverse("recruiters-dashboard")), (firm.name, None)],
    }


def _history(mine: Membership) -> list[object]:
    """The latest membership and invitation changes, who made them and when."""
    joined = Membership.history.filter(firm_id=mine.firm_id).select_related("history_user", "user")
    invited = Invitation.history.filter(firm_id=mine.firm_id).select_related("history_user")
    records = [*joined[:HISTORY_SHOWN], *invited[:HISTORY_SHOWN]]
    return sorted(records, key=lambda record: record.history_date, reverse=True)[:HISTORY_SHOWN]


@require_http_methods(["GET", "POST"])
@login_required
def branding(request: AuthenticatedHttpRequest) -> HttpResponse:
    """The owner's page for the firm's logo on PDF reports."""
    mine = _owner(request)
    firm = mine.firm
    form = LogoForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and "remove" in request.POST:
        firm.logo, firm.logo_type = None, ""
        firm.save(update_fields=["logo", "logo_type"])
        messages.success(request, _("The logo is removed."))
        return redirect("firms-branding")
    if request.method == "POST" and form.is_valid():
        firm.logo, firm.logo_type = form.cleaned_data["logo"]
        firm.save(update_fields=["logo", "logo_type"])
        messages.success(request, _("The logo is saved; the next PDF report carries it."))
        return redirect("firms-branding")
    trail = [
        (_("Engagements"), reverse("recruiters-dashboard")),
        (firm.name, reverse("firms-home")),
        (_("Logo"), None),
    ]
    context = {"firm": firm, "form": form, "trail": trail}
    return render(request, "firms/branding.html", context, status=400 if form.is_bound else 200)


@require_POST
@ratelimit.creating
@login_required
def invite(request: AuthenticatedHttpRequest) -> HttpResponse:
    mine = _owner(request)
    form = InviteForm(request.POST)
    if form.is_valid():
        try:
            invitation = members.invite(mine.firm, **form.cleaned_data, by=request.user)
        except members.MembershipError as exc:
            form.add_error("email", str(exc))
        else:
            link = request.build_absolute_uri(reverse("firms-join", args=[invitation.token()]))
            _send_invitation(invitation, link)
            messages.success(request, _("Invitation sent to %(email)s.") % form.cleaned_data)
            return redirect("firms-home")
    return render(request, "firms/home.html", _home_context(mine, form), status=400)


def _send_invitation(invitation: Invitation, link: str) -> None:
    firm = invitation.firm.name

    def body() -> str:
        return (
            _(
                "You are invited to join %(firm)s on RoleFit as %(role)s. The link works "
                "once and for %(days)d days:"
            )
            % {"firm": firm, "role": invitation.get_role_display(), "days": 7}
            + f"\n\n{link}\n"
        )

    mail_in_both_languages(
        subject=lambda: _("Join %(firm)s on RoleFit") % {"firm": firm},
        body=body,
        to=[invitation.email],
    )


@require_POST
@login_required
def revoke_invitation(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    mine = _membership(request)
    invitation = get_object_or_404(mine.firm.invitations.pending(), pk=pk)
    if not mine.can_manage_members:
        raise PermissionDenied
    invitation.delete()
    messages.success(request, _("Invitation to %(email)s withdrawn.") % {"email": invitation.email})
    return redirect("firms-home")


@require_POST
@login_required
def change_role(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    mine = _membership(request)
    member = get_object_or_404(mine.firm.memberships, pk=pk)  # another firm's: 404
    if not mine.can_manage_members:
        raise PermissionDenied
    form = RoleForm(request.POST)
    if not form.is_valid():
        return render(request, "firms/home.html", _home_context(mine, InviteForm()), status=400)
    try:
        members.change_role(member, form.cleaned_data["role"], by=request.user)
    except members.MembershipError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("Role changed."))
    return redirect("firms-home")


@require_POST
@login_required
def remove_member(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """An owner removes anyone; anyone may leave. The last owner can do neither."""
    mine = _membership(request)
    member = get_object_or_404(mine.firm.memberships.select_related("user"), pk=pk)
    leaving = member.pk == mine.pk
    if not leaving and not mine.can_manage_members:
        raise PermissionDenied
    try:
        members.remove(member, by=request.user)
    except members.MembershipError as exc:
        messages.error(request, str(exc))
        return redirect("firms-home")
    if leaving:
        messages.success(request, _("You have left %(firm)s.") % {"firm": mine.firm.name})
        return redirect("recruiters-dashboard")
    messages.success(request, _("%(user)s removed.") % {"user": member.user.get_username()})
    return redirect("firms-home")


@require_http_methods(["GET", "POST"])
@ratelimit.starting
@private_form_page
def join(request: HttpRequest, token: str) -> HttpResponse:
    """An invitation's page: join as the account signed in, or make one here."""
    invitation = Invitation.objects.usable(token)
    if invitation is None:
        raise Http404
    signed_in = request.user.is_authenticated
    form = JoinForm(request.POST if request.method == "POST" and not signed_in else None)
    if request.method == "POST" and (signed_in or form.is_valid()):
        try:
            user = _joining(request, form, invitation)
        except members.MembershipError as exc:
            messages.error(request, str(exc))
            return redirect("recruiters-dashboard" if signed_in else "login")
        if not signed_in:
            login(request, user, backend="django.contrib.auth.backends.ModelBackend")
        messages.success(request, _("Welcome to %(firm)s.") % {"firm": invitation.firm.name})
        return redirect("recruiters-dashboard")
    context = {"invitation": invitation, "form": form, "signed_in": signed_in}
    return render(request, "firms/join.html", context, status=400 if form.is_bound else 200)


def _joining(request: HttpRequest, form: JoinForm, invitation: Invitation) -> User:
    """The account that joins: the one signed in, or a new one with the invitation's
    email. Made and joined in one transaction, so a refused join leaves no account."""
    with transaction.atomic():
        if isinstance(request.user, User):
            user = request.user
        else:
            user = form.save(commit=False)
            user.email = invitation.email
            user.save()
        members.accept(invitation, user)
    return user
