"""The dashboard's range choice and the page-load beacon's body."""

from __future__ import annotations

import json
from datetime import date, timedelta
from typing import Any
from urllib.parse import parse_qsl

from django import forms
from django.urls import Resolver404, resolve

from azultel.analytics.models import PATH_MAX_LENGTH
from azultel.analytics.selectors import RangeKind

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

    def __init__(self, *args: Any, today: date, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.today = today

    def clean(self) -> dict[str, Any]:
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
        data: Any = dict(pairs)
        if len(data) != len(pairs):
            raise BeaconError("A field was repeated.")
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
