from collections.abc import Iterator
from typing import Any

from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin
from django.contrib.auth.forms import PasswordResetForm
from django.contrib.auth.models import User
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from .models import Engagement


class InvitationForm(PasswordResetForm):
    def get_users(self, email: str) -> Iterator[Any]:
        # Unlike a password reset, an invitation is for accounts made without a password.
        return iter(User.objects.filter(email__iexact=email, is_active=True))


@admin.register(Engagement)
class EngagementAdmin(admin.ModelAdmin[Engagement]):
    list_display = ["client_company", "business_unit", "recruiter", "status", "recommendation"]
    list_filter = ["status", "recommendation"]
    search_fields = ["client_company", "business_unit", "recruiter__username"]
    readonly_fields = ["status", "recommendation", "created_at"]
    exclude = ["token_salt", "token_digest"]


admin.site.unregister(User)


@admin.register(User)
class RecruiterUserAdmin(UserAdmin):
    actions = ["send_invitation"]

    @admin.action(description=_("Email an invitation to set a password"))
    def send_invitation(self, request: HttpRequest, queryset: QuerySet[User]) -> None:
        """Staff create the account without a password; the recruiter sets their own."""
        sent = 0
        for user in queryset.exclude(email=""):
            form = InvitationForm({"email": user.email})
            if form.is_valid():
                form.save(
                    request=request,
                    use_https=request.is_secure(),
                    subject_template_name="registration/invitation_subject.txt",
                    email_template_name="registration/invitation_email.txt",
                )
                sent += 1
        self.message_user(
            request, _("Invitations sent: %(count)d") % {"count": sent}, messages.SUCCESS
        )
