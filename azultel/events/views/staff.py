"""Events staff pages (under /staff/, so two-step sign-in is enforced): events, the event form,
registrations, the phone check-in list, hand-overs to the co-sponsor and its report.

Each view checks its permission first: a visitor who is not signed in gets 404, a signed-in person
without the permission 403."""

from __future__ import annotations

from collections.abc import Callable

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from azultel.accounts.http import SignedInRequest
from azultel.core.staff_pages import staff_permission
from azultel.events import selectors, services
from azultel.events.forms import CheckinSearchForm, EventForm, HandoverApproveForm
from azultel.events.models import Event
from azultel.privacy.aggregates import partner_k

StaffView = Callable[..., HttpResponse]


def events_staff(permission: str) -> Callable[[StaffView], StaffView]:
    return staff_permission(permission)


def _event_or_404(event_id: int) -> Event:
    event = selectors.event_get_for_staff(event_id=event_id)
    if event is None:
        raise Http404("No such event.")
    return event


@events_staff("events.view_event")
@require_GET
@never_cache
def event_list(request: SignedInRequest) -> HttpResponse:
    return render(
        request, "events/staff/list.html", {"events": list(selectors.events_for_staff()[:200])}
    )


@events_staff("events.change_event")
@require_http_methods(["GET", "POST"])
@never_cache
def event_edit(request: SignedInRequest, event_id: int | None = None) -> HttpResponse:
    event = _event_or_404(event_id) if event_id is not None else None
    if event is None and not request.user.has_perm("events.add_event"):
        raise PermissionDenied
    initial = EventForm.initial_for(event) if event is not None else {"waitlist_enabled": True}
    form = EventForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        saved = services.event_save(event=event, details=form.details(), actor=request.user)
        messages.success(request, f"Saved “{saved.title}”.")
        return redirect("events:staff_list")
    status = 400 if request.method == "POST" else 200
    return render(request, "events/staff/form.html", {"form": form, "event": event}, status=status)


@events_staff("events.view_registration")
@require_GET
@never_cache
def registrations(request: SignedInRequest, event_id: int) -> HttpResponse:
    event = _event_or_404(event_id)
    return render(
        request,
        "events/staff/registrations.html",
        {
            "event": event,
            "registrations": list(selectors.registrations_for_staff(event=event)),
            "handovers": list(selectors.handovers_for_event(event=event)),
        },
    )


@events_staff("events.change_registration")
@require_http_methods(["GET", "POST"])
@never_cache
def checkin(request: SignedInRequest, event_id: int) -> HttpResponse:
    event = _event_or_404(event_id)
    search = CheckinSearchForm(request.GET or None)
    query = search.cleaned_data["q"] if search.is_valid() else ""
    if request.method == "POST":
        try:
            person = services.registration_check_in(
                event=event,
                registration_id=request.POST.get("registration", ""),
                actor=request.user,
            )
        except (services.RegistrationRefused, ValueError):
            messages.error(request, "That person is not on the list for this event.")
        else:
            messages.success(request, f"{person.name} is checked in.")
        target = reverse("events:staff_checkin", args=[event.pk])
        return redirect(f"{target}?q={query}" if query else target)
    return render(
        request,
        "events/staff/checkin.html",
        {
            "event": event,
            "search": search,
            "people": list(selectors.checkin_list(event=event, query=query)),
        },
    )


@events_staff("events.approve_handover")
@require_http_methods(["GET", "POST"])
@never_cache
def handover_approve(request: SignedInRequest, event_id: int) -> HttpResponse:
    event = _event_or_404(event_id)
    form = HandoverApproveForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.handover_approve(
                event=event, reference=form.cleaned_data["reference"], actor=request.user
            )
        except services.HandoverRefused as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, "Hand-over approved. Events staff can export it once.")
            return redirect("events:staff_handover_approve", event_id=event.pk)
    return render(
        request,
        "events/staff/handover.html",
        {
            "event": event,
            "form": form,
            "handovers": list(selectors.handovers_for_event(event=event)),
            "eligible": len(services.handover_recipients(event)),
        },
        status=400 if form.errors else 200,
    )


@events_staff("events.export_handover")
@require_POST
def handover_export(request: SignedInRequest, event_id: int, handover_id: int) -> HttpResponse:
    event = _event_or_404(event_id)
    if not selectors.handovers_for_event(event=event).filter(pk=handover_id).exists():
        raise Http404("No such hand-over.")
    try:
        exported = services.handover_export(handover_id=handover_id, actor=request.user)
    except services.HandoverRefused as exc:
        messages.error(request, str(exc))
        return redirect("events:staff_registrations", event_id=event.pk)
    response = HttpResponse(exported.content, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{exported.filename}"'
    response["Cache-Control"] = "no-store"
    return response


@events_staff("events.view_event_report")
@require_GET
def report(request: SignedInRequest, event_id: int) -> HttpResponse:
    event = _event_or_404(event_id)
    return render(
        request,
        "events/staff/report.html",
        {"event": event, "rows": services.event_report(event=event), "k": partner_k()},
    )
