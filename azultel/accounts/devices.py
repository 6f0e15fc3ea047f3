"""A coarse device label for the sessions list: browser and system family, nothing finer (P27)."""

from __future__ import annotations

from functools import lru_cache

from django.http import HttpRequest
from ua_parser import parse


@lru_cache(maxsize=2048)
def _label_for(user_agent: str) -> str:
    result = parse(user_agent)
    browser = result.user_agent.family if result.user_agent else "Unknown browser"
    system = result.os.family if result.os else "unknown system"
    return f"{browser} on {system}"


def device_label(request: HttpRequest) -> str:
    user_agent = request.META.get("HTTP_USER_AGENT", "")[:512]
    return _label_for(user_agent) if user_agent else "Unknown browser"
