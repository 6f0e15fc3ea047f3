"""The annual CPNI certificate (computed, signed once a year, downloadable as text or PDF) and the
staff's CPNI training acknowledgement page."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods

from azultel.accounts.http import SignedInRequest
from azultel.compliance import selectors, services
from azultel.compliance.forms import SignForm
from azultel.compliance.models import CpniCertification
from azultel.compliance.views.gate import office_only

PERMISSION = "compliance.sign_cpni_certification"


def _year(request: SignedInRequest) -> int:
    last = timezone.localdate().year - 1
    try:
        year = int(request.GET.get("year", last))
    except ValueError:
        return last
    return year if 2000 <= year <= last else last


def _text(year: int) -> tuple[str, CpniCertification | None]:
    signed = selectors.certification_for_year(year=year)
    if signed is not None:
        return signed.statement, signed
    return services.certificate_text(services.certificate_facts(year=year)), None


@office_only(PERMISSION)
@require_http_methods(["GET", "POST"])
@never_cache
def certificate(request: SignedInRequest) -> HttpResponse:
    year = _year(request)
    form = SignForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.certification_sign(
                actor=request.user,
                year=year,
                signer_name=form.cleaned_data["signer_name"],
                signer_title=form.cleaned_data["signer_title"],
            )
        except services.ComplianceRefused as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, f"The certificate for {year} is signed.")
            return redirect(f"{request.path_info}?year={year}")
    text, signed = _text(year)
    return render(
        request,
        "compliance/staff/certificate.html",
        {
            "year": year,
            "facts": services.certificate_facts(year=year),
            "text": text,
            "signed": signed,
            "form": form,
            "years": list(range(timezone.localdate().year - 1, 2019, -1))[:6],
        },
        status=400 if form.errors else 200,
    )


@office_only(PERMISSION)
@require_GET
def certificate_download(request: SignedInRequest) -> HttpResponse:
    year = _year(request)
    text, _ = _text(year)
    if request.GET.get("format") == "pdf":
        response = HttpResponse(services.certificate_pdf(text), content_type="application/pdf")
        response["Content-Disposition"] = f'attachment; filename="cpni-certification-{year}.pdf"'
    else:
        response = HttpResponse(text, content_type="text/plain; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="cpni-certification-{year}.txt"'
    response["Cache-Control"] = "no-store"
    return response


@office_only("compliance.acknowledge_cpni_training")
@require_http_methods(["GET", "POST"])
@never_cache
def training(request: SignedInRequest) -> HttpResponse:
    year = timezone.localdate().year
    if request.method == "POST":
        services.training_acknowledge(actor=request.user)
        messages.success(request, f"Thank you: your {year} CPNI training is recorded.")
        return redirect("compliance:training")
    return render(
        request,
        "compliance/staff/training.html",
        {"year": year, "done": selectors.training_acknowledged(user=request.user, year=year)},
    )
