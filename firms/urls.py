from django.urls import path

from . import views

urlpatterns = [
    path("firm/", views.home, name="firms-home"),
    path("firm/logo/", views.branding, name="firms-branding"),
    path("firm/invitations/", views.invite, name="firms-invite"),
    path(
        "firm/invitations/<int:pk>/withdraw/",
        views.revoke_invitation,
        name="firms-withdraw-invitation",
    ),
    path("firm/members/<int:pk>/role/", views.change_role, name="firms-change-role"),
    path("firm/members/<int:pk>/remove/", views.remove_member, name="firms-remove-member"),
    path("join/<token:token>/", views.join, name="firms-join"),
]
