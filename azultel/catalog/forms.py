"""Forms of the catalog: the state chooser and the service availability check."""

from __future__ import annotations

from typing import Unpack
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from django import forms
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from localflavor.us.forms import USZipCodeField

from azultel.catalog import selectors
from azultel.catalog.pricing import STATE_PARAM
from azultel.catalog.states import service_state_choices, state_code_clean, state_name
from azultel.catalog.street_names import STREET_MAX_LENGTH
from azultel.core.form_options import CleanedData, FormData, FormFiles, FormOptions

ZIP_ERROR = "Enter a five-digit ZIP code, like 33131, or a ZIP+4 code, like 33131-1234."


def _state_choices() -> list[tuple[str, str]]:
    return [("", "Choose a state or territory"), *service_state_choices()]


def safe_next(raw: str | None, *, default: str = "") -> str:
    """A path on this site to return to, without any ``state`` parameter; else ``default``.

    Anything that could leave the site (another host, a scheme, ``//``, a backslash) is refused.
    """
    fallback = default or reverse("catalog:index")
    if not raw or not raw.startswith("/") or raw.startswith("//") or "\\" in raw:
        return fallback
    if not url_has_allowed_host_and_scheme(raw, allowed_hosts=None, require_https=False):
        return fallback
    parts = urlsplit(raw)
    query = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if k != STATE_PARAM]
    return urlunsplit(("", "", parts.path, urlencode(query), ""))


STATE_CHOICE_ERRORS = {"invalid_choice": "Choose a state or territory from the list."}


class StateChoiceForm(forms.Form):
    """The state chooser: a state from the list, or a ZIP code that tells us the state."""

    state = forms.ChoiceField(
        label="State or territory",
        choices=_state_choices,
        required=False,
        error_messages=STATE_CHOICE_ERRORS,
    )
    zip_code = USZipCodeField(
        label="Or your ZIP code",
        required=False,
        max_length=10,
        help_text="We use it only to find your state; it is not kept.",
        error_messages={"invalid": ZIP_ERROR},
    )
    next = forms.CharField(required=False, max_length=500, widget=forms.HiddenInput)

    def __init__(
        self,
        data: FormData | None = None,
        files: FormFiles | None = None,
        **options: Unpack[FormOptions],
    ) -> None:
        super().__init__(data, files, **options)
        self.fields["zip_code"].widget.attrs.update(
            {"autocomplete": "postal-code", "inputmode": "numeric"}
        )

    def clean_next(self) -> str:
        return safe_next(self.cleaned_data.get("next"))

    def clean(self) -> CleanedData:
        cleaned = super().clean() or {}
        state = cleaned.get("state") or ""
        zip_code = cleaned.get("zip_code") or ""
        if self.errors:
            return cleaned
        if not state and not zip_code:
            raise forms.ValidationError("Choose your state, or enter your ZIP code.", code="empty")
        resolved = state_code_clean(state) if state else None
        if zip_code:
            zip_state = selectors.state_for_zip(zip_code=zip_code)
            if zip_state is None:
                self.add_error(
                    "zip_code",
                    f"We could not find ZIP code {zip_code}. Check it, or choose your state "
                    "from the list instead.",
                )
                return cleaned
            if resolved is not None and resolved != zip_state:
                self.add_error(
                    "zip_code",
                    f"ZIP code {zip_code} is in {state_name(zip_state)}, not in "
                    f"{state_name(resolved)}. Choose one or the other.",
                )
                return cleaned
            resolved = zip_state
        cleaned["resolved_state"] = resolved
        return cleaned


class AvailabilityForm(forms.Form):
    """A ZIP code and, optionally, a street: what can be ordered there."""

    zip_code = USZipCodeField(
        label="ZIP code", max_length=10, error_messages={"invalid": ZIP_ERROR}
    )
    street = forms.CharField(
        label="Street name",
        required=False,
        max_length=STREET_MAX_LENGTH,
        help_text="The street name is enough, like 'Ocean Drive': a few streets differ from "
        "the rest of their ZIP code. Nothing you enter here is kept.",
    )

    def __init__(
        self,
        data: FormData | None = None,
        files: FormFiles | None = None,
        **options: Unpack[FormOptions],
    ) -> None:
        super().__init__(data, files, **options)
        self.fields["zip_code"].widget.attrs.update(
            {"autocomplete": "postal-code", "inputmode": "numeric"}
        )
        self.fields["street"].widget.attrs["autocomplete"] = "address-line1"
