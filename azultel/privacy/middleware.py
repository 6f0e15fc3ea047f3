"""Global Privacy Control (B1) and Do Not Track, read once per request."""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

from azultel.privacy.services import gpc_withdrawal_record

GPC_SESSION_FLAG = "gpc_withdrawal_recorded"


def request_sends_gpc(request: HttpRequest) -> bool:
    return request.headers.get("Sec-GPC", "").strip() == "1"


def request_sends_dnt(request: HttpRequest) -> bool:
    return request.headers.get("DNT", "").strip() == "1"


class GlobalPrivacyControlMiddleware:
    """Sets ``request.gpc``, ``request.dnt`` and ``request.ad_tailoring_allowed``.

    For a signed-in person sending ``Sec-GPC: 1`` it records a ``data_sharing`` withdrawal (source
    GPC) in the consent ledger, once per session, before the view runs.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        gpc = request_sends_gpc(request)
        request.gpc = gpc  # type: ignore[attr-defined]
        request.dnt = request_sends_dnt(request)  # type: ignore[attr-defined]
        request.ad_tailoring_allowed = not gpc  # type: ignore[attr-defined]
        user = getattr(request, "user", None)
        if gpc and user is not None and user.is_authenticated:
            session = getattr(request, "session", None)
            if session is None or not session.get(GPC_SESSION_FLAG):
                gpc_withdrawal_record(user=user)
                if session is not None:
                    session[GPC_SESSION_FLAG] = True
        return self.get_response(request)
