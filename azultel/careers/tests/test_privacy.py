"""The data map covers every careers field; an applicant with an account finds their
applications in "my data" and account deletion erases them (B2); the demo loads twice cleanly."""

from __future__ import annotations

import pytest
from django.core.management import call_command

from azultel.accounts.testing import customer_create
from azultel.careers.models import Application, JobListing
from azultel.careers.tests.factories import JobListingFactory, application_make
from azultel.core.models import StoredFile
from azultel.privacy.registry import erasure_hooks, export_providers

pytestmark = pytest.mark.django_db


@pytest.mark.promise("P04")
def test_every_careers_field_is_declared_in_the_data_map() -> None:
    call_command("check", "--fail-level", "ERROR")
    declared = Application.data_map
    for name in (
        "name", "email", "phone", "cover_letter", "answers", "resume", "resume_text",
        "resume_words",
    ):  # fmt: skip
        assert declared[name].retention == "resume_1y", name  # type: ignore[union-attr]
    assert declared["resume_text"].sensitive  # type: ignore[union-attr]


@pytest.mark.promise("B2")
def test_an_account_holder_gets_and_erases_their_applications() -> None:
    customer = customer_create(email="jane.q@example.com")
    application_make(listing=JobListingFactory(title="Line technician"), email="Jane.Q@example.com")
    application_make(email="someone.else@example.com")

    exported = export_providers()["job_applications"](customer)
    for hook in erasure_hooks():
        if hook.__module__ == "azultel.careers.registrations":
            hook(customer)

    assert [item["job"] for item in exported] == ["Line technician"]
    assert list(Application.objects.values_list("email", flat=True)) == ["someone.else@example.com"]
    assert StoredFile.objects.count() == 1


def test_the_demo_loads_twice_without_duplicates() -> None:
    from azultel.accounts.demo import demo_seed as accounts_demo_seed
    from azultel.careers.demo import demo_seed

    sign_ins = accounts_demo_seed()
    demo_seed()
    demo_seed()

    assert "hr@demo.azultel.test" in [s.email for s in sign_ins]
    assert JobListing.objects.count() == 4
    assert JobListing.objects.filter(status="closed").count() == 1
    assert Application.objects.count() == 2
