"""robots.txt and sitemap.xml name this site by SITE_URL, never by what a request says."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from azultel.core.testing.wsgi_client import WSGIClient

SITE_URL = "https://www.azultel.example"
POISONED = {
    "HTTP_HOST": "evil.example",
    "HTTP_X_FORWARDED_HOST": "evil.example",
    "HTTP_X_FORWARDED_PROTO": "http",
    "SCRIPT_NAME": "/x",
}


@pytest.fixture
def client() -> Client:
    """Sets the script prefix from SCRIPT_NAME for each request, as the real server does."""
    return WSGIClient()


@pytest.fixture(autouse=True)
def _site(settings: Any) -> None:
    settings.SITE_URL = SITE_URL
    settings.ALLOWED_HOSTS = ["testserver", "evil.example"]
    settings.FORCE_SCRIPT_NAME = None  # Django's default: the server's SCRIPT_NAME is believed


def test_robots_txt_points_to_the_sitemap_on_site_url(client: Client) -> None:
    body = client.get("/robots.txt", **POISONED).content.decode()

    assert f"Sitemap: {SITE_URL}/sitemap.xml\n" in body
    assert "evil.example" not in body and "/x/" not in body


@pytest.mark.django_db
def test_sitemap_addresses_are_on_site_url(client: Client) -> None:
    body = client.get("/sitemap.xml", **POISONED).content.decode()

    assert f"<loc>{SITE_URL}/</loc>" in body
    assert f"<loc>{SITE_URL}/legal/privacy/</loc>" in body
    assert "evil.example" not in body and "/x/" not in body
