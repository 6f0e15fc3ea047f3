"""Forms for a phone line's number and 911 address: the checkout step (one ``LineSetupForm``
per phone line, prefixed with its cart line, and one ``NoticeForm``), the customer's 911 address
change, and the port-out PIN and freeze. PINs are never written back into a page."""

from __future__ import annotations

from django import forms
from localflavor.us.forms import USZipCodeField
from localflavor.us.us_states import STATE_CHOICES

from azultel.core.form_options import CleanedData, cleaned_str
from azultel.orders.forms import ZIP_ERROR, CartForm
from azultel.orders.services import Address, LineSetupAnswer
from azultel.payments.forms import NoEchoInput

YES_NO = [("yes", "Yes, keep my number"), ("no", "No, give me a new number")]
STATES = [("", "Choose a state"), *STATE_CHOICES]


class E911AddressForm(forms.Form):
    """A registered 911 address: where emergency services are sent (47 CFR 9.16)."""

    street = forms.CharField(
        label="Street address",
        max_length=200,
        error_messages={"required": "Enter the street address where this phone is used."},
    )
    unit = forms.CharField(label="Apartment, floor or unit (if any)", max_length=50, required=False)
    city = forms.CharField(
        label="City", max_length=100, error_messages={"required": "Enter the city."}
    )
    state = forms.ChoiceField(
        label="State",
        choices=STATES,
        error_messages={
            "required": "Choose the state.",
            "invalid_choice": "Choose a US state or territory from the list.",
        },
    )
    zip_code = USZipCodeField(
        label="ZIP code",
        max_length=10,
        widget=forms.TextInput(attrs={"inputmode": "numeric"}),
        error_messages={"required": ZIP_ERROR, "invalid": ZIP_ERROR},
    )

    def address(self) -> Address:
        data = self.cleaned_data
        return Address(
            street=data["street"],
            unit=data["unit"],
            city=data["city"],
            state=data["state"],
            zip_code=data["zip_code"],
        )


class LineSetupForm(E911AddressForm):
    """One phone line at checkout: its 911 address and whether the customer keeps a number."""

    keep_number = forms.ChoiceField(
        label="Do you want to keep a phone number you have now?",
        choices=YES_NO,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose whether you keep your number."},
    )
    port_number = forms.CharField(
        label="The number you want to keep",
        max_length=20,
        required=False,
        widget=forms.TextInput(attrs={"inputmode": "tel", "autocomplete": "tel"}),
    )
    port_carrier = forms.CharField(
        label="Your current phone company", max_length=80, required=False
    )
    port_account = forms.CharField(
        label="Your account number with them", max_length=40, required=False
    )
    port_pin = forms.CharField(
        label="Your transfer PIN from them",
        max_length=20,
        required=False,
        widget=NoEchoInput(attrs={"autocomplete": "off", "inputmode": "numeric"}),
        help_text="Your current company gives you this number for moving your line.",
    )
    authorised_name = forms.CharField(
        label="Type your full name to sign", max_length=120, required=False
    )
    authorise = forms.BooleanField(
        label="I authorise Azultel to move this number from my current phone company to Azultel.",
        required=False,
    )

    def clean(self) -> CleanedData:
        cleaned = super().clean() or {}
        if cleaned.get("keep_number") != "yes":
            return cleaned
        needed = {
            "port_number": "Enter the number you want to keep.",
            "port_carrier": "Enter your current phone company.",
            "port_account": "Enter your account number with your current phone company.",
            "port_pin": "Enter the transfer PIN your current phone company gave you.",
            "authorised_name": "Type your full name to sign the authorisation.",
        }
        for name, message in needed.items():
            if not cleaned_str(cleaned, name).strip():
                self.add_error(name, message)
        number = "".join(ch for ch in cleaned_str(cleaned, "port_number") if ch.isdigit())
        if number.startswith("1") and len(number) == 11:
            number = number[1:]
        if cleaned_str(cleaned, "port_number").strip():
            if len(number) != 10 or number[0] in "01":
                self.add_error("port_number", "Enter a 10-digit US number, like 305 555 0123.")
            else:
                cleaned["port_number"] = f"+1{number}"
        if not cleaned.get("authorise"):
            self.add_error("authorise", "Tick the box to sign the authorisation.")
        return cleaned

    def answer(self) -> LineSetupAnswer:
        data = self.cleaned_data
        keep = data["keep_number"] == "yes"
        return LineSetupAnswer(
            e911=self.address(),
            keep_number=keep,
            port_number=data["port_number"] if keep else "",
            port_carrier=data["port_carrier"] if keep else "",
            port_account=data["port_account"] if keep else "",
            port_pin=data["port_pin"] if keep else "",
            authorised_name=data["authorised_name"] if keep else "",
        )


class NoticeForm(CartForm):
    acknowledge = forms.BooleanField(
        label="I have read the 911 and power-cut notice above.",
        error_messages={"required": "Tick the box to confirm you have read the 911 notice."},
    )


class NoticeAccountForm(forms.Form):
    acknowledge = forms.BooleanField(
        label="I have read the 911 and power-cut notice above.",
        error_messages={"required": "Tick the box to confirm you have read the 911 notice."},
    )


class PortOutPinForm(forms.Form):
    pin = forms.RegexField(
        label="New port-out PIN (6 to 10 digits)",
        regex=r"^[0-9]{6,10}$",
        widget=NoEchoInput(attrs={"autocomplete": "new-password", "inputmode": "numeric"}),
        error_messages={
            "required": "Enter a PIN of 6 to 10 digits.",
            "invalid": "Use 6 to 10 digits only.",
        },
    )
    pin_again = forms.CharField(
        label="The same PIN again",
        widget=NoEchoInput(attrs={"autocomplete": "new-password", "inputmode": "numeric"}),
        error_messages={"required": "Enter the PIN again."},
    )

    def clean(self) -> CleanedData:
        cleaned = super().clean() or {}
        pin, again = cleaned.get("pin"), cleaned.get("pin_again")
        if pin and again and pin != again:
            self.add_error("pin_again", "The two PINs are different. Enter the same PIN twice.")
        return cleaned


class PortOutFreezeForm(forms.Form):
    frozen = forms.ChoiceField(
        label="Port-out freeze",
        choices=[("on", "On: nobody can move my numbers"), ("off", "Off")],
        widget=forms.RadioSelect,
        error_messages={"required": "Choose on or off."},
    )
