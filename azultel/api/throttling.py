"""Rate limits per partner client (``Partner.requests_per_minute``)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rest_framework.request import Request
from rest_framework.throttling import SimpleRateThrottle

from azultel.api.permissions import request_partner

if TYPE_CHECKING:
    from rest_framework.views import APIView


class PartnerRateThrottle(SimpleRateThrottle):
    """A sliding one-minute window per partner; the schema and docs are not limited."""

    scope = "partner"
    rate = "120/min"

    def get_rate(self) -> str:
        return self.rate

    def allow_request(self, request: Request, view: APIView) -> bool:
        partner = getattr(request, "_azultel_partner", None)
        if partner is None:
            return True
        self.num_requests = request_partner(request).requests_per_minute
        self.duration = 60
        return super().allow_request(request, view)

    def get_cache_key(self, request: Request, view: APIView) -> str:
        return f"api-rate-{request_partner(request).pk}"
