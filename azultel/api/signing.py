"""HMAC signatures of event deliveries, and their check (used by docs/api_example_receiver.py).

Header ``X-Azultel-Signature: t=<unix time>,v1=<hex HMAC-SHA256 of "<t>.<body>">``. A receiver
recomputes it with the subscription's secret, compares in constant time and refuses old times.
"""

from __future__ import annotations

import hashlib
import hmac
import time

SIGNATURE_HEADER = "X-Azultel-Signature"
TOLERANCE_SECONDS = 300


def signature_make(*, secret: str, body: bytes, timestamp: int | None = None) -> str:
    at = int(time.time()) if timestamp is None else timestamp
    mac = hmac.new(secret.encode(), f"{at}.".encode() + body, hashlib.sha256).hexdigest()
    return f"t={at},v1={mac}"


def signature_verify(*, secret: str, body: bytes, header: str, now: int | None = None) -> bool:
    """True when ``header`` signs ``body`` with ``secret`` within the tolerance."""
    parts = dict(p.split("=", 1) for p in header.split(",") if "=" in p)
    stamp, given = parts.get("t", ""), parts.get("v1", "")
    if not stamp.isdigit() or not given:
        return False
    current = int(time.time()) if now is None else now
    if abs(current - int(stamp)) > TOLERANCE_SECONDS:
        return False
    expected = signature_make(secret=secret, body=body, timestamp=int(stamp)).split("v1=")[1]
    return hmac.compare_digest(expected, given)
