"""Demo partner (never loaded in production): Gulf Coast Telecom, a carrier-line reseller, with
a fixed client id and secret (printed by ``make run``), a person who may rotate its keys, two
customers who authorised it and an order it placed through the API. Idempotent."""

from __future__ import annotations

from datetime import date

from allauth.account.models import EmailAddress
from django.utils import timezone

from azultel.accounts.demo import STAFF_PASSWORD
from azultel.accounts.models import CustomerProfile, User
from azultel.api.models import Partner, PartnerCustomer, PartnerMember
from azultel.api.services import partner_create, partner_order_create
from azultel.core.actors import system_actor
from azultel.core.demo import DemoSignIn
from azultel.payments.services import card_tokenize

PARTNER_NAME = "Gulf Coast Telecom"
CLIENT_ID = "azultel-demo-partner"
CLIENT_SECRET = "azultel demo partner secret"  # noqa: S105 - demo only, printed by make run
MEMBER = "partner@demo.azultel.test"
CUSTOMERS = (
    ("luis.garcia@demo.azultel.test", "Luis", "Garcia", "400 Ocean Dr", "Miami Beach", "33139"),
    ("ana.silva@demo.azultel.test", "Ana", "Silva", "88 SW 8th St", "Miami", "33130"),
)
# The care desk's demo customer (care.demo opens her tickets): linked too, so that TMF621 trouble
# tickets have something to show.
CARE_CUSTOMER = "maria.lopez@demo.azultel.test"
SCOPES = ["catalog", "qualification", "order:read", "order:write", "customer", "bill", "hub",
          "ticket", "inventory"]  # fmt: skip


def _person(email: str, given: str, family: str) -> User:
    user = User.objects.filter(email=email).first()
    if user is None:
        user = User.objects.create_user(email, STAFF_PASSWORD, given_name=given, family_name=family)
        EmailAddress.objects.create(user=user, email=email, verified=True, primary=True)
    return user


def demo_seed() -> list[DemoSignIn]:
    sign_ins = [
        DemoSignIn("Partner API client id / secret", CLIENT_ID, CLIENT_SECRET),
        DemoSignIn("Partner portal (rotate API keys)", MEMBER, STAFF_PASSWORD),
    ]
    if Partner.objects.filter(name=PARTNER_NAME).exists():
        return sign_ins
    partner, _ = partner_create(name=PARTNER_NAME, scopes=SCOPES, actor=system_actor("demo"),
                                client_id=CLIENT_ID, client_secret=CLIENT_SECRET)  # fmt: skip
    PartnerMember.objects.create(partner=partner, user=_person(MEMBER, "Pat", "Partner"))
    for email, given, family, street, city, zip_code in CUSTOMERS:
        customer = _person(email, given, family)
        CustomerProfile.objects.get_or_create(
            user=customer,
            defaults={
                "street": street,
                "city": city,
                "state": "FL",
                "zip_code": zip_code,
                "local_profile_enabled_at": timezone.now(),
            },
        )
        PartnerCustomer.objects.create(
            partner=partner, customer=customer,
            authorization_reference="Demo: reseller agreement, customer consent form on file",
        )  # fmt: skip
    first = User.objects.get(email=CUSTOMERS[0][0])
    card = card_tokenize(customer=first, number="4242 4242 4242 4242", exp_month=12,
                         exp_year=date.today().year + 3, cvc="123", postal_code="33139",
                         save=True, actor=first)  # fmt: skip
    partner_order_create(partner=partner, customer=first, external_id="GCT-DEMO-0001",
                         items=[("cordless-phone-dect-2", 1)], card_id=str(card.pk))  # fmt: skip
    maria = User.objects.filter(email=CARE_CUSTOMER).first()
    if maria is not None:
        PartnerCustomer.objects.create(
            partner=partner, customer=maria,
            authorization_reference="Demo: customer consent form on file (trouble tickets)",
        )  # fmt: skip
    for email, *_ in CUSTOMERS[1:]:
        other = User.objects.get(email=email)
        card_tokenize(customer=other, number="4242 4242 4242 4242", exp_month=12,
                      exp_year=date.today().year + 3, cvc="123", postal_code="33130",
                      save=True, actor=other)  # fmt: skip
    return sign_ins
