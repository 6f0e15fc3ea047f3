"""Partners and their OAuth2 clients; rotating a client's secret."""

from __future__ import annotations

import secrets
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone
from oauth2_provider.models import AccessToken, Application

from azultel.accounts.models import User
from azultel.api.audit import ApiAudit
from azultel.api.models import Partner, PartnerMember
from azultel.core.actors import Actor
from azultel.core.audit import audit_record


@dataclass(frozen=True)
class ClientCredentials:
    """Shown once: Azultel keeps only a hash of the secret."""

    client_id: str
    client_secret: str


def partner_create(
    *,
    name: str,
    scopes: list[str],
    actor: Actor,
    requests_per_minute: int = 120,
    client_id: str | None = None,
    client_secret: str | None = None,
) -> tuple[Partner, ClientCredentials]:
    """A partner with a confidential client-credentials client."""
    secret = client_secret or secrets.token_urlsafe(32)
    with transaction.atomic():
        application = Application.objects.create(
            name=f"API: {name}",
            client_type=Application.CLIENT_CONFIDENTIAL,
            authorization_grant_type=Application.GRANT_CLIENT_CREDENTIALS,
            client_secret=secret,
            **({"client_id": client_id} if client_id else {}),
        )
        partner = Partner.objects.create(
            name=name,
            application=application,
            scopes=scopes,
            requests_per_minute=requests_per_minute,
        )
        audit_record(actor=actor, action=ApiAudit.PARTNER_CREATED, subject=partner, detail={})
    return partner, ClientCredentials(application.client_id, secret)


def partner_keys_rotate(*, partner: Partner, actor: User) -> ClientCredentials:
    """A new client secret; the old one and every token issued with it stop working at once.

    Only a member of the partner may rotate (raises ``PermissionError`` otherwise).
    """
    if not PartnerMember.objects.filter(partner=partner, user=actor).exists():
        raise PermissionError("Only the partner's own people may rotate its keys.")
    secret = secrets.token_urlsafe(32)
    with transaction.atomic():
        application = Application.objects.select_for_update().get(pk=partner.application_id)
        application.client_secret = secret
        application.save(update_fields=["client_secret", "updated"])
        AccessToken.objects.filter(application=application).delete()
        Partner.objects.filter(pk=partner.pk).update(
            keys_rotated_at=timezone.now(), updated_at=timezone.now()
        )
        audit_record(actor=actor, action=ApiAudit.KEYS_ROTATED, subject=partner, detail={})
    return ClientCredentials(application.client_id, secret)
