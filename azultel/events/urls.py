from django.urls import path

from azultel.core.staff_pages import staff_page
from azultel.events.views import public, staff

app_name = "events"

urlpatterns = [
    path("events/", public.event_list, name="list"),
    path("events/cancel/<str:token>/", public.cancel, name="cancel"),
    path("events/<slug:slug>/", public.event_detail, name="detail"),
    path("events/<slug:slug>/registered/", public.registered, name="registered"),
    path("staff/events/", staff_page(staff.event_list), name="staff_list"),
    path("staff/events/new/", staff_page(staff.event_edit), name="staff_new"),
    path("staff/events/<int:event_id>/", staff_page(staff.event_edit), name="staff_edit"),
    path(
        "staff/events/<int:event_id>/registrations/",
        staff_page(staff.registrations),
        name="staff_registrations",
    ),
    path("staff/events/<int:event_id>/check-in/", staff_page(staff.checkin), name="staff_checkin"),
    path(
        "staff/events/<int:event_id>/hand-over/",
        staff_page(staff.handover_approve),
        name="staff_handover_approve",
    ),
    path(
        "staff/events/<int:event_id>/hand-over/<int:handover_id>/export/",
        staff_page(staff.handover_export),
        name="staff_handover_export",
    ),
    path("staff/events/<int:event_id>/report/", staff_page(staff.report), name="staff_report"),
]
