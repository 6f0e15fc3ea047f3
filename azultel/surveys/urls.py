from django.urls import path

from azultel.core.staff_pages import staff_page
from azultel.surveys import builder_views, staff_views, views

app_name = "surveys"

_S = "staff/surveys/<slug:slug>/"

urlpatterns = [
    path("surveys/", views.survey_list, name="list"),
    path("surveys/<slug:slug>/", views.survey_answer, name="answer"),
    path("surveys/<slug:slug>/thanks/", views.survey_thanks, name="thanks"),
    path("staff/surveys/", staff_page(staff_views.staff_list), name="staff_list"),
    path("staff/surveys/new/", staff_page(staff_views.staff_create), name="staff_create"),
    path(_S, staff_page(staff_views.staff_survey), name="staff_survey"),
    path(f"{_S}edit/", staff_page(staff_views.staff_edit), name="staff_edit"),
    path(f"{_S}status/", staff_page(staff_views.staff_status), name="staff_status"),
    path(f"{_S}preview/", staff_page(staff_views.staff_preview), name="staff_preview"),
    path(f"{_S}results/", staff_page(staff_views.staff_results), name="staff_results"),
    path(f"{_S}results.csv", staff_page(staff_views.staff_results_csv), name="staff_results_csv"),
    path(f"{_S}sections/new/", staff_page(builder_views.section_add), name="section_add"),
    path(
        f"{_S}sections/<int:section_id>/",
        staff_page(builder_views.section_edit),
        name="section_edit",
    ),
    path(
        f"{_S}sections/<int:section_id>/move/",
        staff_page(builder_views.section_move),
        name="section_move",
    ),
    path(
        f"{_S}sections/<int:section_id>/remove/",
        staff_page(builder_views.section_remove),
        name="section_remove",
    ),
    path(
        f"{_S}sections/<int:section_id>/questions/new/",
        staff_page(builder_views.question_add),
        name="question_add",
    ),
    path(
        f"{_S}questions/<int:question_id>/",
        staff_page(builder_views.question_edit),
        name="question_edit",
    ),
    path(
        f"{_S}questions/<int:question_id>/move/",
        staff_page(builder_views.question_move),
        name="question_move",
    ),
    path(
        f"{_S}questions/<int:question_id>/remove/",
        staff_page(builder_views.question_remove),
        name="question_remove",
    ),
]
