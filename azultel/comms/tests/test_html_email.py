"""Every email the site sends is multipart: the text part and an HTML part in the site's look
(inline CSS, a dark-mode query, nothing loaded from the web) saying the same facts."""

from __future__ import annotations

import re
from typing import Any

import pytest

from azultel.comms.models import MessageCategory, OutboxMessage
from azultel.comms.services import message_send, messages_queue_bulk
from azultel.comms.services.html import text_as_html
from azultel.comms.tests.conftest import SmtpHandler
from azultel.comms.tests.email_samples import (
    SAMPLES,
    email_templates,
    html_problems,
    missing_facts,
    parse,
)

POSTAL = "Azultel Communications, Inc., 1450 Brickell Bay Drive, Suite 900, Miami, FL 33131, USA"


def _send(name: str, to: str = "maria.lopez@example.com") -> OutboxMessage:
    sample = SAMPLES[name]
    return message_send(
        category=sample.category,
        to=to,
        template=sample.template,
        context=dict(sample.context),
        dedupe_key=f"referral:{name}" if sample.category == "referral_invitation" else None,
    )


def test_every_email_the_site_sends_has_a_sample_here() -> None:
    # A new email template without a sample would escape every check below.
    assert email_templates() == {s.template for s in SAMPLES.values()}


@pytest.mark.parametrize("name", list(SAMPLES))
@pytest.mark.django_db
def test_every_email_has_an_html_part_in_the_sites_look_saying_the_same_facts(name: str) -> None:
    message = _send(name)

    assert html_problems(message.body_html) == []
    assert (
        missing_facts(text=message.body_text, document=message.body_html, says=SAMPLES[name].says)
        == []
    )
    parsed = parse(message.body_html)
    assert message.subject_line in parsed.visible_text()
    assert POSTAL in parsed.visible_text()
    # The site's name in text in the header: no logo image to load.
    assert [t for t, a in parsed.tags if t == "a" and "brand-link" in a.get("class", "")]
    assert all(h.startswith("https://www.azultel.example/") for h in parsed.hrefs())


@pytest.mark.parametrize("name", list(SAMPLES))
@pytest.mark.django_db
def test_no_email_shows_internal_codes_raw_numbers_or_a_zero_amount(name: str) -> None:
    message = _send(name)

    for part in (message.subject_line, message.body_text, parse(message.body_html).visible_text()):
        assert "$0.00" not in part and "$0 " not in part
        assert "1-800-298-5835" not in part  # the company's number is written for people
        # links left out: a signed token may hold "_x_" by chance (base64url), it is no code
        words = re.sub(r"https?://\S+", "", part)
        assert not re.search(r"\{\{|\{%|None\b|_[a-z]+_", words), part
    if "Azultel customer care" in message.body_text and "call" in message.body_text.lower():
        assert "(800) 298-5835" in message.body_text


@pytest.mark.django_db
def test_an_order_with_nothing_to_pay_says_nothing_was_charged() -> None:
    message = _send("orders_confirmed (nothing charged)")

    assert "Nothing was charged to your card" in message.body_text
    assert "Charged to your card" not in message.body_text
    assert "$0" not in message.body_text + message.body_html
    assert "$55.00 a month" in message.body_text


@pytest.mark.django_db
def test_the_commercial_footer_is_in_both_parts_and_only_for_commercial_email() -> None:
    newsletter = _send("notice (newsletter)")
    security = _send("notice")

    [unsubscribe] = [h for h in parse(newsletter.body_html).hrefs() if "/unsubscribe/" in h]
    assert unsubscribe in newsletter.body_text
    assert "Unsubscribe" in parse(newsletter.body_html).visible_text()
    assert "/unsubscribe/" not in security.body_html + security.body_text
    assert "Why you got this email: security notice." in parse(security.body_html).visible_text()


@pytest.mark.django_db
def test_bulk_email_gets_the_same_html_part(subscriber: Any) -> None:
    queued = messages_queue_bulk(
        category=MessageCategory.NEWSLETTER,
        recipients=[("lucia.mendez@example.com", subscriber, {**SAMPLES["notice"].context})],
        template="notice",
        dedupe_prefix="news-2026-12",
    )

    message = OutboxMessage.objects.get()
    assert queued == 1
    assert html_problems(message.body_html) == []
    assert "/unsubscribe/" in message.body_html


def test_the_text_part_becomes_escaped_html_and_only_our_own_addresses_become_links() -> None:
    text = (
        "Hello <Ana> & co,\n\nYou ordered:\n- Fiber & TV\n- Router x 2\n\n"
        "Open https://www.azultel.example/account/.\n\nhttps://www.azultel.example/x/?a=1&b=2\n\n"
        "Not ours: https://evil.example/login javascript:alert(1)"
    )

    result = text_as_html(text, site_url="https://www.azultel.example/")

    assert "<p>Hello &lt;Ana&gt; &amp; co,</p>" in result
    assert "<ul><li>Fiber &amp; TV</li><li>Router x 2</li></ul>" in result
    assert 'href="https://www.azultel.example/account/">' in result
    assert "/account/</a>." in result  # the sentence's full stop is not part of the address
    assert (
        '<p class="action"><a class="link" href="https://www.azultel.example/x/?a=1&amp;b=2"'
        in (result)
    )
    assert "evil.example/login" in result
    assert 'href="https://evil' not in result
    assert "<script" not in result


@pytest.mark.django_db
def test_a_real_smtp_server_receives_text_then_html(
    smtp_server: SmtpHandler, django_capture_on_commit_callbacks: Any
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        message = _send("orders_confirmed")

    [received] = smtp_server.messages()
    assert received.get_content_type() == "multipart/alternative"
    parts = list(received.iter_parts())
    assert [p.get_content_type() for p in parts] == ["text/plain", "text/html"]
    text, html = (str(p.get_content()) for p in parts)
    assert text.replace("\r\n", "\n").strip() == message.body_text.strip()
    assert html.replace("\r\n", "\n").strip() == message.body_html.replace("\r\n", "\n").strip()
    assert html_problems(html) == []
    assert missing_facts(text=text, document=html) == []
    assert received["Message-ID"] == message.rfc_message_id


@pytest.mark.django_db
def test_a_commercial_email_over_smtp_keeps_its_unsubscribe_headers_and_both_parts(
    smtp_server: SmtpHandler, subscriber: Any, django_capture_on_commit_callbacks: Any
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        _send("notice (newsletter)", to="lucia.mendez@example.com")

    [received] = smtp_server.messages()
    url = str(received["List-Unsubscribe"]).strip().strip("<>")
    html = received.get_body(preferencelist=("html",)).get_content()  # type: ignore[union-attr]
    assert received["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert received.get_content_type() == "multipart/alternative"
    assert url in parse(html).hrefs()


@pytest.mark.promise("P18")
@pytest.mark.django_db
def test_consent_is_still_checked_when_an_html_email_is_delivered(
    smtp_server: SmtpHandler, opted_out: Any, django_capture_on_commit_callbacks: Any
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        message = message_send(
            category=MessageCategory.NEWSLETTER,
            to="tomas.rivera@example.com",
            template="notice",
            context=dict(SAMPLES["notice (newsletter)"].context),
        )

    message.refresh_from_db()
    assert smtp_server.received == []
    assert message.status == "suppressed"
    assert message.body_html  # rendered when queued, never sent
