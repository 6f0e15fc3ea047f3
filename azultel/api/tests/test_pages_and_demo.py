"""The partner portal (key rotation), the reference page, the demo partner, and P06."""

from __future__ import annotations

import base64

import pytest
from django.test import Client

from azultel.accounts.models import User
from azultel.api.models import Partner, PartnerMember, PartnerOrder
from azultel.api.tests.conftest import api, token_for
from azultel.orders.models import ListingChoice
from azultel.orders.tests.factories import OrderLineFactory


def _token(client_id: str, secret: str) -> int:
    basic = base64.b64encode(f"{client_id}:{secret}".encode()).decode()
    return Client().post("/api/oauth/token/", {"grant_type": "client_credentials"},
                         headers={"Authorization": f"Basic {basic}"}).status_code  # fmt: skip


def test_member_rotates_the_secret_and_the_old_one_and_its_tokens_stop(
    partner: Partner, customer: User
) -> None:
    from azultel.accounts.testing import customer_create

    old_token = token_for(partner)
    member = customer_create(email="pat@example.com")
    PartnerMember.objects.create(partner=partner, user=member)
    browser = Client()
    browser.force_login(member)
    assert partner.application.client_id in browser.get("/api/portal/").content.decode()
    page = browser.post("/api/portal/")
    assert page.status_code == 200
    secret = page.context["credentials"].client_secret
    assert secret in page.content.decode()
    assert _token(partner.application.client_id, secret) == 200
    assert api(old_token).get("/api/tmf-api/customerManagement/v4/customer").status_code == 401


def test_portal_is_not_found_for_people_of_no_partner(customer: User) -> None:
    browser = Client()
    browser.force_login(customer)
    assert browser.post("/api/portal/").status_code == 404


def test_reference_page_lists_every_operation(db: None) -> None:
    page = Client().get("/api/docs/")
    assert page.status_code == 200
    text = page.content.decode()
    for operation in (
        "createProductOrder",
        "listCustomer",
        "retrieveCustomerBill",
        "registerListener",
    ):
        assert operation in text
    assert "https://" not in page["Content-Security-Policy"]
    assert Client().get("/api/schema/?format=json").json()["openapi"].startswith("3.")


@pytest.mark.promise("P06")
def test_a_non_published_listing_never_reaches_a_partner(partner: Partner, customer: User) -> None:
    line = OrderLineFactory(order__customer=customer, listing_choice=ListingChoice.NON_PUBLISHED,
                            listed_name="Hidden Person")  # fmt: skip
    body = (
        api(token_for(partner))
        .get(f"/api/tmf-api/productOrderingManagement/v4/productOrder/{line.order.pk}")
        .content.decode()
    )
    assert str(line.order.pk) in body
    assert "Hidden Person" not in body and "non_published" not in body


def test_demo_partner_is_seeded_once_and_its_credentials_work(db: None, settings: object) -> None:
    from azultel.accounts.demo import demo_seed as accounts_seed
    from azultel.api.demo import CLIENT_ID, CLIENT_SECRET, demo_seed
    from azultel.catalog.demo import demo_seed as catalog_seed

    catalog_seed()
    accounts_seed()
    demo_seed()
    demo_seed()
    assert Partner.objects.count() == 1 and PartnerOrder.objects.count() == 1
    assert _token(CLIENT_ID, CLIENT_SECRET) == 200
