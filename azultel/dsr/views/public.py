"""The public pages: the request form, confirming a request by its emailed link, and the
single-use download of an access request's result.

Links in emails only open a page; the action is a button (a POST), so a mail scanner that
follows links cannot use up a single-use link.
"""

from __future__ import annotations

import json

from allauth.account.internal.flows.reauthentication import raise_if_reauthentication_required
from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods

from azultel.accounts.http import signed_in_with_password
from azultel.core.actors import Actor
from azultel.core.ratelimit import client_fingerprint, rate_limit_hit
from azultel.dsr import services
from azultel.dsr.forms import RequestForm
from azultel.dsr.links import LinkPurpose, LinkRefused
from azultel.privacy.registry import email_normalise


def _private(response: HttpResponse) -> HttpResponse:
    response["Cache-Control"] = "private, no-store"
    response["Referrer-Policy"] = "same-origin"
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response


@require_http_methods(["GET", "POST"])
@never_cache
def request_new(request: HttpRequest) -> HttpResponse:
    user = request.user if request.user.is_authenticated else None
    initial = {"email": user.email} if user is not None else {}
    form = RequestForm(request.POST or None, request.FILES or None, initial=initial)
    if request.method == "POST" and form.is_valid() and _allowed(request, form):
        data = form.cleaned_data
        is_agent = bool(data.get("is_agent"))
        own = (
            user is not None
            and not is_agent
            and email_normalise(data["email"]) == email_normalise(user.email)
        )
        if own:
            # An account holder's own request: confirmed by signing in again (allauth), after
            # which they come back here and send the form again.
            raise_if_reauthentication_required(request, app="account")
        try:
            filed = services.request_file(
                details=services.RequestDetails(
                    kind=data["kind"],
                    email=data["email"],
                    details=data.get("details", ""),
                    appeal_reference=data.get("appeal_reference", ""),
                    agent_name=data.get("agent_name", "") if is_agent else "",
                ),
                account=user,
                reauthenticated=own,
                agent_permission=data.get("agent_permission") if is_agent else None,
                actor=_actor(request),
            )
        except services.RequestRefused as refused:
            form.add_error(None, str(refused))
        else:
            request.session["dsr_filed"] = {"reference": filed.reference, "confirmed": own}
            return redirect("dsr:filed")
    return render(
        request,
        "dsr/request_new.html",
        {"form": form},
        status=400 if form.errors else 200,
    )


def _allowed(request: HttpRequest, form: RequestForm) -> bool:
    """Each request emails a link to the address typed: a few per client an hour, so the form
    cannot be used to flood someone's mailbox."""
    limit = rate_limit_hit(
        scope="dsr_request",
        identity=client_fingerprint(request, scope="dsr_request"),
        limit=int(settings.DSR_REQUEST_RATE_LIMIT),
        window_seconds=3600,
    )
    if not limit.allowed:
        form.add_error(None, "You have sent several requests in a short time. Try again later.")
    return limit.allowed


def _actor(request: HttpRequest) -> Actor | None:
    return request.user if request.user.is_authenticated else None  # type: ignore[return-value]


@require_GET
@never_cache
def request_filed(request: HttpRequest) -> HttpResponse:
    filed = request.session.pop("dsr_filed", None)
    if not isinstance(filed, dict):
        return redirect("dsr:new")
    return render(request, "dsr/request_filed.html", {"filed": filed})


@require_http_methods(["GET", "POST"])
def verify(request: HttpRequest, token: str) -> HttpResponse:
    if request.method == "GET":
        return _private(render(request, "dsr/verify.html", {}))
    try:
        confirmed = services.request_verify(token=token)
    except LinkRefused as refused:
        services.link_refusal_record(refused=refused, purpose=LinkPurpose.VERIFY)
        return _private(render(request, "dsr/link_refused.html", {}, status=400))
    return _private(render(request, "dsr/verified.html", {"confirmed": confirmed}))


@require_http_methods(["GET", "POST"])
def download(request: HttpRequest, token: str) -> HttpResponse:
    if request.method == "GET":
        return _private(render(request, "dsr/download.html", {}))
    try:
        data = services.result_download(
            token=token,
            viewer=request.user,
            password_sign_in=signed_in_with_password(request),
        )
    except LinkRefused as refused:
        services.link_refusal_record(refused=refused, purpose=LinkPurpose.DOWNLOAD)
        if refused.reason == "sign_in_required":
            query = urlencode({"next": request.path_info})
            return redirect(f"{reverse('account_login')}?{query}")
        return _private(render(request, "dsr/link_refused.html", {}, status=400))
    response = HttpResponse(
        json.dumps(data, indent=2, cls=DjangoJSONEncoder), content_type="application/json"
    )
    stamp = timezone.now().strftime("%Y%m%d")
    response["Content-Disposition"] = f'attachment; filename="azultel-your-data-{stamp}.json"'
    return _private(response)
