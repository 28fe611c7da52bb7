from django.urls import path

from rolefit.scopes import ScopedPages

from . import views

# The team asked about a result: through the CEO's owner link, or a recruiter's engagement.
TEAM_PAGES = ScopedPages(
    app="teams",
    owner_route="o/<token:token>/team/",
    recruiter_route="recruiter/engagements/<uuid:public_id>/team/",
    by_token=views.by_owner_link,
    for_recruiter=views.for_recruiter,
)

urlpatterns = [
    *TEAM_PAGES.urls(
        [
            ("", views.team_page, "team"),
            ("invite/", views.invite, "invite"),
            ("show/", views.show, "show"),
            ("<uuid:respondent_id>/remove/", views.remove, "remove"),
        ]
    ),
    path("team/<token:token>/", views.respond, name="teams-respond"),
    path("team/<token:token>/step/<int:number>/", views.respond_step, name="teams-respond-step"),
    path("team/<token:token>/review/", views.respond_review, name="teams-respond-review"),
]
