"""Re-authentication keeps no copy of the request that needed it (P27, B6).

allauth's ``AccountMiddleware`` answers ``ReauthenticationRequired`` on a POST by storing the
whole request in the session (``flows.reauthentication.suspend_request``: every header with the
client address, the user agent and the cookies, and the posted form with what the person typed,
such as a new address) so that it can replay the POST once the password is confirmed. The session
row would keep all that for as long as the session lives.

``ReauthenticationMiddleware`` sits after allauth's middleware, so its ``process_exception`` runs
first and answers instead: the person goes to the re-authentication page with the page's path as
``next`` in the address (what allauth already does for a GET), comes back to that page once the
password is confirmed, and makes the change again. The session keeps nothing for it.
"""

from __future__ import annotations

from collections.abc import Callable

from allauth.account.adapter import get_adapter
from allauth.account.internal.flows.reauthentication import STATE_SESSION_KEY
from allauth.core.exceptions import ReauthenticationRequired
from django.contrib import messages
from django.contrib.auth import REDIRECT_FIELD_NAME
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse
from django.utils.http import urlencode


class ReauthenticationMiddleware:
    """Answers ``ReauthenticationRequired`` with a redirect that carries only the way back."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if isinstance(exception, ReauthenticationRequired):
            return reauthentication_redirect(request)
        return None


def reauthentication_redirect(request: HttpRequest) -> HttpResponseRedirect:
    """Send the person to confirm who they are, then back to this page; keep nothing else."""
    if request.user.is_authenticated:
        methods = get_adapter().get_reauthentication_methods(request.user)
        if not methods:
            raise PermissionDenied("Reauthentication not available")
        target = methods[0]["url"]
    else:
        target = reverse("account_login")
    # A request stashed by allauth before this middleware was in place must not be replayed
    # later, nor linger in the session row.
    state = request.session.get(STATE_SESSION_KEY)
    if isinstance(state, dict) and "request" in state:
        del request.session[STATE_SESSION_KEY]
    if request.method == "POST":
        messages.info(
            request,
            "For your security, please confirm your password first. Then make your change "
            "again: what you typed was not kept.",
        )
    # A GET comes back to the same address; a POST to its page, without any query string.
    back = request.get_full_path() if request.method == "GET" else request.path
    return HttpResponseRedirect(f"{target}?{urlencode({REDIRECT_FIELD_NAME: back})}")
