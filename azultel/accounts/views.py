"""The account area (P11, P12, P13, B2). Thin views; the staff pages are in staff_views."""

from __future__ import annotations

import json
from urllib.parse import urlencode

from allauth.account.decorators import reauthentication_required
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.core.serializers.json import DjangoJSONEncoder
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from azultel.accounts import selectors, services
from azultel.accounts.forms import (
    AddressForm,
    NameForm,
)
from azultel.accounts.http import SignedInRequest, signed_in_with_password
from azultel.accounts.panels import overview_sections
from azultel.catalog.selectors import service_area_covers


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
