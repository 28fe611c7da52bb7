from django.urls import path

from rolefit.scopes import ScopedPages

from . import views

# The people rated for a result: through the CEO's owner link, or a recruiter's engagement.
PEOPLE_PAGES = ScopedPages(
    app="leaders",
    owner_route="o/<token:token>/people/",
    recruiter_route="recruiter/engagements/<uuid:public_id>/people/",
    by_token=views.by_owner_link,
    for_recruiter=views.for_recruiter,
)

urlpatterns = [
    *PEOPLE_PAGES.urls(
        [
            ("", views.people, "people"),
            ("report.pdf", views.comparison_report, "report"),
            ("<uuid:person_id>/", views.person_page, "person"),
            ("<uuid:person_id>/references/", views.add_reference, "reference"),
            ("<uuid:person_id>/delete/", views.delete_person, "delete"),
        ]
    ),
    path("rate/<token:token>/", views.rate, name="leaders-rate"),
]
