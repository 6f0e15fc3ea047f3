"""CPNI campaign records (64.2009(c)): the staff list and the CSV export."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required, permission_required
from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from azultel.accounts.http import SignedInRequest
from azultel.core.paging import list_page
from azultel.marketing import selectors, services


@require_GET
@login_required
@permission_required("marketing.view_cpni_campaign_records", raise_exception=True)
def cpni_records(request: SignedInRequest) -> HttpResponse:
    listing = list_page(request, selectors.cpni_record_list())
    return render(request, "marketing/staff/cpni_records.html", {"listing": listing})


@require_GET
@login_required
@permission_required("marketing.view_cpni_campaign_records", raise_exception=True)
def cpni_records_export(request: SignedInRequest) -> HttpResponse:
    body = services.cpni_records_csv(actor=request.user)
    response = HttpResponse(body, content_type="text/csv; charset=utf-8")
    name = f"cpni-campaign-records-{timezone.localdate().isoformat()}.csv"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    response["Cache-Control"] = "no-store"
    return response
