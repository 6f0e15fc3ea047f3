"""Forms of the privacy office's pages. They check the shape of the input; the services decide."""

from __future__ import annotations

from django import forms

from azultel.compliance.fields import FIELD_CHOICES
from azultel.compliance.models import RequestKind


class DateInput(forms.DateInput):
    input_type = "date"


class DisclosureRequestForm(forms.Form):
    kind = forms.ChoiceField(label="Kind of request", choices=RequestKind.choices)
    requester = forms.CharField(
        label="Who is asking", max_length=200, help_text="The agency, court or person."
    )
    asked = forms.CharField(
        label="What they asked for", widget=forms.Textarea(attrs={"rows": 3}), max_length=2000
    )
    legal_basis = forms.CharField(
        label="Legal basis",
        max_length=300,
        help_text="For example 18 U.S.C. 2703(d), the emergency described, or the customer's "
        "signed authorisation.",
    )
    document_reference = forms.CharField(
        label="Document reference", max_length=200, help_text="Case or docket number."
    )
    customer_email = forms.EmailField(
        label="Customer's account email", help_text="The customer the request is about."
    )
    information = forms.MultipleChoiceField(
        label="Information asked for",
        choices=FIELD_CHOICES,
        widget=forms.CheckboxSelectMultiple,
    )
    hold_until = forms.DateField(
        label="Non-disclosure order ends",
        required=False,
        widget=DateInput,
        help_text="Only if a court order forbids telling the customer. They are told after "
        "this day.",
    )
    hold_reference = forms.CharField(
        label="Non-disclosure order reference", max_length=200, required=False
    )


class ApproveForm(forms.Form):
    information = forms.MultipleChoiceField(
        label="Information to hand over",
        choices=FIELD_CHOICES,
        widget=forms.CheckboxSelectMultiple,
        help_text="Only what the request needs; you may approve less than was asked.",
    )
    note = forms.CharField(label="Note", max_length=500, required=False)

    def __init__(self, *args: object, asked: list[str], **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        field = self.fields["information"]
        assert isinstance(field, forms.MultipleChoiceField)
        field.choices = [(k, label) for k, label in FIELD_CHOICES if k in asked]


class RefuseForm(forms.Form):
    note = forms.CharField(label="Why it is refused", max_length=500)


class BreachForm(forms.Form):
    determined_on = forms.DateField(label="Day the breach was determined", widget=DateInput)
    description = forms.CharField(
        label="What happened",
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=4000,
        help_text="Name no customer here.",
    )
    customer_emails = forms.CharField(
        label="Affected customers' account emails",
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="One a line.",
    )


class LawEnforcementForm(forms.Form):
    submitted_on = forms.DateField(
        label="Day the report was submitted",
        widget=DateInput,
        help_text="Through the Secret Service and FBI reporting facility.",
    )
    reference = forms.CharField(
        label="Reporting facility reference",
        max_length=200,
        help_text="The reference the Secret Service and FBI reporting facility gave.",
    )
    delay_until = forms.DateField(
        label="Law enforcement asked us to wait until",
        required=False,
        widget=DateInput,
    )


class SignForm(forms.Form):
    signer_name = forms.CharField(label="Officer's name", max_length=200)
    signer_title = forms.CharField(label="Officer's title", max_length=200)
