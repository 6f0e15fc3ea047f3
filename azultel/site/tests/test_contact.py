"""Contact Us: valid messages are stored; every rejection shows errors and stores nothing."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from azultel.site.models import ContactMessage

URL = reverse("site:contact")
VALID = {
    "name": "Ana Ruiz",
    "email": "ana.ruiz@example.com",
    "topic": "privacy",
    "message": "Which cookies do you set when I order service?",
}


@pytest.mark.promise("P03")
@pytest.mark.django_db
def test_valid_message_is_stored_and_thanked(client: Client) -> None:
    response = client.post(URL, VALID, follow=True)

    assert response.redirect_chain == [(reverse("site:contact_thanks"), 302)]
    assert b"Thank you, your message has been sent" in response.content
    stored = ContactMessage.objects.get()
    assert (stored.name, stored.email, stored.topic) == (
        "Ana Ruiz",
        "ana.ruiz@example.com",
        "privacy",
    )


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("change", "field", "error"),
    [
        ({"name": ""}, "name", "This field is required."),
        ({"name": "   "}, "name", "This field is required."),
        ({"name": "n" * 121}, "name", "at most 120 characters"),
        ({"email": "not-an-email"}, "email", "Enter a valid email address."),
        ({"email": ""}, "email", "This field is required."),
        ({"topic": "sell-my-data"}, "topic", "Select a valid choice."),
        ({"message": ""}, "message", "This field is required."),
        ({"message": "too short"}, "message", "at least 10 characters"),
        ({"message": "m" * 5001}, "message", "at most 5000 characters"),
        ({"message": "null \x00 byte in message"}, "message", "Null characters are not allowed."),
    ],
)
def test_each_rejection_shows_the_error_beside_the_field_and_stores_nothing(
    client: Client, change: dict[str, str], field: str, error: str
) -> None:
    response = client.post(URL, {**VALID, **change})

    assert response.status_code == 400
    html = response.content.decode()
    error_block = html.split(f'id="id_{field}_error"', 1)[1].split("</ul>", 1)[0]
    assert error in error_block
    assert f'aria-describedby="id_{field}_hint id_{field}_error"' in html or (
        f'aria-describedby="id_{field}_error"' in html
    )
    assert 'aria-invalid="true"' in html
    assert ContactMessage.objects.count() == 0


@pytest.mark.django_db
def test_markup_in_fields_is_shown_escaped(client: Client) -> None:
    response = client.post(URL, {**VALID, "name": "<b>x</b>", "email": "<script>alert(1)</script>"})

    html = response.content.decode()
    assert response.status_code == 400
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert ContactMessage.objects.count() == 0


@pytest.mark.django_db
def test_stored_markup_stays_text(client: Client) -> None:
    client.post(URL, {**VALID, "message": "<img src=x onerror=alert(1)> hello there"})

    assert ContactMessage.objects.get().message == "<img src=x onerror=alert(1)> hello there"


@pytest.mark.django_db
def test_submissions_are_rate_limited_per_client(client: Client, settings: object) -> None:
    limit = 5
    for _ in range(limit):
        assert client.post(URL, VALID, REMOTE_ADDR="203.0.113.7").status_code == 302

    blocked = client.post(URL, VALID, REMOTE_ADDR="203.0.113.7")
    other_client = client.post(URL, VALID, REMOTE_ADDR="198.51.100.20")

    assert blocked.status_code == 429
    assert "several messages from you in a short time" in blocked.content.decode()
    assert other_client.status_code == 302
    assert ContactMessage.objects.count() == limit + 1


@pytest.mark.promise("P27")
@pytest.mark.django_db
def test_rate_limit_keeps_no_raw_address_in_the_cache(client: Client) -> None:
    from django.core.cache import cache

    client.post(URL, VALID, REMOTE_ADDR="203.0.113.99")

    keys = list(cache._cache.keys())  # type: ignore[attr-defined]
    assert keys
    assert not any("203.0.113.99" in str(k) for k in keys)


@pytest.mark.django_db
@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    data=st.dictionaries(
        st.sampled_from(["name", "email", "topic", "message", "extra"]),
        st.text(max_size=300),
    )
)
def test_arbitrary_form_data_never_causes_a_server_error(
    client: Client, data: dict[str, str]
) -> None:
    response = client.post(URL, data)

    assert response.status_code in (302, 400, 429)
