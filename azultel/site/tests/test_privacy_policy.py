"""The privacy policy is a versioned record: the page shows the current one and links earlier ones."""

from __future__ import annotations

import datetime

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from azultel.privacy.models import PolicyVersion
from azultel.privacy.tests.factories import PolicyVersionFactory


def _version(
    version: str, effective: datetime.date, *, published: bool = True, body: str = ""
) -> PolicyVersion:
    return PolicyVersionFactory(
        version=version,
        effective_date=effective,
        body=body or f"## Section of {version}\n\nText of version {version}.",
        summary_of_changes=f"Changes in {version}.",
        published_at=timezone.now() if published else None,
    )


@pytest.mark.promise("P08")
@pytest.mark.django_db
def test_page_shows_current_version_and_links_earlier_ones(client: Client) -> None:
    today = timezone.localdate()
    _version("1.0", today - datetime.timedelta(days=400))
    # effective today, like the newest seeded version, and created after it: the current one
    _version("2.0", today)

    html = client.get(reverse("site:privacy_policy")).content.decode()

    assert "Version 2.0" in html
    assert "Text of version 2.0." in html
    assert "Text of version 1.0." not in html
    assert 'href="/legal/privacy/v/1.0/"' in html
    assert "Changes in 2.0." in html


@pytest.mark.django_db
def test_earlier_version_is_readable_and_marked_as_earlier(client: Client) -> None:
    today = timezone.localdate()
    _version("1.0", today - datetime.timedelta(days=400))
    _version("2.0", today - datetime.timedelta(days=10))

    html = client.get(reverse("site:privacy_policy_version", args=["1.0"])).content.decode()

    assert "Text of version 1.0." in html
    assert "This is an earlier version." in html


@pytest.mark.django_db
def test_drafts_and_future_versions_are_not_shown(client: Client) -> None:
    today = timezone.localdate()
    _version("1.0", today - datetime.timedelta(days=30))
    _version("1.1-draft", today - datetime.timedelta(days=1), published=False)
    _version("2.0", today + datetime.timedelta(days=30))

    html = client.get(reverse("site:privacy_policy")).content.decode()

    assert "Version 1.0" in html
    assert "1.1-draft" not in html and "Text of version 2.0." not in html
    assert client.get(reverse("site:privacy_policy_version", args=["1.1-draft"])).status_code == 404
    assert client.get(reverse("site:privacy_policy_version", args=["2.0"])).status_code == 404


@pytest.mark.django_db
def test_policy_body_markup_is_escaped(client: Client) -> None:
    _version("1.0", timezone.localdate(), body="<script>alert(1)</script>\n\n[site](/contact/)")

    html = client.get(reverse("site:privacy_policy")).content.decode()

    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert '<a href="/contact/">site</a>' in html


@pytest.mark.django_db
def test_no_policy_yet_still_answers(client: Client) -> None:
    PolicyVersion.objects.all().delete()

    response = client.get(reverse("site:privacy_policy"))

    assert response.status_code == 200
    assert b"The policy is being updated" in response.content


@pytest.mark.django_db
@pytest.mark.parametrize("version", ["a%00b", "x" * 40, "..%2f..", "1.0%20or%201=1"])
def test_odd_version_addresses_get_a_plain_404(client: Client, version: str) -> None:
    response = client.get(f"/legal/privacy/v/{version}/")

    assert response.status_code == 404
