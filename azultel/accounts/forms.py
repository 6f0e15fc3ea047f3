from __future__ import annotations

from typing import Unpack

import phonenumbers
from django import forms
from django.http import HttpRequest
from localflavor.us.forms import USZipCodeField
from localflavor.us.us_states import STATE_CHOICES

from azultel.accounts.models import User
from azultel.accounts.roles import ROLES
from azultel.accounts.services import customer_registration_complete
from azultel.core.form_options import FormData, FormFiles, FormOptions
from azultel.privacy.models import ConsentTopic

MARKETING_CHOICES = (
    ("product_info", "Send me company and product information"),
    ("special_offers", "Send me special offers"),
    ("newsletter", "Send me newsletters"),
)


class AddressFieldsMixin(forms.Form):
    street = forms.CharField(label="Street address", max_length=200)
    unit = forms.CharField(label="Apartment, suite or unit", max_length=50, required=False)
    city = forms.CharField(label="City", max_length=100)
    state = forms.ChoiceField(
        label="State or territory",
        choices=(),
        help_text="Prices and services depend on the state.",
    )
    zip_code = USZipCodeField(label="ZIP code", help_text="Five digits, or ZIP+4.")

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
        state.error_messages["invalid_choice"] = "Choose a US state or territory from the list."

    def _autocomplete(self) -> None:
        hints = {
            "street": "address-line1",
            "unit": "address-line2",
            "city": "address-level2",
            "state": "address-level1",
            "zip_code": "postal-code",
        }
        for name, hint in hints.items():
            if name in self.fields:
                self.fields[name].widget.attrs["autocomplete"] = hint


class SignupDetailsForm(AddressFieldsMixin):
    """The fields allauth's sign-up form gains: names, address of record and email choices (P09).

    The three email choices are separate and start unticked; each answer becomes a consent-ledger
    entry with the policy version shown.
    """

    given_name = forms.CharField(label="Given name", max_length=100)
    family_name = forms.CharField(label="Family name", max_length=100)
    product_info = forms.BooleanField(label=MARKETING_CHOICES[0][1], required=False, initial=False)
    special_offers = forms.BooleanField(
        label=MARKETING_CHOICES[1][1], required=False, initial=False
    )
    newsletter = forms.BooleanField(label=MARKETING_CHOICES[2][1], required=False, initial=False)
    # The children statement of the policy (issue 19): accounts are for adults.
    adult = forms.BooleanField(
        label="I am 18 or older",
        error_messages={"required": "Confirm that you are 18 or older: accounts are for adults."},
    )

    field_order = [
        "given_name", "family_name", "email", "password1", "password2", "street", "unit", "city",
        "state", "zip_code", "product_info", "special_offers", "newsletter", "adult",
    ]  # fmt: skip

    def __init__(
        self,
        data: FormData | None = None,
        files: FormFiles | None = None,
        **options: Unpack[FormOptions],
    ) -> None:
        super().__init__(data, files, **options)
        self.fields["given_name"].widget.attrs["autocomplete"] = "given-name"
        self.fields["family_name"].widget.attrs["autocomplete"] = "family-name"
        self._autocomplete()

    def signup(self, request: HttpRequest, user: User) -> None:
        data = self.cleaned_data
        customer_registration_complete(
            user=user,
            street=data["street"],
            unit=data.get("unit", ""),
            city=data["city"],
            state=data["state"],
            zip_code=data["zip_code"],
            email_choices={topic: bool(data.get(topic)) for topic, _ in MARKETING_CHOICES},
        )


class AddressForm(AddressFieldsMixin):
    phone = forms.CharField(label="Contact phone", max_length=20, required=False)

    def __init__(
        self,
        data: FormData | None = None,
        files: FormFiles | None = None,
        **options: Unpack[FormOptions],
    ) -> None:
        super().__init__(data, files, **options)
        self._autocomplete()
        self.fields["phone"].widget.attrs["autocomplete"] = "tel"

    def clean_phone(self) -> str:
        raw: str = self.cleaned_data["phone"].strip()
        if not raw:
            return ""
        try:
            number = phonenumbers.parse(raw, "US")
        except phonenumbers.NumberParseException as exc:
            raise forms.ValidationError("Enter a phone number such as 305-555-0123.") from exc
        if not phonenumbers.is_valid_number(number):
            raise forms.ValidationError("That is not a valid phone number.")
        return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


class NameForm(forms.Form):
    given_name = forms.CharField(label="Given name", max_length=100)
    family_name = forms.CharField(label="Family name", max_length=100)


TOPIC_CHOICES = [(t.value, t.label) for t in ConsentTopic]


class ConsentChangeForm(forms.Form):
    topic = forms.ChoiceField(choices=TOPIC_CHOICES)
    granted = forms.TypedChoiceField(choices=(("1", "Yes"), ("0", "No")), coerce=lambda v: v == "1")


class CustomerSearchForm(forms.Form):
    q = forms.CharField(label="Email, name or ZIP code", max_length=100, min_length=2)


def _role_choices() -> list[tuple[str, str]]:
    return [("", "Choose a role"), *((r.key, r.title) for r in ROLES)]


class RoleGrantRequestForm(forms.Form):
    email = forms.EmailField(
        label="Their email address",
        help_text="The address they sign in with. They need an Azultel account already.",
    )
    role = forms.ChoiceField(label="Role", choices=())
    reason = forms.CharField(
        label="Why they need it",
        max_length=300,
        help_text="A few words for the administrator who approves and for the privacy office.",
    )

    def __init__(
        self,
        data: FormData | None = None,
        files: FormFiles | None = None,
        **options: Unpack[FormOptions],
    ) -> None:
        super().__init__(data, files, **options)
        role = self.fields["role"]
        assert isinstance(role, forms.ChoiceField)
        role.choices = _role_choices()


class RoleRemoveForm(forms.Form):
    person = forms.UUIDField(widget=forms.HiddenInput)
    role = forms.ChoiceField(label="Role to remove", choices=())
    reason = forms.CharField(label="Why", max_length=300)

    def __init__(
        self,
        data: FormData | None = None,
        files: FormFiles | None = None,
        **options: Unpack[FormOptions],
    ) -> None:
        super().__init__(data, files, **options)
        role = self.fields["role"]
        assert isinstance(role, forms.ChoiceField)
        role.choices = _role_choices()
