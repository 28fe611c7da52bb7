"""What firm owners do with members: start a firm, invite, accept, change a role,
remove. Each rule is kept here, once, for the pages, the admin and the command alike.

The last owner can never go: the owners are locked before each change, so two owners
removing each other at the same moment cannot leave a firm with none.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.auth.forms import PasswordResetForm
from django.contrib.auth.models import User
from django.db import IntegrityError, transaction
from django.http import HttpRequest
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from rolefit.security_log import record

from .models import Firm, Invitation, Membership, Role


class _SetPasswordForm(PasswordResetForm):
    def get_users(self, email: str) -> Iterator[Any]:
        # Unlike a password reset, this is for accounts made without a password.
        return iter(User.objects.filter(email__iexact=email, is_active=True))


def send_set_password_email(user: User, request: HttpRequest | None = None) -> None:
    """Email a new account a link to set its own password. Outside a request (the
    create_firm command), links are built on RF_BASE_URL."""
    form = _SetPasswordForm({"email": user.email})
    if not form.is_valid():
        return
    base = urlsplit(settings.RF_BASE_URL)
    form.save(
        request=request,
        domain_override=None if request else base.netloc,
        use_https=request.is_secure() if request else base.scheme == "https",
        subject_template_name="registration/invitation_subject.txt",
        email_template_name="registration/invitation_email.txt",
    )


class MembershipError(ValueError):
    """A change the rules refuse; the message says why, for the page or the command."""


def create_firm(name: str, owner: User) -> Firm:
    """A new firm with its first owner. Raises MembershipError if the name is taken or
    the owner already belongs to a firm."""
    slug = slugify(name, allow_unicode=True)[:60]
    if not slug:
        raise MembershipError(_("The name needs at least one letter or digit."))
    with transaction.atomic():
        if Firm.objects.filter(slug=slug).exists() or Firm.objects.filter(name=name).exists():
            raise MembershipError(_("A firm named %(name)s already exists.") % {"name": name})
        if Membership.objects.filter(user=owner).exists():
            raise MembershipError(
                _("%(user)s already belongs to a firm.") % {"user": owner.get_username()}
            )
        try:
            firm = Firm.objects.create(name=name, slug=slug)
            Membership.objects.create(firm=firm, user=owner, role=Role.OWNER)
        except IntegrityError:  # the same name, created a moment ago
            raise MembershipError(
                _("A firm named %(name)s already exists.") % {"name": name}
            ) from None
    record("firm_created", firm=firm.slug, owner_id=owner.pk)
    return firm


def invite(firm: Firm, email: str, role: str, by: User) -> Invitation:
    if Membership.objects.filter(firm=firm, user__email__iexact=email).exists():
        raise MembershipError(_("%(email)s is already a member.") % {"email": email})
    invitation = Invitation.objects.create(firm=firm, email=email, role=role, invited_by=by)
    record("firm_invited", firm=firm.slug, by_id=by.pk, role=role)
    return invitation


def accept(invitation: Invitation, user: User) -> Membership:
    """Join the firm the invitation is for. Single use: of two people opening the same
    link at once, one joins and the other is told the link was used."""
    if user.email.casefold() != invitation.email.casefold():
        # The link is for one address: a colleague it was forwarded to asks for their own.
        raise MembershipError(
            _("This invitation is for %(email)s. Sign in as that account, or ask for one.")
            % {"email": invitation.email}
        )
    with transaction.atomic():
        claimed = Invitation.objects.filter(
            pk=invitation.pk, accepted_at__isnull=True, expires_at__gt=timezone.now()
        ).update(accepted_at=timezone.now())
        if not claimed:
            raise MembershipError(_("This invitation has been used or has expired."))
        if Membership.objects.filter(user=user).exists():
            raise MembershipError(
                _("You already belong to a firm; leave it before joining another.")
            )
        membership = Membership.objects.create(
            firm=invitation.firm, user=user, role=invitation.role
        )
    record("firm_joined", firm=invitation.firm.slug, user_id=user.pk, role=invitation.role)
    return membership


def change_role(membership: Membership, role: str, by: User) -> None:
    with transaction.atomic():
        _lock_owners(membership.firm)
        membership.refresh_from_db()
        if membership.role == Role.OWNER and role != Role.OWNER:
            _refuse_if_last_owner(membership)
        membership.role = role
        membership.save(update_fields=["role"])
    record(
        "firm_role_changed",
        firm=membership.firm.slug,
        by_id=by.pk,
        user_id=membership.user_id,
        role=role,
    )


def remove(membership: Membership, by: User) -> int:
    """Take a member out of the firm. The engagements they led stay with the firm, led
    from now on by whoever removed them. Returns how many changed lead."""
    with transaction.atomic():
        _lock_owners(membership.firm)
        membership.refresh_from_db()
        if membership.role == Role.OWNER:
            _refuse_if_last_owner(membership)
        # Whoever removed them leads from now on; someone who leaves hands over to an
        # owner who stays (there always is one, checked above). Through the user's
        # reverse relation: recruiters builds on firms, not the reverse.
        new_lead: User | None = by
        if by.pk == membership.user_id:
            heir = membership.firm.owners().exclude(pk=membership.pk).select_related("user")
            new_lead = next((owner.user for owner in heir[:1]), None)
        led = membership.user.engagements.filter(firm=membership.firm)
        moved = led.update(recruiter=new_lead)
        membership.delete()
    record(
        "firm_member_removed", firm=membership.firm.slug, by_id=by.pk, user_id=membership.user_id
    )
    return moved


def _lock_owners(firm: Firm) -> None:
    list(Membership.objects.select_for_update().filter(firm=firm, role=Role.OWNER))


def _refuse_if_last_owner(membership: Membership) -> None:
    if not membership.firm.owners().exclude(pk=membership.pk).exists():
        raise MembershipError(_("A firm needs an owner: make someone else an owner first."))
