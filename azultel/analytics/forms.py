"""The dashboard's range choice and the page-load beacon's body."""

from __future__ import annotations

import json
from datetime import date, timedelta
from typing import Unpack
from urllib.parse import parse_qsl

from django import forms
from django.urls import Resolver404, resolve

from azultel.analytics.models import PATH_MAX_LENGTH
from azultel.analytics.selectors import RangeKind
from azultel.core.form_options import CleanedData, FormData, FormFiles, FormOptions

OLDEST_REPORT_DATE = date(2000, 1, 1)
CUSTOM_MAX_DAYS = 10 * 366


class RangeForm(forms.Form):
    range = forms.ChoiceField(choices=RangeKind.choices, initial=RangeKind.MONTH, label="Period")
    start = forms.DateField(
        required=False, label="From", widget=forms.DateInput(attrs={"type": "date"})
    )
    end = forms.DateField(
        required=False, label="To", widget=forms.DateInput(attrs={"type": "date"})
    )

    def __init__(
        self,
        data: FormData | None = None,
        files: FormFiles | None = None,
        *,
        today: date,
        **options: Unpack[FormOptions],
    ) -> None:
        super().__init__(data, files, **options)
        self.today = today

    def clean(self) -> CleanedData:
        cleaned = super().clean() or {}
        if cleaned.get("range") != RangeKind.CUSTOM:
            return cleaned
        start, end = cleaned.get("start"), cleaned.get("end")
        if start is None and "start" not in self.errors:
            self.add_error("start", "Enter the first day of the range.")
        if end is None and "end" not in self.errors:
            self.add_error("end", "Enter the last day of the range.")
        if start is None or end is None:
            return cleaned
        if end > self.today:
            self.add_error("end", "The range cannot end after today.")
        elif start > end:
            self.add_error("start", "The first day must be on or before the last day.")
        elif start < OLDEST_REPORT_DATE:
            self.add_error("start", f"Statistics start on {OLDEST_REPORT_DATE:%B %-d, %Y}.")
        elif end - start > timedelta(days=CUSTOM_MAX_DAYS):
            self.add_error("start", "Choose a range of ten years or less.")
        return cleaned


BEACON_MAX_BYTES = 1024
BEACON_FIELDS = frozenset({"path", "load_ms"})
LOAD_MS_MAX = 120_000


class BeaconError(ValueError):
    """The beacon body is not what the endpoint accepts."""


def beacon_parse(body: bytes, content_type: str) -> tuple[str, int]:
    """Validate a page-load beacon: exactly ``path`` (a page of this site) and ``load_ms``.

    JSON (application/json or text/plain, as navigator.sendBeacon sends) or a form body.
    """
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise BeaconError("The body is not UTF-8.") from exc
    if content_type == "application/x-www-form-urlencoded":
        try:
            pairs = parse_qsl(text, keep_blank_values=True, strict_parsing=bool(text))
        except ValueError as exc:
            raise BeaconError("The form body is malformed.") from exc
        fields = dict(pairs)
        if len(fields) != len(pairs):
            raise BeaconError("A field was repeated.")
        data: object = fields
    else:
        try:
            data = json.loads(text)
        except ValueError as exc:
            raise BeaconError("The body is not JSON.") from exc
    if not isinstance(data, dict) or set(data) != BEACON_FIELDS:
        raise BeaconError("The body must hold exactly path and load_ms.")
    path, load_ms = data["path"], data["load_ms"]
    if isinstance(load_ms, str) and load_ms.isdigit() and len(load_ms) <= 6:
        load_ms = int(load_ms)
    if isinstance(load_ms, bool) or not isinstance(load_ms, int):
        raise BeaconError("load_ms must be a whole number of milliseconds.")
    if not 0 < load_ms <= LOAD_MS_MAX:
        raise BeaconError("load_ms is out of range.")
    if (
        not isinstance(path, str)
        or not path.startswith("/")
        or path.startswith("//")
        or len(path) > PATH_MAX_LENGTH
        or any(c in path for c in "?#\\\x00")
        or not path.isprintable()
    ):
        raise BeaconError("path must be a page address on this site.")
    try:
        resolve(path)
    except Resolver404 as exc:
        raise BeaconError("There is no such page.") from exc
    return path, load_ms
