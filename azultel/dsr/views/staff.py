"""The privacy officer's pages (all under /staff/, so two-step sign-in is enforced): the queue
with each request's clock, one request with its actions, the privacy contact messages, the
monthly report (page and CSV) and closing a child's account.

Every view is gated by ``officers_only``: not signed in gives 404, without the privacy officer's
permission 403."""

from __future__ import annotations

import io
from collections.abc import Callable

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import (
    require_GET,
    require_http_methods,
    require_POST,
    require_safe,
)

from azultel.accounts.http import SignedInRequest
from azultel.accounts.selectors import user_get_for_role_change
from azultel.core.csv_safe import csv_writer
from azultel.core.file_serving import stored_file_response
from azultel.core.paging import list_page
from azultel.core.staff_pages import staff_gate
from azultel.dsr import selectors, services
from azultel.dsr.forms import AgentDecisionForm, AnswerForm, ChildAccountForm, ExtendForm
from azultel.dsr.models import PrivacyRequest

StaffView = Callable[..., HttpResponse]


officers_only = staff_gate(lambda request: selectors.may_handle(user=request.user))


def _request_or_404(request: SignedInRequest, request_id: object) -> PrivacyRequest:
    found = selectors.request_get_for_officer(user=request.user, request_id=request_id)
    if found is None:
        raise Http404("No such privacy request.")
    return found


@officers_only
@require_GET
@never_cache
def queue(request: SignedInRequest) -> HttpResponse:
    state = request.GET.get("show", "open")
    if state not in ("open", "closed", "unverified", "messages"):
        state = "open"
    rows = (
        selectors.privacy_messages_for_officer(user=request.user)
        if state == "messages"
        else selectors.requests_for_officer(user=request.user, state=state)
    )
    return render(
        request,
        "dsr/staff/queue.html",
        {"state": state, "listing": list_page(request, rows), "now": timezone.now()},
    )


def _detail(
    request: SignedInRequest, found: PrivacyRequest, status: int = 200, **forms: object
) -> HttpResponse:
    context: dict[str, object] = {
        "req": found,
        "now": timezone.now(),
        "answer_form": AnswerForm(),
        "extend_form": ExtendForm(),
        "agent_form": AgentDecisionForm(),
    }
    context.update(forms)
    return render(request, "dsr/staff/detail.html", context, status=status)


@officers_only
@require_GET
@never_cache
def detail(request: SignedInRequest, request_id: str) -> HttpResponse:
    return _detail(request, _request_or_404(request, request_id))


def _done(request: SignedInRequest, found: PrivacyRequest, text: str) -> HttpResponse:
    messages.success(request, text)
    return redirect("dsr:staff_detail", request_id=found.id)


@officers_only
@require_POST
def acknowledge(request: SignedInRequest, request_id: str) -> HttpResponse:
    found = _request_or_404(request, request_id)
    try:
        services.request_acknowledge(request=found, actor=request.user)
    except services.RequestRefused as refused:
        messages.error(request, str(refused))
        return redirect("dsr:staff_detail", request_id=found.id)
    return _done(request, found, "Acknowledged: the person has been told.")


@officers_only
@require_POST
def extend(request: SignedInRequest, request_id: str) -> HttpResponse:
    found = _request_or_404(request, request_id)
    form = ExtendForm(request.POST)
    if not form.is_valid():
        return _detail(request, found, status=400, extend_form=form)
    try:
        services.request_extend(
            request=found, reason=form.cleaned_data["reason"], actor=request.user
        )
    except services.RequestRefused as refused:
        form.add_error(None, str(refused))
        return _detail(request, found, status=400, extend_form=form)
    return _done(request, found, "Extended once: the person has been told the new date.")


@officers_only
@require_POST
def answer(request: SignedInRequest, request_id: str) -> HttpResponse:
    found = _request_or_404(request, request_id)
    form = AnswerForm(request.POST)
    if not form.is_valid():
        return _detail(request, found, status=400, answer_form=form)
    try:
        services.request_answer(
            request=found,
            outcome=form.cleaned_data["outcome"],
            answer=form.cleaned_data.get("answer", ""),
            actor=request.user,
        )
    except services.RequestRefused as refused:
        form.add_error(None, str(refused))
        return _detail(request, found, status=400, answer_form=form)
    return _done(request, found, "Answered and closed: the person has been told.")


@officers_only
@require_POST
def agent_decision(request: SignedInRequest, request_id: str) -> HttpResponse:
    found = _request_or_404(request, request_id)
    form = AgentDecisionForm(request.POST)
    if not form.is_valid():
        return _detail(request, found, status=400, agent_form=form)
    try:
        services.agent_decide(
            request=found,
            approve=form.cleaned_data["decision"] == "approve",
            note=form.cleaned_data.get("note", ""),
            actor=request.user,
        )
    except services.RequestRefused as refused:
        form.add_error(None, str(refused))
        return _detail(request, found, status=400, agent_form=form)
    return _done(request, found, "Decision recorded.")


@officers_only
@require_safe
def agent_permission_file(request: SignedInRequest, request_id: str) -> HttpResponse:
    found = _request_or_404(request, request_id)
    return stored_file_response(
        request,
        stored_file=found.agent_permission,
        allowed=found.agent_permission is not None,
        filename=f"Agent permission {found.reference}",
    )


def _month(request: HttpRequest) -> tuple[int, int]:
    today = timezone.localdate()
    try:
        year, month = (int(p) for p in request.GET.get("month", "").split("-", 1))
        if 2000 <= year <= 2100 and 1 <= month <= 12:
            return year, month
    except ValueError:
        pass
    return today.year, today.month


@officers_only
@require_GET
@never_cache
def report(request: SignedInRequest) -> HttpResponse:
    year, month = _month(request)
    figures = selectors.month_report(year=year, month=month)
    if request.GET.get("format") == "csv":
        buffer = io.StringIO()
        writer = csv_writer(buffer)
        writer.writerow(
            ["kind", "received", "closed", "done", "no data", "refused", "median days to close"]
        )
        for row in [*figures.rows, figures.total]:
            writer.writerow(
                [
                    row.label,
                    row.received,
                    row.closed,
                    row.done,
                    row.no_data,
                    row.refused,
                    row.median_days,
                ]
            )
        response = HttpResponse(buffer.getvalue(), content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = (
            f'attachment; filename="privacy-requests-{year}-{month:02d}.csv"'
        )
        return response
    return render(
        request, "dsr/staff/report.html", {"report": figures, "month": f"{year}-{month:02d}"}
    )


@officers_only
@require_http_methods(["GET", "POST"])
@never_cache
def child_account(request: SignedInRequest) -> HttpResponse:
    """Close the account of a child under 13 through the request workflow (recorded)."""
    form = ChildAccountForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        user = user_get_for_role_change(email=form.cleaned_data["email"])
        if user is None:
            form.add_error("email", "No open account uses this address.")
        else:
            closed = services.child_account_close(
                user=user, note=form.cleaned_data["note"], actor=request.user
            )
            return _done(request, closed, "The account is closed and its data deleted.")
    return render(
        request, "dsr/staff/child_account.html", {"form": form}, status=400 if form.errors else 200
    )
