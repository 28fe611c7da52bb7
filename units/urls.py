from django.urls import path

from rolefit.scopes import ScopedPages

from . import views

# Every page of an organisation, for its owner link and for the recruiter who made it.
ORGANISATION_PAGES = ScopedPages(
    app="units",
    owner_route="org/<token:token>/",
    recruiter_route="recruiter/organisations/<uuid:public_id>/",
    by_token=views.by_owner_link,
    for_recruiter=views.for_recruiter,
)
RESULT = "units/<uuid:unit_id>/results/<uuid:assessment_id>/"

urlpatterns = [
    path("org/new/", views.owner_create, name="units-owner-create"),
    path("recruiter/organisations/", views.recruiter_organisations, name="units-recruiter-list"),
    *ORGANISATION_PAGES.urls(
        [
            ("", views.organisation, "organisation"),
            ("units/<uuid:unit_id>/", views.unit_page, "unit"),
            ("units/<uuid:unit_id>/assess/", views.assess, "assess"),
            (RESULT, views.result, "result"),
            (f"{RESULT}plan/", views.start_plan, "plan"),
        ]
    ),
]
