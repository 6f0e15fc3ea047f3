"""Public event pages: the list, an event with its registration form, and cancelling by link."""

from __future__ import annotations

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods

from azultel.core.ratelimit import client_fingerprint, rate_limit_hit
from azultel.events import selectors, services
from azultel.events.forms import RegistrationForm
from azultel.events.models import RegistrationStatus


@require_GET
def event_list(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "events/list.html",
        {"section": "company", "events": list(selectors.events_public()[:100])},
    )


def _register(request: HttpRequest, form: RegistrationForm) -> HttpResponse | None:
    """Submit a valid form; None when the service refused (the error is on the form)."""
    data = form.cleaned_data
    try:
        registered = services.registration_submit(
            event_id=form.event.pk,
            name=data["name"],
            email=data["email"],
            organisation=data["organisation"],
            answers=form.answers(),
            shown_notice=data["notice"],
            azultel_consent=data["azultel_consent"],
            cosponsor_consent=bool(data.get("cosponsor_consent")),
            actor=request.user,
        )
    except services.RegistrationRefused as exc:
        form.add_error(None, str(exc))
        return None
    request.session["events_registered"] = str(registered.registration.pk)
    return redirect("events:registered", slug=form.event.slug)


@require_http_methods(["GET", "POST"])
@never_cache
def event_detail(request: HttpRequest, slug: str) -> HttpResponse:
    event = selectors.event_get_public(slug=slug)
    if event is None:
        raise Http404("No such event.")
    is_open = selectors.registration_open(event=event)
    status = 200
    form = RegistrationForm(request.POST or None, event=event)
    if request.method == "POST":
        limit = rate_limit_hit(
            scope="events-register",
            identity=client_fingerprint(request, scope="events-register"),
            limit=settings.EVENTS_REGISTER_RATE_LIMIT,
            window_seconds=3600,
        )
        if not limit.allowed:
            form.is_valid()
            form.add_error(
                None, "We have received many registrations from you. Please try again in an hour."
            )
            status = 429
        elif not is_open:
            form.is_valid()
            form.add_error(None, "Registration for this event has closed.")
            status = 400
        elif form.is_valid():
            done = _register(request, form)
            if done is not None:
                return done
            status = 400
        else:
            status = 400
    return render(
        request,
        "events/detail.html",
        {
            "section": "company",
            "event": event,
            "form": form,
            "is_open": is_open,
            "places_left": selectors.places_left(event=event),
            "retention_days": settings.EVENTS_RETENTION_DAYS,
        },
        status=status,
    )


@require_GET
@never_cache
def registered(request: HttpRequest, slug: str) -> HttpResponse:
    event = selectors.event_get_public(slug=slug)
    registration_id = request.session.get("events_registered")
    registration = (
        selectors.registration_get(registration_id=registration_id, event=event)
        if event is not None
        else None
    )
    if registration is None:
        return redirect("events:list")
    return render(
        request,
        "events/registered.html",
        {
            "section": "company",
            "event": event,
            "waitlisted": registration.status == RegistrationStatus.WAITLISTED,
            "email": registration.email,
        },
    )


@require_http_methods(["GET", "POST"])
@never_cache
def cancel(request: HttpRequest, token: str) -> HttpResponse:
    registration_id = services.cancel_token_read(token)
    registration = selectors.registration_get(registration_id=registration_id)
    if registration is None:
        raise Http404("This cancel link is not valid, or the registration was deleted.")
    if request.method == "POST":
        registration = services.registration_cancel(
            registration_id=str(registration.pk), actor=request.user
        )
    return render(
        request,
        "events/cancel.html",
        {
            "section": "company",
            "event": registration.event,
            "cancelled": registration.status == RegistrationStatus.CANCELLED,
        },
    )
