"""Browser, platform and device class from a user agent, with ua-parser.

Only the families leave this module; the user agent string itself is used transiently (P27). The
parse results are kept in an in-memory LRU keyed by the (truncated) string, never written anywhere.
"""

from __future__ import annotations

import re
import threading
from functools import lru_cache
from typing import NamedTuple

from ua_parser import BestAvailableResolver, Parser, load_builtins

from azultel.analytics.models import DeviceClass

# Longer strings are cut before parsing: it bounds the cache's memory and the parser's work.
UA_MAX_PARSED = 512
FAMILY_MAX_LENGTH = 50

# Automated clients ua-parser reports as ordinary software rather than as spiders.
_AUTOMATION = re.compile(
    r"bot|crawl|spider|slurp|scrape|fetch|monitor|preview|headless|lighthouse|pingdom|"
    r"curl|wget|python|httpx|aiohttp|okhttp|go-http|java/|libwww|node-fetch|axios|"
    r"postman|insomnia|httpie|wrk|apachebench|siege|k6/|locust",
    re.IGNORECASE,
)
_DESKTOP_OS = frozenset(
    {
        "Windows",
        "Mac OS X",
        "macOS",
        "Linux",
        "Ubuntu",
        "Fedora",
        "Debian",
        "Chrome OS",
        "ChromeOS",
        "FreeBSD",
        "OpenBSD",
        "NetBSD",
        "Solaris",
    }
)
_MOBILE_OS = frozenset({"iOS", "Android", "Windows Phone", "BlackBerry OS", "KaiOS", "Tizen"})
_TABLET_HINT = re.compile(r"ipad|tablet|kindle|silk|playbook|nexus (7|9|10)|sm-t|sm-x", re.I)


class Client(NamedTuple):
    browser: str
    platform: str
    device: str

    @property
    def is_bot(self) -> bool:
        return self.device == DeviceClass.BOT.value


def _family(value: str | None) -> str:
    return (value or "Other")[:FAMILY_MAX_LENGTH]


_parser: Parser | None = None
_parser_lock = threading.Lock()


def _uncached_parser() -> Parser:
    """ua-parser without its own cache: results are cached once, below, in ``_classify``."""
    global _parser
    with _parser_lock:
        if _parser is None:
            _parser = Parser(BestAvailableResolver(load_builtins()))
        return _parser


@lru_cache(maxsize=4096)
def _classify(ua: str) -> Client:
    if not ua.strip():
        return Client("No user agent", "Other", DeviceClass.BOT.value)
    result = (_parser or _uncached_parser()).parse(ua)
    browser = _family(result.user_agent.family if result.user_agent else None)
    platform = _family(result.os.family if result.os else None)
    device = result.device
    if (device is not None and device.family == "Spider") or _AUTOMATION.search(ua):
        return Client(browser, platform, DeviceClass.BOT.value)
    device_family = device.family if device else ""
    brand = (device.brand or "") if device else ""
    if "Tablet" in brand or _TABLET_HINT.search(device_family or "") or _TABLET_HINT.search(ua):
        return Client(browser, platform, DeviceClass.TABLET.value)
    if platform in _MOBILE_OS or re.search(r"mobile|phone", ua, re.I):
        return Client(browser, platform, DeviceClass.MOBILE.value)
    if platform in _DESKTOP_OS:
        return Client(browser, platform, DeviceClass.DESKTOP.value)
    return Client(browser, platform, DeviceClass.OTHER.value)


def client_classify(user_agent: str) -> Client:
    """Browser family, platform family and device class (desktop/mobile/tablet/bot/other)."""
    return _classify(user_agent[:UA_MAX_PARSED])
