from django.urls import path

from azultel.comms import views

app_name = "comms"

urlpatterns = [
    path("email/unsubscribe/<str:token>/", views.unsubscribe, name="unsubscribe"),
    path("staff/outbox/", views.outbox_list, name="outbox_list"),
    path("staff/outbox/<uuid:message_id>/", views.outbox_detail, name="outbox_detail"),
    path("staff/mailbox/", views.mailbox_list, name="mailbox_list"),
    path("staff/mailbox/<str:name>/", views.mailbox_detail, name="mailbox_detail"),
    path("staff/mailbox/<str:name>/raw/", views.mailbox_raw, name="mailbox_raw"),
]
