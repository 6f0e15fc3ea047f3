"""Who may call the API: a valid token of an active partner, holding the view's scope."""

from __future__ import annotations

from typing import TYPE_CHECKING

from oauth2_provider.models import AccessToken
from rest_framework.exceptions import PermissionDenied
from rest_framework.permissions import BasePermission
from rest_framework.request import Request

from azultel.api.models import Partner

if TYPE_CHECKING:
    from rest_framework.views import APIView

_PARTNER_ATTRIBUTE = "_azultel_partner"


class PartnerScope(BasePermission):
    """The token's partner is active and the token carries ``view.scopes[method]``."""

    def has_permission(self, request: Request, view: APIView) -> bool:
        token = request.auth
        if not isinstance(token, AccessToken) or not token.is_valid():
            return False
        partner = (
            Partner.objects.filter(application_id=token.application_id, is_active=True)
            .only("id", "name", "requests_per_minute")
            .first()
        )
        if partner is None:
            return False
        scopes: dict[str, str] = getattr(view, "scopes", {})
        scope = scopes.get(request.method or "", "")
        if not scope or not token.allow_scopes([scope]):
            raise PermissionDenied(f"This needs the scope {scope!r}, which your token lacks.")
        setattr(request, _PARTNER_ATTRIBUTE, partner)
        return True


def request_partner(request: Request) -> Partner:
    """The partner ``PartnerScope`` found for this request."""
    partner = getattr(request, _PARTNER_ATTRIBUTE, None)
    if not isinstance(partner, Partner):
        raise PermissionDenied("No partner.")
    return partner
