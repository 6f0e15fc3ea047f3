"""Composing an email when it is queued: the template checks, the company facts every email can
use, the commercial footer (P21) and the Message-ID. Rendered once, so every retry sends the same
content."""

from __future__ import annotations

import re
import uuid
from dataclasses import dataclass
from email.utils import parseaddr
from typing import Any, cast

from django.conf import settings
from django.template import Context, TemplateDoesNotExist
from django.template.loader import get_template

from azultel.comms.models import COMMERCIAL, SOLICITATION_TOPIC, MessageCategory
from azultel.comms.services.errors import MessageRejected
from azultel.comms.services.html import content_html, html_document
from azultel.comms.tokens import unsubscribe_url
from azultel.privacy.models import ConsentTopic

SUBJECT_MAX_LENGTH = 300
_TEMPLATE_NAME = re.compile(r"^[a-z0-9][a-z0-9_-]*(?:/[a-z0-9][a-z0-9_-]*)*$")


@dataclass(frozen=True)
class _Rendered:
    subject_line: str
    body_text: str
    body_html: str


def _template_clean(template: object) -> str:
    if not isinstance(template, str) or not _TEMPLATE_NAME.match(template):
        raise MessageRejected(
            f"Email template name {template!r} is not valid: use lower-case words, digits, '_' "
            "and '-', for example 'order_confirmation'."
        )
    for suffix in ("subject.txt", "txt"):
        try:
            get_template(f"comms/email/{template}.{suffix}")
        except TemplateDoesNotExist as exc:
            raise MessageRejected(
                f"Email template 'comms/email/{template}.{suffix}' does not exist; every email "
                f"needs comms/email/{template}.subject.txt and .txt (and may add .html)."
            ) from exc
    return template


def _render_text(name: str, context: dict[str, object]) -> str:
    # Plain-text parts must not be HTML-escaped ("&amp;" in a subject line reads as garbage).
    template = cast(Any, get_template(name)).template
    return str(template.render(Context(context, autoescape=False)))


def _company_facts() -> dict[str, str]:
    return {
        "company_name": settings.COMPANY_NAME,
        "company_postal_address": settings.COMPANY_POSTAL_ADDRESS,
        "company_phone": settings.COMPANY_PHONE,
        "site_url": settings.SITE_URL.rstrip("/"),
        "site_url_display": settings.SITE_URL.rstrip("/").split("://", 1)[-1],
    }


def _render(
    *,
    template: str,
    context: dict[str, object],
    category: str,
    message_id: uuid.UUID,
    unsubscribe_link: str | None = None,
) -> _Rendered:
    facts = _company_facts()
    values: dict[str, object] = {
        **facts,
        **context,
        "category": category,
        "category_label": MessageCategory(category).label,
        "commercial": category in COMMERCIAL,
    }
    commercial = category in COMMERCIAL
    if commercial:
        values["unsubscribe_url"] = unsubscribe_link or unsubscribe_url(message_id)
        topic = SOLICITATION_TOPIC.get(category)
        values["topic_label"] = ConsentTopic(topic).label if topic else values["category_label"]
    base = f"comms/email/{template}"
    subject_line = " ".join(_render_text(f"{base}.subject.txt", values).split())
    if not subject_line:
        raise MessageRejected(f"Email template {template!r} renders an empty subject line.")
    if len(subject_line) > SUBJECT_MAX_LENGTH:
        raise MessageRejected(
            f"Email template {template!r} renders a subject longer than {SUBJECT_MAX_LENGTH} "
            "characters."
        )
    body_text = _render_text(f"{base}.txt", values).strip() + "\n"
    # Every email is multipart: the HTML part says what the text part says, in the shared layout.
    content = content_html(template=template, values=values, body_text=body_text)
    body_html = html_document(values=values, content=content, subject_line=subject_line)
    if commercial:
        # Added here, not left to each template, so no commercial email can go without them (P21);
        # the HTML layout's footer carries the same for commercial email.
        body_text += _render_text("comms/email/_commercial_footer.txt", values)
    return _Rendered(subject_line, body_text, body_html)


def _rfc_message_id(message_id: uuid.UUID) -> str:
    _, sender = parseaddr(settings.DEFAULT_FROM_EMAIL)
    domain = sender.rpartition("@")[2] or "azultel.example"
    return f"<{message_id.hex}@{domain}>"
