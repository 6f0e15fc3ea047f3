"""Factories for analytics rows (factory_boy); hits are built by the ``hit_factory`` fixture."""

from __future__ import annotations

from datetime import date, timedelta

import factory

from azultel.analytics.models import ClosedDay, DailySalt


class ClosedDayFactory(factory.django.DjangoModelFactory[ClosedDay]):
    class Meta:
        model = ClosedDay

    day = factory.Sequence(lambda n: date(2026, 1, 1) + timedelta(days=n))


class DailySaltFactory(factory.django.DjangoModelFactory[DailySalt]):
    class Meta:
        model = DailySalt

    day = factory.Sequence(lambda n: date(2026, 1, 1) + timedelta(days=n))
    salt = b"s" * 32
