"""The sender's pages: the thread by its private link, and "My messages" in the account."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods

from azultel.accounts.http import SignedInRequest
from azultel.contact import selectors, services
from azultel.contact.forms import FollowUpForm
from azultel.contact.models import Channel, Thread
from azultel.core.ratelimit import client_fingerprint, rate_limit_hit


def _private(response: HttpResponse) -> HttpResponse:
    # The address carries the secret: never cached, never indexed, never sent as a referrer to
    # another site ("same-origin" keeps the Origin the CSRF check needs on the reply form).
    response["Cache-Control"] = "private, no-store"
    response["Referrer-Policy"] = "same-origin"
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response


def _follow_up(request: HttpRequest, thread: Thread, channel: str) -> tuple[FollowUpForm, int]:
    """Validate and add the customer's follow-up; the form and status to show when it fails."""
    form = FollowUpForm(request.POST)
    limit = rate_limit_hit(
        scope="contact_reply",
        identity=client_fingerprint(request, scope="contact_reply"),
        limit=settings.CONTACT_REPLY_RATE_LIMIT,
        window_seconds=3600,
    )
    if not limit.allowed:
        form.add_error(
            None,
            "You have sent several messages in a short time. Please wait a few minutes, or call "
            f"{settings.COMPANY_PHONE}.",
        )
        return form, 429
    if not form.is_valid():
        return form, 400
    try:
        services.customer_message_add(
            thread=thread,
            body=form.cleaned_data["message"],
            channel=channel,
            actor=request.user if request.user.is_authenticated else None,
        )
    except services.MessageRefused as exc:
        form.add_error("message", str(exc))
        return form, 400
    return form, 0


def _thread_page(
    request: HttpRequest,
    thread: Thread,
    form: FollowUpForm,
    status: int,
    template: str,
    **extra: object,
) -> HttpResponse:
    return render(
        request,
        template,
        {
            "section": "contact",
            "thread": thread,
            "entries": selectors.thread_entries_for_customer(thread=thread),
            "form": form,
            **extra,
        },
        status=status,
    )


@require_http_methods(["GET", "POST"])
def thread(request: HttpRequest, token: str) -> HttpResponse:
    found = selectors.thread_get_by_token(token=token)
    if found is None:
        raise Http404("This link is not valid, or the conversation was deleted.")
    form, status = FollowUpForm(), 200
    if request.method == "POST":
        form, status = _follow_up(request, found, Channel.LINK)
        if status == 0:
            messages.success(request, "Your message is sent. We will answer by email.")
            return _private(redirect("contact:thread", token=token))
    return _private(_thread_page(request, found, form, status, "contact/thread.html"))


@login_required
@require_GET
def my_messages(request: SignedInRequest) -> HttpResponse:
    return render(
        request,
        "contact/my_messages.html",
        {
            "threads": selectors.threads_for_account(user=request.user),
            "account_section": "messages",
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def my_thread(request: SignedInRequest, thread_id: str) -> HttpResponse:
    found = selectors.thread_get_for_account(user=request.user, thread_id=thread_id)
    if found is None:
        raise Http404("No such conversation in your account.")
    form, status = FollowUpForm(), 200
    if request.method == "POST":
        form, status = _follow_up(request, found, Channel.ACCOUNT)
        if status == 0:
            messages.success(request, "Your message is sent. We will answer by email.")
            return redirect("contact:my_thread", thread_id=found.pk)
    return _thread_page(
        request, found, form, status, "contact/my_thread.html", account_section="messages"
    )
