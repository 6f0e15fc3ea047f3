"""The customer's saved cards (P10): shown by brand, last four and expiry; removable."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_POST

from azultel.accounts.http import SignedInRequest
from azultel.payments import selectors, services


@require_GET
@login_required
def card_list(request: SignedInRequest) -> HttpResponse:
    return render(
        request,
        "payments/cards.html",
        {
            "account_section": "profile",
            "cards": selectors.cards_saved_for(customer=request.user),
        },
    )


@require_POST
@login_required
def card_remove(request: SignedInRequest, card_id: str) -> HttpResponse:
    card = selectors.card_get_for_customer(customer=request.user, card_id=card_id)
    if card is None or not card.saved:
        raise Http404("No such card.")
    services.card_remove(customer=request.user, card=card, actor=request.user)
    messages.success(request, f"We will no longer offer the {card.label}.")
    return redirect("payments:cards")
