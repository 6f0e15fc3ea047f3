"""The person who signs in: email is the identifier, no username."""

from __future__ import annotations

import uuid
from typing import ClassVar

from django.contrib.auth.base_user import AbstractBaseUser, BaseUserManager
from django.contrib.auth.models import PermissionsMixin
from django.db import models
from django.db.models import F, Q
from django.db.models.functions import Lower
from django.utils import timezone
from localflavor.us.models import USStateField, USZipCodeField

from azultel.accounts.roles import ROLE_BY_KEY
from azultel.core.models import BaseModel
from azultel.privacy.datamap import Declaration, NotPersonal, Personal


class UserManager(BaseUserManager["User"]):
    use_in_migrations = True

    def _create(self, email: str, password: str | None, **extra: object) -> User:
        if not email:
            raise ValueError("An email address is required.")
        user = self.model(email=self.normalize_email(email).lower(), **extra)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email: str, password: str | None = None, **extra: object) -> User:
        extra.setdefault("is_staff", False)
        extra.setdefault("is_superuser", False)
        return self._create(email, password, **extra)

    def create_superuser(self, email: str, password: str | None = None, **extra: object) -> User:
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
    erased_at = models.DateTimeField(null=True, blank=True)

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
            (
                "account",
                "order_fulfilment",
                "billing",
                "customer_contact",
                "directory",
                "marketing",
            ),
            "account_lifetime",
            description="also the greeting of marketing email the person agreed to",
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


class CustomerProfile(BaseModel):
    """Contact details of record and the local phone customer profile (P10, P13)."""

    user = models.OneToOneField(User, on_delete=models.CASCADE, related_name="profile")
    street = models.CharField("street address", max_length=200)
    unit = models.CharField("apartment, suite or unit", max_length=50, blank=True)
    city = models.CharField(max_length=100)
    state = USStateField("state or territory")
    zip_code = USZipCodeField("ZIP code")
    phone = models.CharField("contact phone", max_length=20, blank=True)
    local_profile_enabled_at = models.DateTimeField(
        null=True,
        blank=True,
        help_text="When the customer chose to keep a local phone customer profile (P10).",
    )

    data_map: ClassVar[dict[str, Declaration]] = {
        "street": Personal(
            "user.contact.address",
            ("account", "order_fulfilment", "billing", "directory"),
            "account_lifetime",
        ),
        "unit": Personal(
            "user.contact.address",
            ("account", "order_fulfilment", "billing", "directory"),
            "account_lifetime",
        ),
        "city": Personal(
            "user.contact.address",
            ("account", "order_fulfilment", "billing", "directory"),
            "account_lifetime",
        ),
        # Marketing and research read only the state (survey results filtered by state, P16).
        "state": Personal(
            "user.contact.address",
            ("account", "order_fulfilment", "billing", "marketing", "research"),
            "account_lifetime",
            description="also to choose who a marketing email the person agreed to is for, and to "
            "filter survey results (counts only)",
        ),
        "zip_code": Personal(
            "user.contact.address", ("account", "order_fulfilment", "billing"), "account_lifetime"
        ),
        "phone": Personal(
            "user.contact.phone", ("account", "customer_contact", "security"), "account_lifetime"
        ),
        "local_profile_enabled_at": Personal("user.preferences", ("account",), "account_lifetime"),
    }

    class Meta:
        ordering = ["user_id"]
        permissions = [("view_customer_record", "Can look up customer records (masked)")]

    def __str__(self) -> str:
        return f"profile of user {self.user_id}"

    @property
    def has_local_profile(self) -> bool:
        return self.local_profile_enabled_at is not None


class SignInSession(BaseModel):
    """One signed-in browser: lets people see their sessions and end the others.

    Holds a coarse device label (browser and system family), never an IP address or the full
    user-agent string (P27).
    """

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="signin_sessions")
    session_key = models.CharField(max_length=64, unique=True)
    device_label = models.CharField(max_length=100)
    last_seen_at = models.DateTimeField()
    ended_at = models.DateTimeField(null=True, blank=True)
    used_password = models.BooleanField(
        default=True, help_text="Signed in with the password in this session (CPNI access)."
    )

    data_map: ClassVar[dict[str, Declaration]] = {
        "device_label": Personal(
            "user.device", ("security",), "session", description="browser and system family only"
        ),
        "session_key": NotPersonal("random session identifier"),
        "used_password": NotPersonal("a flag: the password was used to sign in"),
    }

    class Meta:
        verbose_name = "sign-in session"
        ordering = ["-last_seen_at"]

    def __str__(self) -> str:
        return f"{self.device_label} ({self.user_id})"


class RoleGrantStatus(models.TextChoices):
    PENDING = "pending", "Waiting for approval"
    APPROVED = "approved", "Approved"
    REJECTED = "rejected", "Refused"
    CANCELLED = "cancelled", "Withdrawn"


class RoleGrant(BaseModel):
    """A request to give someone a staff role, which a second administrator decides (P23).

    Three different people at least: the requester, the person who would get the role, and the
    administrator who approves or refuses. The requester may withdraw their own request; a
    request is also withdrawn (with no decider) when either person's account is deleted.
    """

    target = models.ForeignKey(User, on_delete=models.PROTECT, related_name="role_grants")
    # A key of ``roles.ROLES``, checked by the services. Not a database choice list: roles live
    # in code and are synchronised after every migrate, so adding one needs no migration.
    role = models.CharField(max_length=40)
    reason = models.CharField(max_length=300)
    status = models.CharField(
        max_length=10, choices=RoleGrantStatus.choices, default=RoleGrantStatus.PENDING
    )
    requested_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    decided_by = models.ForeignKey(
        User, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)

    data_map: ClassVar[dict[str, Declaration]] = {
        "reason": NotPersonal("why a colleague should hold a staff role (a work note)"),
    }

    class Meta:
        ordering = ["-created_at", "-id"]
        permissions = [
            ("request_role_grant", "Can ask for a staff role to be given to someone else"),
            ("decide_role_grant", "Can approve or refuse a role request made by someone else"),
            ("remove_role", "Can take a staff role away from someone else"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["target", "role"],
                condition=Q(status="pending"),
                name="accounts_rolegrant_one_pending_per_role",
            ),
            models.CheckConstraint(
                condition=Q(status__in=RoleGrantStatus.values),
                name="accounts_rolegrant_status_valid",
            ),
            models.CheckConstraint(
                condition=~Q(requested_by=F("target")),
                name="accounts_rolegrant_not_for_oneself",
            ),
            models.CheckConstraint(
                condition=Q(decided_by__isnull=True) | ~Q(decided_by=F("target")),
                name="accounts_rolegrant_target_never_decides",
            ),
            # Only a withdrawal may be "decided" by the person who asked.
            models.CheckConstraint(
                condition=Q(decided_by__isnull=True)
                | Q(status="cancelled")
                | ~Q(decided_by=F("requested_by")),
                name="accounts_rolegrant_requester_never_decides",
            ),
            models.CheckConstraint(
                condition=Q(status="pending", decided_by__isnull=True, decided_at__isnull=True)
                | Q(status__in=["approved", "rejected"], decided_by__isnull=False)
                & Q(decided_at__isnull=False)
                | Q(status="cancelled", decided_at__isnull=False),
                name="accounts_rolegrant_decision_recorded",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.role_title} for user {self.target_id} ({self.status})"

    @property
    def role_title(self) -> str:
        role = ROLE_BY_KEY.get(self.role)
        return role.title if role else self.role
