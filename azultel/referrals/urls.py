from django.urls import path

from azultel.core.staff_pages import staff_page
from azultel.referrals import views

app_name = "referrals"

urlpatterns = [
    path("tell-a-friend/", views.tell, name="tell"),
    path("tell-a-friend/sent/", views.sent, name="sent"),
    path("tell-a-friend/report/<str:token>/", views.report, name="report"),
    path("staff/referrals/", staff_page(views.staff_report), name="staff_report"),
]
