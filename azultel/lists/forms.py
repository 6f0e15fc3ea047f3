"""The import form: what the list is, who supplied it, the file, and the evidence confirmation."""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.http import QueryDict
from django.utils.datastructures import MultiValueDict

from azultel.core.upload_checks import size_for_people


def _file_help() -> str:
    return (
        "A CSV file (UTF-8) of at most "
        f"{size_for_people(int(settings.LISTS_IMPORT_MAX_BYTES))} and "
        f"{int(settings.LISTS_IMPORT_MAX_ROWS):,} contacts."
    )


class ContactListImportForm(forms.Form):
    name = forms.CharField(
        label="Name of the list",
        max_length=120,
        help_text="For example: Austin Tech Fair 2026 sign-ups.",
    )
    source_organisation = forms.CharField(
        label="Supplied by",
        max_length=200,
        help_text="The partner or event co-sponsor that collected the consents.",
    )
    description = forms.CharField(
        label="Notes",
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Where the evidence is kept (the contract or the sign-up form), if useful.",
    )
    csv_file = forms.FileField(label="The file")
    evidence_confirmed = forms.BooleanField(
        label="The partner gave us each person's consent evidence and it is in the file",
        help_text="Only import people who agreed to hear from Azultel itself, not only the "
        "partner.",
        error_messages={"required": "Confirm that each row carries the person's consent evidence."},
    )

    def __init__(
        self,
        data: QueryDict | None = None,
        files: MultiValueDict[str, UploadedFile] | None = None,
    ) -> None:
        super().__init__(data, files)
        self.fields["csv_file"].help_text = _file_help()
        self.fields["csv_file"].widget.attrs["accept"] = ".csv,text/csv"

    def clean_csv_file(self) -> bytes:
        uploaded: UploadedFile = self.cleaned_data["csv_file"]
        limit = int(settings.LISTS_IMPORT_MAX_BYTES)
        size = uploaded.size or 0
        if size > limit:
            raise forms.ValidationError(
                f"The file is {size_for_people(size)}, more than the {size_for_people(limit)} "
                "limit. Split it into smaller files."
            )
        uploaded.seek(0)
        content = uploaded.read(limit + 1)
        # The upload handler stops keeping bytes at its own limit: a shorter read was cut.
        if len(content) != size:
            raise forms.ValidationError(f"The file is larger than the upload limit. {_file_help()}")
        return content
