"""Typed pieces for forms, so a form's ``__init__`` and ``clean`` need no ``Any``.

    def __init__(self, data: FormData | None = None, files: FormFiles | None = None,
                 *, cards: list[Card], **options: Unpack[FormOptions]) -> None:
        super().__init__(data, files, **options)

    def clean(self) -> CleanedData:
        cleaned = super().clean() or {}
        if cleaned_str(cleaned, "reason").strip(): ...

``FormOptions`` lists the keyword arguments of Django's ``Form.__init__`` that this project's
forms pass on; ``cleaned_str`` and friends read one cleaned value with the type its field gives.
"""

from __future__ import annotations

from collections.abc import Mapping, MutableMapping
from datetime import date
from typing import TypedDict

from django.core.files.uploadedfile import UploadedFile
from django.forms.utils import ErrorList
from django.utils.datastructures import MultiValueDict

FormData = Mapping[str, object]
FormFiles = MultiValueDict[str, UploadedFile[bytes]]
# What ``clean`` returns: the cleaned values by field name (each field's own type).
CleanedData = dict[str, object]


class FormOptions(TypedDict, total=False):
    """The keyword arguments of ``django.forms.Form.__init__`` after ``data`` and ``files``."""

    auto_id: bool | str
    prefix: str | None
    initial: MutableMapping[str, object] | None
    error_class: type[ErrorList]
    label_suffix: str | None
    empty_permitted: bool
    use_required_attribute: bool | None


def cleaned_str(cleaned: Mapping[str, object], name: str) -> str:
    """The text a field cleaned to, or "" when it is missing, empty or not text."""
    value = cleaned.get(name)
    return value if isinstance(value, str) else ""


def cleaned_date(cleaned: Mapping[str, object], name: str) -> date | None:
    """The date a field cleaned to, or None when it is missing or not a date."""
    value = cleaned.get(name)
    return value if isinstance(value, date) else None


class FieldOptions(TypedDict, total=False):
    """The keyword arguments of ``django.forms.Field.__init__`` a custom field passes on."""

    required: bool
    label: str | None
    help_text: str
    error_messages: dict[str, str] | None
    disabled: bool
