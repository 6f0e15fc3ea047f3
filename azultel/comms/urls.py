from django.urls import path

from azultel.comms import views
from azultel.core.staff_pages import staff_page

app_name = "comms"

urlpatterns = [
    path("email/unsubscribe/<str:token>/", views.unsubscribe, name="unsubscribe"),
    path("staff/outbox/", staff_page(views.outbox_list), name="outbox_list"),
    path("staff/outbox/<uuid:message_id>/", staff_page(views.outbox_detail), name="outbox_detail"),
    path("staff/mailbox/", staff_page(views.mailbox_list), name="mailbox_list"),
    path("staff/mailbox/<str:name>/", staff_page(views.mailbox_detail), name="mailbox_detail"),
    path("staff/mailbox/<str:name>/raw/", staff_page(views.mailbox_raw), name="mailbox_raw"),
]
