"""The custom user: email is the sign-in identifier, unique whatever its case."""

from __future__ import annotations

import pytest
from django.contrib.auth import authenticate, get_user_model
from django.db import IntegrityError, transaction

User = get_user_model()


@pytest.mark.django_db
def test_email_is_the_identifier_and_names_are_kept() -> None:
    user = User.objects.create_user(
        "Ana@Example.COM", "a long enough passphrase", given_name="Ana", family_name="Ruiz"
    )

    assert user.email == "ana@example.com"
    assert user.get_full_name() == "Ana Ruiz"
    assert not hasattr(user, "username")
    assert authenticate(username="ANA@example.com", password="a long enough passphrase") == user


@pytest.mark.promise("P22")
@pytest.mark.django_db
def test_password_is_stored_as_an_argon2_hash() -> None:
    user = User.objects.create_user(
        "ana@example.com", "a long enough passphrase", given_name="Ana", family_name="Ruiz"
    )

    assert user.password.startswith("argon2$argon2id$")
    assert "a long enough passphrase" not in user.password


@pytest.mark.django_db
def test_the_database_refuses_the_same_email_in_another_case() -> None:
    User.objects.create_user("ana@example.com", "x" * 12, given_name="A", family_name="R")

    with pytest.raises(IntegrityError), transaction.atomic():
        User.objects.create(email="ANA@example.com", given_name="B", family_name="R")

    assert User.objects.count() == 1
