from __future__ import annotations

from azultel.accounts.models import User
from azultel.core.actors import system_actor
from azultel.dsr import services
from azultel.dsr.links import LinkPurpose, link_token
from azultel.dsr.models import PrivacyRequest


def request_filed(
    *, kind: str = "access", email: str = "visitor@example.com", details: str = ""
) -> PrivacyRequest:
    """A request as a visitor without an account files it (waiting for the email link)."""
    return services.request_file(
        details=services.RequestDetails(kind=kind, email=email, details=details),
        account=None,
        reauthenticated=False,
        agent_permission=None,
        actor=system_actor("test"),
    )


def request_confirmed(**kwargs: str) -> PrivacyRequest:
    filed = request_filed(**kwargs)
    token = link_token(request_id=filed.id, nonce=filed.link_nonce, purpose=LinkPurpose.VERIFY)
    return services.request_verify(token=token)


def request_answered(*, officer: User, outcome: str = "done", **kwargs: str) -> PrivacyRequest:
    return services.request_answer(
        request=request_confirmed(**kwargs), outcome=outcome, answer="", actor=officer
    )
