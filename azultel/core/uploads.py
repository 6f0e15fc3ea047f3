"""The form field for private uploads: checks the content, keeps nothing, says what to do.

    class ApplicationForm(forms.Form):
        resume = PrivateFileField(policy=RESUME_UPLOADS, label="Your résumé")

    # in the view, once the form is valid (and only then):
    stored = stored_file_save(upload=form.cleaned_data["resume"], actor=request.user)

``cleaned_data`` holds a ``CheckedUpload`` (bytes, detected kind, purpose), never the browser's
file name or content type. Refused content raises a ``ValidationError`` shown next to the field,
e.g. "This file is a program, not a document. Upload a PDF, Word (.docx), OpenDocument (.odt) or
plain text file of at most 5 MB."; nothing is written anywhere.
"""

from __future__ import annotations

from typing import Unpack

from django import forms
from django.core.exceptions import ValidationError

from azultel.core.form_options import FieldOptions
from azultel.core.upload_checks import (
    CONTENT_TYPES,
    EXTENSIONS,
    CheckedUpload,
    UploadPolicy,
    UploadRefused,
    upload_check,
)


class PrivateFileField(forms.FileField):
    widget = forms.FileInput

    def __init__(self, *, policy: UploadPolicy, **kwargs: Unpack[FieldOptions]) -> None:
        self.policy = policy
        kwargs.setdefault("help_text", policy.instruction())
        super().__init__(allow_empty_file=True, **kwargs)
        self.error_messages["missing"] = f"Choose a file. {policy.instruction()}"
        self.error_messages["required"] = f"Choose a file. {policy.instruction()}"

    def widget_attrs(self, widget: forms.Widget) -> dict[str, object]:
        attrs = super().widget_attrs(widget)
        # A hint for the browser's file picker only; the content decides.
        accepted = [EXTENSIONS[kind] for kind in self.policy.kinds]
        accepted += [CONTENT_TYPES[kind].split(";")[0] for kind in self.policy.kinds]
        attrs["accept"] = ",".join(accepted)
        return attrs

    def clean(self, data: object, initial: object = None) -> CheckedUpload | None:
        uploaded = super().clean(data, initial)
        if not uploaded:
            return None
        uploaded.seek(0)
        content = uploaded.read(self.policy.max_bytes + 1)
        try:
            return upload_check(content, policy=self.policy, size=uploaded.size)
        except UploadRefused as refused:
            raise ValidationError(refused.message, code=refused.code) from None
