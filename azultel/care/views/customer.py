"""The customer's help pages: report a problem, follow a ticket, set the phone passcode."""

from __future__ import annotations

from typing import TYPE_CHECKING

from allauth.account.decorators import reauthentication_required
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods

from azultel.accounts.http import SignedInRequest
from azultel.care import selectors, services
from azultel.care.forms import PasscodeForm, TicketReportForm
from azultel.core.formatting import phone_for_people
from azultel.orders import selectors as order_selectors

if TYPE_CHECKING:
    from azultel.orders.models import Service


def service_label(service: Service) -> str:
    """How a customer recognises a service: plan, number if it has one, street."""
    line = getattr(service, "phone_line", None)
    number = f", {phone_for_people(line.number)}" if line is not None else ""
    return f"{service.product_name}{number} at {service.service_street}"


@require_GET
@login_required
def ticket_list(request: SignedInRequest) -> HttpResponse:
    return render(
        request,
        "care/ticket_list.html",
        {
            "account_section": "help",
            "tickets": selectors.tickets_for_customer(customer=request.user),
            "passcode_set": services.passcode_is_set(customer=request.user),
        },
    )


@require_http_methods(["GET", "POST"])
@login_required
def ticket_new(request: SignedInRequest) -> HttpResponse:
    held = list(order_selectors.services_active_for_customer(customer=request.user))
    choices = [(str(s.pk), service_label(s)) for s in held]
    form = TicketReportForm(request.POST or None, services=choices)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                ticket = services.ticket_open(
                    customer=request.user,
                    service_id=form.cleaned_data["service"],
                    category=form.cleaned_data["category"],
                    symptoms=form.cleaned_data["symptoms"],
                    actor=request.user,
                )
            except services.TicketRefused as exc:
                form.add_error(None, str(exc))
            else:
                messages.success(
                    request,
                    f"We have your report. Your reference is {ticket.reference}; "
                    "we have emailed it to you.",
                )
                return redirect("care:ticket_detail", ticket_id=ticket.pk)
        status = 400
    return render(
        request,
        "care/ticket_new.html",
        {"account_section": "help", "form": form, "has_services": bool(held)},
        status=status,
    )


@require_GET
@login_required
def ticket_detail(request: SignedInRequest, ticket_id: str) -> HttpResponse:
    ticket = selectors.ticket_get_for_customer(customer=request.user, ticket_id=ticket_id)
    if ticket is None:
        raise Http404("No such ticket in your account.")
    return render(
        request,
        "care/ticket_detail.html",
        {
            "account_section": "help",
            "ticket": ticket,
            "service": service_label(ticket.service) if ticket.service else "",
            "history": selectors.ticket_history_for_customer(ticket=ticket),
            "visit": selectors.ticket_appointment_booked(ticket=ticket),
        },
    )


@require_http_methods(["GET", "POST"])
@login_required
@reauthentication_required
def passcode(request: SignedInRequest) -> HttpResponse:
    form = PasscodeForm(request.POST or None)
    if request.method == "POST":
        if form.is_valid():
            services.passcode_set(
                customer=request.user, passcode=form.cleaned_data["passcode"], actor=request.user
            )
            messages.success(
                request,
                "Your phone passcode is saved. We have sent a notice to the email address on "
                "your account.",
            )
            return redirect("care:ticket_list")
        return render(
            request, "care/passcode.html", {"account_section": "help", "form": form}, status=400
        )
    return render(request, "care/passcode.html", {"account_section": "help", "form": form})
