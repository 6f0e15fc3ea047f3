from __future__ import annotations

import unicodedata

from django import forms

from azultel.site.models import ContactTopic

FAQ_QUERY_MAX_LENGTH = 200


class ContactForm(forms.Form):
    name = forms.CharField(label="Your name", max_length=120)
    email = forms.EmailField(
        label="Email address", max_length=254, help_text="We reply to this address only."
    )
    topic = forms.ChoiceField(label="Topic", choices=ContactTopic.choices)
    message = forms.CharField(
        label="Message", max_length=5000, min_length=10, widget=forms.Textarea(attrs={"rows": 7})
    )

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["name"].widget.attrs["autocomplete"] = "name"
        self.fields["email"].widget.attrs["autocomplete"] = "email"

    def clean_name(self) -> str:
        # A name goes into email greetings: line breaks and control characters could forge
        # headers or lines, so they are refused rather than quietly removed.
        name: str = self.cleaned_data["name"]
        if any(unicodedata.category(c) in ("Cc", "Cf", "Zl", "Zp") for c in name):
            raise forms.ValidationError("Enter your name on one line, with letters only.")
        return name


class StyleguideSampleForm(forms.Form):
    """A form that exists only to show the form components, with and without errors."""

    name = forms.CharField(label="Full name", max_length=120, help_text="As it appears on your ID.")
    zip_code = forms.RegexField(
        label="ZIP code",
        regex=r"^\d{5}$",
        error_messages={"invalid": "Enter a ZIP code of 5 digits, like 33131."},
    )
    paperless = forms.BooleanField(label="Send my bills by email instead of post", required=False)
