"""Reads for accounts: the overview, the privacy centre, "my data" (B2) and staff roles (P23)."""

from __future__ import annotations

from dataclasses import dataclass
from uuid import UUID

from allauth.mfa.models import Authenticator
from django.conf import settings
from django.contrib.auth.models import Group
from django.db.models import Prefetch, Q, QuerySet

from azultel.accounts.models import (
    CustomerProfile,
    RoleGrant,
    RoleGrantStatus,
    SignInSession,
    User,
)
from azultel.accounts.roles import ROLE_BY_KEY, ROLES, Role
from azultel.core.models import AuditEvent
from azultel.privacy.models import (
    ConsentEvent,
    ConsentTopic,
    DataSubject,
    Disclosure,
    SensitiveAccess,
)
from azultel.privacy.registry import export_providers
from azultel.privacy.selectors import consent_states, subject_get_for_user


def profile_get(*, user: User) -> CustomerProfile | None:
    return CustomerProfile.objects.filter(user=user).first()


def signin_sessions_active(*, user: User) -> QuerySet[SignInSession]:
    return SignInSession.objects.filter(user=user, ended_at__isnull=True).order_by("-last_seen_at")


@dataclass(frozen=True)
class TopicState:
    topic: str
    label: str
    granted: bool
    answered: bool
    history: list[ConsentEvent]


def privacy_centre_topics(*, user: User) -> list[TopicState]:
    """Every ledger topic with its current answer and its full history, in two queries."""
    subject = subject_get_for_user(user=user)
    states = consent_states(subject=subject) if subject else {}
    events: list[ConsentEvent] = (
        list(ConsentEvent.objects.filter(subject=subject).select_related("policy_version"))
        if subject
        else []
    )
    return [
        TopicState(
            topic=topic.value,
            label=topic.label,
            granted=bool(states.get(topic.value)),
            answered=topic.value in states,
            history=[e for e in events if e.topic == topic.value],
        )
        for topic in ConsentTopic
    ]


def disclosures_about(*, subject: DataSubject | None) -> list[Disclosure]:
    if subject is None:
        return []
    return list(Disclosure.objects.filter(subject_ids__icontains=str(subject.pk)).order_by("-seq"))


def customer_search(*, query: str) -> QuerySet[User]:
    """Staff lookup by email, name or ZIP code (customers only, not erased); the page slices."""
    q = query.strip()
    return (
        User.objects.filter(is_staff=False, erased_at__isnull=True)
        .filter(
            Q(email__icontains=q)
            | Q(given_name__icontains=q)
            | Q(family_name__icontains=q)
            | Q(profile__zip_code=q)
        )
        .select_related("profile")
        .order_by("family_name", "given_name", "id")
    )


def customer_get_for_staff(*, public_id: UUID | str) -> User | None:
    return (
        User.objects.filter(public_id=public_id, is_staff=False, erased_at__isnull=True)
        .select_related("profile")
        .first()
    )


def account_export(*, user: User) -> dict[str, object]:
    """Everything held about the signed-in person, machine-readable (B2)."""

    subject = subject_get_for_user(user=user)
    profile = profile_get(user=user)
    data: dict[str, object] = {
        "format": "azultel-my-data/1",
        "account": {
            "public_id": str(user.public_id),
            "email": user.email,
            "given_name": user.given_name,
            "family_name": user.family_name,
            "date_joined": user.date_joined.isoformat(),
            "last_login": user.last_login.isoformat() if user.last_login else None,
            "two_factor_enabled": _two_factor_enabled(user),
        },
        "address_of_record": None
        if profile is None
        else {
            "street": profile.street,
            "unit": profile.unit,
            "city": profile.city,
            "state": profile.state,
            "zip_code": profile.zip_code,
            "phone": profile.phone,
            "local_phone_profile_since": (
                profile.local_profile_enabled_at.isoformat()
                if profile.local_profile_enabled_at
                else None
            ),
        },
        "consents": {
            "current": consent_states(subject=subject) if subject else {},
            "history": [
                {
                    "topic": e.topic,
                    "granted": e.granted,
                    "source": e.source,
                    "policy_version": e.policy_version.version if e.policy_version else None,
                    "at": e.created_at.isoformat(),
                }
                for e in (
                    ConsentEvent.objects.filter(subject=subject)
                    .select_related("policy_version")
                    .order_by("created_at", "id")
                    if subject
                    else []
                )
            ],
        },
        "disclosures": [
            {
                "seq": d.seq,
                "at": d.created_at.isoformat(),
                "recipient": d.recipient,
                "basis": d.basis,
                "reference": d.basis_reference,
                "categories": d.categories,
            }
            for d in disclosures_about(subject=subject)
        ],
        "sensitive_field_access": [
            {
                "at": a.created_at.isoformat(),
                "field": f"{a.model_label}.{a.field_name}",
                "purpose": a.purpose,
                "reason": a.reason,
                "granted": a.granted,
            }
            for a in (
                SensitiveAccess.objects.filter(data_subject=subject).order_by("created_at")
                if subject
                else []
            )
        ],
        "account_activity": [
            {"at": e.created_at.isoformat(), "action": e.action}
            for e in AuditEvent.objects.filter(
                subject_type=User._meta.label_lower, subject_id=str(user.pk)
            ).order_by("created_at")
        ],
        "sign_in_sessions": [
            {
                "device": s.device_label,
                "started": s.created_at.isoformat(),
                "last_seen": s.last_seen_at.isoformat(),
                "ended": s.ended_at.isoformat() if s.ended_at else None,
            }
            for s in SignInSession.objects.filter(user=user).order_by("created_at")
        ],
    }
    for name, provider in export_providers().items():
        data[name] = provider(user)
    return data


def _two_factor_enabled(user: User) -> bool:
    return bool(Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists())


# --- Staff roles (P23) --------------------------------------------------------------------------


def privacy_office_addresses() -> list[str]:
    """Who is told of role changes: the privacy office address and every active privacy officer."""

    officers = User.objects.filter(
        groups__name=ROLE_BY_KEY["privacy_officer"].title, is_active=True, erased_at__isnull=True
    ).values_list("email", flat=True)
    addresses = [settings.PRIVACY_CONTACT_EMAIL, *officers]
    return list(dict.fromkeys(a.strip().lower() for a in addresses if a and a.strip()))


def user_get_for_role_change(*, email: str) -> User | None:
    """An open account by its sign-in address (staff roles are given to existing accounts)."""
    return User.objects.filter(
        email__iexact=email.strip(), is_active=True, erased_at__isnull=True
    ).first()


def user_get_by_public_id(*, public_id: UUID | str) -> User | None:
    return User.objects.filter(public_id=public_id, erased_at__isnull=True).first()


def role_grants_waiting() -> QuerySet[RoleGrant]:
    return (
        RoleGrant.objects.filter(status=RoleGrantStatus.PENDING)
        .select_related("target", "requested_by")
        .order_by("created_at", "id")
    )


def role_grant_get_waiting(*, grant_id: int) -> RoleGrant | None:
    return role_grants_waiting().filter(pk=grant_id).first()


def role_grants_decided(*, limit: int = 20) -> list[RoleGrant]:
    return list(
        RoleGrant.objects.exclude(status=RoleGrantStatus.PENDING)
        .select_related("target", "requested_by", "decided_by")
        .order_by("-decided_at", "-id")[:limit]
    )


@dataclass(frozen=True)
class StaffMember:
    user: User
    roles: list[tuple[str, str]]  # (key, title)


def staff_with_roles() -> list[StaffMember]:
    """Everyone who holds at least one staff role, with their roles (two queries)."""

    key_by_title = {r.title: r.key for r in ROLES}
    people = (
        User.objects.filter(groups__name__in=list(key_by_title), erased_at__isnull=True)
        .distinct()
        .prefetch_related(
            Prefetch(
                "groups",
                queryset=Group.objects.filter(name__in=list(key_by_title)).order_by("name"),
            )
        )
        .order_by("family_name", "given_name", "id")
    )
    return [
        StaffMember(
            user=person, roles=[(key_by_title[g.name], g.name) for g in person.groups.all()]
        )
        for person in people
    ]


def role_grants_waiting_count() -> int:
    return RoleGrant.objects.filter(status=RoleGrantStatus.PENDING).count()


def administrators_to_ask(*, limit: int = 3) -> list[User]:
    """Who a staff member asks for another role: active administrators (one query)."""

    return list(
        User.objects.filter(
            groups__name=ROLE_BY_KEY["administrator"].title, is_active=True, erased_at__isnull=True
        )
        .only("given_name", "family_name", "email")
        .order_by("family_name", "given_name", "id")[:limit]
    )


def staff_roles_of(*, user: User) -> list[Role]:
    """The staff roles ``user`` holds, in the order roles are defined (one query)."""

    names = set(user.groups.values_list("name", flat=True))
    return [role for role in ROLES if role.title in names]
