"""The annual CPNI certificate (47 CFR 64.2009(e)) is computed from the records: campaigns and
their supervisory approvals, privacy complaints, breaches, disclosure requests and the staff's
training acknowledgements. It is signed once a year; the PDF and text downloads carry it."""

from __future__ import annotations

from datetime import date

import pytest
from django.db import IntegrityError, transaction
from django.utils import timezone

from azultel.accounts.models import User
from azultel.accounts.testing import staff_create
from azultel.compliance.models import CpniCertification, TrainingAcknowledgement
from azultel.compliance.services import (
    ComplianceRefused,
    certificate_facts,
    certificate_text,
    certification_sign,
    training_acknowledge,
)
from azultel.compliance.tests.conftest import client_for
from azultel.contact.tests.factories import ThreadFactory
from azultel.marketing import services as marketing
from azultel.marketing.tests.factories import campaign_make, segment_make
from azultel.privacy.cpni_breach import cpni_breach_record

pytestmark = pytest.mark.django_db

THIS_YEAR = timezone.localdate().year
LAST_YEAR = THIS_YEAR - 1


def _cpni_campaign_approved() -> None:
    marketer = staff_create(role="marketing")
    segment = segment_make(
        "Florida phones", {"state": ["FL"], "services_held": ["phone_line"]}, actor=marketer
    )
    assert segment.is_cpni
    campaign = campaign_make(segment=segment, actor=marketer)
    marketing.campaign_submit(campaign=campaign, actor=marketer)
    marketing.campaign_approve(campaign=campaign, actor=staff_create(role="marketing_supervisor"))


def test_the_certificate_counts_change_when_the_records_change(officer: User) -> None:
    before = certificate_facts(year=THIS_YEAR)

    _cpni_campaign_approved()
    ThreadFactory(topic="privacy")
    ThreadFactory(topic="sales")
    cpni_breach_record(
        actor=officer, determined_on=timezone.localdate(), description="x", customers_affected=3
    )
    training_acknowledge(actor=officer)
    after = certificate_facts(year=THIS_YEAR)

    assert after.cpni_campaigns == before.cpni_campaigns + 1
    assert after.supervisor_approvals == before.supervisor_approvals + 1
    assert after.complaints == before.complaints + 1
    assert len(after.breaches) == len(before.breaches) + 1
    assert after.training_acknowledged == before.training_acknowledged + 1
    text = certificate_text(after)
    assert f"Campaigns that used CPNI: {after.cpni_campaigns}" in text
    assert (
        f"Complaints received about the unauthorised release of CPNI (privacy messages): {after.complaints}"
        in text
    )
    assert "3 customers" in text
    # Another year's records are not this year's.
    assert certificate_facts(year=LAST_YEAR).cpni_campaigns == 0


def test_the_certificate_lists_staff_who_have_not_acknowledged_the_training(
    officer: User, second_officer: User
) -> None:
    client_for(officer).post("/staff/compliance/training/")

    facts = certificate_facts(year=THIS_YEAR)

    assert TrainingAcknowledgement.objects.filter(staff=officer, year=THIS_YEAR).exists()
    assert facts.training_acknowledged == 1
    assert any(second_officer.email in name for name in facts.training_missing)
    assert not any(officer.email in name for name in facts.training_missing)
    page = client_for(officer).get("/staff/compliance/training/").content.decode()
    assert "You confirmed this year" in page


def test_the_officer_signs_once_a_year(officer: User, second_officer: User) -> None:
    client = client_for(officer)

    response = client.post(
        f"/staff/compliance/certification/?year={LAST_YEAR}",
        {"signer_name": "Priya Officer", "signer_title": "Chief Privacy Officer"},
    )
    with pytest.raises(ComplianceRefused, match="already signed"):
        certification_sign(
            actor=second_officer, year=LAST_YEAR, signer_name="Other", signer_title="VP"
        )

    assert response.status_code == 302
    signed = CpniCertification.objects.get()
    assert signed.year == LAST_YEAR and signed.signer == officer
    assert "Signed by: Priya Officer, Chief Privacy Officer" in signed.statement
    with pytest.raises(IntegrityError), transaction.atomic():
        CpniCertification.objects.create(
            year=LAST_YEAR, signer_name="x", signer_title="y", signed_on=date.today(), statement="z"
        )


def test_the_current_year_cannot_be_signed_and_non_officers_cannot_sign(officer: User) -> None:
    with pytest.raises(ComplianceRefused, match="ended"):
        certification_sign(actor=officer, year=THIS_YEAR, signer_name="A", signer_title="B")
    with pytest.raises(ComplianceRefused, match="Only a privacy officer"):
        certification_sign(
            actor=staff_create(role="marketing"), year=LAST_YEAR, signer_name="A", signer_title="B"
        )

    assert CpniCertification.objects.count() == 0


def test_the_certificate_downloads_as_text_and_pdf(officer: User) -> None:
    client = client_for(officer)

    text = client.get(f"/staff/compliance/certification/download/?year={LAST_YEAR}")
    pdf = client.get(f"/staff/compliance/certification/download/?year={LAST_YEAR}&format=pdf")

    assert text.status_code == 200 and f"certification for {LAST_YEAR}" in text.content.decode()
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
    page = client.get(f"/staff/compliance/certification/?year={LAST_YEAR}")
    assert "consent ledger" in page.content.decode()
