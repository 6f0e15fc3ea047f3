"""Shared pytest fixtures and the promise registry.

* The network is closed in tests except loopback (STYLE: real parts, nothing outside).
* ``@pytest.mark.promise("P05")`` tags a test that proves a promise; ``pytest --promises`` lists
  which promises have tests and which have none.
* Hypothesis runs the "azultel" profile: no deadline, the same examples on every run.
"""

from __future__ import annotations

import ipaddress
import re
import socket
from collections import defaultdict
from collections.abc import Iterator
from typing import Any

import pytest
from hypothesis import settings as hypothesis_settings

# Hypothesis: no per-example deadline (a busy machine or parallel workers turn timing into a
# failure) and the same examples on every run (`--hypothesis-profile=default` explores anew).
hypothesis_settings.register_profile("azultel", deadline=None, derandomize=True)
hypothesis_settings.load_profile("azultel")

PROMISE_ID = re.compile(r"^(P\d{2}|B\d)$")


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--promises",
        action="store_true",
        help="List the promises (P01-P30, B1-B6) and the tests that prove each; run nothing.",
    )


def _promise_ids(item: pytest.Item) -> list[str]:
    ids: list[str] = []
    for mark in item.iter_markers("promise"):
        ids.extend(str(a) for a in mark.args)
    return ids


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    for item in items:
        for pid in _promise_ids(item):
            if not PROMISE_ID.match(pid):
                raise pytest.UsageError(f"{item.nodeid}: unknown promise id {pid!r}")
    if not config.getoption("--promises"):
        return
    covered: dict[str, list[str]] = defaultdict(list)
    for item in items:
        for pid in _promise_ids(item):
            covered[pid].append(item.nodeid)
    known = [f"P{n:02d}" for n in range(1, 31)] + [f"B{n}" for n in range(1, 7)]
    lines = ["", "Promise coverage (tests carrying @pytest.mark.promise):"]
    for pid in known:
        tests = covered.get(pid, [])
        lines.append(f"  {pid}: {len(tests)} test(s)")
        lines.extend(f"      {t}" for t in tests)
    missing = [pid for pid in known if pid not in covered]
    lines.append(f"Promises without a test: {', '.join(missing) if missing else 'none'}")
    reporter = config.pluginmanager.get_plugin("terminalreporter")
    if reporter is not None:
        reporter.write_line("\n".join(lines))
    config.hook.pytest_deselected(items=list(items))
    items.clear()


_real_connect = socket.socket.connect
_real_connect_ex = socket.socket.connect_ex


def _is_local(address: Any) -> bool:
    if isinstance(address, str | bytes):  # a Unix socket path
        return True
    host = address[0] if isinstance(address, tuple) else address
    if host in ("localhost", ""):
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def _guarded_connect(self: socket.socket, address: Any) -> None:
    if not _is_local(address):
        raise ConnectionRefusedError(f"Tests may not reach the network: {address!r}")
    _real_connect(self, address)


def _guarded_connect_ex(self: socket.socket, address: Any) -> int:
    if not _is_local(address):
        raise ConnectionRefusedError(f"Tests may not reach the network: {address!r}")
    return _real_connect_ex(self, address)


@pytest.fixture(autouse=True, scope="session")
def _network_closed() -> Iterator[None]:
    socket.socket.connect = _guarded_connect  # type: ignore[method-assign,assignment]
    socket.socket.connect_ex = _guarded_connect_ex  # type: ignore[method-assign,assignment]
    yield
    socket.socket.connect = _real_connect  # type: ignore[method-assign]
    socket.socket.connect_ex = _real_connect_ex  # type: ignore[method-assign]


@pytest.fixture(autouse=True)
def _fresh_cache() -> Iterator[None]:
    """Rate-limit counters and cached values never leak from one test into the next."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def site_content(db: None) -> None:
    """The published policy and FAQ entries the data migrations create.

    Transactional tests flush the database, so tests that need this content ask for it here.
    """
    from importlib import import_module

    from django.apps import apps

    for module in (
        "azultel.privacy.migrations.0002_policy_first_version",
        "azultel.site.migrations.0002_faq_first_entries",
    ):
        migration = import_module(module)
        for operation in migration.Migration.operations:
            operation.code(apps, None)
