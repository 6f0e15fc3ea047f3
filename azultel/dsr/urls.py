from django.urls import path

from azultel.core.staff_pages import staff_page
from azultel.dsr.views import public, staff

app_name = "dsr"

urlpatterns = [
    path("privacy/requests/new/", public.request_new, name="new"),
    path("privacy/requests/sent/", public.request_filed, name="filed"),
    path("privacy/requests/confirm/<str:token>/", public.verify, name="verify"),
    path("privacy/requests/download/<str:token>/", public.download, name="download"),
    path("staff/privacy/requests/", staff_page(staff.queue), name="staff_queue"),
    path("staff/privacy/requests/report/", staff_page(staff.report), name="staff_report"),
    path(
        "staff/privacy/requests/child-account/",
        staff_page(staff.child_account),
        name="staff_child_account",
    ),
    path(
        "staff/privacy/requests/<uuid:request_id>/",
        staff_page(staff.detail),
        name="staff_detail",
    ),
    path(
        "staff/privacy/requests/<uuid:request_id>/acknowledge/",
        staff_page(staff.acknowledge),
        name="staff_acknowledge",
    ),
    path(
        "staff/privacy/requests/<uuid:request_id>/extend/",
        staff_page(staff.extend),
        name="staff_extend",
    ),
    path(
        "staff/privacy/requests/<uuid:request_id>/answer/",
        staff_page(staff.answer),
        name="staff_answer",
    ),
    path(
        "staff/privacy/requests/<uuid:request_id>/agent/",
        staff_page(staff.agent_decision),
        name="staff_agent_decision",
    ),
    path(
        "staff/privacy/requests/<uuid:request_id>/permission/",
        staff_page(staff.agent_permission_file),
        name="staff_agent_permission",
    ),
]
