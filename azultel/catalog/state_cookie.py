"""The state cookie (P25, P26): it holds the two-letter state code and nothing else."""

from __future__ import annotations

from django.conf import settings
from django.http import HttpResponse

from azultel.catalog.states import state_code_clean

STATE_COOKIE_MAX_AGE = 365 * 24 * 60 * 60


def state_cookie_set(response: HttpResponse, *, state: str) -> None:
    """Remember the visitor's state for a year: HttpOnly, SameSite=Lax, Secure where sessions are.

    Refuses anything but an exact, valid state code, so no other value can reach the cookie.
    """

    if state_code_clean(state) != state:
        raise ValueError(f"{state!r} is not a state code; the state cookie holds only a code.")
    response.set_cookie(
        settings.STATE_COOKIE_NAME,
        state,
        max_age=STATE_COOKIE_MAX_AGE,
        path="/",
        secure=settings.SESSION_COOKIE_SECURE,
        httponly=True,
        samesite="Lax",
    )


def state_cookie_clear(response: HttpResponse) -> None:
    response.delete_cookie(settings.STATE_COOKIE_NAME, path="/", samesite="Lax")
