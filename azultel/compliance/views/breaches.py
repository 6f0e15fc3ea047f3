"""CPNI breaches (47 CFR 64.2011): the list with the form to record one, and one page per breach
with its clock and the next step."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from azultel.accounts.http import SignedInRequest
from azultel.compliance import selectors, services
from azultel.compliance.forms import BreachForm, LawEnforcementForm
from azultel.compliance.views.gate import office_only
from azultel.privacy.models import CpniBreach

PERMISSION = "privacy.change_cpnibreach"


def _breach_or_404(breach_id: int) -> CpniBreach:
    found = selectors.breach_get(breach_id=breach_id)
    if found is None:
        raise Http404("No such breach.")
    return found


@office_only(PERMISSION)
@require_http_methods(["GET", "POST"])
@never_cache
def breaches(request: SignedInRequest) -> HttpResponse:
    form = BreachForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            breach = services.breach_open(
                actor=request.user,
                determined_on=form.cleaned_data["determined_on"],
                description=form.cleaned_data["description"],
                customer_emails=form.cleaned_data["customer_emails"].splitlines(),
            )
        except services.ComplianceRefused as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, "Breach recorded. The clock has started.")
            return redirect("compliance:breach", breach_id=breach.pk)
    return render(
        request,
        "compliance/staff/breaches.html",
        {"form": form, "breaches": list(selectors.breaches_list()[:100])},
        status=400 if form.errors else 200,
    )


def _page(
    request: SignedInRequest, breach: CpniBreach, *, form: LawEnforcementForm | None = None
) -> HttpResponse:
    return render(
        request,
        "compliance/staff/breach.html",
        {
            "breach": breach,
            "steps": services.breach_clock(breach=breach),
            "form": form or LawEnforcementForm(initial={"submitted_on": timezone.localdate()}),
        },
        status=400 if form is not None and form.errors else 200,
    )


@office_only(PERMISSION)
@require_http_methods(["GET"])
@never_cache
def breach(request: SignedInRequest, breach_id: int) -> HttpResponse:
    return _page(request, _breach_or_404(breach_id))


@office_only(PERMISSION)
@require_POST
def law_enforcement(request: SignedInRequest, breach_id: int) -> HttpResponse:
    found = _breach_or_404(breach_id)
    form = LawEnforcementForm(request.POST)
    if form.is_valid():
        try:
            services.breach_law_enforcement_record(
                actor=request.user,
                breach=found,
                reference=form.cleaned_data["reference"],
                delay_until=form.cleaned_data["delay_until"],
                submitted_on=form.cleaned_data["submitted_on"],
            )
        except services.ComplianceRefused as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, "Law-enforcement notice recorded. The holding period runs.")
            return redirect("compliance:breach", breach_id=found.pk)
    return _page(request, found, form=form)


@office_only(PERMISSION)
@require_POST
def notify_customers(request: SignedInRequest, breach_id: int) -> HttpResponse:
    found = _breach_or_404(breach_id)
    try:
        queued = services.breach_customers_notify(actor=request.user, breach=found)
    except services.ComplianceRefused as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, f"{queued} notices queued to the affected customers.")
    return redirect("compliance:breach", breach_id=found.pk)
