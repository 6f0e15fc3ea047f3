from __future__ import annotations

from typing import Unpack

from django import forms

from azultel.comms.models import MessageCategory, MessageStatus
from azultel.comms.services import UnsubscribeScope
from azultel.core.form_options import FormData, FormFiles, FormOptions


class UnsubscribeForm(forms.Form):
    scope = forms.ChoiceField(
        label="What should we stop sending?",
        widget=forms.RadioSelect,
        # Nothing chosen in advance: the person picks (choices are neutral, DESIGN.md).
        error_messages={"required": "Choose what we should stop sending."},
    )

    def __init__(
        self,
        data: FormData | None = None,
        files: FormFiles | None = None,
        *,
        topic_label: str,
        **options: Unpack[FormOptions],
    ) -> None:
        super().__init__(data, files, **options)
        scope = self.fields["scope"]
        assert isinstance(scope, forms.ChoiceField)
        scope.choices = [
            (UnsubscribeScope.THIS_KIND, f"Only this kind of email: {topic_label.lower()}"),
            (UnsubscribeScope.ALL_MARKETING, "All marketing email from Azultel"),
        ]


class OutboxFilterForm(forms.Form):
    status = forms.ChoiceField(
        label="Status", required=False, choices=[("", "Any status"), *MessageStatus.choices]
    )
    category = forms.ChoiceField(
        label="Category", required=False, choices=[("", "Any category"), *MessageCategory.choices]
    )
    to = forms.EmailField(
        label="Sent to",
        required=False,
        max_length=254,
        help_text="The exact address. Matched by its fingerprint, so older messages whose "
        "address was cleared are found too.",
    )
