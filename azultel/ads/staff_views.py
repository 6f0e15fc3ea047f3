"""Marketing staff pages for house ads: campaigns, creatives, a preview, and the report."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.contrib.auth.decorators import login_required, permission_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods

from azultel.accounts.http import SignedInRequest
from azultel.ads import selectors, services, tokens
from azultel.ads.forms import CampaignForm, CreativeForm, PreviewForm
from azultel.ads.reports import campaign_report, partner_csv
from azultel.ads.selection import AdContext, ad_choose
from azultel.ads.slots import ad_html
from azultel.privacy.aggregates import partner_k


@require_GET
@login_required
@permission_required("ads.view_campaign", raise_exception=True)
def campaign_list(request: SignedInRequest) -> HttpResponse:
    return render(
        request,
        "ads/staff/list.html",
        {"campaigns": selectors.campaign_list(), "today": timezone.localdate()},
    )


@require_http_methods(["GET", "POST"])
@login_required
@permission_required("ads.change_campaign", raise_exception=True)
def campaign_edit(request: SignedInRequest, campaign_id: int | None = None) -> HttpResponse:
    campaign = None
    if campaign_id is None and not request.user.has_perm("ads.add_campaign"):
        raise PermissionDenied
    if campaign_id is not None:
        campaign = selectors.campaign_get(campaign_id=campaign_id)
        if campaign is None:
            raise Http404("No such campaign.")
    if request.method == "POST":
        form = CampaignForm(request.POST)
        if form.is_valid():
            saved = services.campaign_save(
                campaign=campaign, fields=form.fields_value(), actor=request.user
            )
            return redirect("ads:staff_edit", campaign_id=saved.pk)
    elif campaign is not None:
        form = CampaignForm(
            initial={
                "name": campaign.name,
                "placements": [p.slug for p in campaign.placements.all()],
                "starts_on": campaign.starts_on,
                "ends_on": campaign.ends_on,
                "priority": campaign.priority,
                "states": campaign.states,
                "interest": campaign.interest,
                "daily_cap": campaign.daily_cap,
                "active": campaign.active,
                "partner_name": campaign.partner_name,
                "partner_email": campaign.partner_email,
            }
        )
    else:
        today = timezone.localdate()
        form = CampaignForm(
            initial={"starts_on": today, "ends_on": today + dt.timedelta(days=30), "active": True}
        )
    beacons = []
    if campaign is not None:
        # Absolute, from the configured site address (never from request headers), for email.
        site = settings.SITE_URL.rstrip("/")
        beacons = [
            (
                c,
                site
                + reverse(
                    "ads:beacon",
                    kwargs={
                        "token": tokens.beacon_token(campaign_id=campaign.pk, creative_id=c.pk)
                    },
                ),
            )
            for c in campaign.creatives.all()
        ]
    return render(
        request, "ads/staff/campaign.html", {"form": form, "campaign": campaign, "beacons": beacons}
    )


@require_http_methods(["GET", "POST"])
@login_required
@permission_required("ads.change_campaign", raise_exception=True)
def creative_edit(
    request: SignedInRequest, campaign_id: int, creative_id: int | None = None
) -> HttpResponse:
    campaign = selectors.campaign_get(campaign_id=campaign_id)
    if campaign is None:
        raise Http404("No such campaign.")
    creative = None
    if creative_id is not None:
        creative = selectors.creative_get(creative_id=creative_id)
        if creative is None or creative.campaign_id != campaign.pk:
            raise Http404("No such creative.")
    if request.method == "POST":
        form = CreativeForm(request.POST)
        if form.is_valid():
            services.creative_save(
                campaign=campaign, creative=creative, fields=form.fields_value(), actor=request.user
            )
            return redirect("ads:staff_edit", campaign_id=campaign.pk)
    elif creative is not None:
        form = CreativeForm(
            initial={
                "headline": creative.headline,
                "text": creative.text,
                "illustration": creative.illustration,
                "alt_text": creative.alt_text,
                "destination": f"{creative.destination_kind}:{creative.destination}",
            }
        )
    else:
        form = CreativeForm()
    return render(
        request,
        "ads/staff/creative.html",
        {"form": form, "campaign": campaign, "creative": creative},
    )


@require_GET
@login_required
@permission_required("ads.view_campaign", raise_exception=True)
def preview(request: SignedInRequest) -> HttpResponse:
    """The ad a first-time visitor of a state would see in a place today (untailored), and the
    ads with an interest, as they would show to someone with it."""
    form = PreviewForm(request.GET or None)
    shown: list[tuple[str, str]] = []
    if form.is_valid():
        today = timezone.localdate()
        placement = form.cleaned_data["placement"]
        state = form.cleaned_data["state"] or None
        options = selectors.campaigns_active(placement=placement, state=state, today=today)
        interests = frozenset(o.interest for o in options if o.interest)
        for label, wanted in (("Untailored", frozenset[str]()), ("With interests", interests)):
            context = AdContext(placement=placement, state=state, tailoring=True, interests=wanted)
            choice = ad_choose(context, options)
            if choice is not None:
                shown.append((label, ad_html(choice, placement=placement)))
    return render(request, "ads/staff/preview.html", {"form": form, "shown": shown})


@require_GET
@login_required
@permission_required("ads.view_ad_report", raise_exception=True)
def report(request: SignedInRequest, campaign_id: int) -> HttpResponse:
    campaign = selectors.campaign_get(campaign_id=campaign_id)
    if campaign is None:
        raise Http404("No such campaign.")
    return render(
        request,
        "ads/staff/report.html",
        {
            "campaign": campaign,
            "report": campaign_report(campaign=campaign),
            "partner_k": partner_k(),
        },
    )


@require_GET
@login_required
@permission_required("ads.view_ad_report", raise_exception=True)
def partner_report(request: SignedInRequest, campaign_id: int) -> HttpResponse:
    """P16: what a partner may receive: counts per day, small cells blank, no total."""
    campaign = selectors.campaign_get(campaign_id=campaign_id)
    if campaign is None:
        raise Http404("No such campaign.")
    response = HttpResponse(
        partner_csv(campaign=campaign, actor=request.user), content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="ad-campaign-{campaign.pk}.csv"'
    response["Cache-Control"] = "no-store"
    return response
