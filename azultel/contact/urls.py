from django.urls import path

from azultel.contact.views import public, staff
from azultel.core.staff_pages import staff_page

app_name = "contact"

urlpatterns = [
    path("contact/thread/<str:token>/", public.thread, name="thread"),
    path("account/messages/", public.my_messages, name="my_messages"),
    path("account/messages/<uuid:thread_id>/", public.my_thread, name="my_thread"),
    path("staff/contact/", staff_page(staff.inbox), name="staff_inbox"),
    path("staff/contact/privacy/", staff_page(staff.privacy_inbox), name="staff_privacy_inbox"),
    path(
        "staff/contact/threads/<uuid:thread_id>/",
        staff_page(staff.thread_detail),
        name="staff_thread",
    ),
    path(
        "staff/contact/threads/<uuid:thread_id>/reply/",
        staff_page(staff.thread_reply),
        name="staff_reply",
    ),
    path(
        "staff/contact/threads/<uuid:thread_id>/note/",
        staff_page(staff.thread_note),
        name="staff_note",
    ),
    path(
        "staff/contact/threads/<uuid:thread_id>/status/",
        staff_page(staff.thread_status),
        name="staff_status",
    ),
    path(
        "staff/contact/threads/<uuid:thread_id>/assign/",
        staff_page(staff.thread_assign),
        name="staff_assign",
    ),
]
