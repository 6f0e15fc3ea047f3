"""Factories for privacy rows (factory_boy).

Only rows that are plain data are built here. Ledger rows (consent events, disclosures, access
records) are made through their services (``consent_record``, ...) in the tests, because the
hash chain and append-only rules are the behaviour under test.
"""

from __future__ import annotations

import factory
from django.utils import timezone

from azultel.privacy.models import DataSubject, PolicyVersion
from azultel.privacy.tests.sensitive_app.models import IdentitySample, UploadOwnerSample


class DataSubjectFactory(factory.django.DjangoModelFactory[DataSubject]):
    """A person without an account, known by an email address."""

    class Meta:
        model = DataSubject

    email = factory.Sequence(lambda n: f"subject{n}@example.com")


class PolicyVersionFactory(factory.django.DjangoModelFactory[PolicyVersion]):
    """An unpublished privacy policy version (publishing goes through the service)."""

    class Meta:
        model = PolicyVersion

    version = factory.Sequence(lambda n: f"2026.{n + 1}")
    effective_date = factory.LazyFunction(timezone.localdate)
    body = factory.LazyAttribute(lambda o: f"## Section of {o.version}\n\nText of {o.version}.")
    summary_of_changes = factory.LazyAttribute(lambda o: f"Changes in {o.version}.")


class IdentitySampleFactory(factory.django.DjangoModelFactory[IdentitySample]):
    """A row of the test-only model with encrypted fields (SSN, date of birth)."""

    class Meta:
        model = IdentitySample

    ssn = "219-09-9999"


class UploadOwnerSampleFactory(factory.django.DjangoModelFactory[UploadOwnerSample]):
    """A row of the test-only model that points at a stored file (claims it)."""

    class Meta:
        model = UploadOwnerSample
