from __future__ import annotations

from django.http import HttpRequest, JsonResponse
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET

GPC_LAST_UPDATE = "2026-11-01"


@require_GET
@cache_control(max_age=86400, public=True)
def gpc_json(request: HttpRequest) -> JsonResponse:
    """/.well-known/gpc.json: this site honours Global Privacy Control (B1)."""
    return JsonResponse({"gpc": True, "lastUpdate": GPC_LAST_UPDATE})
