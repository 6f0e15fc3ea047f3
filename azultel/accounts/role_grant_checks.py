"""The checks behind every staff role change (P23): which role, the reason given, whether a person
holds a permission, whether an account can hold a role, its groups and staff flag, and locking
the rows a change reads (the person first, then the request).

``role_grants`` holds the writes that use them; ``RoleChangeRefused`` is re-exported there.
"""

from __future__ import annotations

from django.contrib.auth.models import Group

from azultel.accounts.models import RoleGrant, User
from azultel.accounts.roles import ROLE_BY_KEY, ROLES, Role, roles_sync
from azultel.accounts.services import AccountError

REASON_MAX_LENGTH = 300


class RoleChangeRefused(AccountError):
    """A role change the rules do not allow; nothing was written. The message is for the page."""


# --- Checks -------------------------------------------------------------------------------------


def _role(key: str) -> Role:
    role = ROLE_BY_KEY.get(key)
    if role is None:
        raise RoleChangeRefused("There is no such staff role.")
    return role


def _reason_clean(reason: str) -> str:
    cleaned = " ".join((reason or "").split())
    if not cleaned:
        raise RoleChangeRefused("Say why, in a few words: the privacy office reads it.")
    if len(cleaned) > REASON_MAX_LENGTH:
        raise RoleChangeRefused(f"Keep the reason under {REASON_MAX_LENGTH} characters.")
    return cleaned


def _may(user: User, permission: str) -> bool:
    return bool(
        getattr(user, "is_authenticated", False)
        and user.is_active
        and getattr(user, "erased_at", None) is None
        and user.has_perm(permission)
    )


def _require(actor: User, permission: str, what: str) -> None:
    if not _may(actor, permission):
        raise RoleChangeRefused(f"Only an administrator can {what}.")


def _account_usable(user: User) -> bool:
    return user.is_active and user.erased_at is None


def _group(role: Role) -> Group:
    group = Group.objects.filter(name=role.title).first()
    if group is None:
        roles_sync()
        group = Group.objects.get(name=role.title)
    return group


def _holds(user: User, role: Role) -> bool:
    return user.groups.filter(name=role.title).exists()


def _staff_flag_follow_roles(user: User) -> None:
    """The staff flag (admin sign-in) is on exactly while the person holds a role."""

    wanted = user.is_superuser or user.groups.filter(name__in=[r.title for r in ROLES]).exists()
    if user.is_staff != wanted:
        user.is_staff = wanted
        user.save(update_fields=["is_staff"])


def _lock(user_id: int, grant_id: int | None = None) -> tuple[User, RoleGrant | None]:
    # One fixed order everywhere: the person first, then the request.
    user = User.objects.select_for_update().get(pk=user_id)
    grant = RoleGrant.objects.select_for_update().get(pk=grant_id) if grant_id else None
    return user, grant
