"""The card form. Number and security code are never rendered back into a page (P24)."""

from __future__ import annotations

from datetime import date
from typing import Protocol, Unpack
from uuid import UUID

from django import forms
from django.views.decorators.debug import sensitive_variables

from azultel.accounts.models import User
from azultel.core.actors import Actor
from azultel.core.form_options import FormData, FormFiles, FormOptions
from azultel.payments import services as payments
from azultel.payments.models import StoredCard

CARD_NUMBER_HELP = "The long number on the front of your card. Spaces are fine."
SECURITY_CODE_HELP = "3 digits on the back of the card; American Express: 4 digits on the front."


class CardChoice(Protocol):
    """What a card offered as a choice shows: its id and its label ("Visa ending 4242")."""

    @property
    def pk(self) -> UUID: ...

    @property
    def label(self) -> str: ...


class NoEchoInput(forms.TextInput):
    """A text input that never writes a value into the page, not even after an error."""

    def format_value(self, value: object) -> str | None:
        return None


def _year_choices() -> list[tuple[str, str]]:
    this_year = date.today().year
    return [("", "Year")] + [(str(y), str(y)) for y in range(this_year, this_year + 16)]


MONTH_CHOICES = [("", "Month")] + [(str(m), f"{m:02d}") for m in range(1, 13)]


class CardForm(forms.Form):
    """A new card: sent straight to the processor; only its token is kept."""

    number = forms.CharField(
        label="Card number",
        max_length=23,
        help_text=CARD_NUMBER_HELP,
        widget=NoEchoInput(
            attrs={"autocomplete": "cc-number", "inputmode": "numeric", "spellcheck": "false"}
        ),
        error_messages={"required": "Enter the card number."},
    )
    exp_month = forms.TypedChoiceField(
        label="Expiry month",
        choices=MONTH_CHOICES,
        coerce=int,
        widget=forms.Select(attrs={"autocomplete": "cc-exp-month"}),
        error_messages={
            "required": "Choose the expiry month printed on the card.",
            "invalid_choice": "Choose the expiry month from the list.",
        },
    )
    exp_year = forms.TypedChoiceField(
        label="Expiry year",
        choices=_year_choices,
        coerce=int,
        widget=forms.Select(attrs={"autocomplete": "cc-exp-year"}),
        error_messages={
            "required": "Choose the expiry year printed on the card.",
            "invalid_choice": "Choose the expiry year from the list.",
        },
    )
    cvc = forms.CharField(
        label="Security code",
        max_length=4,
        help_text=SECURITY_CODE_HELP,
        widget=NoEchoInput(
            attrs={"autocomplete": "cc-csc", "inputmode": "numeric", "spellcheck": "false"}
        ),
        error_messages={"required": "Enter the security code."},
    )
    save = forms.BooleanField(
        label="Save this card for my next order",
        required=False,
        help_text="We keep only a token from our card processor, the card's brand, last four "
        "digits and expiry, never the card number or security code. Remove it any time from "
        "your profile.",
    )

    def __init__(
        self,
        data: FormData | None = None,
        files: FormFiles | None = None,
        *,
        can_save: bool = False,
        **options: Unpack[FormOptions],
    ) -> None:
        super().__init__(data, files, **options)
        if not can_save:
            # Saving a card is part of the local phone customer profile only (P10).
            del self.fields["save"]


@sensitive_variables("data")
def card_form_tokenize(
    form: CardForm, *, customer: User, postal_code: str, actor: Actor | None
) -> StoredCard | None:
    """Send a valid card form to the processor: the stored card, or None with the processor's
    reason added to the form (beside the field it concerns). Checkout and bill payment share it."""

    data = form.cleaned_data
    try:
        return payments.card_tokenize(
            customer=customer,
            number=data["number"],
            exp_month=data["exp_month"],
            exp_year=data["exp_year"],
            cvc=data["cvc"],
            postal_code=postal_code,
            save=bool(data.get("save")),
            actor=actor,
        )
    except payments.CardRefused as exc:
        form.add_error(exc.field if exc.field in form.fields else None, exc.reason)
    except payments.PaymentError as exc:
        form.add_error(None, str(exc))
    return None
