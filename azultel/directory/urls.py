from django.urls import path

from azultel.directory import views

app_name = "directory"

urlpatterns = [
    path("directory/", views.search, name="search"),
    path("account/directory/", views.listing, name="listing"),
    path("staff/directory/", views.assistance, name="assistance"),
    path("staff/directory/feed/", views.feed, name="feed"),
]
