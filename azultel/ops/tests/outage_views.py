"""A test-only URLconf: the site's routes plus a view that fails the way a refused database does."""

from __future__ import annotations

from django.db import OperationalError
from django.http import HttpRequest, HttpResponse
from django.urls import path

from azultel.config.urls import urlpatterns as site_urlpatterns


def database_refuses(request: HttpRequest) -> HttpResponse:
    raise OperationalError("connection refused")


def plain_bug(request: HttpRequest) -> HttpResponse:
    raise ValueError("a bug, not an outage")


urlpatterns = [
    path("test-outage/", database_refuses),
    path("test-bug/", plain_bug),
    *site_urlpatterns,
]
