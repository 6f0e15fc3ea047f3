from django.urls import path

from azultel.core.staff_pages import staff_page
from azultel.lists import views

app_name = "lists"

urlpatterns = [
    path("staff/lists/", staff_page(views.staff_lists), name="staff_lists"),
    path("staff/lists/import/", staff_page(views.staff_import), name="staff_import"),
    path("staff/lists/<uuid:list_id>/", staff_page(views.staff_list_detail), name="staff_list"),
    path(
        "staff/lists/<uuid:list_id>/skipped/",
        staff_page(views.staff_import_result),
        name="staff_import_result",
    ),
]
