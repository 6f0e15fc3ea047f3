"""HR's pages (all under /staff/, so two-step sign-in is enforced): the applications board, an
application with notes, stage and email, résumé download, bulk rejection, and the listings.

Every view is gated by ``hr_only`` first (before the method check): a visitor who is not signed in
gets 404, a signed-in person without the view's permission gets 403 (issue 16, P23)."""

from __future__ import annotations

from collections.abc import Callable

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from azultel.accounts.http import SignedInRequest
from azultel.careers import selectors, services
from azultel.careers.forms import (
    BoardFilterForm,
    BulkRejectForm,
    EmailForm,
    ListingForm,
    NoteForm,
    ReopenForm,
    StageForm,
)
from azultel.careers.models import Application, Ethnicity, Gender, Stage, YesNoDeclined
from azultel.core.file_serving import stored_file_response
from azultel.core.paging import list_page
from azultel.core.staff_pages import staff_permission

HrView = Callable[..., HttpResponse]


def hr_only(permission: str) -> Callable[[HrView], HrView]:
    """Only signed-in people holding ``permission`` reach the view ("not found" for visitors,
    403 for others: ``core.staff_pages.staff_gate``)."""
    return staff_permission(permission)


def _application_or_404(request: SignedInRequest, application_id: object) -> Application:
    application = selectors.application_get_for_hr(user=request.user, application_id=application_id)
    if application is None:
        raise Http404("No such application.")
    return application


@hr_only("careers.view_application")
@require_GET
@never_cache
def board(request: SignedInRequest) -> HttpResponse:
    listings = list(selectors.listings_for_hr(user=request.user))
    form = BoardFilterForm(request.GET or None, listings=listings)
    filters = form.cleaned_data if form.is_valid() else {}
    if filters.get("q"):
        services.applications_search_record(words=len(filters["q"].split()), actor=request.user)
    rows = selectors.applications_for_hr(
        user=request.user,
        stage=filters.get("stage") or "",
        listing_id=filters.get("listing"),
        query=filters.get("q") or "",
    )
    return render(
        request,
        "careers/staff/board.html",
        {
            "form": form,
            "counts": selectors.stage_counts(user=request.user),
            "listing": list_page(request, rows),
            "reject_form": BulkRejectForm(),
        },
        status=400 if form.errors else 200,
    )


def _detail(request: SignedInRequest, application: Application, **forms: object) -> HttpResponse:
    context: dict[str, object] = {
        "application": application,
        "stage_label": Stage(application.stage).label,
        "stage_form": StageForm(initial={"stage": application.stage}),
        "note_form": NoteForm(),
        "email_form": EmailForm(),
        "can_download": request.user.has_perm("careers.download_resume"),
    }
    context.update(forms)
    return render(
        request,
        "careers/staff/application.html",
        context,
        status=400 if forms else 200,
    )


@hr_only("careers.view_application")
@require_GET
@never_cache
def application_detail(request: SignedInRequest, application_id: str) -> HttpResponse:
    application = _application_or_404(request, application_id)
    services.application_view_record(application=application, actor=request.user)
    return _detail(request, application)


@hr_only("careers.change_application")
@require_POST
def application_stage(request: SignedInRequest, application_id: str) -> HttpResponse:
    application = _application_or_404(request, application_id)
    form = StageForm(request.POST)
    if not form.is_valid():
        return _detail(request, application, stage_form=form)
    try:
        services.application_stage_move(
            application=application, stage=form.cleaned_data["stage"], actor=request.user
        )
    except services.ApplicationChangeRefused as refused:
        form.add_error("stage", str(refused))
        return _detail(request, application, stage_form=form)
    messages.success(request, f"Moved to {Stage(form.cleaned_data['stage']).label}.")
    return redirect("careers:staff_application", application_id=application.pk)


@hr_only("careers.change_application")
@require_POST
def application_note(request: SignedInRequest, application_id: str) -> HttpResponse:
    application = _application_or_404(request, application_id)
    form = NoteForm(request.POST)
    if form.is_valid():
        try:
            services.application_note_add(
                application=application,
                body=form.cleaned_data["body"],
                rating=form.cleaned_data["rating"],
                actor=request.user,
            )
        except services.ApplicationChangeRefused as refused:
            form.add_error(None, str(refused))
        else:
            messages.success(request, "Note saved.")
            return redirect("careers:staff_application", application_id=application.pk)
    return _detail(request, application, note_form=form)


@hr_only("careers.change_application")
@require_POST
def application_email(request: SignedInRequest, application_id: str) -> HttpResponse:
    application = _application_or_404(request, application_id)
    form = EmailForm(request.POST)
    if form.is_valid():
        try:
            services.application_email_send(
                application=application,
                template_key=form.cleaned_data["template"],
                personal_message=form.cleaned_data["personal_message"],
                actor=request.user,
            )
        except services.ApplicationChangeRefused as refused:
            form.add_error(None, str(refused))
        else:
            messages.success(request, "The email is in the outbox and goes out shortly.")
            return redirect("careers:staff_application", application_id=application.pk)
    return _detail(request, application, email_form=form)


@hr_only("careers.download_resume")
@require_GET
def resume_download(request: SignedInRequest, application_id: str) -> HttpResponse:
    application = _application_or_404(request, application_id)
    if application.resume is not None:
        services.resume_download_record(application=application, actor=request.user)
    return stored_file_response(
        request,
        stored_file=application.resume,
        allowed=application.resume is not None,
        filename=f"{application.name} résumé",
    )


@hr_only("careers.change_application")
@require_POST
def bulk_reject(request: SignedInRequest) -> HttpResponse:
    form = BulkRejectForm(request.POST)
    chosen = selectors.applications_get_for_hr(
        user=request.user, ids=request.POST.getlist("application")
    )
    if not chosen:
        messages.error(request, "Choose at least one application to mark as not selected.")
        return redirect("careers:staff_board")
    if not form.is_valid():
        messages.error(request, "The message is too long; nothing was changed.")
        return redirect("careers:staff_board")
    count = services.applications_bulk_reject(
        applications=chosen,
        personal_message=form.cleaned_data["personal_message"],
        actor=request.user,
    )
    messages.success(
        request,
        f"{count} application{'s' if count != 1 else ''} marked as not selected; each applicant "
        "gets an email.",
    )
    return redirect("careers:staff_board")


# --- Listings -----------------------------------------------------------------------------------


@hr_only("careers.view_joblisting")
@require_GET
def listings(request: SignedInRequest) -> HttpResponse:
    return render(
        request,
        "careers/staff/listings.html",
        {"listings": list(selectors.listings_for_hr(user=request.user))},
    )


def _listing_details(form: ListingForm) -> services.ListingDetails:
    data = form.cleaned_data
    return services.ListingDetails(
        title=data["title"],
        department=data["department"],
        location=data["location"],
        employment_type=data["employment_type"],
        pay_min=data["pay_min"],
        pay_max=data["pay_max"],
        pay_period=data["pay_period"],
        description=data["description"],
        publish_at=data["publish_at"],
        close_at=data["close_at"],
        questions=data["questions"],
    )


@hr_only("careers.change_joblisting")
@require_http_methods(["GET", "POST"])
def listing_edit(request: SignedInRequest, listing_id: int | None = None) -> HttpResponse:
    listing = None
    if listing_id is not None:
        listing = selectors.listing_get_for_hr(user=request.user, listing_id=listing_id)
        if listing is None:
            raise Http404("No such listing.")
    elif not request.user.has_perm("careers.add_joblisting"):
        raise Http404("No such listing.")
    form = ListingForm(request.POST or None, instance=listing)
    if request.method == "POST" and form.is_valid():
        try:
            saved = services.listing_save(
                listing=listing,
                details=_listing_details(form),
                publish="publish" in request.POST,
                actor=request.user,
            )
        except services.ListingRefused as refused:
            form.add_error(refused.field, str(refused))
        else:
            messages.success(request, f"Saved ({saved.get_status_display().lower()}).")
            return redirect("careers:staff_listings")
    return render(
        request,
        "careers/staff/listing_form.html",
        {"form": form, "listing": listing},
        status=400 if form.errors else 200,
    )


@hr_only("careers.change_joblisting")
@require_POST
def listing_status(request: SignedInRequest, listing_id: int) -> HttpResponse:
    listing = selectors.listing_get_for_hr(user=request.user, listing_id=listing_id)
    if listing is None:
        raise Http404("No such listing.")
    if request.POST.get("action") == "close":
        services.listing_close(listing=listing, actor=request.user)
        messages.success(request, f"“{listing.title}” is closed.")
    else:
        form = ReopenForm(request.POST)
        try:
            if not form.is_valid():
                raise services.ListingRefused("Enter the closing date as a date and time.")
            services.listing_reopen(
                listing=listing, close_at=form.cleaned_data["close_at"], actor=request.user
            )
        except services.ListingRefused as refused:
            messages.error(request, str(refused))
        else:
            messages.success(request, f"“{listing.title}” is open again.")
    return redirect("careers:staff_listings")


@hr_only("careers.view_eeo_report")
@require_GET
def equal_opportunity(request: SignedInRequest) -> HttpResponse:
    """Totals only, every group under k blanked (P16); nobody deciding sees an answer."""
    tables = []
    for question, title, choices in (
        ("gender", "Gender", Gender.choices),
        ("ethnicity", "Race or ethnicity", Ethnicity.choices),
        ("veteran", "Protected veteran", YesNoDeclined.choices),
        ("disability", "Disability", YesNoDeclined.choices),
    ):
        labels = dict(choices)
        cells = selectors.equal_opportunity_totals(user=request.user, question=question)
        tables.append((title, [(labels.get(c.key[0], c.key[0]), c.count) for c in cells]))
    return render(request, "careers/staff/equal_opportunity.html", {"tables": tables})
