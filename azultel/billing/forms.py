"""Forms of the billing pages. A new card uses the payments app's ``CardForm`` (number and
security code never rendered back, P24); these forms hold the choices around it."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from typing import Unpack
from uuid import UUID

from django import forms
from django.core import signing

from azultel.billing.services import CREDIT_MAX
from azultel.core.form_options import CleanedData, FormData, FormFiles, FormOptions
from azultel.payments.forms import CardChoice

NEW_CARD = "new"
PAYMENT_SALT = "azultel.billing.payment"
PAYMENT_TOKEN_MAX_AGE_SECONDS = 2 * 3600


def payment_token(*, bill_id: UUID, key: str) -> str:
    """The pay page's hidden token: which bill and the idempotency key made when it was shown."""
    return signing.dumps({"b": str(bill_id), "k": key}, salt=PAYMENT_SALT)


def payment_token_read(token: str) -> dict[str, str] | None:
    try:
        data = signing.loads(token, salt=PAYMENT_SALT, max_age=PAYMENT_TOKEN_MAX_AGE_SECONDS)
    except (signing.BadSignature, ValueError, TypeError):
        return None
    if not isinstance(data, dict) or not all(isinstance(data.get(k), str) for k in "bk"):
        return None
    return data


def _card_choices(cards: Sequence[CardChoice], *, with_new: bool) -> list[tuple[str, str]]:
    choices = [(str(card.pk), card.label) for card in cards]
    if with_new:
        choices.append((NEW_CARD, "A new card"))
    return choices


class BillPaymentForm(forms.Form):
    """Pay a bill: how much, with which card; the token names the bill and the payment key."""

    token = forms.CharField(widget=forms.HiddenInput, max_length=500)
    amount = forms.DecimalField(
        label="Amount to pay (US dollars)",
        max_digits=12,
        decimal_places=2,
        min_value=Decimal("0.01"),
        help_text="The full amount left on this bill is filled in. You may pay less.",
        widget=forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off"}),
        error_messages={
            "required": "Enter the amount to pay.",
            "invalid": "Enter the amount in dollars and cents, like 25.00.",
            "min_value": "Enter an amount of at least $0.01.",
            "max_decimal_places": "Enter the amount in dollars and cents, like 25.00.",
            "max_digits": "That amount is too large.",
            "max_whole_digits": "That amount is too large.",
        },
    )
    card = forms.ChoiceField(label="Pay with", widget=forms.RadioSelect)
    use_for_autopay = forms.BooleanField(
        label="Use this card to pay my future bills automatically",
        required=False,
        help_text="You can turn automatic payment off at any time in your billing settings.",
    )

    def __init__(
        self,
        data: FormData | None = None,
        files: FormFiles | None = None,
        *,
        cards: Sequence[CardChoice],
        **options: Unpack[FormOptions],
    ) -> None:
        super().__init__(data, files, **options)
        field = self.fields["card"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = _card_choices(cards, with_new=True)
        field.initial = str(cards[0].pk) if cards else NEW_CARD
        field.error_messages["invalid_choice"] = "Choose one of your cards or a new card."
        field.error_messages["required"] = "Choose how to pay."
        self.has_cards = bool(cards)
        if not cards:
            field.widget = forms.HiddenInput()

    def clean_token(self) -> dict[str, str]:
        data = payment_token_read(self.cleaned_data["token"])
        if data is None:
            raise forms.ValidationError(
                "This page has expired. Please check the amount and pay again."
            )
        return data


class BillingSettingsForm(forms.Form):
    paperless = forms.BooleanField(
        label="Paperless billing: email me when a bill is ready to view online",
        required=False,
        help_text="We send no paper bill. The email says a bill is ready and links to sign "
        "in; it never shows amounts or calls.",
    )
    autopay = forms.BooleanField(
        label="Pay each new bill automatically",
        required=False,
        help_text="When a bill is issued we charge its full amount to the card you choose, and "
        "email you a confirmation.",
    )
    autopay_card = forms.ChoiceField(
        label="Card for automatic payments", required=False, widget=forms.RadioSelect
    )

    def __init__(
        self,
        data: FormData | None = None,
        files: FormFiles | None = None,
        *,
        cards: Sequence[CardChoice],
        **options: Unpack[FormOptions],
    ) -> None:
        super().__init__(data, files, **options)
        field = self.fields["autopay_card"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = _card_choices(cards, with_new=False)
        field.error_messages["invalid_choice"] = "Choose one of the cards listed."
        self.cards = {str(card.pk): card for card in cards}

    def clean(self) -> CleanedData:
        data = super().clean() or {}
        if data.get("autopay"):
            if not self.cards:
                self.add_error(
                    "autopay",
                    "Automatic payment needs a card: pay a bill with a card and tick "
                    '"Use this card to pay my future bills automatically".',
                )
            elif not data.get("autopay_card"):
                self.add_error("autopay_card", "Choose the card for automatic payments.")
        data["card_object"] = self.cards.get(data.get("autopay_card") or "")
        return data


class AccountSearchForm(forms.Form):
    q = forms.CharField(
        label="Account number or customer email",
        max_length=254,
        help_text="For example 8001-2345-6789, or maria@example.com.",
        error_messages={"required": "Enter an account number or an email address."},
    )


class CreditForm(forms.Form):
    amount = forms.DecimalField(
        label="Credit amount (US dollars)",
        max_digits=12,
        decimal_places=2,
        min_value=Decimal("0.01"),
        max_value=CREDIT_MAX,
        widget=forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off"}),
        error_messages={
            "required": "Enter the amount to credit.",
            "invalid": "Enter the amount in dollars and cents, like 10.00.",
            "min_value": "A credit must be at least $0.01.",
            "max_value": f"A credit cannot be more than ${CREDIT_MAX:,}.",
            "max_decimal_places": "Enter the amount in dollars and cents, like 10.00.",
            "max_digits": "That amount is too large.",
            "max_whole_digits": "That amount is too large.",
        },
    )
    reason = forms.CharField(
        label="Reason",
        max_length=300,
        help_text="Printed on the customer's next bill, and kept in the audit log.",
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "Write the reason for the credit."},
    )
