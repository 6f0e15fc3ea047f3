"""A test-only URLconf: the site's routes plus views that fail the way a refused database and a
full upload store do."""

from __future__ import annotations

from django.db import OperationalError
from django.http import HttpRequest, HttpResponse
from django.urls import path

from azultel.config.urls import urlpatterns as site_urlpatterns
from azultel.core.file_storage import StorageError


def database_refuses(request: HttpRequest) -> HttpResponse:
    raise OperationalError("connection refused")


def upload_store_full(request: HttpRequest) -> HttpResponse:
    raise StorageError("No space left on device")


def plain_bug(request: HttpRequest) -> HttpResponse:
    raise ValueError("a bug, not an outage")


urlpatterns = [
    path("test-outage/", database_refuses),
    path("test-store-full/", upload_store_full),
    path("test-bug/", plain_bug),
    *site_urlpatterns,
]
