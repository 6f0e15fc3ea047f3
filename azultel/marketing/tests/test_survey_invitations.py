"""Survey invitations: the campaign chooses a survey taking answers (``surveys``), the email
links to its public address, a closed or unpublished survey cannot be chosen, and the send job
pauses the campaign (with the reason on its page) when the survey closed after scheduling."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from typing import Any

import pytest
from django.core import mail
from django.db import IntegrityError, transaction
from django.utils import timezone

from azultel.accounts.models import User
from azultel.comms.models import OutboxMessage
from azultel.marketing import services, tasks
from azultel.marketing.models import Campaign, CampaignKind, CampaignStatus, Segment
from azultel.marketing.services import CampaignRejected
from azultel.marketing.tests.conftest import signed_in
from azultel.marketing.tests.factories import SITE, person_make, segment_make
from azultel.surveys.models import Survey, SurveyStatus
from azultel.surveys.tests.factories import SurveyFactory

pytestmark = pytest.mark.django_db
Rows = Callable[[], dict[str, int]]


def _invitation(segment: Segment, survey: Survey | None, actor: User) -> Campaign:
    return services.campaign_create(
        content=services.CampaignContent(
            name="Tell us",
            kind=CampaignKind.SURVEY_INVITATION,
            segment=segment,
            subject_line="Two minutes of your time?",
            body="We would like to hear from you.",
            survey=survey,
        ),
        actor=actor,
    )


@pytest.mark.promise("P18")
def test_the_invitation_links_to_the_chosen_surveys_public_address(
    marketer: User, django_capture_on_commit_callbacks: Any
) -> None:
    person = person_make(topics=("surveys",))
    survey = SurveyFactory.create(slug="fiber-install", public=False)
    campaign = _invitation(segment_make(actor=marketer), survey, marketer)
    assert campaign.survey == survey

    services.campaign_schedule(campaign=campaign, when=timezone.now(), actor=marketer)
    with django_capture_on_commit_callbacks(execute=True):
        tasks.campaigns_start()

    [message] = mail.outbox
    assert message.to == [person.email]
    assert f"Take the survey: {SITE}/surveys/fiber-install/" in message.body
    html = str(message.alternatives[0][0])
    assert f'href="{SITE}/surveys/fiber-install/"' in html


@pytest.mark.parametrize(
    "survey_state",
    [
        {"status": SurveyStatus.CLOSED},
        {"status": SurveyStatus.DRAFT},
        {"status": SurveyStatus.OPEN, "closes_at": "past"},
    ],
    ids=["closed", "unpublished", "past its closing time"],
)
def test_a_survey_not_taking_answers_cannot_be_chosen(
    survey_state: dict[str, Any], marketer: User, marketing_rows: Rows
) -> None:
    if survey_state.get("closes_at") == "past":
        survey_state = {**survey_state, "closes_at": timezone.now() - timedelta(hours=1)}
    survey = SurveyFactory.create(**survey_state)
    segment = segment_make(actor=marketer)
    before = marketing_rows()

    with pytest.raises(CampaignRejected, match="not taking answers") as refused:
        _invitation(segment, survey, marketer)

    assert refused.value.field == "survey"
    assert marketing_rows() == before


def test_an_invitation_needs_a_survey_and_other_kinds_keep_none(
    marketer: User, marketing_rows: Rows
) -> None:
    segment = segment_make(actor=marketer)
    before = marketing_rows()
    with pytest.raises(CampaignRejected, match="Choose the survey") as refused:
        _invitation(segment, None, marketer)
    assert refused.value.field == "survey"
    assert marketing_rows() == before

    newsletter = services.campaign_create(
        content=services.CampaignContent(
            name="News",
            kind=CampaignKind.NEWSLETTER,
            segment=segment,
            subject_line="News",
            body="News.",
            survey=SurveyFactory.create(),
        ),
        actor=marketer,
    )
    assert (newsletter.survey, newsletter.survey_url) == (None, "")
    with pytest.raises(IntegrityError), transaction.atomic():
        Campaign.objects.filter(pk=newsletter.pk).update(survey=SurveyFactory.create())


def test_the_form_offers_only_open_surveys_and_refuses_one_closed_meanwhile(
    marketer: User, marketing_rows: Rows
) -> None:
    open_one = SurveyFactory.create(title="Installation survey")
    SurveyFactory.create(title="Old survey", status=SurveyStatus.CLOSED)
    segment = segment_make(actor=marketer)
    client = signed_in(marketer)

    page = client.get("/staff/marketing/campaigns/new/").content.decode()
    assert f'<option value="{open_one.pk}">Installation survey</option>' in page
    assert "Old survey" not in page

    form = {
        "name": "Tell us",
        "kind": "survey_invitation",
        "segment": segment.pk,
        "subject_line": "Two minutes?",
        "body": "We would like to hear from you.",
        "survey": open_one.pk,
    }
    Survey.objects.filter(pk=open_one.pk).update(status=SurveyStatus.CLOSED)
    before = marketing_rows()
    refused = client.post("/staff/marketing/campaigns/new/", form)
    missing = client.post("/staff/marketing/campaigns/new/", {**form, "survey": ""})

    assert refused.status_code == missing.status_code == 400
    assert "That survey is not taking answers (closed or not published)" in (
        refused.content.decode()
    )
    assert "Choose the survey this invitation is for." in missing.content.decode()
    assert marketing_rows() == before


@pytest.mark.promise("P18")
def test_the_send_job_pauses_an_invitation_whose_survey_closed_meanwhile(
    marketer: User, django_capture_on_commit_callbacks: Any
) -> None:
    person_make(topics=("surveys",))
    survey = SurveyFactory.create(title="Installation survey")
    campaign = _invitation(segment_make(actor=marketer), survey, marketer)
    services.campaign_schedule(campaign=campaign, when=timezone.now(), actor=marketer)
    Survey.objects.filter(pk=survey.pk).update(status=SurveyStatus.CLOSED)

    with django_capture_on_commit_callbacks(execute=True):
        tasks.campaigns_start()

    campaign.refresh_from_db()
    assert campaign.status == CampaignStatus.PAUSED
    assert "the survey “Installation survey” is not taking answers" in campaign.halt_reason
    assert not OutboxMessage.objects.filter(batch=campaign.batch).exists()
    page = signed_in(marketer).get(f"/staff/marketing/campaigns/{campaign.pk}/").content.decode()
    assert 'role="alert"' in page and "Reopen the survey and resume the campaign" in page

    # Reopened and resumed: the reason goes and the invitation is sent.
    Survey.objects.filter(pk=survey.pk).update(status=SurveyStatus.OPEN)
    services.campaign_resume(campaign=campaign, actor=marketer)
    with django_capture_on_commit_callbacks(execute=True):
        tasks.campaigns_start()
    campaign.refresh_from_db()
    assert (campaign.status, campaign.halt_reason) == (CampaignStatus.SENT, "")
    assert len(mail.outbox) == 1


def test_a_send_already_running_stops_when_the_survey_closes(marketer: User) -> None:
    person_make(topics=("surveys",))
    survey = SurveyFactory.create()
    campaign = _invitation(segment_make(actor=marketer), survey, marketer)
    services.campaign_schedule(campaign=campaign, when=timezone.now(), actor=marketer)
    services.campaigns_start_due()
    Survey.objects.filter(pk=survey.pk).update(status=SurveyStatus.CLOSED)

    assert services.campaign_send_run(campaign_id=campaign.pk) == 0

    campaign.refresh_from_db()
    assert campaign.status == CampaignStatus.PAUSED and campaign.halt_reason
    assert not OutboxMessage.objects.filter(batch=campaign.batch).exists()
