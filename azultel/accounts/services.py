"""Writes for accounts: registration details, profile changes with notices, sessions, erasure."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from django.conf import settings
from django.contrib.sessions.backends.db import SessionStore
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from azultel.accounts.audit import AccountsAudit
from azultel.accounts.models import CustomerProfile, SignInSession, User
from azultel.accounts.notices import account_change_notice
from azultel.catalog.selectors import service_area_covers
from azultel.core.actors import Actor
from azultel.core.audit import audit_record
from azultel.privacy.models import ConsentSource
from azultel.privacy.registry import erasure_hooks
from azultel.privacy.services import consent_record, consent_set_many, subject_for_user


class AccountError(ValueError):
    """A change the rules do not allow; the message is shown to the person."""


def customer_registration_complete(
    *,
    user: User,
    street: str,
    unit: str,
    city: str,
    state: str,
    zip_code: str,
    email_choices: dict[str, bool],
) -> CustomerProfile:
    """Store the address of record and the sign-up email choices (one ledger entry each, P09)."""
    with transaction.atomic():
        profile = CustomerProfile.objects.create(
            user=user, street=street, unit=unit, city=city, state=state, zip_code=zip_code
        )
        subject = subject_for_user(user=user)
        for topic, granted in email_choices.items():
            consent_record(
                subject=subject,
                topic=topic,
                granted=granted,
                source=ConsentSource.REGISTRATION,
                actor=user,
            )
        audit_record(actor=user, action=AccountsAudit.ACCOUNT_REGISTERED, subject=user)
    return profile


ADDRESS_FIELDS = ("street", "unit", "city", "state", "zip_code")


def profile_address_update(*, user: User, actor: Actor | None, changes: dict[str, str]) -> bool:
    """Change the address of record or contact phone; notify the email on record (P13, P30).

    The notice goes out after commit and never shows the new values. Returns whether anything
    changed.
    """

    allowed = set(ADDRESS_FIELDS) | {"phone"}
    unknown = set(changes) - allowed
    if unknown:
        raise AccountError(f"These details cannot be changed here: {sorted(unknown)}.")
    with transaction.atomic():
        profile = CustomerProfile.objects.select_for_update().get(user=user)
        changed = [name for name, value in changes.items() if getattr(profile, name) != value]
        if not changed:
            return False
        for name in changed:
            setattr(profile, name, changes[name])
        profile.full_clean(exclude=["user"])
        # A local phone customer profile is for addresses in the service area only (P10).
        if (
            profile.local_profile_enabled_at is not None
            and "zip_code" in changed
            and not service_area_covers(zip_code=profile.zip_code)
        ):
            profile.local_profile_enabled_at = None
            changed.append("local_profile_enabled_at")
            audit_record(
                actor=actor,
                action=AccountsAudit.ACCOUNT_LOCAL_PROFILE_ENDED_BY_MOVE,
                subject=user,
            )
        profile.save(update_fields=[*changed, "updated_at"])
        audit_record(
            actor=actor,
            action=AccountsAudit.ACCOUNT_CONTACT_CHANGED,
            subject=user,
            detail={"fields": sorted(changed)},
        )
        kind = "address" if set(changed) & set(ADDRESS_FIELDS) else "phone"
        account_change_notice(user=user, change=kind, recipients=[user.email])
    return True


def profile_name_update(
    *, user: User, actor: Actor | None, given_name: str, family_name: str
) -> bool:
    """Change the name on the account; a notice goes to the email on record (P13)."""

    with transaction.atomic():
        locked = User.objects.select_for_update().get(pk=user.pk)
        if (locked.given_name, locked.family_name) == (given_name, family_name):
            return False
        locked.given_name, locked.family_name = given_name, family_name
        locked.save(update_fields=["given_name", "family_name"])
        audit_record(actor=actor, action=AccountsAudit.ACCOUNT_NAME_CHANGED, subject=locked)
        account_change_notice(user=locked, change="name", recipients=[locked.email])
    user.given_name, user.family_name = given_name, family_name
    return True


def local_profile_enable(*, user: User, actor: Actor | None) -> CustomerProfile:
    """Keep a local phone customer profile (P10): only for an address inside the service area."""

    with transaction.atomic():
        profile = CustomerProfile.objects.select_for_update().get(user=user)
        if not service_area_covers(zip_code=profile.zip_code):
            raise AccountError(
                "A local phone customer profile is only available for addresses in our service "
                "area, and your address of record is outside it."
            )
        if profile.local_profile_enabled_at is None:
            profile.local_profile_enabled_at = timezone.now()
            profile.save(update_fields=["local_profile_enabled_at", "updated_at"])
            audit_record(
                actor=actor, action=AccountsAudit.ACCOUNT_LOCAL_PROFILE_ENABLED, subject=user
            )
    return profile


def local_profile_disable(*, user: User, actor: Actor | None) -> None:
    with transaction.atomic():
        updated = CustomerProfile.objects.filter(
            user=user, local_profile_enabled_at__isnull=False
        ).update(local_profile_enabled_at=None, updated_at=timezone.now())
        if updated:
            audit_record(
                actor=actor, action=AccountsAudit.ACCOUNT_LOCAL_PROFILE_DISABLED, subject=user
            )


def consent_change(*, user: User, topic: str, granted: bool) -> None:
    """A switch in the privacy centre: effective for the very next send (P12)."""
    subject = subject_for_user(user=user)
    consent_set_many(
        subject=subject, choices={topic: granted}, source=ConsentSource.PROFILE, actor=user
    )


# --- Sessions ---------------------------------------------------------------------------------


def signin_session_start(
    *, user: User, session_key: str, device_label: str, used_password: bool
) -> SignInSession:
    now = timezone.now()
    session, _ = SignInSession.objects.update_or_create(
        session_key=session_key,
        defaults={
            "user": user,
            "device_label": device_label[:100],
            "last_seen_at": now,
            "ended_at": None,
            "used_password": used_password,
        },
    )
    return session


def signin_session_touch(*, session_key: str) -> None:
    SignInSession.objects.filter(session_key=session_key, ended_at__isnull=True).update(
        last_seen_at=timezone.now()
    )


def signin_session_end(*, session_key: str) -> None:
    SignInSession.objects.filter(session_key=session_key, ended_at__isnull=True).update(
        ended_at=timezone.now()
    )


def signin_sessions_end_others(*, user: User, keep_session_key: str | None) -> int:
    """Sign out everywhere else: delete the other server sessions of this person."""
    others = SignInSession.objects.filter(user=user, ended_at__isnull=True)
    if keep_session_key:
        others = others.exclude(session_key=keep_session_key)
    keys = list(others.values_list("session_key", flat=True))
    for key in keys:
        SessionStore(session_key=key).delete()
    others.update(ended_at=timezone.now())
    audit_record(
        actor=user,
        action=AccountsAudit.ACCOUNT_SESSIONS_ENDED,
        subject=user,
        detail={"count": len(keys)},
    )
    return len(keys)


# --- Data-subject requests (B2) -----------------------------------------------------------------


@dataclass(frozen=True)
class ErasureResult:
    sessions_ended: int


def account_erase(*, user: User, actor: Actor | None) -> ErasureResult:
    """Erase what may be erased and anonymise what must be kept (B2).

    Each app's ``privacy_erase(user)`` hook runs first (bills are anonymised, not deleted); then
    the profile and sign-in data go, the consent and disclosure records lose their link to the
    person, the account row keeps no name or address, and every session ends. A confirmation is
    queued to the address on record before it is erased.
    """

    with transaction.atomic():
        locked = User.objects.select_for_update().get(pk=user.pk)
        # Checked under the lock: two deletions at once erase once and confirm once.
        if locked.erased_at is not None:
            raise AccountError("This account has already been deleted.")
        account_change_notice(user=locked, change="erased", recipients=[locked.email])
        for hook in erasure_hooks():
            hook(locked)
        # role_grants imports AccountError from here: imported on use to break the cycle.
        from azultel.accounts.role_grants import role_grants_withdraw_for_erased

        role_grants_withdraw_for_erased(user=locked)
        subject = subject_for_user(user=locked)
        CustomerProfile.objects.filter(user=locked).delete()
        EmailAddress.objects.filter(user=locked).delete()
        Authenticator.objects.filter(user=locked).delete()
        ended = signin_sessions_end_others(user=locked, keep_session_key=None)
        SignInSession.objects.filter(user=locked).delete()
        subject.user = None
        subject.email = None
        subject.erased_at = timezone.now()
        subject.save(update_fields=["user", "email", "erased_at", "updated_at"])
        locked.email = f"erased-{locked.public_id}@erased.invalid"
        locked.given_name = "Erased"
        locked.family_name = "Customer"
        locked.set_unusable_password()
        locked.is_active = False
        locked.is_staff = False
        locked.erased_at = timezone.now()
        locked.last_login = None
        locked.save()
        locked.groups.clear()
        locked.user_permissions.clear()
        audit_record(actor=None, action=AccountsAudit.ACCOUNT_ERASED, subject=locked)
    return ErasureResult(sessions_ended=ended)


def signin_sessions_purge(*, now: datetime | None = None) -> int:
    """B3: forget sign-in sessions once they have ended or timed out (data map: session), and
    the expired server sessions themselves."""

    now = now or timezone.now()
    idle_cutoff = now - timedelta(seconds=settings.SESSION_IDLE_TIMEOUT_SECONDS)
    deleted, _ = SignInSession.objects.filter(
        Q(ended_at__isnull=False) | Q(last_seen_at__lt=idle_cutoff)
    ).delete()
    SessionStore.clear_expired()
    return deleted
