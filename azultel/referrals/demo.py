"""Demo referrals (never loaded in production): the demo customer told two friends about a plan
through the real service (the emails land in the local mailbox), and one of them signed up, so
the account home and /staff/referrals/ show counts. Idempotent: nothing is done once any
referral exists."""

from __future__ import annotations

from azultel.accounts.demo import CUSTOMER
from azultel.accounts.models import User
from azultel.core.demo import DemoSignIn
from azultel.referrals.models import Referral
from azultel.referrals.services import Invitation, referral_credit_signup, referral_send

FRIENDS = (
    ("Jordan", "jordan.friend@example.net", "You said your internet keeps dropping: try this."),
    ("Sam", "sam.friend@example.org", ""),
)


def demo_seed() -> list[DemoSignIn]:
    customer = User.objects.filter(email=CUSTOMER[0]).first()
    if customer is None or Referral.objects.exists():
        return []
    for name, email, note in FRIENDS:
        referral_send(
            invitation=Invitation(
                sender_name=customer.get_full_name(),
                friend_name=name,
                friend_email=email,
                note=note,
                product_slug="fiber-300",
            ),
            referrer=customer,
            actor=customer,
        )
    referral_credit_signup(email=FRIENDS[0][1])
    return []
