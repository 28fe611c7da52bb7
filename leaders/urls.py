from django.urls import path

from . import views

urlpatterns = [
    path("o/<token:token>/people/", views.owner_people, name="leaders-owner-people"),
    path(
        "o/<token:token>/people/<uuid:person_id>/", views.owner_person, name="leaders-owner-person"
    ),
    path(
        "o/<token:token>/people/<uuid:person_id>/references/",
        views.owner_add_reference,
        name="leaders-owner-reference",
    ),
    path(
        "o/<token:token>/people/<uuid:person_id>/delete/",
        views.owner_delete_person,
        name="leaders-owner-delete",
    ),
    path(
        "recruiter/engagements/<uuid:public_id>/people/",
        views.recruiter_people,
        name="leaders-recruiter-people",
    ),
    path(
        "recruiter/engagements/<uuid:public_id>/people/<uuid:person_id>/",
        views.recruiter_person,
        name="leaders-recruiter-person",
    ),
    path(
        "recruiter/engagements/<uuid:public_id>/people/<uuid:person_id>/references/",
        views.recruiter_add_reference,
        name="leaders-recruiter-reference",
    ),
    path(
        "recruiter/engagements/<uuid:public_id>/people/<uuid:person_id>/delete/",
        views.recruiter_delete_person,
        name="leaders-recruiter-delete",
    ),
    path("rate/<token:token>/", views.rate, name="leaders-rate"),
]
