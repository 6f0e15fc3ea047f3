"""Unsubscribe pages (public) and the staff outbox and mailbox. Thin: a selector or a service."""

from __future__ import annotations

import uuid

from django.contrib.auth.decorators import login_required, permission_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_http_methods

from azultel.comms import mailbox, selectors, services
from azultel.comms.forms import OutboxFilterForm, UnsubscribeForm
from azultel.comms.models import SOLICITATION_TOPIC, MessageCategory, OutboxMessage
from azultel.core.paging import list_page
from azultel.privacy.models import ConsentTopic


def _topic_label(message: OutboxMessage) -> str:
    topic = SOLICITATION_TOPIC.get(message.category)
    return ConsentTopic(topic).label if topic else message.get_category_display()


# The signed token authenticates the request, and RFC 8058 one-click requests come from mail
# providers without any cookie or CSRF token, so this view is exempt from CSRF checks.
@csrf_exempt
@never_cache
@require_http_methods(["GET", "POST"])
def unsubscribe(request: HttpRequest, token: str) -> HttpResponse:
    """GET: confirm the choice. POST: withdraw at once (form or RFC 8058 one-click)."""
    message = selectors.outbox_message_for_unsubscribe(token=token)
    if message is None:
        return render(request, "comms/unsubscribe_invalid.html", status=404)
    is_referral = message.category == MessageCategory.REFERRAL_INVITATION
    topic_label = _topic_label(message)
    context = {"token": token, "is_referral": is_referral, "topic_label": topic_label}
    if request.method == "POST":
        one_click = request.POST.get("List-Unsubscribe") == "One-Click"
        scope = services.UnsubscribeScope.THIS_KIND
        if not (one_click or is_referral):
            form = UnsubscribeForm(request.POST, topic_label=topic_label)
            if not form.is_valid():
                return render(
                    request, "comms/unsubscribe.html", {**context, "form": form}, status=400
                )
            scope = form.cleaned_data["scope"]
        topics = services.unsubscribe_apply(message=message, scope=scope, actor=request.user)
        return render(
            request,
            "comms/unsubscribe_done.html",
            {**context, "topics": [ConsentTopic(t).label for t in topics]},
        )
    form = UnsubscribeForm(topic_label=topic_label)
    return render(request, "comms/unsubscribe.html", {**context, "form": form})


@login_required
@permission_required("comms.view_outbox", raise_exception=True)
@require_GET
def outbox_list(request: HttpRequest) -> HttpResponse:
    form = OutboxFilterForm(request.GET)
    if not form.is_valid():
        return render(
            request, "comms/staff/outbox_list.html", {"form": form, "listing": None}, status=400
        )
    rows = selectors.outbox_list(
        status=form.cleaned_data["status"],
        category=form.cleaned_data["category"],
        address=form.cleaned_data["to"],
    )
    return render(
        request, "comms/staff/outbox_list.html", {"form": form, "listing": list_page(request, rows)}
    )


@login_required
@permission_required("comms.view_outbox", raise_exception=True)
@require_GET
def outbox_detail(request: HttpRequest, message_id: uuid.UUID) -> HttpResponse:
    message = selectors.outbox_get(message_id=message_id)
    if message is None:
        raise Http404("No such message.")
    return render(request, "comms/staff/outbox_detail.html", {"message": message})


@login_required
@permission_required("comms.view_mailbox", raise_exception=True)
@require_GET
def mailbox_list(request: HttpRequest) -> HttpResponse:
    listing = list_page(request, mailbox.mailbox_names())
    return render(
        request,
        "comms/staff/mailbox_list.html",
        {
            "listing": listing,
            "entries": mailbox.mailbox_entries(list(listing.rows)),
            "folder": str(mailbox.mailbox_dir()),
        },
    )


@login_required
@permission_required("comms.view_mailbox", raise_exception=True)
@require_GET
def mailbox_detail(request: HttpRequest, name: str) -> HttpResponse:
    message = mailbox.mailbox_message(name)
    if message is None:
        raise Http404("No such message in the mailbox.")
    return render(request, "comms/staff/mailbox_detail.html", {"message": message})


@login_required
@permission_required("comms.view_mailbox", raise_exception=True)
@require_GET
def mailbox_raw(request: HttpRequest, name: str) -> HttpResponse:
    message = mailbox.mailbox_message(name)
    if message is None:
        raise Http404("No such message in the mailbox.")
    response = HttpResponse(message.raw, content_type="message/rfc822")
    response["Content-Disposition"] = f'attachment; filename="{message.entry.name}"'
    return response
