"""Disclosures (P14): one function, five bases, a keyed hash chain that reveals any tampering."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from azultel.accounts.tests.factories import UserFactory
from azultel.core.actors import system_actor
from azultel.privacy.models import DataSubject, Disclosure, DisclosureChainHead
from azultel.privacy.services import (
    DisclosureRefused,
    _disclosure_content,
    disclosure_entry_hash,
    disclosure_log_verify,
    disclosure_make,
    subject_for_email,
)


@pytest.fixture
def subjects(db: None) -> list[DataSubject]:
    return [subject_for_email(email=f"person{i}@example.com") for i in range(3)]


def _disclose(people: list[DataSubject], **overrides: object) -> Disclosure:
    args: dict[str, object] = {
        "actor": system_actor("directory-feed"),
        "recipient": "Regional Directory Publisher LLC",
        "basis": "directory_publishing",
        "basis_reference": "publishing agreement 2026-04",
        "categories": ["user.name", "user.contact.phone", "user.contact.address"],
        "subjects": people,
        "payload": b"name,number\nA,555\n",
    }
    args.update(overrides)
    return disclosure_make(**args)  # type: ignore[arg-type]


@pytest.mark.promise("P14")
def test_a_disclosure_records_who_received_what_about_whom(subjects: list[DataSubject]) -> None:
    record = _disclose(subjects)

    assert record.seq == 1 and record.prev_hash == ""
    assert record.subject_ids == sorted(str(s.pk) for s in subjects)
    assert record.categories == ["user.contact.address", "user.contact.phone", "user.name"]
    assert "@" not in str(record.subject_ids)
    assert disclosure_log_verify() == []


@pytest.mark.promise("P14")
@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"basis": "sale"}, "not a basis for disclosure"),
        ({"basis": "marketing_partner"}, "not a basis for disclosure"),
        ({"basis_reference": "  "}, "Name the authorization"),
        ({"recipient": ""}, "Name the recipient"),
        ({"categories": ["user.shoe_size"]}, "Unknown or missing data categories"),
        ({"categories": []}, "Unknown or missing data categories"),
        ({"subjects": []}, "must name whom"),
    ],
)
def test_a_disclosure_without_a_valid_basis_is_refused_and_nothing_is_written(
    subjects: list[DataSubject], overrides: dict[str, object], message: str
) -> None:
    with pytest.raises(DisclosureRefused, match=message):
        _disclose(subjects, **overrides)

    assert Disclosure.objects.count() == 0
    assert DisclosureChainHead.objects.filter(seq__gt=0).count() == 0


@pytest.mark.promise("P14")
def test_verification_detects_an_edited_record(subjects: list[DataSubject]) -> None:
    first = _disclose(subjects)
    _disclose(subjects, basis="legal_process", basis_reference="subpoena 26-CV-118")
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE privacy_disclosure SET recipient = %s WHERE id = %s",
            ["Data Broker Inc", first.pk],
        )

    problems = disclosure_log_verify()

    assert problems == ["record #1 was altered after it was written."]


@pytest.mark.promise("P14")
def test_verification_detects_a_deleted_record_in_the_middle_and_at_the_end(
    subjects: list[DataSubject],
) -> None:
    records = [_disclose(subjects) for _ in range(4)]
    with connection.cursor() as cursor:
        cursor.execute(
            "DELETE FROM privacy_disclosure WHERE id IN (%s, %s)", [records[1].pk, records[3].pk]
        )

    problems = disclosure_log_verify()

    assert "record #2 is missing (next found is #3)." in problems
    assert "record #3 does not follow the record before it." in problems
    assert any("head says #4" in p for p in problems)


@pytest.mark.promise("P14")
def test_verification_detects_an_inserted_record(subjects: list[DataSubject]) -> None:
    first = _disclose(subjects)
    second = _disclose(subjects)
    with connection.cursor() as cursor:
        cursor.execute("UPDATE privacy_disclosure SET seq = seq + 1 WHERE id = %s", [second.pk])
        cursor.execute(
            "INSERT INTO privacy_disclosure (seq, created_at, actor_label, recipient, basis, "
            "basis_reference, categories, subject_ids, record_count, payload_digest, prev_hash, "
            "entry_hash) VALUES (2, %s, 'x', 'Broker', 'safety', 'none', '[]', '[]', 1, 'd', %s, 'forged')",
            [first.created_at, first.entry_hash],
        )

    problems = disclosure_log_verify()

    assert "record #2 was altered after it was written." in problems
    assert "record #3 does not follow the record before it." in problems


@pytest.mark.promise("P14")
def test_verification_detects_a_validly_hashed_replacement_relinked_into_the_chain(
    subjects: list[DataSubject],
) -> None:
    # Given three disclosures
    first, second, third = (_disclose(subjects) for _ in range(3))
    # When record #2 is replaced by another that is hashed exactly as the log hashes (someone
    # holding the chain key), and #3 is relinked to follow it
    forged = Disclosure.objects.get(pk=second.pk)
    forged.recipient, forged.basis, forged.basis_reference = "Data Broker Inc", "safety", "none"
    forged.entry_hash = disclosure_entry_hash(
        prev_hash=first.entry_hash, content=_disclosure_content(forged)
    )
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE privacy_disclosure SET recipient = %s, basis = %s, basis_reference = %s, "
            "entry_hash = %s WHERE id = %s",
            [forged.recipient, forged.basis, forged.basis_reference, forged.entry_hash, second.pk],
        )
        cursor.execute(
            "UPDATE privacy_disclosure SET prev_hash = %s WHERE id = %s",
            [forged.entry_hash, third.pk],
        )

    problems = disclosure_log_verify()

    # Then #2 looks whole on its own, but #3's hash covered the hash it followed: the
    # replacement shows, because every entry hash binds the one before it
    assert problems == ["record #3 was altered after it was written."]


@pytest.mark.promise("P14")
def test_verify_command_reports_intact_and_broken_logs(subjects: list[DataSubject]) -> None:
    record = _disclose(subjects)
    out = StringIO()
    call_command("verify_disclosure_log", stdout=out)
    assert "intact (1 records)" in out.getvalue()

    with connection.cursor() as cursor:
        cursor.execute("UPDATE privacy_disclosure SET record_count = 99 WHERE id = %s", [record.pk])

    with pytest.raises(CommandError, match="failed verification"):
        call_command("verify_disclosure_log", stdout=StringIO(), stderr=StringIO())


@pytest.mark.promise("P14")
def test_disclosure_records_cannot_be_changed_through_the_orm(subjects: list[DataSubject]) -> None:
    from azultel.privacy.models import AppendOnlyError

    record = _disclose(subjects)
    record.recipient = "someone else"

    with pytest.raises(AppendOnlyError):
        record.save()
    with pytest.raises(AppendOnlyError):
        Disclosure.objects.all().delete()


@pytest.mark.django_db
def test_a_string_actor_is_refused_and_nothing_is_written(subjects: list[DataSubject]) -> None:
    with pytest.raises(TypeError):
        _disclose(subjects, actor="system:directory-feed")

    assert not Disclosure.objects.exists()


def test_a_staff_actor_is_recorded(subjects: list[DataSubject]) -> None:
    officer = UserFactory(email="po@azultel.example", given_name="P", family_name="O")

    record = _disclose(
        subjects,
        actor=officer,
        basis="safety",
        basis_reference="911 call ref 4471, imminent danger",
    )

    assert record.actor == officer and record.actor_label == f"user:{officer.pk}"


@pytest.mark.promise("B1")
@pytest.mark.promise("P15")
def test_a_co_sponsor_never_receives_people_who_refused_sharing(
    subjects: list[DataSubject],
) -> None:
    from azultel.privacy.services import consent_record

    consent_record(subject=subjects[0], topic="data_sharing", granted=False, source="gpc")
    for person in subjects[1:]:
        consent_record(subject=person, topic="data_sharing", granted=True, source="profile")

    with pytest.raises(DisclosureRefused, match="1 of these people did not say yes"):
        _disclose(subjects, basis="co_sponsor", basis_reference="Miami tech fair 2026")
    record = _disclose(subjects[1:], basis="co_sponsor", basis_reference="Miami tech fair 2026")

    assert Disclosure.objects.get() == record


@pytest.mark.promise("P15")
def test_a_co_sponsor_never_receives_people_who_never_answered(
    subjects: list[DataSubject],
) -> None:
    from azultel.privacy.services import consent_record

    consent_record(subject=subjects[0], topic="data_sharing", granted=True, source="profile")

    with pytest.raises(DisclosureRefused, match="2 of these people did not say yes"):
        _disclose(subjects, basis="co_sponsor", basis_reference="Miami tech fair 2026")
    with pytest.raises(DisclosureRefused, match="1 of these people did not say yes"):
        _disclose(subjects[2:], basis="co_sponsor", basis_reference="Miami tech fair 2026")

    assert Disclosure.objects.count() == 0
    assert DisclosureChainHead.objects.filter(seq__gt=0).count() == 0
