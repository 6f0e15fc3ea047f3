"""Session lifetime (idle and absolute timeouts), two-factor sign-in for staff pages and the
staff "not part of your role" page."""

from __future__ import annotations

import time
from collections.abc import Callable
from urllib.parse import urlencode

from allauth.mfa.models import Authenticator
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import redirect, render
from django.urls import reverse

from azultel.accounts.models import User
from azultel.accounts.selectors import administrators_to_ask, staff_roles_of
from azultel.accounts.services import signin_session_touch
from azultel.accounts.staff_onboarding import holds_staff_powers, staff_after_totp_activation
from azultel.core.staff_pages import is_staff_page

STARTED = "azultel_auth_started"
SEEN = "azultel_last_seen"
TOUCH_EVERY_SECONDS = 60


class SessionLifetimeMiddleware:
    """Signs a person out after SESSION_IDLE_TIMEOUT_SECONDS without a request, and in any case
    SESSION_COOKIE_AGE after sign-in; records activity at most once a minute."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            now = int(time.time())
            session = request.session
            started = session.get(STARTED)
            seen = session.get(SEEN)
            if started is None or seen is None:
                session[STARTED] = session[SEEN] = now
            elif (
                now - seen > settings.SESSION_IDLE_TIMEOUT_SECONDS
                or now - started > settings.SESSION_COOKIE_AGE
            ):
                logout(request)
                messages.info(
                    request,
                    "You were signed out after a period without activity. Please sign in again.",
                )
            elif now - seen >= TOUCH_EVERY_SECONDS:
                session[SEEN] = now
                if session.session_key:
                    signin_session_touch(session_key=session.session_key)
        return self.get_response(request)


class StaffTwoFactorMiddleware:
    """Staff pages (``core.staff_pages``: views marked ``staff_page`` and the admin site) need
    two-step sign-in turned on (P23, B6).

    The decision is taken on the view the request resolved to (``process_view``), never on its
    path, so no script prefix or other part of the request line can get round it.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return staff_after_totp_activation(request, self.get_response(request))

    def process_view(
        self,
        request: HttpRequest,
        view_func: Callable[..., HttpResponseBase],
        view_args: tuple[object, ...],
        view_kwargs: dict[str, object],
    ) -> HttpResponse | None:
        if not is_staff_page(request, view_func):
            return None
        user = getattr(request, "user", None)
        if (
            user is not None
            and user.is_authenticated
            and _holds_staff_powers(user)
            and not _has_two_factor(user)
        ):
            messages.info(request, "Staff pages need two-step sign-in. Please set it up first.")
            # path_info: the page within this site, never a prefix the request brought along.
            query = urlencode({"next": request.path_info})
            return redirect(f"{reverse('mfa_activate_totp')}?{query}")
        return None

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        """A staff member refused a staff page gets the staff frame's "not part of your role"
        page (403), naming who to ask. Customers and visitors keep the site's own answers."""
        if not isinstance(exception, PermissionDenied):
            return None
        match = request.resolver_match
        if match is None or not is_staff_page(request, match.func):
            return None
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated or not _holds_staff_powers(user):
            return None

        return render(
            request,
            "accounts/staff/not_in_role.html",
            {
                "roles": staff_roles_of(user=user),
                "administrators": administrators_to_ask(),
            },
            status=403,
        )


def _holds_staff_powers(user: User) -> bool:
    """Staff by flag, by role (a group) or by a permission given directly."""
    return holds_staff_powers(user)


def _has_two_factor(user: object) -> bool:
    return bool(Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists())
