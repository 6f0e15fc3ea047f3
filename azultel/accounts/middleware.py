"""Session lifetime (idle and absolute timeouts) and two-factor sign-in for staff pages."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any
from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse

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
                from azultel.accounts.services import signin_session_touch

                session[SEEN] = now
                if session.session_key:
                    signin_session_touch(session_key=session.session_key)
        return self.get_response(request)


class StaffTwoFactorMiddleware:
    """Staff pages (the admin and /staff/) need two-step sign-in turned on (P23, B6)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = getattr(request, "user", None)
        path = request.path
        if (
            user is not None
            and user.is_authenticated
            and (path.startswith("/staff/") or path.startswith(f"/{settings.ADMIN_URL_PATH}"))
            and _holds_staff_powers(user)
            and not _has_two_factor(user)
        ):
            messages.info(request, "Staff pages need two-step sign-in. Please set it up first.")
            return redirect(f"{reverse('mfa_activate_totp')}?{urlencode({'next': path})}")
        return self.get_response(request)


def _holds_staff_powers(user: Any) -> bool:
    """Staff by flag, by role (a group) or by a permission given directly."""
    return bool(user.is_staff or user.groups.exists() or user.user_permissions.exists())


def _has_two_factor(user: object) -> bool:
    from allauth.mfa.models import Authenticator

    return Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()
