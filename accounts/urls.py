from django.urls import path

from . import views

urlpatterns = [
    path("accounts/", views.account, name="accounts-account"),
    path("accounts/two-step/setup/", views.setup, name="accounts-mfa-setup"),
    path("accounts/two-step/verify/", views.verify, name="accounts-mfa-verify"),
    path(
        "accounts/two-step/recovery-codes/",
        views.new_recovery_codes,
        name="accounts-mfa-recovery-codes",
    ),
    path("accounts/two-step/turn-off/", views.turn_off, name="accounts-mfa-turn-off"),
]
