from django.urls import path

from azultel.core.staff_pages import staff_page
from azultel.directory import views

app_name = "directory"

urlpatterns = [
    path("directory/", views.search, name="search"),
    path("account/directory/", views.listing, name="listing"),
    path("staff/directory/", staff_page(views.assistance), name="assistance"),
    path("staff/directory/feed/", staff_page(views.feed), name="feed"),
]
