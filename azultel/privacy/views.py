from __future__ import annotations

from django.contrib.auth.decorators import login_required, permission_required
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.views.decorators.cache import cache_control, never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_http_methods

from azultel.privacy import policy_notices
from azultel.privacy.forms import RevealForm
from azultel.privacy.selectors import sensitive_target_get
from azultel.privacy.services import RevealRefused, sensitive_reveal

GPC_LAST_UPDATE = "2026-11-01"


@require_GET
@cache_control(max_age=86400, public=True)
def gpc_json(request: HttpRequest) -> JsonResponse:
    """/.well-known/gpc.json: this site honours Global Privacy Control (B1)."""
    return JsonResponse({"gpc": True, "lastUpdate": GPC_LAST_UPDATE})


@require_http_methods(["GET", "POST"])
@login_required
@permission_required("privacy.reveal_sensitive", raise_exception=True)
@never_cache
def reveal(request: HttpRequest, model_label: str, pk: str, field: str) -> HttpResponse:
    """Staff reveal of one sensitive field: purpose and reason asked, every attempt logged (P23)."""
    target = sensitive_target_get(model_label=model_label, pk=pk, field=field)
    if target is None:
        raise Http404("No such sensitive field.")
    obj, declaration = target
    form = RevealForm(request.POST or None, purposes=declaration.purposes)
    clear = None
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                clear = sensitive_reveal(
                    obj=obj,
                    field=field,
                    actor=request.user,
                    purpose=form.cleaned_data["purpose"],
                    reason=form.cleaned_data["reason"],
                )
            except RevealRefused as exc:
                form.add_error(None, str(exc))
                status = 403
        else:
            status = 400
    return render(
        request,
        "privacy/reveal.html",
        {
            "form": form,
            "obj": obj,
            "field": field,
            "clear": clear,
            "masked": str(getattr(obj, field)),
            "label": declaration.description or field,
        },
        status=status,
    )


@csrf_exempt  # the signed token is the authority, as for one-click unsubscribe (no cookie needed)
@require_http_methods(["GET", "POST"])
def policy_opt_out(request: HttpRequest, token: str) -> HttpResponse:
    """The one-click opt-out in a policy-change notice: GET asks, POST refuses the use at once."""

    target = policy_notices.opt_out_target(token=token)
    if target is None:
        return render(request, "privacy/policy_opt_out.html", {"invalid": True}, status=404)
    done = False
    if request.method == "POST":
        policy_notices.policy_opt_out(target=target)
        done = True
    return render(
        request,
        "privacy/policy_opt_out.html",
        {
            "version": target.version,
            "done": done,
            "use": target.version.get_changed_use_topic_display(),
        },
    )
