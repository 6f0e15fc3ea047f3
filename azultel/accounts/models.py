"""The person who signs in: email is the identifier, no username."""

from __future__ import annotations

import uuid
from typing import Any, ClassVar

from django.contrib.auth.base_user import AbstractBaseUser, BaseUserManager
from django.contrib.auth.models import PermissionsMixin
from django.db import models
from django.db.models.functions import Lower
from django.utils import timezone

from azultel.privacy.datamap import Declaration, Personal


class UserManager(BaseUserManager["User"]):
    use_in_migrations = True

    def _create(self, email: str, password: str | None, **extra: Any) -> User:
        if not email:
            raise ValueError("An email address is required.")
        user = self.model(email=self.normalize_email(email).lower(), **extra)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email: str, password: str | None = None, **extra: Any) -> User:
        extra.setdefault("is_staff", False)
        extra.setdefault("is_superuser", False)
        return self._create(email, password, **extra)

    def create_superuser(self, email: str, password: str | None = None, **extra: Any) -> User:
        extra["is_staff"] = True
        extra["is_superuser"] = True
        return self._create(email, password, **extra)

    def get_by_natural_key(self, username: str | None) -> User:
        return self.get(email__iexact=username)


class User(AbstractBaseUser, PermissionsMixin):
    """A customer or staff member. Later issues hang profiles and roles off this row."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    email = models.EmailField("email address", max_length=254, unique=True)
    given_name = models.CharField("given name", max_length=100)
    family_name = models.CharField("family name", max_length=100)
    is_staff = models.BooleanField(default=False)
    is_active = models.BooleanField(default=True)
    date_joined = models.DateTimeField(default=timezone.now)

    objects = UserManager()

    data_map: ClassVar[dict[str, Declaration]] = {
        "email": Personal(
            "user.contact.email",
            ("account", "security", "customer_contact", "order_fulfilment", "billing", "marketing"),
            "account_lifetime",
            description="sign-in identifier and contact",
        ),
        "given_name": Personal(
            "user.name",
            ("account", "order_fulfilment", "billing", "customer_contact", "directory"),
            "account_lifetime",
        ),
        "family_name": Personal(
            "user.name",
            ("account", "order_fulfilment", "billing", "customer_contact", "directory"),
            "account_lifetime",
        ),
        "password": Personal(
            "user.authentication",
            ("security",),
            "account_lifetime",
            description="only a salted Argon2id hash",
        ),
        "last_login": Personal("user.activity", ("security",), "account_lifetime"),
    }

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS = ["given_name", "family_name"]

    class Meta:
        ordering = ["family_name", "given_name", "id"]
        constraints = [
            models.UniqueConstraint(Lower("email"), name="accounts_user_email_ci_unique"),
        ]

    def __str__(self) -> str:
        return self.get_full_name() or self.email

    def get_full_name(self) -> str:
        return f"{self.given_name} {self.family_name}".strip()

    def get_short_name(self) -> str:
        return self.given_name
