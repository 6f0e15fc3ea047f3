"""The résumé's extracted words are held encrypted (P04, P24: only privacy decrypts), HR still finds
applications by them through a keyed-hash word index, and the migration encrypts the rows that
were stored in clear before."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.test import Client
from django.utils import timezone

from azultel.careers.models import Application
from azultel.careers.services import resume_text_extract
from azultel.careers.tests.factories import application_make
from azultel.core.actors import system_actor
from azultel.core.testing.sample_files import pdf_bytes
from azultel.privacy.fields import index_words, word_index_terms
from azultel.privacy.models import SensitiveAccess
from azultel.privacy.services import sensitive_reveal

WORDS = "Certified fiber splicer, Núñez Telecom, OSHA-10"


def _raw(application_id: object) -> tuple[str, str]:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT resume_text, resume_words FROM careers_application WHERE id = %s",
            [Application._meta.pk.get_db_prep_value(application_id, connection)],  # type: ignore[union-attr]
        )
        text, words = cursor.fetchone()
    return text, words


@pytest.mark.django_db
@pytest.mark.promise("P24")
def test_the_extracted_words_are_stored_encrypted_and_shown_only_masked() -> None:
    application, _ = application_make(resume=pdf_bytes(WORDS))

    assert resume_text_extract(application_id=application.pk) == "done"

    stored_text, stored_words = _raw(application.pk)
    assert stored_text.startswith("enc1$")
    for word in ("fiber", "splicer", "Núñez", "nunez", "OSHA", "Telecom"):
        assert word.lower() not in stored_text.lower()
        assert word.lower() not in stored_words.lower()
    fresh = Application.objects.get(pk=application.pk)
    assert str(fresh.resume_text) == "•••• (hidden)"
    clear = sensitive_reveal(
        obj=fresh,
        field="resume_text",
        purpose="recruiting",
        actor=system_actor("test"),
        reason="checking the stored words",
    )
    assert "Certified fiber splicer" in clear
    assert SensitiveAccess.objects.filter(field_name="resume_text", granted=True).count() == 1


@pytest.mark.django_db
def test_the_word_index_is_keyed_hashes_of_distinct_folded_words() -> None:
    application, _ = application_make(resume=pdf_bytes("Fiber fiber FIBER résumé"))
    resume_text_extract(application_id=application.pk)

    _, stored_words = _raw(application.pk)
    entries = stored_words.split()

    assert index_words("Résumé, C++ & Fiber_Optic!") == ["resume", "fiberoptic"]
    assert len(entries) == 2 and entries == sorted(entries)  # "fiber" once, "resume" once
    (term,) = word_index_terms(Application, "resume_text", "RESUME")
    assert term.strip() in entries and term.startswith(" ") and term.endswith(" ")
    assert word_index_terms(Application, "resume_text", "a !") == []


@pytest.mark.django_db
def test_hr_finds_words_in_the_encrypted_text_and_not_by_the_index_or_other_rows(
    hr_client: Client,
) -> None:
    ana, _ = application_make(
        name="Ana Applicant", email="ana@example.com", resume=pdf_bytes(WORDS)
    )
    application_make(name="Ben Applicant", email="ben@example.com", resume=pdf_bytes("Copper"))
    for application in Application.objects.all():
        resume_text_extract(application_id=application.pk)
    _, ana_words = _raw(ana.pk)

    def board(query: str) -> str:
        return hr_client.get("/staff/careers/", {"q": query}).content.decode()

    assert "Ana Applicant" in board("nunez splicer") and "Ben Applicant" not in board("splicer")
    assert "Ben Applicant" in board("copper") and "Ana Applicant" not in board("copper")
    assert "Ana Applicant" not in board("fiber copper")  # every word must match
    assert "Ana Applicant" not in board(ana_words.split()[0])  # a stored hash is not a word
    assert "Ana Applicant" in board("ana@example")  # name and email still match any part


@pytest.mark.django_db
def test_withdrawing_empties_the_text_and_its_index() -> None:
    from azultel.careers.services import application_withdraw

    application, _ = application_make(resume=pdf_bytes(WORDS))
    resume_text_extract(application_id=application.pk)

    application_withdraw(application=application, actor=system_actor("test"))

    assert _raw(application.pk) == ("", "")


@pytest.mark.django_db(transaction=True)
def test_the_migration_encrypts_and_indexes_the_texts_held_in_clear() -> None:
    before = [("careers", "0001_initial")]
    after = [("careers", "0002_resume_text_encrypted")]
    executor = MigrationExecutor(connection)
    executor.migrate(before)
    try:
        old_apps: Any = executor.loader.project_state(before).apps
        OldApplication = old_apps.get_model("careers", "Application")
        now = timezone.now()
        common = {"name": "Old Applicant", "email": "old@example.com", "stage_changed_at": now}
        held = OldApplication.objects.create(
            resume_text=WORDS, status_token_hash="a" * 64, submission_key_hash="b" * 64, **common
        )
        OldApplication.objects.create(
            resume_text="", status_token_hash="c" * 64, submission_key_hash="d" * 64, **common
        )
        executor = MigrationExecutor(connection)
        executor.migrate(after)
    finally:
        MigrationExecutor(connection).migrate(executor.loader.graph.leaf_nodes())

    stored_text, stored_words = _raw(held.pk)
    assert stored_text.startswith("enc1$") and "fiber" not in stored_text
    assert len(stored_words.split()) == len(set(index_words(WORDS)))
    migrated = Application.objects.get(pk=held.pk)
    clear = sensitive_reveal(
        obj=migrated,
        field="resume_text",
        purpose="recruiting",
        actor=system_actor("test"),
        reason="checking the migration",
    )
    assert clear == WORDS
    assert Application.objects.filter(resume_text="").count() == 1
