"""Factories for orders rows (factory_boy).

Orders themselves are placed through the checkout journey (``checkouts.py``); billing's
``service_make`` builds active services directly, with chosen dates.
"""

from __future__ import annotations

import factory

from azultel.orders.models import NumberPool


class NumberPoolFactory(factory.django.DjangoModelFactory[NumberPool]):
    """A block of telephone numbers in one exchange (``next_line > last_line`` is an empty one)."""

    class Meta:
        model = NumberPool

    state = "FL"
    area_code = "305"
    exchange = factory.Sequence(lambda n: f"{200 + n % 800:03d}")
