"""Staff pages for segments: list, new (with "Preview count" on the same form), change."""

from __future__ import annotations

import uuid

from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods

from azultel.accounts.http import SignedInRequest
from azultel.core.paging import list_page
from azultel.marketing import selectors, services
from azultel.marketing.forms import SegmentForm
from azultel.marketing.models import Segment
from azultel.marketing.rules import RuleRejected, rules_combine_channels, rules_use_cpni
from azultel.marketing.services import CampaignRejected


@require_GET
@login_required
@permission_required("marketing.view_segment", raise_exception=True)
def segment_list(request: SignedInRequest) -> HttpResponse:
    listing = list_page(request, selectors.segment_list())
    return render(request, "marketing/staff/segment_list.html", {"listing": listing})


def _form_page(
    request: SignedInRequest, form: SegmentForm, segment: Segment | None
) -> HttpResponse:
    """Preview (count only, nothing saved) or save, from the same form."""
    preview = None
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                rules = services.segment_rules_clean(form.rules())
                if request.POST.get("action") == "preview":
                    preview = {
                        "count": selectors.segment_count(rules=rules),
                        "cpni": rules_use_cpni(rules),
                        "combines": rules_combine_channels(rules),
                    }
                    status = 200
                else:
                    data = form.cleaned_data
                    if segment is None:
                        saved = services.segment_create(
                            name=data["name"],
                            description=data["description"],
                            rules=rules,
                            actor=request.user,
                        )
                    else:
                        saved = services.segment_update(
                            segment=segment,
                            name=data["name"],
                            description=data["description"],
                            rules=rules,
                            actor=request.user,
                        )
                    messages.success(request, f"Segment “{saved.name}” saved.")
                    return redirect("marketing:segment_list")
            except RuleRejected as exc:
                form.add_error(exc.field if exc.field in form.fields else None, str(exc))
            except CampaignRejected as exc:
                form.add_error(None, str(exc))
    return render(
        request,
        "marketing/staff/segment_form.html",
        {"form": form, "segment": segment, "preview": preview},
        status=status,
    )


@require_http_methods(["GET", "POST"])
@login_required
@permission_required("marketing.add_segment", raise_exception=True)
def segment_new(request: SignedInRequest) -> HttpResponse:
    form = SegmentForm(request.POST or None)
    return _form_page(request, form, None)


@require_http_methods(["GET", "POST"])
@login_required
@permission_required("marketing.change_segment", raise_exception=True)
def segment_edit(request: SignedInRequest, segment_id: uuid.UUID) -> HttpResponse:
    segment = selectors.segment_get(segment_id=segment_id)
    if segment is None:
        raise Http404("No such segment.")
    form = SegmentForm(request.POST or None, initial=SegmentForm.initial_for(segment))
    return _form_page(request, form, segment)
