"""Who may read what: tokens, scopes (P23), own customers only (P14), no sensitive data (P24)."""

from __future__ import annotations

import base64

import pytest

from azultel.accounts.models import User
from azultel.api.models import Partner
from azultel.api.tests.conftest import api, token_for
from azultel.privacy.models import Disclosure

CUSTOMERS = "/api/tmf-api/customerManagement/v4/customer"
OFFERINGS = "/api/tmf-api/productCatalogManagement/v4/productOffering"


@pytest.mark.promise("P23")
def test_no_token_is_401_in_tmf_shape(db: None) -> None:
    response = api("nope").get(OFFERINGS)
    assert response.status_code == 401
    assert response.json()["code"] == "401" and "reason" in response.json()


@pytest.mark.promise("P23")
def test_token_without_the_scope_is_403(partner: Partner, customer: User) -> None:
    response = api(token_for(partner, ["catalog"])).get(CUSTOMERS)
    assert response.status_code == 403
    assert "customer" in response.json()["message"]


@pytest.mark.promise("P23")
def test_client_credentials_grant_only_the_partners_scopes(db: None) -> None:
    from azultel.api.services import partner_create
    from azultel.core.actors import system_actor

    _partner, creds = partner_create(name="Narrow", scopes=["catalog"], actor=system_actor("t"))
    basic = base64.b64encode(f"{creds.client_id}:{creds.client_secret}".encode()).decode()
    from django.test import Client

    response = Client().post(
        "/api/oauth/token/",
        {"grant_type": "client_credentials", "scope": "catalog customer"},
        headers={"Authorization": f"Basic {basic}"},
    )
    assert response.status_code in (400, 401)
    ok = Client().post(
        "/api/oauth/token/",
        {"grant_type": "client_credentials", "scope": "catalog"},
        headers={"Authorization": f"Basic {basic}"},
    )
    assert ok.status_code == 200
    assert ok.json()["scope"] == "catalog"
    token = ok.json()["access_token"]
    assert api(token).get(OFFERINGS).status_code == 200
    assert api(token).get(CUSTOMERS).status_code == 403


@pytest.mark.promise("P14")
def test_partner_sees_only_its_own_customers_and_each_read_is_a_disclosure(
    partner: Partner, customer: User, other_customer: User
) -> None:
    client = api(token_for(partner))
    listed = client.get(CUSTOMERS)
    assert listed.status_code == 200
    assert [c["id"] for c in listed.json()] == [str(customer.public_id)]
    assert listed["X-Total-Count"] == "1" and listed["X-Result-Count"] == "1"
    assert client.get(f"{CUSTOMERS}/{other_customer.public_id}").status_code == 404
    assert client.get(f"{CUSTOMERS}/{customer.public_id}").status_code == 200
    assert Disclosure.objects.filter(recipient="API partner Carrier One").count() == 2


@pytest.mark.promise("P24")
def test_customer_never_carries_sensitive_fields(partner: Partner, customer: User) -> None:
    body = api(token_for(partner)).get(f"{CUSTOMERS}/{customer.public_id}").content.decode()
    for word in ("ssn", "birth", "card", "4242"):
        assert word not in body.lower()


def test_fields_selection_and_paging(partner: Partner, demo_catalog: None) -> None:
    client = api(token_for(partner))
    response = client.get(OFFERINGS, {"fields": "name", "limit": 2, "offset": 1})
    assert response.status_code == 200
    items = response.json()
    assert len(items) == 2 and response["X-Result-Count"] == "2"
    assert int(response["X-Total-Count"]) > 2
    assert set(items[0]) == {"id", "href", "name", "@type"}
    assert client.get(OFFERINGS, {"limit": "0"}).status_code == 400
