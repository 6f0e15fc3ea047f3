"""Every URL pattern of the URLconf, with its parameters filled so that it resolves.

The walk is what the staff-access tests iterate over, so a page added tomorrow is covered the
day it is added. ``Route.is_staff`` is the tests' own oracle (a route of the admin site or under
``staff/``), deliberately independent of how the application decides.
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Iterator, Mapping
from dataclasses import dataclass

from django.conf import settings
from django.urls import URLPattern, URLResolver, get_resolver, resolve

_CONVERTER = re.compile(r"(?<!\?P)<(?:\w+:)?(\w+)>")
_REGEX_GROUP = re.compile(r"\(\?P<(\w+)>(?:[^()\\]|\\.|\[[^\]]*\]|\([^()]*\))*\)")

# Values for parameters no fixture provides: they match the converters and lead to no object.
DEFAULT_SAMPLES: Mapping[str, str] = {
    "uidb36": "3",
    "key": "not-a-real-key-123",
    "token": "not-a-real-token",
    "version": "1.0",
    "slug": "no-such-product",
    "name": "20260101T000000-0.eml",
    "account_number": "AZ-000000",
    "model_label": "accounts.user",
    "pk": "1",
    "field": "email",
    "object_id": "1",
    "content_type_id": "1",
    "id": "1",
    "app_label": "privacy",
    "url": "no-such-page/",
    "rest": "no-such-resource",
}


@dataclass(frozen=True)
class Route:
    route: str  # the joined pattern, e.g. "staff/customers/<uuid:public_id>/"
    name: str  # "namespace:name", or "" for an unnamed pattern
    namespaces: tuple[str, ...]
    pattern: URLPattern

    @property
    def is_staff(self) -> bool:
        admin = settings.ADMIN_URL_PATH
        return "admin" in self.namespaces or self.route.startswith(("staff/", admin))

    @property
    def parameters(self) -> list[str]:
        return _CONVERTER.findall(self.route) + [
            m.group(1) for m in _REGEX_GROUP.finditer(self.route)
        ]

    def path(self, samples: Mapping[str, str]) -> str:
        """A path that resolves to this pattern, parameters taken from ``samples``."""
        values = {**DEFAULT_SAMPLES, **samples}

        def sample(name: str) -> str:
            if name not in values and name.endswith("_id"):
                return str(uuid.uuid4())
            return values[name]

        def converted(m: re.Match[str]) -> str:
            # An <int:...> parameter no fixture names gets a number whatever its name.
            if m.group(0).startswith("<int:") and m.group(1) not in samples:
                return values.get(m.group(1), "1") if m.group(1) in DEFAULT_SAMPLES else "1"
            return sample(m.group(1))

        path = _CONVERTER.sub(converted, self.route)
        path = _REGEX_GROUP.sub(lambda m: sample(m.group(1)), path)
        return "/" + path.replace("^", "").replace("$", "")


def _walk(resolver: URLResolver, prefix: str, namespaces: tuple[str, ...]) -> Iterator[Route]:
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            inner = (*namespaces, entry.namespace) if entry.namespace else namespaces
            yield from _walk(entry, prefix + str(entry.pattern), inner)
        else:
            name = ":".join((*namespaces, entry.name)) if entry.name else ""
            yield Route(prefix + str(entry.pattern), name, namespaces, entry)


def routes() -> list[Route]:
    """Every pattern of the project's URLconf, in URLconf order."""
    return list(_walk(get_resolver(), "", ()))


def resolvable_paths(samples: Mapping[str, str]) -> list[tuple[Route, str]]:
    """Each route with a path that resolves to that very pattern (checked)."""
    walked = []
    for route in routes():
        path = route.path(samples)
        assert resolve(path).func == route.pattern.callback, (route.route, path)
        walked.append((route, path))
    return walked
