"""The account area (P11, P12, P13, B2), the customer lookup and staff roles (P23). Thin views."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any
from urllib.parse import urlencode

from allauth.account.decorators import reauthentication_required
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required, permission_required
from django.core.exceptions import PermissionDenied
from django.core.serializers.json import DjangoJSONEncoder
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from azultel.accounts import role_grants, selectors, services
from azultel.accounts.forms import (
    AddressForm,
    ConsentChangeForm,
    CustomerSearchForm,
    NameForm,
    RoleGrantRequestForm,
    RoleRemoveForm,
)
from azultel.accounts.http import SignedInRequest, signed_in_with_password
from azultel.accounts.panels import overview_sections, staff_tools_for
from azultel.privacy.registry import sensitive_records_for
from azultel.privacy.selectors import subject_get_for_user


@require_GET
@login_required
def overview(request: SignedInRequest) -> HttpResponse:
    sections = [(s, s.context(request.user) if s.context else None) for s in overview_sections()]
    return render(
        request,
        "accounts/overview.html",
        {
            "account_section": "overview",
            "sections": sections,
            "profile": selectors.profile_get(user=request.user),
        },
    )


@require_http_methods(["GET", "POST"])
@login_required
def profile(request: SignedInRequest) -> HttpResponse:
    user = request.user
    form = NameForm(
        request.POST or None,
        initial={"given_name": user.given_name, "family_name": user.family_name},
    )
    if request.method == "POST" and form.is_valid():
        if services.profile_name_update(user=user, actor=user, **form.cleaned_data):
            messages.success(request, "Your name has been updated.")
        return redirect("accounts:profile")
    return render(
        request,
        "accounts/profile.html",
        {
            "account_section": "profile",
            "form": form,
            "profile": selectors.profile_get(user=user),
            "local_profile_offered": _local_profile_offered(user),
        },
        status=400 if form.errors else 200,
    )


def _local_profile_offered(user: object) -> bool:
    from azultel.catalog.selectors import service_area_covers

    profile = selectors.profile_get(user=user)  # type: ignore[arg-type]
    return profile is not None and service_area_covers(zip_code=profile.zip_code)


@require_http_methods(["GET", "POST"])
@login_required
@reauthentication_required
def address_edit(request: SignedInRequest) -> HttpResponse:
    profile_obj = selectors.profile_get(user=request.user)
    initial = (
        {}
        if profile_obj is None
        else {
            f: getattr(profile_obj, f)
            for f in ("street", "unit", "city", "state", "zip_code", "phone")
        }
    )
    form = AddressForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        if profile_obj is None:
            raise Http404("No address of record.")
        if services.profile_address_update(
            user=request.user, actor=request.user, changes=form.cleaned_data
        ):
            messages.success(
                request,
                "Your contact details have been updated. We have sent a "
                "notice to the email address on your account.",
            )
        return redirect("accounts:profile")
    return render(
        request,
        "accounts/address_edit.html",
        {"account_section": "profile", "form": form},
        status=400 if form.errors else 200,
    )


@require_POST
@login_required
def local_profile(request: SignedInRequest) -> HttpResponse:
    if request.POST.get("action") == "disable":
        services.local_profile_disable(user=request.user, actor=request.user)
        messages.success(request, "Your local phone customer profile is switched off.")
        return redirect("accounts:profile")
    try:
        services.local_profile_enable(user=request.user, actor=request.user)
    except services.AccountError as exc:
        messages.error(request, str(exc))
        return redirect("accounts:profile")
    messages.success(request, "Your local phone customer profile is on.")
    return redirect("accounts:profile")


@require_GET
@login_required
def privacy_centre(request: SignedInRequest) -> HttpResponse:
    subject = subject_get_for_user(user=request.user)
    topics = selectors.privacy_centre_topics(user=request.user)
    return render(
        request,
        "accounts/privacy_centre.html",
        {
            "account_section": "privacy",
            "email_topics": [t for t in topics if t.topic in EMAIL_TOPICS],
            "cpni": next(t for t in topics if t.topic == "cpni_marketing"),
            "profiling": next(t for t in topics if t.topic == "profiling_combination"),
            "sharing": next(t for t in topics if t.topic == "data_sharing"),
            "gpc": getattr(request, "gpc", False),
            "disclosures": selectors.disclosures_about(subject=subject),
        },
    )


EMAIL_TOPICS = ("product_info", "special_offers", "newsletter", "surveys", "service_offers")


@require_POST
@login_required
def consent_change(request: SignedInRequest) -> HttpResponse:
    form = ConsentChangeForm(request.POST)
    if not form.is_valid():
        messages.error(
            request, "That choice could not be saved. Please use the buttons on this page."
        )
        return redirect("accounts:privacy")
    topic, granted = form.cleaned_data["topic"], form.cleaned_data["granted"]
    if topic == "data_sharing" and granted and getattr(request, "gpc", False):
        messages.error(
            request,
            "Your browser sends Global Privacy Control, so we keep sharing "
            "switched off while it does.",
        )
        return redirect("accounts:privacy")
    services.consent_change(user=request.user, topic=topic, granted=granted)
    messages.success(request, "Your choice has been saved and applies from now on.")
    return redirect(reverse("accounts:privacy") + f"#topic-{topic}")


@require_http_methods(["GET", "POST"])
@login_required
def sessions(request: SignedInRequest) -> HttpResponse:
    current_key = request.session.session_key
    if request.method == "POST":
        ended = services.signin_sessions_end_others(user=request.user, keep_session_key=current_key)
        messages.success(
            request, f"Signed out of {ended} other session{'s' if ended != 1 else ''}."
        )
        return redirect("accounts:sessions")
    return render(
        request,
        "accounts/sessions.html",
        {
            "account_section": "sessions",
            "sessions": selectors.signin_sessions_active(user=request.user),
            "current_key": current_key,
        },
    )


@require_GET
@login_required
def my_data(request: SignedInRequest) -> HttpResponse:
    return render(request, "accounts/my_data.html", {"account_section": "data"})


@require_GET
@login_required
@never_cache
def my_data_download(request: SignedInRequest) -> HttpResponse:
    # The file holds call detail and service information (CPNI): password sign-in only (P30).
    if not signed_in_with_password(request):
        query = urlencode({"next": request.path_info})
        return redirect(f"{reverse('account_reauthenticate')}?{query}")
    data = selectors.account_export(user=request.user)
    response = HttpResponse(
        json.dumps(data, indent=2, cls=DjangoJSONEncoder), content_type="application/json"
    )
    stamp = timezone.now().strftime("%Y%m%d")
    response["Content-Disposition"] = f'attachment; filename="azultel-my-data-{stamp}.json"'
    return response


@require_http_methods(["GET", "POST"])
@login_required
@reauthentication_required
def delete_account(request: SignedInRequest) -> HttpResponse:
    error = ""
    if request.method == "POST":
        if request.POST.get("confirm", "").strip().upper() != "DELETE":
            error = "Type DELETE in capital letters to confirm."
        else:
            user = request.user
            services.account_erase(user=user, actor=user)
            logout(request)
            messages.success(
                request,
                "Your account has been deleted. We have sent a confirmation to your email address.",
            )
            return redirect("site:home")
    return render(
        request,
        "accounts/delete.html",
        {"account_section": "data", "error": error},
        status=400 if error else 200,
    )


# --- Staff --------------------------------------------------------------------------------------


@require_GET
@login_required
def staff_home(request: SignedInRequest) -> HttpResponse:
    if not request.user.is_staff:
        raise PermissionDenied("Staff only.")
    return render(request, "accounts/staff/home.html", {"tools": staff_tools_for(request.user)})


@require_GET
@login_required
@permission_required("accounts.view_customer_record", raise_exception=True)
def staff_customer_search(request: SignedInRequest) -> HttpResponse:
    form = CustomerSearchForm(request.GET or None)
    results = selectors.customer_search(query=form.cleaned_data["q"]) if form.is_valid() else []
    return render(
        request, "accounts/staff/customer_search.html", {"form": form, "results": results}
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


def _decide(
    request: SignedInRequest, grant_id: int, decide: Callable[..., Any], done: str
) -> HttpResponse:
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
