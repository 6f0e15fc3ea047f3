"""Liveness, readiness and metrics. None of them reads a session or counts as a page view."""

from __future__ import annotations

import hmac

from django.conf import settings
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from azultel.core.ratelimit import client_address
from azultel.ops.health import readiness_run
from azultel.ops.metrics import metrics_render


@never_cache
@require_GET
def live(request: HttpRequest) -> HttpResponse:
    """The process answers (no database, no cache): restart it when this fails."""
    return HttpResponse("ok\n", content_type="text/plain")


@never_cache
@require_GET
def ready(request: HttpRequest) -> JsonResponse:
    """Database, cache, broker reachable and migrations applied: send traffic only when 200."""
    results = readiness_run()
    ok = all(result.ok for result in results)
    response = JsonResponse(
        {
            "status": "ok" if ok else "unavailable",
            "checks": {
                r.name: {"ok": r.ok, "detail": r.detail, "seconds": r.seconds} for r in results
            },
        },
        status=200 if ok else 503,
    )
    if not ok:
        response["Retry-After"] = str(settings.DATABASE_OUTAGE_RETRY_AFTER_SECONDS)
    return response


def metrics_allowed(request: HttpRequest) -> bool:
    """From a configured address (the client behind trusted proxies), or with the token."""
    token = settings.METRICS_TOKEN
    offered = str(request.META.get("HTTP_AUTHORIZATION", ""))
    if token and hmac.compare_digest(offered.encode(), f"Bearer {token}".encode()):
        return True
    return client_address(request) in settings.METRICS_ALLOWED_IPS


@never_cache
@require_GET
def metrics(request: HttpRequest) -> HttpResponse:
    """Prometheus text format; 404 to anyone not allowed (the path is not advertised)."""
    if not metrics_allowed(request):
        return HttpResponse("Not found\n", status=404, content_type="text/plain")
    body, content_type = metrics_render()
    return HttpResponse(body, content_type=content_type)
