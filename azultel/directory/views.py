"""The public directory, directory assistance, the publisher feed and the listing choice page."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods

from azultel.accounts.http import SignedInRequest
from azultel.core.ratelimit import client_fingerprint, rate_limit_hit
from azultel.directory import selectors, services
from azultel.directory.forms import (
    AssistanceSearchForm,
    FeedForm,
    ListingChoiceForm,
    PublicSearchForm,
)
from azultel.orders.listing import ListingChangeRefused


@require_GET
def search(request: HttpRequest) -> HttpResponse:
    """Listed numbers only, a page at a time, rate limited per client (P06)."""
    submitted = any(request.GET.get(f) for f in ("name", "city", "state", "number"))
    form = PublicSearchForm(request.GET if submitted else None)
    result = None
    status = 200
    if submitted:
        limit = rate_limit_hit(
            scope="directory",
            identity=client_fingerprint(request, scope="directory"),
            limit=settings.DIRECTORY_RATE_LIMIT,
            window_seconds=settings.DIRECTORY_RATE_WINDOW_SECONDS,
        )
        if not limit.allowed:
            form.is_valid()
            form.add_error(
                None,
                "You have searched many times in a short while. Please wait a "
                "few minutes and try again.",
            )
            status = 429
        elif form.is_valid():
            try:
                page = int(request.GET.get("page", "1"))
            except ValueError:
                page = 1
            result = selectors.directory_public_search(
                name=form.cleaned_data["name"],
                city=form.cleaned_data["city"],
                state=form.cleaned_data["state"],
                number=form.cleaned_data["number"],
                page=page,
            )
        else:
            status = 400
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "directory/search.html",
        {
            "section": "home",
            "form": form,
            "result": result,
            "query": query.urlencode(),
            "max_pages": selectors.PUBLIC_MAX_PAGES,
        },
        status=status,
    )


@require_GET
@login_required
@permission_required("directory.use_directory_assistance", raise_exception=True)
def assistance(request: SignedInRequest) -> HttpResponse:
    """Directory assistance: listed and not-listed numbers; every search logged (P06)."""
    submitted = any(request.GET.get(f) for f in ("name", "city", "state", "number"))
    form = AssistanceSearchForm(request.GET if submitted else None)
    entries = None
    if submitted and form.is_valid():
        data = form.cleaned_data
        entries = selectors.directory_assistance_search(
            name=data["name"], city=data["city"], state=data["state"], number=data["number"]
        )
        services.assistance_search_log(
            operator=request.user,
            name=data["name"],
            city=data["city"],
            state=data["state"],
            number=data["number"],
            result_count=len(entries),
        )
    return render(
        request,
        "directory/staff/assistance.html",
        {"form": form, "entries": entries},
        status=400 if form.errors else 200,
    )


@require_http_methods(["GET", "POST"])
@login_required
@permission_required("directory.publish_directory_feed", raise_exception=True)
@never_cache
def feed(request: SignedInRequest) -> HttpResponse:
    form = FeedForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            result = services.directory_feed_publish(
                actor=request.user,
                recipient=form.cleaned_data["recipient"],
                reference=form.cleaned_data["reference"],
            )
        except ValueError as exc:
            form.add_error(None, str(exc))
        else:
            response = HttpResponse(result.payload, content_type="text/csv; charset=utf-8")
            stamp = timezone.now().strftime("%Y%m%d-%H%M")
            response["Content-Disposition"] = (
                f'attachment; filename="azultel-directory-{stamp}.csv"'
            )
            return response
    return render(
        request, "directory/staff/feed.html", {"form": form}, status=400 if form.errors else 200
    )


@require_http_methods(["GET", "POST"])
@login_required
def listing(request: SignedInRequest) -> HttpResponse:
    """The customer's phone lines and how each is listed; a change applies at once (P06)."""
    lines = selectors.phone_lines_for_customer(customer=request.user)
    if request.method == "POST":
        line = selectors.phone_line_get_for_customer(
            customer=request.user, number=request.POST.get("number", "")
        )
        if line is None:
            raise Http404("No such phone line on your account.")
        form = ListingChoiceForm(request.POST, prefix=line.number)
        if form.is_valid():
            try:
                services.listing_change(
                    customer=request.user,
                    phone_line=line,
                    choice=form.cleaned_data["choice"],
                    listed_name=form.cleaned_data["listed_name"],
                )
            except ListingChangeRefused as exc:
                messages.error(request, str(exc))
            else:
                messages.success(
                    request,
                    "Your listing choice is saved and applies now. We have "
                    "sent you a confirmation by email.",
                )
            return redirect("directory:listing")
        forms_by_line = [
            (line, form)
            if li.pk == line.pk
            else (li, ListingChoiceForm(prefix=li.number, initial={"choice": li.listing_choice}))
            for li in lines
        ]
        return render(
            request,
            "directory/listing.html",
            {"account_section": "directory", "lines": forms_by_line},
            status=400,
        )
    forms_by_line = [
        (
            line,
            ListingChoiceForm(
                prefix=line.number,
                initial={"choice": line.listing_choice, "listed_name": line.listed_name},
            ),
        )
        for line in lines
    ]
    return render(
        request, "directory/listing.html", {"account_section": "directory", "lines": forms_by_line}
    )
