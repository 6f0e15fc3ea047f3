"""Demo content: each app may have a ``demo.py`` with ``demo_seed() -> list[DemoSignIn]``.

``manage.py seed_demo`` calls them in INSTALLED_APPS order. Every seed must be idempotent.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class DemoSignIn:
    role: str
    email: str
    password: str
