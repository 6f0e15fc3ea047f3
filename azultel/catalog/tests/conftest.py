"""Fixtures for the catalog tests: the demo catalog, and catalog staff for the admin."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.apps import apps
from django.contrib.auth.models import Permission


@pytest.fixture
def demo_catalog(db: None) -> None:
    """The demo products, state prices and service areas (catalog/demo.py)."""
    from azultel.catalog.demo import demo_seed

    demo_seed()


def _table_counts() -> dict[str, int]:
    return {
        model._meta.label: model._default_manager.count()
        for model in apps.get_app_config("catalog").get_models()
    }


@pytest.fixture
def catalog_rows() -> Callable[[], dict[str, int]]:
    """Row counts of every catalog table, to prove a request changed nothing."""
    return _table_counts


@pytest.fixture
def staff_with(db: None) -> Callable[..., Any]:
    """A staff member holding the given catalog permissions, able to open the admin.

    Staff pages need two-step sign-in where the accounts app requires it, so the member gets a
    TOTP authenticator whenever allauth's MFA app is installed.
    """
    from azultel.accounts.models import User
    from azultel.accounts.tests.factories import UserFactory

    def make(*codenames: str) -> User:
        user: User = UserFactory(
            email=f"catalog{User.objects.count()}@azultel.example",
            given_name="Cata",
            family_name="Log",
            is_staff=True,
        )
        for codename in codenames:
            user.user_permissions.add(
                Permission.objects.get(content_type__app_label="catalog", codename=codename)
            )
        if apps.is_installed("allauth.mfa"):
            from azultel.accounts.testing import totp_enable

            totp_enable(user)
        return user

    return make
