from django.urls import path

from . import views

urlpatterns = [
    path("o/<token:token>/", views.manage, name="sharing-manage"),
    path("o/<token:token>/share-links/", views.create_share_link, name="sharing-create"),
    path(
        "o/<token:token>/share-links/<uuid:link_id>/revoke/",
        views.revoke_share_link,
        name="sharing-revoke",
    ),
    path("o/<token:token>/email/", views.email_owner_link, name="sharing-email"),
    path("o/<token:token>/export.json", views.export, name="sharing-export"),
    path("o/<token:token>/report.pdf", views.report, name="sharing-report"),
    path("o/<token:token>/delete/", views.delete, name="sharing-delete"),
    path("o/<token:token>/retake/", views.retake, name="sharing-retake"),
    path("o/<token:token>/plan/", views.start_plan, name="sharing-plan"),
    path("o/<token:token>/outcome/", views.record_outcome, name="sharing-outcome"),
    path("o/<token:token>/outcome/stop/", views.stop_outcome_link, name="sharing-outcome-stop"),
    path("deleted/", views.deleted, name="sharing-deleted"),
    path("s/<token:token>/", views.shared, name="sharing-shared"),
    path("s/<token:token>/report.pdf", views.shared_report, name="sharing-shared-report"),
]
