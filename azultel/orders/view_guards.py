"""Decorators for the ordering pages: the cookie check (P25) and HTTPS for card and identity
pages in production (P24)."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from urllib.parse import urlsplit

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.csrf import csrf_exempt, csrf_protect

from azultel.core.links import site_url

View = Callable[..., HttpResponse]


def cookies_page(request: HttpRequest, *, status: int = 200) -> HttpResponse:
    """Why ordering needs a session cookie, what it holds, and that browsing does not need it."""
    return render(request, "orders/cookies_needed.html", {"section": "home"}, status=status)


def session_cookie_required(view: View) -> View:
    """A POST from a browser that returned no cookie gets the cookie explanation (P25), not the
    generic "form expired" page; every other POST is checked for CSRF as usual.

    The order pages set the CSRF cookie when they show a form, so a browser that sends none back
    refuses cookies from this site.
    """
    protected = csrf_protect(view)

    @wraps(view)
    def wrapper(request: HttpRequest, *args: object, **kwargs: object) -> HttpResponse:
        if request.method == "POST" and settings.CSRF_COOKIE_NAME not in request.COOKIES:
            return cookies_page(request, status=403)
        return protected(request, *args, **kwargs)

    # The CSRF check runs inside the wrapper (csrf_protect), after the cookie check.
    return csrf_exempt(wrapper)


def https_required(view: View) -> View:
    """In production, pages that take card or identity data refuse plain HTTP outright (P24).

    The site redirects every HTTP request already (SECURE_SSL_REDIRECT); this is the second
    lock, for a proxy or setting that lets one through.
    """

    @wraps(view)
    def wrapper(request: HttpRequest, *args: object, **kwargs: object) -> HttpResponse:
        if (settings.PRODUCTION or settings.SECURE_SSL_REDIRECT) and not request.is_secure():
            # The way back is this page on the configured site over HTTPS, never an address
            # made of the request's Host header or script prefix.
            secure_url = urlsplit(site_url(request.path_info))._replace(scheme="https").geturl()
            return render(
                request,
                "orders/https_required.html",
                {"section": "home", "secure_url": secure_url},
                status=403,
            )
        return view(request, *args, **kwargs)

    return wrapper
