"""The customer's service-change pages under "Your services": one page per service with its
changes, the plan review (the price effect before confirming), and one POST view per change.
Another customer's service is a 404."""

from __future__ import annotations

from collections.abc import Callable
from uuid import UUID

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_POST

from azultel.accounts.http import SignedInRequest
from azultel.lifecycle import selectors, services
from azultel.lifecycle.forms import (
    DisconnectForm,
    MoveForm,
    PlanChooseForm,
    PlanConfirmForm,
    RestoreForm,
    SuspendForm,
)
from azultel.lifecycle.models import ChangeKind, ChangeStatus
from azultel.orders.models import Service, ServiceStatus


def _service(request: SignedInRequest, service_id: UUID) -> Service:
    service = selectors.service_get_for_customer(customer=request.user, service_id=service_id)
    if service is None:
        raise Http404("No such service.")
    return service


def _keyed(form_class: type[forms.Form]) -> forms.Form:
    return form_class(initial={"idempotency_key": services.change_key_new()})


def _page(
    request: SignedInRequest,
    service: Service,
    *,
    status: int = 200,
    **forms_given: forms.Form,
) -> HttpResponse:
    options = services.plan_options(service=service)
    changes = list(selectors.changes_for_service(service=service)[:20])
    context: dict[str, object] = {
        "account_section": "services",
        "service": service,
        "suspended": service.status == ServiceStatus.SUSPENDED,
        "ended": service.status == ServiceStatus.ENDED,
        "changes": changes,
        "suspension_booked": any(
            c.kind == ChangeKind.SUSPEND and c.status == ChangeStatus.SCHEDULED for c in changes
        ),
        "plan_form": PlanChooseForm(choices=_choices(options)),
        "suspend_form": _keyed(SuspendForm),
        "restore_form": _keyed(RestoreForm),
        "move_form": _keyed(MoveForm),
        "disconnect_form": _keyed(DisconnectForm),
        "needs_appointment": services.move_needs_appointment(service=service),
        "vacation_rate": services.VACATION_MONTHLY_RATE,
        "max_suspensions": services.MAX_SUSPENSIONS_A_YEAR,
        "max_days": services.MAX_SUSPENDED_DAYS_A_YEAR,
    }
    context.update(forms_given)
    return render(request, "lifecycle/service_manage.html", context, status=status)


def _choices(options: list[services.plan.Offer]) -> list[tuple[int, str]]:
    return [(o.product.pk, f"{o.product.name}: ${o.price.monthly} a month") for o in options]


@require_GET
@login_required
def service_manage(request: SignedInRequest, service_id: UUID) -> HttpResponse:
    return _page(request, _service(request, service_id))


@require_GET
@login_required
def plan_review(request: SignedInRequest, service_id: UUID) -> HttpResponse:
    """The price effect of the chosen plan, before anything changes."""
    service = _service(request, service_id)
    choose = PlanChooseForm(request.GET, choices=_choices(services.plan_options(service=service)))
    if not choose.is_valid():
        return _page(request, service, status=400, plan_form=choose)
    try:
        quote = services.plan_change_quote(
            service=service, product_id=choose.cleaned_data["product"]
        )
    except services.ChangeRefused as refusal:
        choose.add_error("product" if refusal.field else None, refusal.message)
        return _page(request, service, status=400, plan_form=choose)
    confirm = PlanConfirmForm(
        initial={"product": quote.offer.product.pk, "idempotency_key": services.change_key_new()}
    )
    return render(
        request,
        "lifecycle/plan_review.html",
        {"account_section": "services", "service": service, "quote": quote, "form": confirm},
    )


@require_POST
@login_required
def plan_confirm(request: SignedInRequest, service_id: UUID) -> HttpResponse:
    service = _service(request, service_id)
    form = PlanConfirmForm(request.POST)
    if not form.is_valid():
        return _page(request, service, status=400)
    try:
        result = services.service_plan_change(
            actor=request.user,
            service=service,
            product_id=form.cleaned_data["product"],
            idempotency_key=form.cleaned_data["idempotency_key"],
        )
    except services.ChangeRefused as refusal:
        # Bound and cleaned first: a form only takes an error once it has been cleaned.
        choose = PlanChooseForm(
            {"product": form.cleaned_data["product"]},
            choices=_choices(services.plan_options(service=service)),
        )
        choose.is_valid()
        choose.add_error(None, refusal.message)
        return _page(request, service, status=400, plan_form=choose)
    change = result.change
    messages.success(
        request,
        f"Your plan changes to {change.to_product_name} on {change.effective_on:%B} "
        f"{change.effective_on.day}, {change.effective_on.year}. We have emailed you the details.",
    )
    return redirect("lifecycle:service_manage", service_id=service.pk)


def _post_change(
    request: SignedInRequest,
    service_id: UUID,
    form_class: type[forms.Form],
    form_name: str,
    done: str,
    act: Callable[[Service, forms.Form], object],
) -> HttpResponse:
    service = _service(request, service_id)
    form = form_class(request.POST)
    if not form.is_valid():
        return _page(request, service, status=400, **{form_name: form})
    try:
        act(service, form)
    except services.ChangeRefused as refusal:
        form.add_error(refusal.field if refusal.field in form.fields else None, refusal.message)
        return _page(request, service, status=400, **{form_name: form})
    messages.success(request, done)
    return redirect("lifecycle:service_manage", service_id=service.pk)


@require_POST
@login_required
def suspend(request: SignedInRequest, service_id: UUID) -> HttpResponse:
    return _post_change(
        request,
        service_id,
        SuspendForm,
        "suspend_form",
        "Your vacation suspension is booked.",
        lambda service, form: services.service_suspend(
            actor=request.user,
            service=service,
            starts_on=form.cleaned_data["starts_on"],
            ends_on=form.cleaned_data["ends_on"],
            idempotency_key=form.cleaned_data["idempotency_key"],
        ),
    )


@require_POST
@login_required
def restore(request: SignedInRequest, service_id: UUID) -> HttpResponse:
    return _post_change(
        request,
        service_id,
        RestoreForm,
        "restore_form",
        "Your service is back at its usual price.",
        lambda service, form: services.service_restore(
            actor=request.user,
            service=service,
            idempotency_key=form.cleaned_data["idempotency_key"],
        ),
    )


@require_POST
@login_required
def move(request: SignedInRequest, service_id: UUID) -> HttpResponse:
    return _post_change(
        request,
        service_id,
        MoveForm,
        "move_form",
        "Your move is booked.",
        lambda service, form: services.service_move(
            actor=request.user,
            service=service,
            street=form.cleaned_data["street"],
            unit=form.cleaned_data["unit"],
            city=form.cleaned_data["city"],
            zip_code=form.cleaned_data["zip_code"],
            appointment_on=form.cleaned_data["appointment_on"],
            idempotency_key=form.cleaned_data["idempotency_key"],
        ),
    )


@require_POST
@login_required
def disconnect(request: SignedInRequest, service_id: UUID) -> HttpResponse:
    return _post_change(
        request,
        service_id,
        DisconnectForm,
        "disconnect_form",
        "Your service has ended.",
        lambda service, form: services.service_disconnect(
            actor=request.user,
            service=service,
            keep_number_for_port_out=form.cleaned_data["keep_number_for_port_out"],
            idempotency_key=form.cleaned_data["idempotency_key"],
        ),
    )
