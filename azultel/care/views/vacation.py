"""Vacation suspension and restore made on the customer desk for a verified caller, through
``lifecycle.service_suspend`` / ``service_restore`` with the care agent as ``actor`` (the
customer's notice says customer care made the change: P13/P30). Behind
``require_verified_caller`` like every desk change; refusals save nothing."""

from __future__ import annotations

from uuid import UUID

from django import forms
from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_POST

from azultel.accounts.http import SignedInRequest
from azultel.accounts.models import User
from azultel.care.verification import (
    GATE_PERMISSION,
    customer_from_public_id,
    require_verified_caller,
)
from azultel.care.views.changes import customer_or_404, service_or_404
from azultel.core.staff_pages import staff_permission
from azultel.lifecycle import selectors as lifecycle_selectors
from azultel.lifecycle import services as lifecycle
from azultel.lifecycle.forms import RestoreForm, SuspendForm
from azultel.lifecycle.models import ChangeKind, ChangeStatus
from azultel.orders.models import Service, ServiceStatus


def _keyed(form_class: type[forms.Form]) -> forms.Form:
    return form_class(initial={"idempotency_key": lifecycle.change_key_new()})


def _page(
    request: SignedInRequest,
    customer: User,
    service: Service,
    *,
    suspend_form: forms.Form | None = None,
    restore_form: forms.Form | None = None,
    status: int = 200,
) -> HttpResponse:
    changes = lifecycle_selectors.changes_for_service(service=service).filter(
        kind=ChangeKind.SUSPEND, status=ChangeStatus.SCHEDULED
    )
    return render(
        request,
        "care/staff/vacation.html",
        {
            "customer": customer,
            "service": service,
            "suspended": service.status == ServiceStatus.SUSPENDED,
            "booked": list(changes[:1]),
            "suspend_form": suspend_form or _keyed(SuspendForm),
            "restore_form": restore_form or _keyed(RestoreForm),
            "vacation_rate": lifecycle.VACATION_MONTHLY_RATE,
            "max_suspensions": lifecycle.MAX_SUSPENSIONS_A_YEAR,
            "max_days": lifecycle.MAX_SUSPENDED_DAYS_A_YEAR,
        },
        status=status,
    )


@require_GET
@staff_permission(GATE_PERMISSION)
@require_verified_caller(customer_from_public_id)
def vacation(request: SignedInRequest, public_id: str, service_id: UUID) -> HttpResponse:
    customer = customer_or_404(public_id)
    return _page(request, customer, service_or_404(customer, service_id))


@require_POST
@staff_permission(GATE_PERMISSION)
@require_verified_caller(customer_from_public_id)
def suspend(request: SignedInRequest, public_id: str, service_id: UUID) -> HttpResponse:
    customer = customer_or_404(public_id)
    service = service_or_404(customer, service_id)
    form = SuspendForm(request.POST)
    if not form.is_valid():
        return _page(request, customer, service, suspend_form=form, status=400)
    try:
        lifecycle.service_suspend(
            actor=request.user,
            service=service,
            starts_on=form.cleaned_data["starts_on"],
            ends_on=form.cleaned_data["ends_on"],
            idempotency_key=form.cleaned_data["idempotency_key"],
        )
    except lifecycle.ChangeRefused as refusal:
        form.add_error(refusal.field if refusal.field in form.fields else None, refusal.message)
        return _page(request, customer, service, suspend_form=form, status=400)
    messages.success(request, "The vacation suspension is booked. The customer has been emailed.")
    return redirect("care:desk_services", public_id=customer.public_id)


@require_POST
@staff_permission(GATE_PERMISSION)
@require_verified_caller(customer_from_public_id)
def restore(request: SignedInRequest, public_id: str, service_id: UUID) -> HttpResponse:
    customer = customer_or_404(public_id)
    service = service_or_404(customer, service_id)
    form = RestoreForm(request.POST)
    if not form.is_valid():
        return _page(request, customer, service, restore_form=form, status=400)
    try:
        lifecycle.service_restore(
            actor=request.user,
            service=service,
            idempotency_key=form.cleaned_data["idempotency_key"],
        )
    except lifecycle.ChangeRefused as refusal:
        form.add_error(None, refusal.message)
        return _page(request, customer, service, restore_form=form, status=400)
    messages.success(
        request, "The service is back at its usual price. The customer has been emailed."
    )
    return redirect("care:desk_services", public_id=customer.public_id)
