"""The demo (``manage.py seed_demo``): a request waiting for the second officer, a breach in its
holding period, last year's signed certificate; running it again adds nothing."""

from __future__ import annotations

import pytest
from django.utils import timezone

from azultel.accounts.demo import demo_seed as accounts_seed
from azultel.compliance.demo import demo_seed
from azultel.compliance.models import CpniCertification, DisclosureRequest, RequestStatus
from azultel.compliance.services import breach_clock
from azultel.privacy.models import CpniBreach

pytestmark = pytest.mark.django_db


def test_the_demo_shows_each_step_and_is_idempotent() -> None:
    accounts_seed()

    demo_seed()
    demo_seed()

    request = DisclosureRequest.objects.get()
    assert request.status == RequestStatus.WAITING
    breach = CpniBreach.objects.get()
    holding = breach_clock(breach=breach)[2]
    assert holding.title == "Holding period" and holding.state == "waiting"
    certificate = CpniCertification.objects.get()
    assert certificate.year == timezone.localdate().year - 1
