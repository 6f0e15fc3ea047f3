"""Telling the privacy office of a staff role change: one security notice per privacy office
address, queued in the caller's transaction (comms delivers it after commit), and the audit detail
of a request.
"""

from __future__ import annotations

from django.conf import settings
from django.urls import reverse

from azultel.accounts.models import RoleGrant, User
from azultel.accounts.selectors import privacy_office_addresses
from azultel.comms.services import message_send


def _name(user: User) -> str:
    if user is None:
        return "The system"
    return f"{user.get_full_name()} ({user.email})"


def _privacy_office_tell(*, title: str, paragraphs: list[str]) -> None:
    """Queue one security notice per privacy office address, in the caller's transaction."""

    action_url = settings.SITE_URL.rstrip("/") + reverse("accounts:staff_roles")
    for address in privacy_office_addresses():
        message_send(
            category="security",
            to=address,
            template="notice",
            context={
                "title": title,
                "paragraphs": [
                    *paragraphs,
                    "You receive this because the privacy office is told of every change to "
                    "who holds a staff role.",
                ],
                "action_url": action_url,
                "action_label": "See staff roles",
            },
        )


def _grant_detail(grant: RoleGrant) -> dict[str, object]:
    return {
        "grant": grant.pk,
        "role": grant.role,
        "target": grant.target_id,
        "requested_by": grant.requested_by_id,
    }
