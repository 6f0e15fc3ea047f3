from __future__ import annotations

from typing import Unpack

from django import forms
from localflavor.us.us_states import STATE_CHOICES

from azultel.core.form_options import CleanedData, FormData, FormFiles, FormOptions
from azultel.directory.selectors import number_normalise
from azultel.orders.directory_read import LISTING_EXPLANATIONS, ListingChoice


class _SearchForm(forms.Form):
    name = forms.CharField(
        label="Name",
        max_length=120,
        required=False,
        help_text="Family name, or family and given name.",
    )
    city = forms.CharField(label="City", max_length=100, required=False)
    state = forms.ChoiceField(
        label="State or territory", required=False, choices=[("", "Any state")]
    )
    number = forms.CharField(
        label="Or a phone number",
        max_length=32,
        required=False,
        help_text="To find who a listed number belongs to.",
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
        state.choices = [("", "Any state"), *STATE_CHOICES]

    def clean_name(self) -> str:
        return " ".join(str(self.cleaned_data.get("name", "")).split())

    def clean_city(self) -> str:
        return " ".join(str(self.cleaned_data.get("city", "")).split())

    def clean_number(self) -> str:
        raw = str(self.cleaned_data.get("number", "")).strip()
        if not raw:
            return ""
        normalised = number_normalise(raw)
        if normalised is None:
            raise forms.ValidationError("Enter a 10-digit US phone number, such as 305-555-0100.")
        return normalised


class PublicSearchForm(_SearchForm):
    """A name with a city or state, or a number: enough to find someone, not to list everyone."""

    def clean(self) -> CleanedData:
        data = super().clean() or {}
        if data.get("number"):
            return data
        name = data.get("name", "")
        if sum(ch.isalpha() for ch in name) < 2:
            self.add_error("name", "Enter at least two letters of a name, or search by number.")
        elif not data.get("city") and not data.get("state"):
            self.add_error("city", "Add a city or choose a state to search by name.")
        return data


class AssistanceSearchForm(_SearchForm):
    def clean(self) -> CleanedData:
        data = super().clean() or {}
        if not data.get("number") and sum(ch.isalpha() for ch in data.get("name", "")) < 2:
            self.add_error("name", "Enter at least two letters of the name, or a number.")
        return data


class ListingChoiceForm(forms.Form):
    choice = forms.ChoiceField(
        label="How should this number appear?",
        widget=forms.RadioSelect,
        choices=[(c.value, f"{c.label}: {LISTING_EXPLANATIONS[c.value]}") for c in ListingChoice],
    )
    listed_name = forms.CharField(
        label="Name to list",
        max_length=120,
        required=False,
        help_text="Used when the number is listed or not listed. Leave empty for your own name.",
    )


class FeedForm(forms.Form):
    recipient = forms.CharField(
        label="Publisher", max_length=200, initial="Regional Directory Publisher LLC"
    )
    reference = forms.CharField(
        label="Agreement or order relied on",
        max_length=300,
        help_text="Recorded in the disclosure log.",
    )
