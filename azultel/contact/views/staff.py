"""The staff inbox (all under /staff/, so two-step sign-in is enforced): threads by topic with
filters, one thread with replies, internal notes, status and assignment, and response times.

Every view is gated by ``answerers_only`` first: a visitor who is not signed in gets 404, a
signed-in person whose role answers no topic gets 403. Privacy threads exist only for the
privacy officer (``contact.answer_privacy_thread``): for anyone else they are "not found"."""

from __future__ import annotations

from collections.abc import Callable

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from azultel.accounts.http import SignedInRequest
from azultel.contact import selectors, services
from azultel.contact.forms import AssignForm, InboxFilterForm, NoteForm, ReplyForm, StatusForm
from azultel.contact.models import Thread, Topic
from azultel.core.paging import list_page
from azultel.core.staff_pages import staff_gate

StaffView = Callable[..., HttpResponse]


answerers_only = staff_gate(lambda request: bool(selectors.staff_topics(user=request.user)))


def _thread_or_404(request: SignedInRequest, thread_id: object) -> Thread:
    found = selectors.thread_get_for_staff(user=request.user, thread_id=thread_id)
    if found is None:
        raise Http404("No such conversation in your queues.")
    return found


def _inbox(request: SignedInRequest, *, privacy_queue: bool) -> HttpResponse:
    topics = selectors.staff_topics(user=request.user)
    if privacy_queue:
        if Topic.PRIVACY not in topics:
            raise PermissionDenied
        topics = [Topic.PRIVACY]
    people = list(selectors.assignees_for(topic=topics[0]))
    form = InboxFilterForm(request.GET or None, topics=topics, people=people)
    filters = form.cleaned_data if form.is_valid() else {}
    topic = Topic.PRIVACY if privacy_queue else filters.get("topic", "")
    rows = selectors.threads_for_staff(
        user=request.user,
        topic=topic,
        status=filters.get("status", ""),
        assignee=filters.get("assignee", ""),
    )
    if not privacy_queue and not topic:
        # The general inbox is the care queues; privacy threads have their own page.
        rows = rows.exclude(topic=Topic.PRIVACY)
    return render(
        request,
        "contact/staff/inbox.html",
        {
            "form": form,
            "listing": list_page(request, rows),
            "counts": selectors.queue_counts(user=request.user),
            "figures": selectors.response_figures(user=request.user),
            "privacy_queue": privacy_queue,
            "has_privacy": Topic.PRIVACY in selectors.staff_topics(user=request.user),
            "has_care": any(t != Topic.PRIVACY for t in selectors.staff_topics(user=request.user)),
        },
    )


@answerers_only
@require_GET
@never_cache
def inbox(request: SignedInRequest) -> HttpResponse:
    return _inbox(request, privacy_queue=False)


@answerers_only
@require_GET
@never_cache
def privacy_inbox(request: SignedInRequest) -> HttpResponse:
    return _inbox(request, privacy_queue=True)


def _detail(
    request: SignedInRequest, thread: Thread, status: int = 200, **forms: object
) -> HttpResponse:
    people = selectors.assignees_for(topic=thread.topic)
    context: dict[str, object] = {
        "thread": thread,
        "entries": selectors.thread_entries_for_staff(thread=thread),
        "reply_form": ReplyForm(),
        "note_form": NoteForm(),
        "status_form": StatusForm(initial={"status": thread.status}),
        "assign_form": AssignForm(initial={"assignee": thread.assignee_id}, people=people),
    }
    context.update(forms)
    return render(request, "contact/staff/thread.html", context, status=status)


@answerers_only
@require_GET
@never_cache
def thread_detail(request: SignedInRequest, thread_id: str) -> HttpResponse:
    return _detail(request, _thread_or_404(request, thread_id))


@answerers_only
@require_POST
def thread_reply(request: SignedInRequest, thread_id: str) -> HttpResponse:
    thread = _thread_or_404(request, thread_id)
    form = ReplyForm(request.POST)
    if not form.is_valid():
        return _detail(request, thread, 400, reply_form=form)
    try:
        services.staff_reply_send(
            thread=thread, body=form.cleaned_data["reply"], actor=request.user
        )
    except services.MessageRefused as exc:
        form.add_error("reply", str(exc))
        return _detail(request, thread, 400, reply_form=form)
    messages.success(request, "Your reply is in the outbox; the customer will get it by email.")
    return redirect("contact:staff_thread", thread_id=thread.pk)


@answerers_only
@require_POST
def thread_note(request: SignedInRequest, thread_id: str) -> HttpResponse:
    thread = _thread_or_404(request, thread_id)
    form = NoteForm(request.POST)
    if not form.is_valid():
        return _detail(request, thread, 400, note_form=form)
    try:
        services.staff_note_add(thread=thread, body=form.cleaned_data["note"], actor=request.user)
    except services.MessageRefused as exc:
        form.add_error("note", str(exc))
        return _detail(request, thread, 400, note_form=form)
    messages.success(request, "Note saved. Only staff can see it.")
    return redirect("contact:staff_thread", thread_id=thread.pk)


@answerers_only
@require_POST
def thread_status(request: SignedInRequest, thread_id: str) -> HttpResponse:
    thread = _thread_or_404(request, thread_id)
    form = StatusForm(request.POST)
    if not form.is_valid():
        return _detail(request, thread, 400, status_form=form)
    services.thread_status_set(
        thread=thread, status=form.cleaned_data["status"], actor=request.user
    )
    messages.success(request, f"Status changed to “{thread.get_status_display()}”.")
    return redirect("contact:staff_thread", thread_id=thread.pk)


@answerers_only
@require_POST
def thread_assign(request: SignedInRequest, thread_id: str) -> HttpResponse:
    thread = _thread_or_404(request, thread_id)
    form = AssignForm(request.POST, people=selectors.assignees_for(topic=thread.topic))
    if not form.is_valid():
        return _detail(request, thread, 400, assign_form=form)
    services.thread_assign(
        thread=thread, assignee=form.cleaned_data["assignee"], actor=request.user
    )
    messages.success(request, "Assignment saved.")
    return redirect("contact:staff_thread", thread_id=thread.pk)
