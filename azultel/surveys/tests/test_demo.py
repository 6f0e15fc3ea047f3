"""The demo surveys load, and loading them twice changes nothing."""

from __future__ import annotations

import pytest

from azultel.surveys.demo import demo_seed
from azultel.surveys.models import Response, Survey

pytestmark = pytest.mark.django_db


def test_demo_seed_is_idempotent() -> None:
    demo_seed()
    demo_seed()
    anonymous = Survey.objects.get(anonymous=True)
    assert anonymous.public and anonymous.status == "open"
    assert Response.objects.filter(survey=anonymous).count() == 4
    attributed = Survey.objects.get(anonymous=False)
    assert attributed.status == "open" and not attributed.public
