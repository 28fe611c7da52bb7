from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin
from django.contrib.auth.models import User
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from firms.membership import send_set_password_email

from .models import Engagement


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
            send_set_password_email(user, request=request)
            sent += 1
        self.message_user(
            request, _("Invitations sent: %(count)d") % {"count": sent}, messages.SUCCESS
        )
