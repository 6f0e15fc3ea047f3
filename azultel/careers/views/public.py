"""The applicant's pages: listings, a listing, applying, and the private status page."""

from __future__ import annotations

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods

from azultel.careers import selectors, services
from azultel.careers.forms import ApplicationForm, ListingFilterForm
from azultel.careers.models import ENDED_STAGES, JobListing, Stage
from azultel.careers.structured_data import job_posting
from azultel.core.ratelimit import client_fingerprint, rate_limit_hit


@require_GET
def listings(request: HttpRequest) -> HttpResponse:
    form = ListingFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    rows = selectors.listings_public(
        department=filters.get("department", ""),
        location=filters.get("location", ""),
        employment_type=filters.get("employment_type", ""),
        query=filters.get("q", ""),
    )
    return render(
        request,
        "careers/listings.html",
        {
            "section": "careers",
            "form": form,
            "listings": list(rows[:100]),
            "filtered": bool(filters),
        },
    )


@require_GET
def listing_detail(request: HttpRequest, slug: str) -> HttpResponse:
    listing = selectors.listing_get_any(slug=slug)
    if listing is None:
        raise Http404("No such job.")
    is_open = selectors.listing_get_public(slug=slug) is not None
    if not is_open and listing.publish_at and listing.publish_at > timezone.now():
        raise Http404("No such job.")
    return render(
        request,
        "careers/listing.html",
        {
            "section": "careers",
            "listing": listing,
            "is_open": is_open,
            "posting": job_posting(listing) if is_open else None,
        },
        status=200 if is_open else 410,
    )


def _apply(request: HttpRequest, listing: JobListing | None) -> HttpResponse:
    status = 200
    if request.method == "POST":
        form = ApplicationForm(request.POST, request.FILES, listing=listing)
        limit = rate_limit_hit(
            scope="careers-apply",
            identity=client_fingerprint(request, scope="careers-apply"),
            limit=settings.CAREERS_APPLY_RATE_LIMIT,
            window_seconds=3600,
        )
        if not limit.allowed:
            form.is_valid()
            form.add_error(
                None,
                "We have received several applications from you in a short time. Please try "
                "again in an hour.",
            )
            status = 429
        elif form.is_valid():
            data = form.cleaned_data
            services.application_submit(
                listing=listing,
                name=data["name"],
                email=data["email"],
                phone=data["phone"],
                cover_letter=data["cover_letter"],
                answers=form.answers(),
                resume=data["resume"],
                equal_opportunity=form.equal_opportunity(),
                submission_key=data["submission_key"],
                actor=request.user,
            )
            return redirect("careers:applied")
        else:
            status = 400
    else:
        form = ApplicationForm(
            listing=listing, initial={"submission_key": services.submission_key_new()}
        )
    return render(
        request,
        "careers/apply.html",
        {
            "section": "careers",
            "form": form,
            "listing": listing,
            "retention_months": settings.CAREERS_RETENTION_MONTHS,
        },
        status=status,
    )


@require_http_methods(["GET", "POST"])
@never_cache
def apply(request: HttpRequest, slug: str) -> HttpResponse:
    listing = selectors.listing_get_public(slug=slug)
    if listing is None:
        raise Http404("This job is not open for applications.")
    return _apply(request, listing)


@require_http_methods(["GET", "POST"])
@never_cache
def general_resume(request: HttpRequest) -> HttpResponse:
    return _apply(request, None)


@require_GET
def applied(request: HttpRequest) -> HttpResponse:
    return render(request, "careers/applied.html", {"section": "careers"})


def _private(response: HttpResponse) -> HttpResponse:
    # The address carries the secret: never cached, never indexed, and never sent to another
    # site as a referrer ("same-origin": "no-referrer" would make the browser send "Origin:
    # null" with the withdraw and delete forms, which the CSRF check rightly refuses).
    response["Cache-Control"] = "private, no-store"
    response["Referrer-Policy"] = "same-origin"
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response


@require_GET
def status(request: HttpRequest, token: str) -> HttpResponse:
    application = selectors.application_get_by_token(token=token)
    if application is None:
        raise Http404("This status link is not valid, or the application was deleted.")
    return _private(
        render(
            request,
            "careers/status.html",
            {
                "section": "careers",
                "application": application,
                "token": token,
                "stage_label": Stage(application.stage).label,
                "can_withdraw": application.stage not in ENDED_STAGES,
                "retention_months": settings.CAREERS_RETENTION_MONTHS,
            },
        )
    )


@require_http_methods(["GET", "POST"])
def withdraw(request: HttpRequest, token: str) -> HttpResponse:
    """GET asks again; POST withdraws and deletes the résumé at once."""
    application = selectors.application_get_by_token(token=token)
    if application is None:
        raise Http404("This status link is not valid, or the application was deleted.")
    if request.method == "POST":
        if application.stage not in ENDED_STAGES:
            services.application_withdraw(application=application, actor=request.user)
        return _private(redirect("careers:status", token=token))
    return _private(
        render(
            request,
            "careers/confirm.html",
            {"section": "careers", "application": application, "token": token, "what": "withdraw"},
        )
    )


@require_GET
def download(request: HttpRequest, token: str) -> HttpResponse:
    application = selectors.application_get_by_token(token=token)
    if application is None:
        raise Http404("This status link is not valid, or the application was deleted.")
    data = services.application_export(application=application, actor=request.user)
    response = JsonResponse(data, json_dumps_params={"indent": 2, "ensure_ascii": False})
    response["Content-Disposition"] = 'attachment; filename="azultel-application.json"'
    response["X-Content-Type-Options"] = "nosniff"
    return _private(response)


@require_http_methods(["GET", "POST"])
def delete(request: HttpRequest, token: str) -> HttpResponse:
    """GET asks again; POST deletes the application and résumé at once (B2)."""
    application = selectors.application_get_by_token(token=token)
    if application is None:
        raise Http404("This status link is not valid, or the application was deleted.")
    if request.method == "POST":
        services.application_erase(application=application, actor=request.user, reason="applicant")
        return _private(redirect("careers:deleted"))
    return _private(
        render(
            request,
            "careers/confirm.html",
            {"section": "careers", "application": application, "token": token, "what": "delete"},
        )
    )


@require_GET
def deleted(request: HttpRequest) -> HttpResponse:
    return render(request, "careers/deleted.html", {"section": "careers"})
