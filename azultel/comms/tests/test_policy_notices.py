"""Policy change notices (P08): every account holder is told, with a one-click opt-out."""

from __future__ import annotations

import datetime
import re

import pytest
from django.core import mail
from django.test import Client
from django.utils import timezone

from azultel.accounts.testing import customer_create, staff_create
from azultel.comms.models import OutboxMessage
from azultel.comms.services import policy_notices_send_all
from azultel.privacy.models import ConsentEvent, PolicyNotice, PolicyVersion
from azultel.privacy.policy_notices import PolicyPublishError, policy_publish
from azultel.privacy.selectors import consent_is_granted, policy_current
from azultel.privacy.services import consent_record, subject_for_user
from azultel.privacy.tests.factories import PolicyVersionFactory


def _draft(**overrides: object) -> PolicyVersion:
    values: dict[str, object] = {
        "version": "2027.1",
        "effective_date": timezone.localdate(),
        "body": "## New\n\nWe now share aggregate-free data with a partner.",
        "summary_of_changes": "We will share your name and service address with our installation "
        "partner, FiberCo, so they can schedule visits.",
        "changes_personal_data_use": True,
        "changed_use_topic": "data_sharing",
    }
    values.update(overrides)
    return PolicyVersionFactory(**values)


@pytest.mark.promise("P08")
@pytest.mark.django_db(transaction=True)
def test_publishing_a_use_change_emails_every_account_holder_with_an_opt_out() -> None:
    opted_out = customer_create(email="no.marketing@example.com")
    for topic in ("product_info", "special_offers", "newsletter"):
        consent_record(
            subject=subject_for_user(user=opted_out),
            topic=topic,
            granted=False,
            source="registration",
        )
    others = [customer_create() for _ in range(3)]
    gone = customer_create(email="closed@example.com")
    gone.is_active = False
    gone.save()
    version = _draft()

    policy_publish(version=version, actor=None)

    version.refresh_from_db()
    recipients = sorted(m.to[0] for m in mail.outbox)
    assert recipients == sorted([opted_out.email, *[u.email for u in others]])
    assert "closed@example.com" not in recipients
    notice = next(m for m in mail.outbox if m.to == [opted_out.email])
    assert "installation partner, FiberCo" in notice.body
    assert re.search(r"/privacy/opt-out/\S+/", notice.body)
    assert "no.marketing@example.com" not in re.search(r"/privacy/opt-out/\S+/", notice.body).group(
        0
    )
    assert PolicyNotice.objects.filter(policy_version=version).count() == 4
    notice_messages = set(PolicyNotice.objects.values_list("message_id", flat=True))
    assert notice_messages == set(OutboxMessage.objects.values_list("pk", flat=True))
    assert (version.notices_total, version.notices_queued) == (4, 4)
    assert version.notices_queued_at is not None
    assert set(OutboxMessage.objects.values_list("category", flat=True)) == {"policy_notice"}
    assert policy_current() == version


@pytest.mark.promise("P08")
@pytest.mark.django_db(transaction=True)
def test_the_opt_out_link_refuses_the_changed_use_at_once(client: Client) -> None:
    user = customer_create()
    consent_record(
        subject=subject_for_user(user=user), topic="data_sharing", granted=True, source="profile"
    )
    version = _draft()
    policy_publish(version=version, actor=None)
    path = re.search(r"https?://[^/\s]+(/privacy/opt-out/\S+/)", mail.outbox[0].body).group(1)

    page = client.get(path)
    done = Client(enforce_csrf_checks=True).post(path)  # one click from the mail, no cookie

    assert "FiberCo" in page.content.decode()
    assert "we will not use your information this way" in done.content.decode()
    event = ConsentEvent.objects.filter(topic="data_sharing").latest("id")
    assert (event.granted, event.source, event.policy_version) == (
        False,
        "policy_change_opt_out",
        version,
    )
    assert consent_is_granted(subject=subject_for_user(user=user), topic="data_sharing") is False


@pytest.mark.promise("P08")
@pytest.mark.django_db
def test_a_forged_opt_out_link_changes_nothing(client: Client) -> None:
    response = client.post("/privacy/opt-out/eyJzIjoiMSJ9:forged:signature/")

    assert response.status_code == 404
    assert ConsentEvent.objects.count() == 0


@pytest.mark.django_db
def test_a_version_that_changes_no_use_sends_nothing() -> None:
    customer_create()
    version = _draft(changes_personal_data_use=False, changed_use_topic="")

    policy_publish(version=version, actor=None)

    assert OutboxMessage.objects.count() == 0 and PolicyNotice.objects.count() == 0
    assert PolicyVersion.objects.get(pk=version.pk).published_at is not None


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"summary_of_changes": "  "}, "Write the summary"),
        ({"changed_use_topic": ""}, "Choose the use"),
    ],
)
def test_an_incomplete_use_change_is_not_published(overrides: dict[str, str], message: str) -> None:
    version = _draft(**overrides)

    with pytest.raises(PolicyPublishError, match=message):
        policy_publish(version=version, actor=None)

    assert PolicyVersion.objects.get(pk=version.pk).published_at is None
    assert OutboxMessage.objects.count() == 0


@pytest.mark.promise("P08")
@pytest.mark.django_db(transaction=True)
def test_running_the_notices_again_tells_nobody_twice() -> None:
    customer_create()
    customer_create()
    version = _draft()
    policy_publish(version=version, actor=None)

    policy_notices_send_all(version_id=version.pk)

    assert PolicyNotice.objects.count() == 2
    assert OutboxMessage.objects.count() == 2
    assert len(mail.outbox) == 2


@pytest.mark.django_db(transaction=True)
def test_staff_publish_from_the_admin_and_see_progress(client: Client) -> None:
    customer_create()
    officer = staff_create(role="privacy_officer")
    version = _draft(effective_date=timezone.localdate() + datetime.timedelta(days=30))
    client.force_login(officer)

    client.post(
        "/staff/admin/privacy/policyversion/",
        {"action": "publish", "_selected_action": [version.pk]},
    )
    listing = client.get("/staff/admin/privacy/policyversion/").content.decode()

    assert PolicyVersion.objects.get(pk=version.pk).published_at is not None
    assert "2 of 2 queued (done)" in listing
