"""The HTTPS lock's way back is the page on SITE_URL, never on the request's Host (P24)."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client, override_settings

from azultel.core.testing.wsgi_client import WSGIClient


@pytest.fixture
def client() -> Client:
    """Sets the script prefix from SCRIPT_NAME for each request, as the real server does."""
    return WSGIClient()


@pytest.mark.promise("P24")
@pytest.mark.django_db
def test_the_secure_link_is_on_site_url_whatever_the_request_host(
    client: Client, settings: Any
) -> None:
    settings.SITE_URL = "https://www.azultel.example"
    settings.ALLOWED_HOSTS = ["testserver", "evil.example"]
    settings.FORCE_SCRIPT_NAME = None  # Django's default: the server's SCRIPT_NAME is believed

    with override_settings(PRODUCTION=True, SECURE_SSL_REDIRECT=False):
        response = client.get(
            "/order/checkout/payment/",
            HTTP_HOST="evil.example",
            HTTP_X_FORWARDED_HOST="evil.example",
            SCRIPT_NAME="/x",
        )

    html = response.content.decode()
    assert response.status_code == 403
    assert 'href="https://www.azultel.example/order/checkout/payment/"' in html
    assert "evil.example" not in html
