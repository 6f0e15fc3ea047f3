"""Forms of the ordering pages. Each carries the cart's id so a post for someone else's cart is
refused; the identity fields never render a value back into the page (P24)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Unpack
from uuid import UUID

from django import forms
from django.core import signing
from localflavor.us.forms import USZipCodeField
from localflavor.us.us_states import STATE_CHOICES
from stdnum.us import ssn as us_ssn

from azultel.core.form_options import (
    CleanedData,
    FormData,
    FormFiles,
    FormOptions,
    cleaned_date,
    cleaned_str,
)
from azultel.orders.models import (
    LISTING_EXPLANATIONS,
    MAX_DEVICE_QUANTITY,
    ListingChoice,
    OrderStatus,
)
from azultel.orders.selectors import PricedLine
from azultel.payments.forms import CardChoice, NoEchoInput

ZIP_ERROR = "Enter a five-digit ZIP code, like 33131."
PLACEMENT_SALT = "azultel.orders.placement"
PLACEMENT_MAX_AGE_SECONDS = 2 * 3600
MINIMUM_AGE = 18


class CartForm(forms.Form):
    """Every order form names its cart; a cart that is not the visitor's own is a 404."""

    cart_id = forms.UUIDField(widget=forms.HiddenInput)


class AddToCartForm(forms.Form):
    state = forms.CharField(max_length=2, widget=forms.HiddenInput)
    quantity = forms.TypedChoiceField(
        label="Quantity",
        choices=[(str(n), str(n)) for n in range(1, MAX_DEVICE_QUANTITY + 1)],
        coerce=int,
        initial="1",
        error_messages={"invalid_choice": f"Choose a quantity from 1 to {MAX_DEVICE_QUANTITY}."},
    )


class CartLineForm(CartForm):
    action = forms.ChoiceField(choices=[("update", "Update"), ("remove", "Remove")])
    quantity = forms.TypedChoiceField(
        label="Quantity",
        choices=[(str(n), str(n)) for n in range(1, MAX_DEVICE_QUANTITY + 1)],
        coerce=int,
        required=False,
        error_messages={"invalid_choice": f"Choose a quantity from 1 to {MAX_DEVICE_QUANTITY}."},
    )


class CartStateForm(CartForm):
    state = forms.CharField(max_length=2, widget=forms.HiddenInput)


class ServiceAddressForm(CartForm):
    street = forms.CharField(
        label="Street address",
        max_length=200,
        widget=forms.TextInput(attrs={"autocomplete": "address-line1"}),
        error_messages={"required": "Enter the street address."},
    )
    unit = forms.CharField(
        label="Apartment, suite or unit",
        max_length=50,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "address-line2"}),
    )
    city = forms.CharField(
        label="City",
        max_length=100,
        widget=forms.TextInput(attrs={"autocomplete": "address-level2"}),
        error_messages={"required": "Enter the city."},
    )
    zip_code = USZipCodeField(
        label="ZIP code",
        max_length=10,
        widget=forms.TextInput(attrs={"autocomplete": "postal-code", "inputmode": "numeric"}),
        error_messages={"required": ZIP_ERROR, "invalid": ZIP_ERROR},
    )


class ListingForm(CartForm):
    """One listing choice (and name to list) per phone line, fields named after the cart line."""

    def __init__(
        self,
        data: FormData | None = None,
        files: FormFiles | None = None,
        *,
        phone_lines: list[PricedLine],
        default_name: str,
        **options: Unpack[FormOptions],
    ) -> None:
        super().__init__(data, files, **options)
        self.phone_lines = phone_lines
        choices = [
            (value, f"{label}: {LISTING_EXPLANATIONS[value]}")
            for value, label in ListingChoice.choices
        ]
        for priced in phone_lines:
            line = priced.line
            self.fields[f"choice_{line.pk}"] = forms.ChoiceField(
                label=f"Directory listing for {priced.product.name}",
                choices=choices,
                widget=forms.RadioSelect,
                initial=line.listing_choice or None,
                error_messages={
                    "required": f"Choose how {priced.product.name} is listed.",
                    "invalid_choice": "Choose one of the three listing options.",
                },
            )
            self.fields[f"name_{line.pk}"] = forms.CharField(
                label=f"Name to list for {priced.product.name}",
                max_length=120,
                required=False,
                initial=line.listed_name or default_name,
                help_text="As it should appear in the directory. Not used for Not published.",
            )

    def line_fields(self) -> list[tuple[PricedLine, forms.BoundField, forms.BoundField]]:
        return [
            (p, self[f"choice_{p.line.pk}"], self[f"name_{p.line.pk}"]) for p in self.phone_lines
        ]

    def clean(self) -> CleanedData:
        cleaned = super().clean() or {}
        for priced in self.phone_lines:
            choice = cleaned.get(f"choice_{priced.line.pk}")
            name = cleaned_str(cleaned, f"name_{priced.line.pk}").strip()
            if choice and choice != ListingChoice.NON_PUBLISHED and not name:
                self.add_error(
                    f"name_{priced.line.pk}",
                    "Enter the name to list, or choose Not published.",
                )
        return cleaned


class BillingForm(CartForm):
    same_as_service = forms.BooleanField(
        label="Send bills to the service address", required=False, initial=True
    )
    street = forms.CharField(
        label="Street address",
        max_length=200,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "billing address-line1"}),
    )
    unit = forms.CharField(
        label="Apartment, suite or unit",
        max_length=50,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "billing address-line2"}),
    )
    city = forms.CharField(
        label="City",
        max_length=100,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "billing address-level2"}),
    )
    state = forms.ChoiceField(
        label="State or territory",
        required=False,
        widget=forms.Select(attrs={"autocomplete": "billing address-level1"}),
        error_messages={"invalid_choice": "Choose a US state or territory from the list."},
    )
    zip_code = USZipCodeField(
        label="ZIP code",
        max_length=10,
        required=False,
        widget=forms.TextInput(
            attrs={"autocomplete": "billing postal-code", "inputmode": "numeric"}
        ),
        error_messages={"invalid": ZIP_ERROR},
    )

    def __init__(
        self,
        data: FormData | None = None,
        files: FormFiles | None = None,
        **options: Unpack[FormOptions],
    ) -> None:
        super().__init__(data, files, **options)
        state = self.fields["state"]
        assert isinstance(state, forms.ChoiceField)
        state.choices = [("", "Choose a state or territory"), *STATE_CHOICES]

    def clean(self) -> CleanedData:
        cleaned = super().clean() or {}
        if cleaned.get("same_as_service"):
            return cleaned
        for name, message in (
            ("street", "Enter the billing street address."),
            ("city", "Enter the billing city."),
            ("state", "Choose the billing state."),
            ("zip_code", ZIP_ERROR),
        ):
            if not cleaned.get(name) and name not in self.errors:
                self.add_error(name, message)
        return cleaned


NEW_CARD = "new"


class PaymentChoiceForm(CartForm):
    """A saved card (local profile customers, P10) or a new one (``CardForm``)."""

    card = forms.ChoiceField(label="Pay with", widget=forms.RadioSelect)

    def __init__(
        self,
        data: FormData | None = None,
        files: FormFiles | None = None,
        *,
        saved_cards: Sequence[CardChoice],
        **options: Unpack[FormOptions],
    ) -> None:
        super().__init__(data, files, **options)
        card = self.fields["card"]
        assert isinstance(card, forms.ChoiceField)
        card.choices = [*((str(c.pk), c.label) for c in saved_cards), (NEW_CARD, "A new card")]
        card.initial = str(saved_cards[0].pk) if saved_cards else NEW_CARD
        if not saved_cards:
            self.fields["card"].widget = forms.HiddenInput()


def placement_token(*, checkout_id: UUID, key: str, fingerprint: str, confirmation: str) -> str:
    """The review page's hidden token: which checkout, the idempotency key, what was shown and
    the amounts the customer confirms by placing the order (``OrderMoney.confirmation``)."""
    return signing.dumps(
        {"c": str(checkout_id), "k": key, "f": fingerprint, "t": confirmation},
        salt=PLACEMENT_SALT,
        compress=True,
    )


def placement_token_read(token: str) -> dict[str, str] | None:
    try:
        data = signing.loads(token, salt=PLACEMENT_SALT, max_age=PLACEMENT_MAX_AGE_SECONDS)
    except (signing.BadSignature, ValueError, TypeError):
        return None
    if not isinstance(data, dict) or not all(isinstance(data.get(k), str) for k in "ckft"):
        return None
    return data


class PlaceOrderForm(CartForm):
    """The last page: review, identity for the credit check (only when it is needed) and the
    button. The identity goes straight into placement; it is never kept between requests."""

    placement = forms.CharField(widget=forms.HiddenInput, max_length=1000)
    ssn = forms.CharField(
        label="Social Security number",
        max_length=11,
        help_text="9 digits, like 123-45-6789.",
        widget=NoEchoInput(attrs={"autocomplete": "off", "inputmode": "numeric"}),
        error_messages={"required": "Enter your Social Security number."},
    )
    date_of_birth = forms.DateField(
        label="Date of birth",
        help_text="You must be 18 or older to order service.",
        widget=NoEchoInput(attrs={"autocomplete": "bday", "type": "date"}),
        input_formats=["%Y-%m-%d", "%m/%d/%Y"],
        error_messages={
            "required": "Enter your date of birth.",
            "invalid": "Enter your date of birth, like 07/04/1980.",
        },
    )

    def __init__(
        self,
        data: FormData | None = None,
        files: FormFiles | None = None,
        *,
        needs_identity: bool,
        **options: Unpack[FormOptions],
    ) -> None:
        super().__init__(data, files, **options)
        self.placement_expired = False
        # Set by the view when placement found the order or its amount changed since review.
        self.review_changed = ""
        if not needs_identity:
            # Devices and accessories alone need no credit check: no SSN is asked (P03).
            del self.fields["ssn"]
            del self.fields["date_of_birth"]

    def clean_placement(self) -> dict[str, str] | None:
        return placement_token_read(self.cleaned_data["placement"])

    def clean(self) -> CleanedData:
        cleaned = super().clean() or {}
        if cleaned.get("placement") is None:
            self.placement_expired = True
            raise forms.ValidationError(
                "This page has expired. Please check your order below and place it again."
            )
        return cleaned

    def clean_ssn(self) -> str:
        value = self.cleaned_data["ssn"]
        if not us_ssn.is_valid(value):
            raise forms.ValidationError(
                "Enter a valid Social Security number: 9 digits, like 123-45-6789."
            )
        return str(us_ssn.format(us_ssn.compact(value)))

    def clean_date_of_birth(self) -> date:
        born = self.cleaned_data["date_of_birth"]
        today = date.today()
        age = today.year - born.year - ((today.month, today.day) < (born.month, born.day))
        if born > today or age > 120:
            raise forms.ValidationError("Enter your real date of birth.")
        if age < MINIMUM_AGE:
            raise forms.ValidationError("You must be 18 or older to order service.")
        return born


class CancelForm(forms.Form):
    reason = forms.CharField(
        label="Why are you cancelling?",
        max_length=300,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "Please tell us why, in a few words."},
    )


class StaffActionForm(forms.Form):
    action = forms.ChoiceField(choices=[("advance", "Advance"), ("cancel", "Cancel")])
    reason = forms.CharField(
        label="Reason (recorded with the change)",
        max_length=300,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def clean(self) -> CleanedData:
        cleaned = super().clean() or {}
        if cleaned.get("action") == "cancel" and not cleaned_str(cleaned, "reason").strip():
            self.add_error("reason", "Give a reason for cancelling.")
        return cleaned


class QueueFilterForm(forms.Form):
    status = forms.ChoiceField(label="Status", required=False)
    q = forms.CharField(label="Order, name or email", required=False, max_length=100, strip=True)
    placed_from = forms.DateField(
        label="Placed from", required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    placed_to = forms.DateField(
        label="Placed to", required=False, widget=forms.DateInput(attrs={"type": "date"})
    )

    def clean(self) -> CleanedData:
        cleaned = super().clean() or {}
        start, end = cleaned_date(cleaned, "placed_from"), cleaned_date(cleaned, "placed_to")
        if start and end and start > end:
            self.add_error("placed_to", "Choose a date on or after the first date.")
        return cleaned

    def __init__(
        self,
        data: FormData | None = None,
        files: FormFiles | None = None,
        **options: Unpack[FormOptions],
    ) -> None:
        super().__init__(data, files, **options)
        status = self.fields["status"]
        assert isinstance(status, forms.ChoiceField)
        status.choices = [("", "In progress"), *OrderStatus.choices]
