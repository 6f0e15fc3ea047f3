"""Disclosure requests (all under /staff/, two-step sign-in enforced): the queue, the intake
form, one request with the second officer's decision, and the one-time download."""

from __future__ import annotations

import uuid

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from azultel.accounts.http import SignedInRequest
from azultel.compliance import selectors, services
from azultel.compliance.fields import FIELD_BY_KEY
from azultel.compliance.forms import ApproveForm, DisclosureRequestForm, RefuseForm
from azultel.compliance.models import DisclosureRequest
from azultel.compliance.views.gate import office_only
from azultel.core.paging import list_page

PERMISSION = "compliance.manage_disclosure_requests"


def _request_or_404(request_id: uuid.UUID) -> DisclosureRequest:
    found = selectors.disclosure_request_get(request_id=request_id)
    if found is None:
        raise Http404("No such request.")
    return found


@office_only(PERMISSION)
@require_http_methods(["GET", "POST"])
@never_cache
def queue(request: SignedInRequest) -> HttpResponse:
    form = DisclosureRequestForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            recorded = services.disclosure_request_record(
                actor=request.user,
                draft=services.RequestDraft(
                    kind=data["kind"],
                    asked=data["asked"],
                    requester=data["requester"],
                    legal_basis=data["legal_basis"],
                    document_reference=data["document_reference"],
                    customer_email=data["customer_email"],
                    fields=list(data["information"]),
                    hold_until=data["hold_until"],
                    hold_reference=data["hold_reference"],
                ),
            )
        except services.ComplianceRefused as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, "Request recorded. Another privacy officer must decide it.")
            return redirect("compliance:disclosure", request_id=recorded.pk)
    return render(
        request,
        "compliance/staff/disclosures.html",
        {
            "form": form,
            "listing": list_page(request, selectors.disclosure_requests_for_officer()),
            "waiting": selectors.disclosure_requests_waiting_count(),
        },
        status=400 if form.errors else 200,
    )


def _detail(
    request: SignedInRequest,
    found: DisclosureRequest,
    *,
    approve_form: ApproveForm | None = None,
    refuse_form: RefuseForm | None = None,
) -> HttpResponse:
    return render(
        request,
        "compliance/staff/disclosure.html",
        {
            "item": found,
            "asked_labels": [FIELD_BY_KEY[f].label for f in found.fields_requested],
            "approved_labels": [FIELD_BY_KEY[f].label for f in found.fields_approved],
            "may_decide": found.recorded_by_id != request.user.pk,
            "approve_form": approve_form or ApproveForm(asked=found.fields_requested),
            "refuse_form": refuse_form or RefuseForm(),
        },
        status=400
        if (approve_form and approve_form.errors) or (refuse_form and refuse_form.errors)
        else 200,
    )


@office_only(PERMISSION)
@require_http_methods(["GET"])
@never_cache
def detail(request: SignedInRequest, request_id: uuid.UUID) -> HttpResponse:
    return _detail(request, _request_or_404(request_id))


@office_only(PERMISSION)
@require_POST
def approve(request: SignedInRequest, request_id: uuid.UUID) -> HttpResponse:
    found = _request_or_404(request_id)
    form = ApproveForm(request.POST, asked=found.fields_requested)
    if form.is_valid():
        try:
            services.disclosure_request_approve(
                actor=request.user,
                request_id=found.pk,
                fields=list(form.cleaned_data["information"]),
                note=form.cleaned_data["note"],
            )
        except services.ComplianceRefused as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, "Approved. The file can be downloaded once.")
            return redirect("compliance:disclosure", request_id=found.pk)
    return _detail(request, found, approve_form=form)


@office_only(PERMISSION)
@require_POST
def refuse(request: SignedInRequest, request_id: uuid.UUID) -> HttpResponse:
    found = _request_or_404(request_id)
    form = RefuseForm(request.POST)
    if form.is_valid():
        try:
            services.disclosure_request_refuse(
                actor=request.user, request_id=found.pk, note=form.cleaned_data["note"]
            )
        except services.ComplianceRefused as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, "Refused. Nothing will be handed over.")
            return redirect("compliance:disclosure", request_id=found.pk)
    return _detail(request, found, refuse_form=form)


@office_only(PERMISSION)
@require_POST
def download(request: SignedInRequest, request_id: uuid.UUID) -> HttpResponse:
    found = _request_or_404(request_id)
    try:
        handed = services.disclosure_hand_over(actor=request.user, request_id=found.pk)
    except services.ComplianceRefused as exc:
        messages.error(request, str(exc))
        return redirect("compliance:disclosure", request_id=found.pk)
    response = HttpResponse(handed.content, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{handed.filename}"'
    response["Cache-Control"] = "no-store"
    return response
