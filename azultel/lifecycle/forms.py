"""The forms of the service-change pages. Each carries the idempotency key of the page it was
shown on, so a form sent twice makes one change."""

from __future__ import annotations

from django import forms


class _Keyed(forms.Form):
    idempotency_key = forms.CharField(widget=forms.HiddenInput, max_length=64)


class PlanChooseForm(forms.Form):
    product = forms.TypedChoiceField(label="New plan", coerce=int, widget=forms.RadioSelect)

    def __init__(self, *args: object, choices: list[tuple[int, str]], **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["product"].choices = choices  # type: ignore[attr-defined]


class PlanConfirmForm(_Keyed):
    product = forms.IntegerField(widget=forms.HiddenInput)


class SuspendForm(_Keyed):
    starts_on = forms.DateField(
        label="First day away", widget=forms.DateInput(attrs={"type": "date"})
    )
    ends_on = forms.DateField(
        label="Day you are back",
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text="The service comes back on this day.",
    )


class RestoreForm(_Keyed):
    pass


class MoveForm(_Keyed):
    street = forms.CharField(label="Street address", max_length=200)
    unit = forms.CharField(label="Apartment, suite or unit", max_length=50, required=False)
    city = forms.CharField(label="City", max_length=100)
    zip_code = forms.CharField(label="ZIP code", max_length=10)
    appointment_on = forms.DateField(
        label="Day for the technician's visit",
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text="Needed for services our technician connects at the new address.",
    )


class DisconnectForm(_Keyed):
    keep_number_for_port_out = forms.BooleanField(
        label="Keep my phone number to move it to another carrier",
        required=False,
    )
    confirm = forms.BooleanField(label="Yes, end this service today", required=True)
