"""47 CFR 64.2010: call detail and other CPNI are never released over an unauthenticated channel.
Every route that can produce a disclosure is a staff page under /staff/ (two-step sign-in), and
no other module calls the hand-over."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver

from azultel.accounts.models import User
from azultel.compliance.services import disclosure_request_approve, disclosure_request_record
from azultel.compliance.tests.conftest import draft_for
from azultel.core.staff_pages import STAFF_PAGE_ATTRIBUTE
from azultel.privacy.models import Disclosure

ROOT = Path(__file__).resolve().parents[2]


def _routes(resolver: URLResolver, prefix: str = "") -> list[tuple[str, object]]:
    found: list[tuple[str, object]] = []
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            found.extend(_routes(entry, prefix + str(entry.pattern)))
        elif isinstance(entry, URLPattern):
            found.append((prefix + str(entry.pattern), entry.callback))
    return found


def test_every_compliance_route_is_a_staff_page_under_staff() -> None:
    routes = [
        (route, view)
        for route, view in _routes(get_resolver())
        if getattr(view, "__module__", "").startswith("azultel.compliance")
    ]

    assert len(routes) >= 5
    for route, view in routes:
        assert route.startswith("staff/"), route
        assert getattr(view, STAFF_PAGE_ATTRIBUTE, False), route


def test_only_the_staff_views_call_the_hand_over() -> None:
    callers = {
        str(path.relative_to(ROOT))
        for path in ROOT.rglob("*.py")
        if "tests" not in path.parts
        and re.search(r"\b(disclosure_hand_over|hand_over_content)\(", path.read_text())
    }

    assert callers == {
        "compliance/services/disclosures.py",
        "compliance/views/disclosures.py",
    }


@pytest.mark.promise("P14")
@pytest.mark.django_db
def test_a_visitor_gets_nothing_from_the_download_address(
    officer: User, second_officer: User, customer: User
) -> None:
    request = disclosure_request_record(
        actor=officer, draft=draft_for(customer, kind="emergency", fields=["call_detail"])
    )
    disclosure_request_approve(actor=second_officer, request_id=request.pk, fields=["call_detail"])

    response = Client().post(f"/staff/compliance/disclosures/{request.pk}/download/")
    customer_client = Client()
    customer_client.force_login(customer)
    as_customer = customer_client.post(f"/staff/compliance/disclosures/{request.pk}/download/")

    assert response.status_code in (302, 404)
    assert as_customer.status_code in (302, 403, 404)
    assert b"+1305555" not in response.content + as_customer.content
    assert Disclosure.objects.count() == 0
