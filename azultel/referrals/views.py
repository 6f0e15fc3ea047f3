"""Tell a friend: the form, the one confirmation (the same whatever happened to the email), the
friend's report link, and marketing's counts."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.decorators import login_required, permission_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods

from azultel.accounts.http import SignedInRequest
from azultel.accounts.models import User
from azultel.catalog.selectors import product_get_active
from azultel.core.ratelimit import client_fingerprint, rate_limit_hit
from azultel.referrals import selectors, services
from azultel.referrals.forms import ReferralForm

TOO_MANY = "You have sent as many invitations as we allow in one day. Please try again tomorrow."


def _limit_reached(request: HttpRequest, user: User | None) -> bool:
    if user is not None:
        scope, identity, limit = (
            "referrals-sender",
            str(user.pk),
            settings.REFERRALS_PER_SENDER_DAY,
        )
    else:
        scope = "referrals-visitor"
        identity = client_fingerprint(request, scope=scope)
        limit = settings.REFERRALS_PER_VISITOR_DAY
    hit = rate_limit_hit(
        scope=scope, identity=identity, limit=limit, window_seconds=services.DAY_SECONDS
    )
    return not hit.allowed


@require_http_methods(["GET", "POST"])
@never_cache
def tell(request: HttpRequest) -> HttpResponse:
    user = request.user if isinstance(request.user, User) else None
    status = 200
    if request.method == "POST":
        form = ReferralForm(request.POST, visitor=user is None)
        if not form.is_valid():
            status = 400
        elif _limit_reached(request, user):
            form.add_error(None, TOO_MANY)
            status = 429
        else:
            data = form.cleaned_data
            services.referral_send(
                invitation=services.Invitation(
                    sender_name=user.get_full_name() if user else data["sender_name"],
                    friend_name=data["friend_name"],
                    friend_email=data["friend_email"],
                    note=data["note"],
                    product_slug=data["product"] or "",
                ),
                referrer=user,
                actor=request.user,
            )
            return redirect("referrals:sent")
        form.challenge_renew()
    else:
        form = ReferralForm(initial={"product": request.GET.get("product", "")}, visitor=not user)
    slug = str(form["product"].value() or "")
    product = product_get_active(slug=slug) if slug else None
    return render(
        request,
        "referrals/tell.html",
        {"form": form, "product": product, "visitor": user is None},
        status=status,
    )


@require_GET
def sent(request: HttpRequest) -> HttpResponse:
    return render(request, "referrals/sent.html", {})


@require_http_methods(["GET", "POST"])
@never_cache
def report(request: HttpRequest, token: str) -> HttpResponse:
    """The friend's link: GET asks, POST blocks every further invitation to the address."""
    if services.report_token_read(token) is None:
        return render(request, "referrals/report_invalid.html", {}, status=404)
    if request.method == "POST":
        services.address_block(token=token)
        return render(request, "referrals/report_done.html", {})
    return render(request, "referrals/report.html", {"token": token})


@require_GET
@login_required
@permission_required("referrals.view_referral_report", raise_exception=True)
def staff_report(request: SignedInRequest) -> HttpResponse:
    report = selectors.referral_report()
    rows = [
        ("All time", report.all_time),
        ("Last 30 days", report.last_30_days),
        ("Sent by signed-in customers", report.by_customers),
        ("Sent by visitors", report.by_visitors),
    ]
    return render(
        request,
        "referrals/staff/report.html",
        {
            "report": report,
            "rows": rows,
            "retention_days": settings.REFERRALS_HASH_RETENTION_DAYS,
        },
    )
