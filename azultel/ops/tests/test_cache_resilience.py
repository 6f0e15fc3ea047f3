"""A Redis that is away (restarting) makes the cache a miss, never a 500."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from azultel.ops.cache import ResilientRedisCache

GONE = "redis://127.0.0.1:1/0"  # nothing listens on port 1


def test_an_unreachable_redis_reads_as_a_miss_and_drops_writes() -> None:
    cache = ResilientRedisCache(GONE, {"OPTIONS": {"socket_connect_timeout": 0.2}})

    cache.set("k", "v")

    assert cache.get("k", "default") == "default"
    assert cache.add("claim", 1) is False
    assert cache.incr("hits", 1) == 1
    assert cache.get_many(["a", "b"]) == {}
    assert cache.delete("k") is False


@pytest.mark.django_db
def test_pages_answer_while_redis_is_away(client: Client, settings: Any) -> None:
    settings.CACHES = {
        "default": {
            "BACKEND": "azultel.ops.cache.ResilientRedisCache",
            "LOCATION": GONE,
            "OPTIONS": {"socket_connect_timeout": 0.2},
        }
    }
    settings.SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"

    assert client.get("/").status_code == 200
    assert client.get("/account/login/").status_code == 200
