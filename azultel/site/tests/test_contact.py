"""Contact Us: valid messages are stored; every rejection shows errors and stores nothing."""

from __future__ import annotations

import json

import pytest
from django.test import Client
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from azultel.accounts.models import User
from azultel.accounts.services import account_erase
from azultel.accounts.testing import customer_create, sign_in
from azultel.accounts.tests.factories import EmailAddressFactory
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


# --- Which account a message belongs to: only the signed-in sender's own ---------------------


def _my_data_messages(user: User) -> list[dict[str, str]]:
    """The Contact Us messages in the person's own My data download (signed in for real)."""
    client = Client()
    sign_in(client, user)
    response = client.get(reverse("accounts:my_data_download"))
    assert response.status_code == 200
    messages: list[dict[str, str]] = json.loads(response.content)["contact_messages"]
    return messages


@pytest.mark.promise("B2")
@pytest.mark.django_db
def test_a_signed_out_sender_typing_a_customers_address_reaches_no_account(client: Client) -> None:
    # Given a customer whose address is verified
    victim = customer_create(email="victim@example.com", verified=True)

    # When someone signed out sends a message typing that address
    response = client.post(URL, {**VALID, "email": "Victim@Example.com"})

    # Then the message is kept unattached, and the customer's My data does not hold it
    assert response.status_code == 302
    stored = ContactMessage.objects.get()
    assert (stored.account_id, stored.email) == (None, "Victim@Example.com")
    assert _my_data_messages(victim) == []


@pytest.mark.promise("B2")
@pytest.mark.django_db
def test_an_unverified_address_of_an_account_attaches_nothing(client: Client) -> None:
    # Given a customer who has added a second address and not yet confirmed it
    customer = customer_create(email="kim@example.com")
    EmailAddressFactory(user=customer, email="ana.ruiz@example.com", verified=False, primary=False)

    # When someone signed out sends a message typing the unconfirmed address
    response = client.post(URL, {**VALID, "email": "ana.ruiz@example.com"})

    # Then the message is kept unattached, and the customer's My data does not hold it
    assert response.status_code == 302
    assert list(ContactMessage.objects.values_list("account_id", "email")) == [
        (None, "ana.ruiz@example.com")
    ]
    assert _my_data_messages(customer) == []


@pytest.mark.promise("B2")
@pytest.mark.django_db
def test_a_signed_in_sender_is_attached_to_their_own_account_whatever_address_they_type(
    client: Client,
) -> None:
    # Given two customers, the sender signed in
    sender = customer_create(email="sender@example.com")
    other = customer_create(email="other@example.com")
    sign_in(client, sender)

    # When the sender types the other customer's address
    response = client.post(URL, {**VALID, "email": "other@example.com"})

    # Then the message belongs to the sender, with the typed address kept as the reply address
    assert response.status_code == 302
    stored = ContactMessage.objects.get()
    assert (stored.account_id, stored.email) == (sender.pk, "other@example.com")
    # And only the sender's My data holds it
    assert [m["message"] for m in _my_data_messages(sender)] == [VALID["message"]]
    assert _my_data_messages(other) == []


@pytest.mark.promise("B2")
@pytest.mark.django_db
def test_erasure_removes_own_messages_and_signed_out_ones_from_a_verified_address(
    client: Client,
) -> None:
    # Given a customer's own message, a signed-out one typed with the customer's verified
    # address, another customer's signed-in message typed with that address too, and a
    # signed-out one typed with an address the customer added but never confirmed
    customer = customer_create(email="kim@example.com")
    other = customer_create(email="lee@example.com")
    EmailAddressFactory(user=customer, email="kim@work.example", verified=False, primary=False)
    Client().post(URL, {**VALID, "email": "kim@work.example", "message": "Not proven Kim's."})
    sign_in(client, customer)
    client.post(URL, {**VALID, "email": "kim@example.com", "message": "Mine, signed in."})
    Client().post(URL, {**VALID, "email": "KIM@example.com", "message": "Signed out, my address."})
    other_client = Client()
    sign_in(other_client, other)
    other_client.post(URL, {**VALID, "email": "kim@example.com", "message": "Lee's, signed in."})

    # When the customer's account is erased
    account_erase(user=customer, actor=customer)

    # Then only the other customer's message and the unconfirmed address's one are left
    assert set(ContactMessage.objects.values_list("account_id", "message")) == {
        (other.pk, "Lee's, signed in."),
        (None, "Not proven Kim's."),
    }
