"""The demo (``manage.py seed_demo``): two invitations through the real service, one counted as
signed up; running it again adds nothing."""

from __future__ import annotations

from typing import Any

import pytest

from azultel.accounts.demo import demo_seed as accounts_seed
from azultel.catalog.demo import demo_seed as catalog_seed
from azultel.comms.models import OutboxMessage
from azultel.referrals.demo import demo_seed
from azultel.referrals.models import Referral
from azultel.referrals.selectors import referral_report

pytestmark = pytest.mark.django_db


def test_the_demo_shows_counts_and_is_idempotent(django_capture_on_commit_callbacks: Any) -> None:
    accounts_seed()
    catalog_seed()
    with django_capture_on_commit_callbacks(execute=True):
        demo_seed()
        demo_seed()

    counts = referral_report().all_time
    assert (counts.sent, counts.signed_up, counts.ordered) == (2, 1, 0)
    assert Referral.objects.filter(product_slug="fiber-300").count() == 2
    assert set(OutboxMessage.objects.values_list("status", "to_address")) == {("sent", "")}
