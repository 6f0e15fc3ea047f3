"""Staff pages of the care desk: the ticket queue, one ticket (triage, assign, update, close, book
a repair visit) and outages (post, end)."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from azultel.accounts.http import SignedInRequest
from azultel.care import selectors, services
from azultel.care.forms import AppointmentForm, OutageForm, TicketUpdateForm
from azultel.care.models import Ticket, TicketStatus
from azultel.core.paging import list_page
from azultel.core.staff_pages import staff_permission

TICKETS = "care.handle_ticket"
OUTAGES = "care.manage_outage"


@require_GET
@staff_permission(TICKETS)
def ticket_queue(request: SignedInRequest) -> HttpResponse:
    status = request.GET.get("status", "")
    if status not in TicketStatus.values:
        status = ""
    mine = request.GET.get("mine") == "1"
    listing = list_page(
        request,
        selectors.ticket_queue(status=status, mine_of=request.user if mine else None),
    )
    return render(
        request,
        "care/staff/queue.html",
        {
            "listing": listing,
            "status": status,
            "mine": mine,
            "statuses": TicketStatus.choices,
            "new_count": selectors.ticket_queue_count(),
        },
    )


def _ticket_or_404(ticket_id: str) -> Ticket:
    ticket = selectors.ticket_get_for_staff(ticket_id=ticket_id)
    if ticket is None:
        raise Http404("No such ticket.")
    return ticket


def _ticket_page(
    request: SignedInRequest,
    ticket: Ticket,
    *,
    update_form: TicketUpdateForm | None = None,
    visit_form: AppointmentForm | None = None,
    status: int = 200,
) -> HttpResponse:
    people = selectors.ticket_handlers()
    return render(
        request,
        "care/staff/ticket.html",
        {
            "ticket": ticket,
            "history": selectors.ticket_history_for_staff(ticket=ticket),
            "visit": selectors.ticket_appointment_booked(ticket=ticket),
            "update_form": update_form
            or TicketUpdateForm(
                people=people,
                initial={
                    "status": ticket.status,
                    "priority": ticket.priority,
                    "assignee": ticket.assignee_id,
                },
            ),
            "visit_form": visit_form or AppointmentForm(),
        },
        status=status,
    )


@require_GET
@staff_permission(TICKETS)
def ticket_detail(request: SignedInRequest, ticket_id: str) -> HttpResponse:
    return _ticket_page(request, _ticket_or_404(ticket_id))


@require_POST
@staff_permission(TICKETS)
def ticket_update(request: SignedInRequest, ticket_id: str) -> HttpResponse:
    ticket = _ticket_or_404(ticket_id)
    form = TicketUpdateForm(request.POST, people=selectors.ticket_handlers())
    if form.is_valid():
        data = form.cleaned_data
        try:
            services.ticket_staff_update(
                ticket=ticket,
                change=services.TicketChange(
                    status=data["status"],
                    priority=data["priority"],
                    assignee=data["assignee"],
                    unassign=data["assignee"] is None,
                    update=data["update"],
                    note=data["note"],
                ),
                actor=request.user,
            )
        except services.TicketRefused as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, "Ticket saved.")
            return redirect("care:staff_ticket", ticket_id=ticket.pk)
    return _ticket_page(request, ticket, update_form=form, status=400)


@require_POST
@staff_permission(TICKETS)
def ticket_visit(request: SignedInRequest, ticket_id: str) -> HttpResponse:
    ticket = _ticket_or_404(ticket_id)
    form = AppointmentForm(request.POST)
    if form.is_valid():
        try:
            services.appointment_book(
                ticket=ticket,
                day=form.cleaned_data["day"],
                window=form.cleaned_data["window"],
                actor=request.user,
            )
        except services.TicketRefused as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, "Repair visit booked; the customer has been emailed.")
            return redirect("care:staff_ticket", ticket_id=ticket.pk)
    return _ticket_page(request, ticket, visit_form=form, status=400)


@require_http_methods(["GET", "POST"])
@staff_permission(OUTAGES)
def outages(request: SignedInRequest) -> HttpResponse:
    form = OutageForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                services.outage_post(
                    title=form.cleaned_data["title"],
                    details=form.cleaned_data["details"],
                    zip_codes=form.cleaned_data["zip_codes"],
                    estimated_restore_at=form.cleaned_data["estimated_restore_at"],
                    actor=request.user,
                )
            except services.OutageRefused as exc:
                form.add_error(None, str(exc))
            else:
                messages.success(
                    request,
                    f"Outage posted. Customers in {len(form.cleaned_data['zip_codes'])} ZIP "
                    "codes see it in their account and are being emailed.",
                )
                return redirect("care:staff_outages")
        status = 400
    return render(
        request,
        "care/staff/outages.html",
        {
            "form": form,
            "active": selectors.outages_active(),
            "ended": selectors.outages_recent_ended(),
        },
        status=status,
    )


@require_POST
@staff_permission(OUTAGES)
def outage_end(request: SignedInRequest, outage_id: str) -> HttpResponse:
    outage = selectors.outage_get_for_staff(outage_id=outage_id)
    if outage is None:
        raise Http404("No such outage.")
    try:
        services.outage_end(outage=outage, actor=request.user)
    except services.OutageRefused as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, "Outage marked as fixed; customers are being emailed.")
    return redirect("care:staff_outages")
