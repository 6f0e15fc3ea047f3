"""Factories for referrals rows. A referral holds only the friend's keyed hash, so the factory
takes the friend's address and stores its fingerprint (never the address)."""

from __future__ import annotations

import factory

from azultel.comms.addresses import address_fingerprint
from azultel.referrals.models import BlockedAddress, Referral


class ReferralFactory(factory.django.DjangoModelFactory[Referral]):
    class Meta:
        model = Referral

    class Params:
        friend_email = factory.Sequence(lambda n: f"friend{n}@example.com")

    friend_hash = factory.LazyAttribute(lambda o: address_fingerprint(o.friend_email))
    by_visitor = False


class BlockedAddressFactory(factory.django.DjangoModelFactory[BlockedAddress]):
    class Meta:
        model = BlockedAddress

    class Params:
        email = "friend@example.com"

    fingerprint = factory.LazyAttribute(lambda o: address_fingerprint(o.email))
