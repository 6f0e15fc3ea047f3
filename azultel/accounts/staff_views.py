"""Staff pages of the accounts app: the staff home, the customer lookup and staff roles (P23).

Thin views. Which tools and queues a member sees comes from the staff tool registry
(``accounts.panels``), which every app fills from its ``AppConfig.ready()``.
"""

from __future__ import annotations

from typing import Protocol

from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_POST

from azultel.accounts import role_grants, selectors
from azultel.accounts.forms import CustomerSearchForm, RoleGrantRequestForm, RoleRemoveForm
from azultel.accounts.http import SignedInRequest
from azultel.accounts.models import RoleGrant, User
from azultel.accounts.panels import staff_home_sections, staff_queues_for, staff_tools_for
from azultel.accounts.staff_onboarding import RECOVERY_CODES_NOTICE
from azultel.core.paging import list_page
from azultel.privacy.registry import sensitive_records_for
from azultel.privacy.selectors import subject_get_for_user


@require_GET
@login_required
def staff_home(request: SignedInRequest) -> HttpResponse:
    """The member's tools grouped by role, each with its queues counted (one query a queue)."""
    if not request.user.is_staff:
        raise PermissionDenied("Staff only.")
    tools = staff_tools_for(request.user)
    queues = staff_queues_for(tools)
    return render(
        request,
        "accounts/staff/home.html",
        {
            "tools": tools,
            "recovery_codes_notice": request.session.pop(RECOVERY_CODES_NOTICE, False),
            "sections": staff_home_sections(
                tools=tools,
                roles=selectors.staff_roles_of(user=request.user),
                queues=queues,
            ),
            "waiting": [q for counts in queues.values() for q in counts],
        },
    )


@require_GET
@login_required
@permission_required("accounts.view_customer_record", raise_exception=True)
def staff_customer_search(request: SignedInRequest) -> HttpResponse:
    form = CustomerSearchForm(request.GET or None)
    listing = (
        list_page(request, selectors.customer_search(query=form.cleaned_data["q"]))
        if form.is_valid()
        else None
    )
    return render(
        request, "accounts/staff/customer_search.html", {"form": form, "listing": listing}
    )


@require_GET
@login_required
@permission_required("accounts.view_customer_record", raise_exception=True)
def staff_customer_detail(request: SignedInRequest, public_id: str) -> HttpResponse:
    customer = selectors.customer_get_for_staff(public_id=public_id)
    if customer is None:
        raise Http404("No such customer.")
    subject = subject_get_for_user(user=customer)
    return render(
        request,
        "accounts/staff/customer_detail.html",
        {
            "customer": customer,
            "profile": selectors.profile_get(user=customer),
            "topics": selectors.privacy_centre_topics(user=customer),
            "sensitive": sensitive_records_for(user=customer),
            "subject": subject,
        },
    )


# --- Staff roles: one administrator asks, another approves (P23) --------------------------------


def _staff_roles_page(
    request: SignedInRequest,
    *,
    request_form: RoleGrantRequestForm | None = None,
    error: str = "",
    status: int = 200,
) -> HttpResponse:
    return render(
        request,
        "accounts/staff/roles.html",
        {
            "waiting": selectors.role_grants_waiting(),
            "decided": selectors.role_grants_decided(),
            "members": selectors.staff_with_roles(),
            "request_form": request_form or RoleGrantRequestForm(),
            "error": error,
        },
        status=status,
    )


@require_GET
@login_required
@permission_required("accounts.view_rolegrant", raise_exception=True)
def staff_roles(request: SignedInRequest) -> HttpResponse:
    return _staff_roles_page(request)


@require_POST
@login_required
@permission_required("accounts.request_role_grant", raise_exception=True)
def staff_role_request(request: SignedInRequest) -> HttpResponse:
    form = RoleGrantRequestForm(request.POST)
    if not form.is_valid():
        return _staff_roles_page(request, request_form=form, status=400)
    target = selectors.user_get_for_role_change(email=form.cleaned_data["email"])
    if target is None:
        form.add_error("email", "No open Azultel account uses that address.")
        return _staff_roles_page(request, request_form=form, status=400)
    try:
        role_grants.role_grant_request(
            actor=request.user,
            target=target,
            role=form.cleaned_data["role"],
            reason=form.cleaned_data["reason"],
        )
    except role_grants.RoleChangeRefused as exc:
        form.add_error(None, str(exc))
        return _staff_roles_page(request, request_form=form, status=403)
    messages.success(request, "Your request is waiting for another administrator to approve it.")
    return redirect("accounts:staff_roles")


class _Decide(Protocol):
    """``role_grants.role_grant_approve`` and its siblings: one decision on a waiting request."""

    def __call__(self, *, actor: User, grant: RoleGrant) -> RoleGrant: ...


def _decide(request: SignedInRequest, grant_id: int, decide: _Decide, done: str) -> HttpResponse:
    grant = selectors.role_grant_get_waiting(grant_id=grant_id)
    if grant is None:
        raise Http404("No such request is waiting.")
    try:
        decide(actor=request.user, grant=grant)
    except role_grants.RoleChangeRefused as exc:
        return _staff_roles_page(request, error=str(exc), status=403)
    messages.success(request, done)
    return redirect("accounts:staff_roles")


@require_POST
@login_required
@permission_required("accounts.decide_role_grant", raise_exception=True)
def staff_role_grant_approve(request: SignedInRequest, grant_id: int) -> HttpResponse:
    return _decide(request, grant_id, role_grants.role_grant_approve, "The role has been given.")


@require_POST
@login_required
@permission_required("accounts.decide_role_grant", raise_exception=True)
def staff_role_grant_reject(request: SignedInRequest, grant_id: int) -> HttpResponse:
    return _decide(request, grant_id, role_grants.role_grant_reject, "The request was refused.")


@require_POST
@login_required
@permission_required("accounts.request_role_grant", raise_exception=True)
def staff_role_grant_withdraw(request: SignedInRequest, grant_id: int) -> HttpResponse:
    return _decide(
        request, grant_id, role_grants.role_grant_withdraw, "Your request was withdrawn."
    )


@require_POST
@login_required
@permission_required("accounts.remove_role", raise_exception=True)
def staff_role_remove(request: SignedInRequest) -> HttpResponse:
    form = RoleRemoveForm(request.POST)
    if not form.is_valid():
        return _staff_roles_page(
            request, error="Choose the role to remove and say why.", status=400
        )
    target = selectors.user_get_by_public_id(public_id=form.cleaned_data["person"])
    if target is None:
        raise Http404("No such person.")
    try:
        role_grants.role_remove(
            actor=request.user,
            target=target,
            role=form.cleaned_data["role"],
            reason=form.cleaned_data["reason"],
        )
    except role_grants.RoleChangeRefused as exc:
        return _staff_roles_page(request, error=str(exc), status=403)
    messages.success(request, "The role has been removed.")
    return redirect("accounts:staff_roles")
