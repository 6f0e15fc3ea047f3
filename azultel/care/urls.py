from django.urls import path

from azultel.care.views import changes, customer, desk, staff, vacation
from azultel.core.staff_pages import staff_page

app_name = "care"

urlpatterns = [
    path("account/help/", customer.ticket_list, name="ticket_list"),
    path("account/help/report/", customer.ticket_new, name="ticket_new"),
    path("account/help/passcode/", customer.passcode, name="passcode"),
    path("account/help/<uuid:ticket_id>/", customer.ticket_detail, name="ticket_detail"),
    path("staff/care/tickets/", staff_page(staff.ticket_queue), name="staff_queue"),
    path(
        "staff/care/tickets/<uuid:ticket_id>/",
        staff_page(staff.ticket_detail),
        name="staff_ticket",
    ),
    path(
        "staff/care/tickets/<uuid:ticket_id>/update/",
        staff_page(staff.ticket_update),
        name="staff_ticket_update",
    ),
    path(
        "staff/care/tickets/<uuid:ticket_id>/visit/",
        staff_page(staff.ticket_visit),
        name="staff_ticket_visit",
    ),
    path("staff/care/outages/", staff_page(staff.outages), name="staff_outages"),
    path(
        "staff/care/outages/<uuid:outage_id>/end/",
        staff_page(staff.outage_end),
        name="staff_outage_end",
    ),
    path("staff/care/desk/", staff_page(desk.desk_search), name="desk_search"),
    path("staff/care/desk/<uuid:public_id>/", staff_page(desk.desk), name="desk"),
    path(
        "staff/care/desk/<uuid:public_id>/passcode/",
        staff_page(desk.verify_passcode),
        name="desk_verify_passcode",
    ),
    path(
        "staff/care/desk/<uuid:public_id>/send-code/",
        staff_page(desk.send_code),
        name="desk_send_code",
    ),
    path(
        "staff/care/desk/<uuid:public_id>/code/",
        staff_page(desk.verify_code),
        name="desk_verify_code",
    ),
    path(
        "staff/care/desk/<uuid:public_id>/end/",
        staff_page(desk.verification_end),
        name="desk_end",
    ),
    path(
        "staff/care/desk/<uuid:public_id>/calls/",
        staff_page(desk.call_detail),
        name="desk_calls",
    ),
    path(
        "staff/care/desk/<uuid:public_id>/services/",
        staff_page(changes.caller_services),
        name="desk_services",
    ),
    path(
        "staff/care/desk/<uuid:public_id>/services/<uuid:service_id>/plan/",
        staff_page(changes.plan_choose),
        name="desk_plan_choose",
    ),
    path(
        "staff/care/desk/<uuid:public_id>/services/<uuid:service_id>/plan/review/",
        staff_page(changes.plan_review),
        name="desk_plan_review",
    ),
    path(
        "staff/care/desk/<uuid:public_id>/services/<uuid:service_id>/plan/confirm/",
        staff_page(changes.plan_confirm),
        name="desk_plan_confirm",
    ),
    path(
        "staff/care/desk/<uuid:public_id>/services/<uuid:service_id>/vacation/",
        staff_page(vacation.vacation),
        name="desk_vacation",
    ),
    path(
        "staff/care/desk/<uuid:public_id>/services/<uuid:service_id>/suspend/",
        staff_page(vacation.suspend),
        name="desk_suspend",
    ),
    path(
        "staff/care/desk/<uuid:public_id>/services/<uuid:service_id>/restore/",
        staff_page(vacation.restore),
        name="desk_restore",
    ),
]
