from __future__ import annotations

from typing import Unpack

from django import forms

from azultel.core.form_options import FormData, FormFiles, FormOptions
from azultel.privacy.datamap import PURPOSES


class RevealForm(forms.Form):
    purpose = forms.ChoiceField(label="Purpose")
    reason = forms.CharField(
        label="Reason",
        max_length=300,
        help_text="Say why you need it; this goes in the access log.",
    )

    def __init__(
        self,
        data: FormData | None = None,
        files: FormFiles | None = None,
        *,
        purposes: tuple[str, ...] = (),
        **options: Unpack[FormOptions],
    ) -> None:
        super().__init__(data, files, **options)
        purpose = self.fields["purpose"]
        assert isinstance(purpose, forms.ChoiceField)
        purpose.choices = [("", "Choose a purpose")] + [(p, PURPOSES.get(p, p)) for p in purposes]
