"""Errors in TM Forum's shape (TMF630): ``code``, ``reason``, ``message``, ``status``."""

from __future__ import annotations

from django.http import Http404
from rest_framework import exceptions, status
from rest_framework.response import Response
from rest_framework.views import exception_handler

_REASONS = {
    400: "Bad request",
    401: "Not authenticated",
    403: "Not allowed",
    404: "Not found",
    405: "Method not allowed",
    406: "Not acceptable",
    409: "Conflict",
    415: "Unsupported media type",
    422: "Cannot be processed",
    429: "Too many requests",
}


def _flatten(detail: object, prefix: str = "") -> list[str]:
    if isinstance(detail, dict):
        out: list[str] = []
        for key, value in detail.items():
            name = f"{prefix}.{key}" if prefix else str(key)
            out.extend(_flatten(value, prefix if key == "non_field_errors" else name))
        return out
    if isinstance(detail, list):
        return [line for item in detail for line in _flatten(item, prefix)]
    return [f"{prefix}: {detail}" if prefix else str(detail)]


def tmf_error(status_code: int, message: str) -> Response:
    """A TMF630 error body for ``status_code``."""
    return Response(
        {
            "@type": "Error",
            "code": str(status_code),
            "reason": _REASONS.get(status_code, "Error"),
            "message": message,
            "status": str(status_code),
        },
        status=status_code,
    )


def tmf_exception_handler(exc: Exception, context: dict[str, object]) -> Response | None:
    """DRF's handler, with every error answered in the TMF shape (headers kept)."""
    if isinstance(exc, Http404):
        exc = exceptions.NotFound("No such resource.")
    response = exception_handler(exc, context)
    if response is None:
        return None
    message = "; ".join(_flatten(response.data)) if response.data else ""
    error = tmf_error(response.status_code, message or _REASONS.get(response.status_code, ""))
    for header, value in response.headers.items():
        if header.lower() not in ("content-type", "content-length"):
            error[header] = value
    if response.status_code == status.HTTP_401_UNAUTHORIZED and "WWW-Authenticate" not in error:
        error["WWW-Authenticate"] = 'Bearer realm="api"'
    return error
