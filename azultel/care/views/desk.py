"""The customer desk: a care agent with a caller on the phone finds the customer, verifies the
caller (passcode, or a one-time code emailed to the address on file) and only then sees call
detail or changes the account (47 CFR 64.2010(b); ``care.verification``)."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_POST

from azultel.accounts import selectors as account_selectors
from azultel.accounts.http import SignedInRequest
from azultel.accounts.models import User
from azultel.billing import selectors as billing_selectors
from azultel.care import selectors, services
from azultel.care.audit import CareAudit
from azultel.care.forms import CallerCodeForm, CallerPasscodeForm, DeskSearchForm
from azultel.care.models import Method, Outcome
from azultel.care.verification import (
    GATE_PERMISSION,
    customer_from_public_id,
    require_verified_caller,
)
from azultel.core.audit import audit_record
from azultel.core.paging import list_page
from azultel.core.staff_pages import staff_permission

_FAILED: dict[str, str] = {
    Outcome.WRONG: "That is not right. Ask the caller again, or send a one-time code.",
    Outcome.EXPIRED: "That code has expired or was not sent. Send a new code.",
    Outcome.NO_PASSCODE: "This customer has not set a phone passcode. Send a one-time code.",
}


@require_GET
@staff_permission(GATE_PERMISSION)
def desk_search(request: SignedInRequest) -> HttpResponse:
    form = DeskSearchForm(request.GET or None)
    listing = (
        list_page(request, account_selectors.customer_search(query=form.cleaned_data["q"]))
        if form.is_valid()
        else None
    )
    return render(request, "care/staff/desk_search.html", {"form": form, "listing": listing})


def _customer_or_404(public_id: str) -> User:
    customer = account_selectors.customer_get_for_staff(public_id=public_id)
    if customer is None:
        raise Http404("No such customer.")
    return customer


def _desk_page(
    request: SignedInRequest,
    customer: User,
    *,
    passcode_form: CallerPasscodeForm | None = None,
    code_form: CallerCodeForm | None = None,
    status: int = 200,
) -> HttpResponse:
    state = selectors.caller_state(staff=request.user, customer=customer)
    return render(
        request,
        "care/staff/desk.html",
        {
            "customer": customer,
            "state": state,
            "passcode_form": passcode_form or CallerPasscodeForm(),
            "code_form": code_form or CallerCodeForm(),
            "tickets": selectors.tickets_for_customer(customer=customer)[:10]
            if state.verified
            else [],
        },
        status=status,
    )


@require_GET
@staff_permission(GATE_PERMISSION)
def desk(request: SignedInRequest, public_id: str) -> HttpResponse:
    return _desk_page(request, _customer_or_404(public_id))


def _after_attempt(
    request: SignedInRequest,
    customer: User,
    result: services.VerifyResult,
    form: CallerPasscodeForm | CallerCodeForm,
    field: str,
) -> HttpResponse:
    if result.verified:
        messages.success(request, "Caller verified. Call detail and changes are open to you.")
        return redirect("care:desk", public_id=customer.public_id)
    if result.outcome == Outcome.LOCKED:
        form.add_error(
            None,
            "Too many failed attempts: verification is locked for now and the customer has "
            "been emailed. Do not discuss the account.",
        )
        status = 423
    else:
        form.add_error(field, _FAILED.get(result.outcome, "That is not right."))
        status = 400
    if isinstance(form, CallerPasscodeForm):
        return _desk_page(request, customer, passcode_form=form, status=status)
    return _desk_page(request, customer, code_form=form, status=status)


@require_POST
@staff_permission(GATE_PERMISSION)
def verify_passcode(request: SignedInRequest, public_id: str) -> HttpResponse:
    customer = _customer_or_404(public_id)
    form = CallerPasscodeForm(request.POST)
    if not form.is_valid():
        return _desk_page(request, customer, passcode_form=form, status=400)
    result = services.caller_verify(
        customer=customer,
        method=Method.PASSCODE,
        secret=form.cleaned_data["passcode"],
        actor=request.user,
    )
    return _after_attempt(request, customer, result, form, "passcode")


@require_POST
@staff_permission(GATE_PERMISSION)
def send_code(request: SignedInRequest, public_id: str) -> HttpResponse:
    customer = _customer_or_404(public_id)
    try:
        services.caller_code_send(customer=customer, actor=request.user)
    except services.VerificationLocked:
        messages.error(request, "Verification is locked for now. Do not discuss the account.")
    else:
        messages.success(
            request, "A one-time code is on its way to the email address on the account."
        )
    return redirect("care:desk", public_id=customer.public_id)


@require_POST
@staff_permission(GATE_PERMISSION)
def verify_code(request: SignedInRequest, public_id: str) -> HttpResponse:
    customer = _customer_or_404(public_id)
    form = CallerCodeForm(request.POST)
    if not form.is_valid():
        return _desk_page(request, customer, code_form=form, status=400)
    result = services.caller_verify(
        customer=customer, method=Method.CODE, secret=form.cleaned_data["code"], actor=request.user
    )
    return _after_attempt(request, customer, result, form, "code")


@require_POST
@staff_permission(GATE_PERMISSION)
def verification_end(request: SignedInRequest, public_id: str) -> HttpResponse:
    customer = _customer_or_404(public_id)
    services.caller_verification_end(staff=request.user, customer=customer)
    messages.success(request, "Call ended. Verify the caller again on the next call.")
    return redirect("care:desk", public_id=customer.public_id)


@require_GET
@staff_permission(GATE_PERMISSION)
@require_verified_caller(customer_from_public_id)
def call_detail(request: SignedInRequest, public_id: str) -> HttpResponse:
    """The verified caller's latest calls (CPNI); each view is audited."""
    customer = _customer_or_404(public_id)
    calls = billing_selectors.usage_recent_for_customer(customer=customer, limit=50)
    audit_record(
        actor=request.user,
        action=CareAudit.CALL_DETAIL_VIEWED,
        subject=customer,
        detail={"calls": len(calls)},
    )
    return render(request, "care/staff/call_detail.html", {"customer": customer, "calls": calls})
