from django.urls import path

from . import views

OWNER = "org/<token:token>/"
RECRUITER = "recruiter/organisations/<uuid:public_id>/"

urlpatterns = [
    path("org/new/", views.owner_create, name="units-owner-create"),
    path(OWNER, views.owner_organisation, name="units-owner-organisation"),
    path(f"{OWNER}units/<uuid:unit_id>/", views.owner_unit, name="units-owner-unit"),
    path(f"{OWNER}units/<uuid:unit_id>/assess/", views.owner_assess, name="units-owner-assess"),
    path(
        f"{OWNER}units/<uuid:unit_id>/results/<uuid:assessment_id>/",
        views.owner_result,
        name="units-owner-result",
    ),
    path(
        f"{OWNER}units/<uuid:unit_id>/results/<uuid:assessment_id>/plan/",
        views.owner_plan,
        name="units-owner-plan",
    ),
    path(
        f"{RECRUITER}units/<uuid:unit_id>/results/<uuid:assessment_id>/plan/",
        views.recruiter_plan,
        name="units-recruiter-plan",
    ),
    path("recruiter/organisations/", views.recruiter_organisations, name="units-recruiter-list"),
    path(RECRUITER, views.recruiter_organisation, name="units-recruiter-organisation"),
    path(f"{RECRUITER}units/<uuid:unit_id>/", views.recruiter_unit, name="units-recruiter-unit"),
    path(
        f"{RECRUITER}units/<uuid:unit_id>/assess/",
        views.recruiter_assess,
        name="units-recruiter-assess",
    ),
    path(
        f"{RECRUITER}units/<uuid:unit_id>/results/<uuid:assessment_id>/",
        views.recruiter_result,
        name="units-recruiter-result",
    ),
]
