"""Browser journey in Debian's Chromium: from the unsubscribe link in a delivered email to the
confirmation, with no serious accessibility violation and nothing loaded from elsewhere."""

from __future__ import annotations

import re
from email import message_from_bytes, policy
from pathlib import Path
from typing import Any

import pytest

from azultel.comms.models import MessageCategory
from azultel.comms.services import message_send
from azultel.core.testing.browser import RequestLog, axe_violations, screenshot
from azultel.privacy.models import ConsentSource, ConsentTopic
from azultel.privacy.selectors import SOLICITATION_TOPICS, consent_states
from azultel.privacy.services import consent_record
from azultel.privacy.tests.factories import DataSubjectFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.promise("P12")
def test_unsubscribing_from_all_marketing_in_the_browser(
    browser_page: Any, browser_requests: RequestLog, mailbox_folder: Path, site_content: None
) -> None:
    subject = DataSubjectFactory(email="lucia.mendez@example.com")
    consent_record(
        subject=subject, topic=ConsentTopic.NEWSLETTER, granted=True, source=ConsentSource.PROFILE
    )
    message_send(
        category=MessageCategory.NEWSLETTER,
        to="lucia.mendez@example.com",
        template="notice",
        context={"title": "Azultel news", "paragraphs": ["Faster fiber in Miami."]},
    )
    [eml] = list(mailbox_folder.iterdir())
    email = message_from_bytes(eml.read_bytes(), policy=policy.default)
    link = str(email["List-Unsubscribe"]).strip().strip("<>")
    path = re.sub(r"^https://[^/]+", "", link)

    browser_page.goto(path)
    confirm_violations = axe_violations(browser_page)
    browser_page.get_by_label("All marketing email from Azultel").check()
    browser_page.get_by_role("button", name="Unsubscribe").click()
    browser_page.get_by_role("heading", name="You are unsubscribed").wait_for()
    done_violations = axe_violations(browser_page)
    screenshot(browser_page, "comms-unsubscribed")

    assert confirm_violations == []
    assert done_violations == []
    states = consent_states(subject=subject)
    assert {topic: states[topic] for topic in SOLICITATION_TOPICS} == dict.fromkeys(
        SOLICITATION_TOPICS, False
    )
    assert browser_requests.outside == []
    assert not [e for e in browser_requests.console_errors if "Content Security Policy" in e]
