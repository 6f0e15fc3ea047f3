"""Reads of the payments app, always scoped to one customer."""

from __future__ import annotations

from datetime import date
from uuid import UUID

from django.core.exceptions import ValidationError
from django.db.models import Q, QuerySet

from azultel.accounts.models import User
from azultel.accounts.selectors import profile_get
from azultel.payments.gateway import TEST_CARDS, SandboxCard, gateway_get
from azultel.payments.models import Charge, StoredCard

# The saved-card type, named for the apps that hold a card without reaching payments' tables
# (billing may not import payments.models; it names the cards it is handed by this).
SavedCard = StoredCard


def _not_expired(today: date) -> Q:
    return Q(exp_year__gt=today.year) | Q(exp_year=today.year, exp_month__gte=today.month)


def cards_saved_for(*, customer: User) -> list[StoredCard]:
    """The customer's saved, unexpired cards, offered at checkout only with a local profile (P10).

    One query for the profile, one for the cards.
    """

    profile = profile_get(user=customer)
    if profile is None or not profile.has_local_profile:
        return []
    return list(
        StoredCard.objects.filter(customer=customer, saved=True, removed_at__isnull=True)
        .filter(_not_expired(date.today()))
        .order_by("-created_at", "id")
    )


def card_get_for_customer(*, customer: User | int, card_id: UUID | str) -> StoredCard | None:
    """One of the customer's cards that may still be charged, or None (never another's card)."""
    try:
        return (
            StoredCard.objects.filter(customer=customer, pk=card_id, removed_at__isnull=True)
            .filter(_not_expired(date.today()))
            .first()
        )
    except (ValueError, TypeError, ValidationError):  # a malformed id from a form
        return None


def charges_for_customer(*, customer: User) -> QuerySet[Charge]:
    return Charge.objects.filter(customer=customer).select_related("card").order_by("-created_at")


def sandbox_test_cards() -> tuple[SandboxCard, ...]:
    """The documented test cards, when the configured processor is the sandbox; else none."""
    return TEST_CARDS if gateway_get().is_sandbox else ()


def payments_export(*, customer: User) -> dict[str, object]:
    """What payments holds about a person, for "my data" (B2). Never a token."""
    cards = StoredCard.objects.filter(customer=customer).order_by("created_at", "id")
    return {
        "cards": [
            {
                "brand": card.get_brand_display(),
                "last4": card.last4,
                "expires": f"{card.exp_month:02d}/{card.exp_year}",
                "saved_for_later": card.saved,
                "removed_at": card.removed_at.isoformat() if card.removed_at else None,
                "added_at": card.created_at.isoformat(),
            }
            for card in cards
        ],
        "payments": [
            {
                "amount": str(charge.amount),
                "status": charge.get_status_display(),
                "description": charge.description,
                "card": charge.card.label if charge.card else None,
                "at": charge.created_at.isoformat(),
            }
            for charge in charges_for_customer(customer=customer)
        ],
    }
