"""Writes that change who holds a staff role (P23): a second person approves every grant.

* ``role_grant_request``: an administrator asks for a role for someone else (pending).
* ``role_grant_approve`` / ``role_grant_reject``: another administrator, who is neither the one
  who asked nor the person concerned, decides. Approval adds the role's group at once.
* ``role_grant_withdraw``: the one who asked takes the request back.
* ``role_remove``: an administrator takes a role away from someone else at once (losing access is
  never the dangerous direction, and a departing or compromised account must lose it without
  waiting for a second person).
* ``role_assign_by_system``: demo seeding and test set-up; no view calls it.

Every step is audited and, except the system path, told to the privacy office by email (queued
in the same transaction, delivered after commit). Nobody changes their own roles here; the admin
shows roles, staff flag, superuser flag and direct permissions read-only, so there is no other
way to change them from the web. Superusers are made only with ``manage.py createsuperuser``.
"""

from __future__ import annotations

from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone

from azultel.accounts.audit import AccountsAudit
from azultel.accounts.models import RoleGrant, RoleGrantStatus, User
from azultel.accounts.role_grant_checks import (
    REASON_MAX_LENGTH,
    RoleChangeRefused,
    _account_usable,
    _group,
    _holds,
    _lock,
    _may,
    _reason_clean,
    _require,
    _role,
    _staff_flag_follow_roles,
)
from azultel.accounts.role_grant_notices import _grant_detail, _name, _privacy_office_tell
from azultel.core.audit import audit_record

__all__ = [
    "REASON_MAX_LENGTH",
    "RoleChangeRefused",
    "role_assign_by_system",
    "role_grant_approve",
    "role_grant_reject",
    "role_grant_request",
    "role_grant_withdraw",
    "role_grants_withdraw_for_erased",
    "role_remove",
]


# --- Requests and decisions ---------------------------------------------------------------------


def role_grant_request(*, actor: User, target: User, role: str, reason: str) -> RoleGrant:
    """Ask for ``role`` to be given to ``target``; it waits for another administrator.

    Refused (nothing written) when the actor may not ask, asks for themselves, the account is
    closed, the person already holds the role or a request for it is already waiting.
    """
    _require(actor, "accounts.request_role_grant", "ask for a staff role")
    chosen = _role(role)
    reason = _reason_clean(reason)
    if target.pk == actor.pk:
        raise RoleChangeRefused(
            "You cannot ask for a role for yourself: another administrator has to ask for you."
        )
    with transaction.atomic():
        locked, _ = _lock(target.pk)
        if not _account_usable(locked):
            raise RoleChangeRefused("That account is closed; roles cannot be given to it.")
        if _holds(locked, chosen):
            raise RoleChangeRefused(
                f"{locked.get_full_name()} already has the {chosen.title} role."
            )
        try:
            with transaction.atomic():
                grant = RoleGrant.objects.create(
                    target=locked, role=chosen.key, reason=reason, requested_by=actor
                )
        except IntegrityError as exc:  # the partial unique constraint: one waiting per role
            raise RoleChangeRefused(
                f"A request to give {locked.get_full_name()} the {chosen.title} role is already "
                "waiting for approval."
            ) from exc
        audit_record(
            actor=actor,
            action=AccountsAudit.ROLE_GRANT_REQUESTED,
            subject=grant,
            detail=_grant_detail(grant),
        )
        _privacy_office_tell(
            title=f"Staff role requested: {chosen.title} for {locked.get_full_name()}",
            paragraphs=[
                f"{_name(actor)} asked for {_name(locked)} to be given the {chosen.title} role.",
                f"Reason given: {reason}",
                "It takes effect only when another administrator approves it.",
            ],
        )
    return grant


def _decidable(*, grant: RoleGrant, actor: User) -> None:
    if grant.status != RoleGrantStatus.PENDING:
        raise RoleChangeRefused("This request has already been decided or withdrawn.")
    if grant.requested_by_id == actor.pk:
        raise RoleChangeRefused(
            "You asked for this role yourself, so another administrator must decide it."
        )
    if grant.target_id == actor.pk:
        raise RoleChangeRefused(
            "This request gives a role to you, so another administrator must decide it."
        )


def role_grant_approve(*, actor: User, grant: RoleGrant) -> RoleGrant:
    """Approve a waiting request made by someone else; the role applies at once.

    Refused when the actor may not decide, asked for it, would receive it, the request is no
    longer waiting, the account is closed, or the person who asked is no longer allowed to ask.
    """
    _require(actor, "accounts.decide_role_grant", "approve a staff role")
    with transaction.atomic():
        target, locked = _lock(grant.target_id, grant.pk)
        assert locked is not None
        _decidable(grant=locked, actor=actor)
        if not _account_usable(target):
            raise RoleChangeRefused("That account is closed; roles cannot be given to it.")
        requester = User.objects.get(pk=locked.requested_by_id)
        if not _may(requester, "accounts.request_role_grant"):
            raise RoleChangeRefused(
                "The person who asked is no longer an administrator; refuse this request and "
                "ask again if the role is still needed."
            )
        role = _role(locked.role)
        locked.status = RoleGrantStatus.APPROVED
        locked.decided_by = actor
        locked.decided_at = timezone.now()
        locked.save(update_fields=["status", "decided_by", "decided_at", "updated_at"])
        target.groups.add(_group(role))
        _staff_flag_follow_roles(target)
        detail = {**_grant_detail(locked), "decided_by": actor.pk}
        audit_record(
            actor=actor, action=AccountsAudit.ROLE_GRANT_APPROVED, subject=locked, detail=detail
        )
        audit_record(actor=actor, action=AccountsAudit.ROLE_ADDED, subject=target, detail=detail)
        _privacy_office_tell(
            title=f"Staff role given: {role.title} to {target.get_full_name()}",
            paragraphs=[
                f"{_name(actor)} approved the request by {_name(requester)} to give "
                f"{_name(target)} the {role.title} role. It applies now.",
                f"Reason given: {locked.reason}",
            ],
        )
    return locked


def role_grant_reject(*, actor: User, grant: RoleGrant) -> RoleGrant:
    """Refuse a waiting request made by someone else; nothing about the person's roles changes."""
    _require(actor, "accounts.decide_role_grant", "refuse a staff role request")
    with transaction.atomic():
        target, locked = _lock(grant.target_id, grant.pk)
        assert locked is not None
        _decidable(grant=locked, actor=actor)
        locked.status = RoleGrantStatus.REJECTED
        locked.decided_by = actor
        locked.decided_at = timezone.now()
        locked.save(update_fields=["status", "decided_by", "decided_at", "updated_at"])
        detail = {**_grant_detail(locked), "decided_by": actor.pk}
        audit_record(
            actor=actor, action=AccountsAudit.ROLE_GRANT_REJECTED, subject=locked, detail=detail
        )
        _privacy_office_tell(
            title=f"Staff role refused: {locked.role_title} for {target.get_full_name()}",
            paragraphs=[
                f"{_name(actor)} refused the request by {_name(locked.requested_by)} to give "
                f"{_name(target)} the {locked.role_title} role.",
            ],
        )
    return locked


def role_grant_withdraw(*, actor: User, grant: RoleGrant) -> RoleGrant:
    """The person who asked takes a waiting request back."""
    if not getattr(actor, "is_authenticated", False):
        raise RoleChangeRefused("Only the person who asked can withdraw a request.")
    with transaction.atomic():
        target, locked = _lock(grant.target_id, grant.pk)
        assert locked is not None
        if locked.requested_by_id != actor.pk:
            raise RoleChangeRefused("Only the person who asked can withdraw a request.")
        if locked.status != RoleGrantStatus.PENDING:
            raise RoleChangeRefused("This request has already been decided or withdrawn.")
        locked.status = RoleGrantStatus.CANCELLED
        locked.decided_by = actor
        locked.decided_at = timezone.now()
        locked.save(update_fields=["status", "decided_by", "decided_at", "updated_at"])
        audit_record(
            actor=actor,
            action=AccountsAudit.ROLE_GRANT_WITHDRAWN,
            subject=locked,
            detail=_grant_detail(locked),
        )
        _privacy_office_tell(
            title=f"Staff role request withdrawn: {locked.role_title} for {target.get_full_name()}",
            paragraphs=[
                f"{_name(actor)} withdrew their request to give {_name(target)} the "
                f"{locked.role_title} role.",
            ],
        )
    return locked


def role_grants_withdraw_for_erased(*, user: User) -> int:
    """Withdraw waiting requests for or by an account being deleted (inside its transaction)."""

    waiting = RoleGrant.objects.select_for_update().filter(
        Q(target=user) | Q(requested_by=user), status=RoleGrantStatus.PENDING
    )
    count = 0
    for grant in waiting:
        grant.status = RoleGrantStatus.CANCELLED
        grant.decided_at = timezone.now()
        grant.save(update_fields=["status", "decided_at", "updated_at"])
        audit_record(
            actor=None,
            action=AccountsAudit.ROLE_GRANT_WITHDRAWN,
            subject=grant,
            detail={**_grant_detail(grant), "why": "account_erased"},
        )
        count += 1
    return count


# --- Removal and the system path ------------------------------------------------------------------


def role_remove(*, actor: User, target: User, role: str, reason: str) -> None:
    """Take ``role`` away from someone else, at once (audited, the privacy office told).

    Refused (nothing written) when the actor may not remove roles, names themselves, or the
    person does not hold the role.
    """
    _require(actor, "accounts.remove_role", "remove a staff role")
    chosen = _role(role)
    reason = _reason_clean(reason)
    if target.pk == actor.pk:
        raise RoleChangeRefused(
            "You cannot change your own roles: ask another administrator to remove it."
        )
    with transaction.atomic():
        locked, _ = _lock(target.pk)
        if not _holds(locked, chosen):
            raise RoleChangeRefused(
                f"{locked.get_full_name()} does not have the {chosen.title} role."
            )
        locked.groups.remove(_group(chosen))
        _staff_flag_follow_roles(locked)
        audit_record(
            actor=actor,
            action=AccountsAudit.ROLE_REMOVED,
            subject=locked,
            detail={"role": chosen.key, "reason": reason},
        )
        _privacy_office_tell(
            title=f"Staff role removed: {chosen.title} from {locked.get_full_name()}",
            paragraphs=[
                f"{_name(actor)} removed the {chosen.title} role from {_name(locked)}. "
                "It applies now.",
                f"Reason given: {reason}",
            ],
        )


def role_assign_by_system(*, user: User, role: str, component: str) -> bool:
    """Give a role with no person acting: demo seeding and test set-up only.

    Not reachable from the web (no view or admin calls it); audited with ``system:<component>``
    as the actor. Returns whether the role was added.
    """
    chosen = _role(role)
    with transaction.atomic():
        locked, _ = _lock(user.pk)
        if _holds(locked, chosen):
            return False
        locked.groups.add(_group(chosen))
        _staff_flag_follow_roles(locked)
        audit_record(
            actor=None,
            action=AccountsAudit.ROLE_ADDED,
            subject=locked,
            detail={"role": chosen.key, "by": f"system:{component}"},
        )
    return True
