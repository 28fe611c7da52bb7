from django.urls import path

from . import views

urlpatterns = [
    path("recruiter/", views.dashboard, name="recruiters-dashboard"),
    path("recruiter/engagements/", views.create_engagement, name="recruiters-create"),
    path(
        "recruiter/engagements/<uuid:public_id>/",
        views.engagement_detail,
        name="recruiters-engagement",
    ),
    path(
        "recruiter/engagements/<uuid:public_id>/note/",
        views.engagement_note,
        name="recruiters-note",
    ),
    path(
        "recruiter/engagements/<uuid:public_id>/results/<uuid:assessment_id>/",
        views.engagement_result,
        name="recruiters-result",
    ),
    path(
        "recruiter/engagements/<uuid:public_id>/results/<uuid:assessment_id>/report.pdf",
        views.engagement_report,
        name="recruiters-report",
    ),
    path(
        "recruiter/engagements/<uuid:public_id>/results/<uuid:assessment_id>/plan/",
        views.start_plan,
        name="recruiters-plan",
    ),
    path("i/<token:token>/", views.invite, name="recruiters-invite"),
]
