"""Forms on cached pages: a POST proven to come from this site's own pages needs no CSRF token.

A shop page is cached and served to every visitor of a state, so it cannot carry one visitor's
CSRF token (and a first-time visitor has no CSRF cookie to match one). Browsers say where a form
was submitted from: ``Sec-Fetch-Site`` (every current browser) and ``Origin`` (every POST). A
POST whose ``Sec-Fetch-Site`` is ``same-origin``, or, without that header, whose ``Origin`` is
this site, cannot have been forged by another site. Any other answer is refused; a POST with
neither header (an old browser, a script) falls back to the ordinary CSRF token check.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Literal

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils.module_loading import import_string
from django.views.decorators.csrf import csrf_exempt, csrf_protect

View = Callable[..., HttpResponse]
Verdict = Literal["same", "cross", "unknown"]


def _own_origins(request: HttpRequest) -> set[str]:
    origins = {f"{request.scheme}://{request.get_host()}"}
    site_url = getattr(settings, "SITE_URL", "")
    if site_url:
        origins.add(site_url.rstrip("/"))
    origins.update(o.rstrip("/") for o in getattr(settings, "CSRF_TRUSTED_ORIGINS", []))
    return origins


def request_origin(request: HttpRequest) -> Verdict:
    """Whether the browser says this request comes from this site's own pages."""
    fetch_site = request.headers.get("Sec-Fetch-Site")
    if fetch_site is not None:
        return "same" if fetch_site == "same-origin" else "cross"
    origin = request.headers.get("Origin")
    if origin is None:
        return "unknown"
    return "same" if origin in _own_origins(request) else "cross"


def _refuse(request: HttpRequest) -> HttpResponse:
    failure_view: Callable[..., HttpResponse] = import_string(settings.CSRF_FAILURE_VIEW)
    return failure_view(request, reason="The form was not sent from this site.")


def same_origin_post(fallback: Callable[[View], View] = csrf_protect) -> Callable[[View], View]:
    """Accept a POST the browser marks as same-origin without a CSRF token; refuse one it marks
    as coming from elsewhere; check anything else (and every GET) with ``fallback``, the
    view's ordinary CSRF guard."""

    def decorate(view: View) -> View:
        guarded = fallback(view)

        @wraps(view)
        def wrapper(request: HttpRequest, *args: object, **kwargs: object) -> HttpResponse:
            if request.method == "POST":
                verdict = request_origin(request)
                if verdict == "cross":
                    return _refuse(request)
                if verdict == "same":
                    return view(request, *args, **kwargs)
            return guarded(request, *args, **kwargs)

        # The check runs in the wrapper (the origin headers, else ``fallback``'s CSRF check).
        return csrf_exempt(wrapper)

    return decorate
