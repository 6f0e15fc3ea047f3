"""TMF630 paging: ``offset`` and ``limit``, with ``X-Total-Count`` and ``X-Result-Count``."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TypeVar

from django.db.models import Model, QuerySet
from rest_framework.exceptions import ValidationError
from rest_framework.request import Request

DEFAULT_LIMIT = 20
MAX_LIMIT = 100

M = TypeVar("M", bound=Model)


def _number(request: Request, name: str, default: int, *, low: int, high: int) -> int:
    raw = request.query_params.get(name)
    if raw is None or raw == "":
        return default
    if not raw.isdigit() or not low <= int(raw) <= high:
        raise ValidationError({name: f"Give a whole number from {low} to {high}."})
    return int(raw)


def page_of(request: Request, rows: QuerySet[M]) -> tuple[Sequence[M], dict[str, str]]:
    """One page of ``rows`` and the headers that describe it."""
    offset = _number(request, "offset", 0, low=0, high=10**9)
    limit = _number(request, "limit", DEFAULT_LIMIT, low=1, high=MAX_LIMIT)
    total = rows.count()
    page = list(rows[offset : offset + limit])
    return page, {"X-Total-Count": str(total), "X-Result-Count": str(len(page))}


ALWAYS_KEPT = ("id", "href", "@type", "@baseType", "@schemaLocation")


def fields_selected(request: Request, item: dict[str, object]) -> dict[str, object]:
    """TMF630 attribute selection: ``fields=a,b`` keeps those (and id, href, @type)."""
    raw = request.query_params.get("fields")
    if not raw:
        return item
    wanted = {name.strip() for name in raw.split(",") if name.strip()} | set(ALWAYS_KEPT)
    return {key: value for key, value in item.items() if key in wanted}
