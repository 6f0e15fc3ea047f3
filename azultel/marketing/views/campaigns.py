"""Staff pages for campaigns: list, new, change (drafts), the campaign page with its actions
(test send, ask for approval, approve, schedule, pause, resume, cancel) and its report."""

from __future__ import annotations

import uuid
from collections.abc import Callable

from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from azultel.accounts.http import SignedInRequest
from azultel.core.actors import Actor
from azultel.core.paging import list_page
from azultel.marketing import selectors, services
from azultel.marketing.forms import CampaignForm, ScheduleForm
from azultel.marketing.models import EDITABLE, Campaign, CampaignStatus
from azultel.marketing.rendering import survey_address
from azultel.marketing.services import CampaignContent, CampaignRejected


def _campaign_or_404(campaign_id: uuid.UUID) -> Campaign:
    campaign = selectors.campaign_get(campaign_id=campaign_id)
    if campaign is None:
        raise Http404("No such campaign.")
    return campaign


@require_GET
@login_required
@permission_required("marketing.view_campaign", raise_exception=True)
def campaign_list(request: SignedInRequest) -> HttpResponse:
    status = request.GET.get("status", "")
    status = status if status in CampaignStatus.values else ""
    listing = list_page(request, selectors.campaign_list(status=status))
    return render(
        request,
        "marketing/staff/campaign_list.html",
        {"listing": listing, "status": status, "statuses": CampaignStatus.choices},
    )


def _content(form: CampaignForm) -> CampaignContent:
    data = form.cleaned_data
    return CampaignContent(
        name=data["name"],
        kind=data["kind"],
        segment=data["segment"],
        contact_list=data["contact_list"],
        subject_line=data["subject_line"],
        body=data["body"],
        survey=data["survey"],
        offered=data["offered"],
        description=data["description"],
        include_offer=data["include_offer"],
    )


def _campaign_form(
    request: SignedInRequest, form: CampaignForm, campaign: Campaign | None
) -> HttpResponse:
    if request.method == "POST" and form.is_valid():
        try:
            if campaign is None:
                saved = services.campaign_create(content=_content(form), actor=request.user)
            else:
                saved = services.campaign_update(
                    campaign=campaign, content=_content(form), actor=request.user
                )
        except CampaignRejected as exc:
            form.add_error(exc.field if exc.field in form.fields else None, str(exc))
        else:
            messages.success(request, "Draft saved.")
            return redirect("marketing:campaign_detail", campaign_id=saved.pk)
    return render(
        request,
        "marketing/staff/campaign_form.html",
        {"form": form, "campaign": campaign},
        status=400 if form.is_bound else 200,
    )


@require_http_methods(["GET", "POST"])
@login_required
@permission_required("marketing.add_campaign", raise_exception=True)
def campaign_new(request: SignedInRequest) -> HttpResponse:
    return _campaign_form(request, CampaignForm(request.POST or None), None)


@require_http_methods(["GET", "POST"])
@login_required
@permission_required("marketing.change_campaign", raise_exception=True)
def campaign_edit(request: SignedInRequest, campaign_id: uuid.UUID) -> HttpResponse:
    campaign = _campaign_or_404(campaign_id)
    if campaign.status not in EDITABLE:
        messages.error(request, "Only a draft can be changed.")
        return redirect("marketing:campaign_detail", campaign_id=campaign.pk)
    initial = {
        name: getattr(campaign, name)
        for name in (
            "name",
            "kind",
            "segment",
            "contact_list",
            "subject_line",
            "body",
            "offered",
            "description",
            "include_offer",
        )
    }
    initial["survey"] = campaign.survey_id
    return _campaign_form(request, CampaignForm(request.POST or None, initial=initial), campaign)


def _detail(
    request: SignedInRequest,
    campaign: Campaign,
    *,
    schedule_form: ScheduleForm | None = None,
    status: int = 200,
) -> HttpResponse:
    user = request.user
    return render(
        request,
        "marketing/staff/campaign_detail.html",
        {
            "campaign": campaign,
            "report": selectors.campaign_report(campaign=campaign),
            "survey_address": survey_address(campaign),
            "schedule_form": schedule_form or ScheduleForm(),
            "can_send": user.has_perm("marketing.send_campaign"),
            "can_edit": user.has_perm("marketing.change_campaign") and campaign.status in EDITABLE,
            "can_approve": user.has_perm("marketing.approve_cpni_campaign")
            and campaign.created_by_id != user.pk,
        },
        status=status,
    )


@require_GET
@login_required
@permission_required("marketing.view_campaign", raise_exception=True)
def campaign_detail(request: SignedInRequest, campaign_id: uuid.UUID) -> HttpResponse:
    return _detail(request, _campaign_or_404(campaign_id))


@require_POST
@login_required
@permission_required("marketing.send_campaign", raise_exception=True)
def campaign_schedule(request: SignedInRequest, campaign_id: uuid.UUID) -> HttpResponse:
    campaign = _campaign_or_404(campaign_id)
    form = ScheduleForm(request.POST)
    if form.is_valid():
        try:
            services.campaign_schedule(
                campaign=campaign, when=form.cleaned_data["when"], actor=request.user
            )
        except CampaignRejected as exc:
            form.add_error("when" if exc.field == "when" else None, str(exc))
        else:
            messages.success(request, "Campaign scheduled.")
            return redirect("marketing:campaign_detail", campaign_id=campaign.pk)
    return _detail(request, campaign, schedule_form=form, status=400)


Action = Callable[..., Campaign]
_ACTIONS: dict[str, tuple[Action, str]] = {
    "submit": (services.campaign_submit, "Sent to a marketing supervisor for approval."),
    "pause": (services.campaign_pause, "Campaign paused."),
    "resume": (services.campaign_resume, "Campaign resumed."),
    "cancel": (services.campaign_cancel, "Campaign cancelled."),
}


def _act(
    request: SignedInRequest, campaign_id: uuid.UUID, action: Action, done: str
) -> HttpResponse:
    campaign = _campaign_or_404(campaign_id)
    actor: Actor = request.user
    try:
        action(campaign=campaign, actor=actor)
    except CampaignRejected as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, done)
    return redirect("marketing:campaign_detail", campaign_id=campaign.pk)


@require_POST
@login_required
@permission_required("marketing.send_campaign", raise_exception=True)
def campaign_action(request: SignedInRequest, campaign_id: uuid.UUID, action: str) -> HttpResponse:
    if action not in _ACTIONS:
        raise Http404("No such action.")
    handler, done = _ACTIONS[action]
    return _act(request, campaign_id, handler, done)


@require_POST
@login_required
@permission_required("marketing.approve_cpni_campaign", raise_exception=True)
def campaign_approve(request: SignedInRequest, campaign_id: uuid.UUID) -> HttpResponse:
    handler = (
        services.campaign_send_back
        if request.POST.get("decision") == "send_back"
        else services.campaign_approve
    )
    done = "Sent back to draft." if handler is services.campaign_send_back else "Approved."
    return _act(request, campaign_id, handler, done)


@require_POST
@login_required
@permission_required("marketing.send_campaign", raise_exception=True)
def campaign_test_send(request: SignedInRequest, campaign_id: uuid.UUID) -> HttpResponse:
    campaign = _campaign_or_404(campaign_id)
    services.campaign_test_send(campaign=campaign, actor=request.user)
    messages.success(request, f"A test copy is on its way to {request.user.email}.")
    return redirect("marketing:campaign_detail", campaign_id=campaign.pk)
