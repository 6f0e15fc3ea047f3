"""The gate of every privacy office page: not signed in is "not found"; signed in without the
permission is refused, and the attempt is logged (a disclosure page is worth watching)."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse

from azultel.compliance.services.refusals import refused

StaffView = Callable[..., HttpResponse]


def office_only(permission: str) -> Callable[[StaffView], StaffView]:
    def decorator(view: StaffView) -> StaffView:
        @wraps(view)
        def gated(request: HttpRequest, *args: object, **kwargs: object) -> HttpResponse:
            if not request.user.is_authenticated:
                raise Http404("Page not found.")
            if not request.user.has_perm(permission):
                refused(
                    actor=request.user,
                    what=f"open {request.path_info}",
                    reason="The page needs a role this person does not hold.",
                )
                raise PermissionDenied
            return view(request, *args, **kwargs)

        return gated

    return decorator
