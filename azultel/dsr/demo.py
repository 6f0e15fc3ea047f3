"""Demo privacy requests in several states: one waiting for its email link, one open and not
yet acknowledged, one acknowledged and extended, an agent's waiting for the permission check,
and an answered access request; the privacy officer (privacy@demo.azultel.test, from
``accounts.demo``) sees them at /staff/privacy/requests/."""

from __future__ import annotations

from azultel.accounts.models import User
from azultel.core.actors import system_actor
from azultel.core.demo import DemoSignIn
from azultel.core.upload_checks import AGENT_PERMISSION_UPLOADS, upload_check
from azultel.dsr import services
from azultel.dsr.links import LinkPurpose, link_token
from azultel.dsr.models import PrivacyRequest

_PERMISSION_PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\n"
    b"trailer<</Root 1 0 R>>\n%%EOF\n"
)


def _filed(kind: str, email: str, **extra: object) -> PrivacyRequest:
    return services.request_file(
        details=services.RequestDetails(kind=kind, email=email, **extra),  # type: ignore[arg-type]
        account=None,
        reauthenticated=False,
        agent_permission=None,
        actor=system_actor("demo"),
    )


def _confirmed(kind: str, email: str, **extra: object) -> PrivacyRequest:
    filed = _filed(kind, email, **extra)
    token = link_token(request_id=filed.id, nonce=filed.link_nonce, purpose=LinkPurpose.VERIFY)
    return services.request_verify(token=token)


def demo_seed() -> list[DemoSignIn]:
    officer = User.objects.filter(email="privacy@demo.azultel.test").first()
    if PrivacyRequest.objects.exists() or officer is None:
        return []
    _filed("deletion", "unconfirmed.visitor@demo.azultel.test")
    _confirmed("correction", "jo.rivera@demo.azultel.test", details="My surname is Rivera.")
    extended = _confirmed("access", "lee.wong@demo.azultel.test")
    services.request_acknowledge(request=extended, actor=officer)
    services.request_extend(
        request=extended, reason="Some records are in our archive.", actor=officer
    )
    agent = services.request_file(
        details=services.RequestDetails(
            kind="opt_out", email="ana.gomez@demo.azultel.test", agent_name="Rita Advocate"
        ),
        account=None,
        reauthenticated=False,
        agent_permission=upload_check(_PERMISSION_PDF, policy=AGENT_PERMISSION_UPLOADS),
        actor=system_actor("demo"),
    )
    services.request_verify(
        token=link_token(request_id=agent.id, nonce=agent.link_nonce, purpose=LinkPurpose.VERIFY)
    )
    answered = _confirmed("access", "sam.patel@demo.azultel.test")
    services.request_answer(request=answered, outcome="no_data", answer="", actor=officer)
    return []
