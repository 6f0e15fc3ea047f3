"""The gate of every privacy office page: not signed in is "not found"; signed in without the
permission is refused, and the attempt is logged (a disclosure page is worth watching)."""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

from azultel.compliance.services.refusals import refused
from azultel.core.staff_pages import staff_permission

StaffView = Callable[..., HttpResponse]


def _attempt_logged(request: HttpRequest) -> None:
    refused(
        actor=request.user,
        what=f"open {request.path_info}",
        reason="The page needs a role this person does not hold.",
    )


def office_only(permission: str) -> Callable[[StaffView], StaffView]:
    return staff_permission(permission, on_refused=_attempt_logged)
