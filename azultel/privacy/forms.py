from __future__ import annotations

from typing import Any

from django import forms

from azultel.privacy.datamap import PURPOSES


class RevealForm(forms.Form):
    purpose = forms.ChoiceField(label="Purpose")
    reason = forms.CharField(
        label="Reason",
        max_length=300,
        help_text="Say why you need it; this goes in the access log.",
    )

    def __init__(self, *args: Any, purposes: tuple[str, ...] = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        purpose = self.fields["purpose"]
        assert isinstance(purpose, forms.ChoiceField)
        purpose.choices = [("", "Choose a purpose")] + [(p, PURPOSES.get(p, p)) for p in purposes]
