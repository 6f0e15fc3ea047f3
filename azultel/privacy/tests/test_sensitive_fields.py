"""Sensitive fields: encrypted at rest, masked everywhere, revealed only for an allowed purpose."""

from __future__ import annotations

import base64
import hashlib
from io import StringIO
from typing import Any

import pytest
from django.contrib.auth.models import Permission
from django.core.management import call_command
from django.db import connection
from django.test import override_settings

from azultel.accounts.models import User
from azultel.accounts.tests.factories import UserFactory
from azultel.core.actors import system_actor
from azultel.privacy import crypto
from azultel.privacy.fields import SensitiveValue, lookup_hash_for
from azultel.privacy.models import SensitiveAccess
from azultel.privacy.services import RevealRefused, sensitive_reveal, subject_for_user
from azultel.privacy.tests.factories import IdentitySampleFactory
from azultel.privacy.tests.sensitive_app.models import IdentitySample

TEST_SSNS = ["078-05-1120", "219-09-9999", "457-55-5462"]
TEST_DOB = "1961-07-04"


def _database_dump() -> bytes:
    """Every byte the database holds: the SQLite image, or every PostgreSQL row as text."""
    if connection.vendor == "sqlite":
        connection.ensure_connection()
        return bytes(connection.connection.serialize())
    with connection.cursor() as cursor:
        chunks = []
        for table in connection.introspection.table_names(cursor):
            cursor.execute(f'SELECT t::text FROM "{table}" t')
            chunks.extend(row[0].encode() for row in cursor.fetchall())
    return b"\n".join(chunks)


@pytest.fixture
def officer(db: None) -> User:
    user = UserFactory(
        email="officer@azultel.example", given_name="Olga", family_name="Officer", is_staff=True
    )
    user.user_permissions.add(Permission.objects.get(codename="reveal_sensitive"))
    return User.objects.get(pk=user.pk)


@pytest.fixture
def sample(db: None) -> IdentitySample:
    owner = UserFactory(email="pat@example.com", given_name="Pat", family_name="Q")
    return IdentitySampleFactory(
        holder=subject_for_user(user=owner), ssn=TEST_SSNS[0], date_of_birth=TEST_DOB
    )


@pytest.mark.promise("P24")
@pytest.mark.django_db
def test_raw_database_never_holds_the_clear_values() -> None:
    for ssn in TEST_SSNS:
        IdentitySampleFactory(ssn=ssn, date_of_birth=TEST_DOB)

    dump = _database_dump()

    for ssn in TEST_SSNS:
        assert ssn.encode() not in dump
        assert ssn.replace("-", "").encode() not in dump
    assert TEST_DOB.encode() not in dump
    stored = IdentitySample.objects.values_list("ssn", flat=True)
    assert all(token.startswith("enc1$test-1$") for token in stored)


@pytest.mark.promise("P23")
def test_reading_the_field_gives_the_masked_form(sample: IdentitySample) -> None:
    loaded = IdentitySample.objects.get(pk=sample.pk)

    assert isinstance(loaded.ssn, SensitiveValue)
    assert str(loaded.ssn) == "•••• 1120"
    assert str(loaded.date_of_birth) == "•••• (hidden)"
    assert "078" not in repr(loaded.ssn) and not hasattr(loaded.ssn, "clear")


@pytest.mark.promise("P04")
def test_reveal_for_an_allowed_purpose_returns_clear_text_and_is_logged(
    sample: IdentitySample, officer: User
) -> None:
    clear = sensitive_reveal(
        obj=sample,
        field="ssn",
        purpose="credit_check",
        actor=officer,
        reason="customer disputes the credit decision",
    )

    assert clear == TEST_SSNS[0]
    access = SensitiveAccess.objects.get()
    assert (access.granted, access.purpose, access.actor, access.field_name) == (
        True,
        "credit_check",
        officer,
        "ssn",
    )
    assert access.reason == "customer disputes the credit decision"
    assert access.data_subject == sample.holder


@pytest.mark.promise("P04")
def test_wrong_purpose_is_refused_and_logged(sample: IdentitySample, officer: User) -> None:
    with pytest.raises(RevealRefused, match="purpose 'marketing' is not allowed"):
        sensitive_reveal(
            obj=sample, field="ssn", purpose="marketing", actor=officer, reason="campaign targeting"
        )

    access = SensitiveAccess.objects.get()
    assert access.granted is False
    assert "not allowed" in access.refusal


@pytest.mark.promise("P23")
@pytest.mark.parametrize(
    ("actor_kind", "reason", "message"),
    [
        ("customer_care_without_permission", "caller asked", "may not reveal"),
        ("anonymous", "caller asked", "may not reveal"),
        ("officer", "   ", "a reason is required"),
    ],
)
def test_reveal_refused_without_permission_or_reason(
    sample: IdentitySample, officer: User, actor_kind: str, reason: str, message: str
) -> None:
    from django.contrib.auth.models import AnonymousUser

    actors: dict[str, Any] = {
        "customer_care_without_permission": UserFactory(
            email="care@azultel.example", given_name="C", family_name="C", is_staff=True
        ),
        "anonymous": AnonymousUser(),
        "officer": officer,
    }

    with pytest.raises(RevealRefused, match=message):
        sensitive_reveal(
            obj=sample, field="ssn", purpose="credit_check", actor=actors[actor_kind], reason=reason
        )

    assert SensitiveAccess.objects.filter(granted=False).count() == 1
    assert SensitiveAccess.objects.filter(granted=True).count() == 0


@pytest.mark.parametrize("actor", ["system:credit-bureau", "batch-job", None])
def test_a_string_or_missing_actor_is_a_type_error_and_reveals_nothing(
    sample: IdentitySample, actor: object
) -> None:
    with pytest.raises(TypeError, match="SystemActor"):
        sensitive_reveal(
            obj=sample,
            field="ssn",
            purpose="credit_check",
            actor=actor,
            reason="r",  # type: ignore[arg-type]
        )

    assert not SensitiveAccess.objects.exists()


def test_system_component_may_reveal_for_its_purpose(sample: IdentitySample) -> None:
    clear = sensitive_reveal(
        obj=sample,
        field="date_of_birth",
        purpose="credit_check",
        actor=system_actor("credit-bureau"),
        reason="order 42 credit check",
    )

    assert clear == TEST_DOB
    assert SensitiveAccess.objects.get().actor_label == "system:credit-bureau"


@pytest.mark.promise("P24")
def test_a_tampered_ciphertext_is_detected(sample: IdentitySample, officer: User) -> None:
    token = IdentitySample.objects.values_list("ssn", flat=True).get(pk=sample.pk)
    prefix, body = token.rsplit("$", 1)
    raw = bytearray(base64.urlsafe_b64decode(body + "=" * (-len(body) % 4)))
    raw[-1] ^= 0x01
    forged = prefix + "$" + base64.urlsafe_b64encode(bytes(raw)).decode().rstrip("=")
    IdentitySample.objects.filter(pk=sample.pk).update(ssn=forged)

    loaded = IdentitySample.objects.get(pk=sample.pk)

    with pytest.raises(crypto.DecryptionError):
        sensitive_reveal(obj=loaded, field="ssn", purpose="credit_check", actor=officer, reason="r")


@pytest.mark.promise("P24")
def test_a_ciphertext_moved_to_another_row_fails_to_decrypt(
    sample: IdentitySample, officer: User
) -> None:
    other = IdentitySampleFactory(ssn=TEST_SSNS[1])
    token = IdentitySample.objects.values_list("ssn", flat=True).get(pk=sample.pk)
    IdentitySample.objects.filter(pk=other.pk).update(ssn=token)

    moved = IdentitySample.objects.get(pk=other.pk)

    with pytest.raises(crypto.DecryptionError, match="tampered or moved"):
        sensitive_reveal(obj=moved, field="ssn", purpose="credit_check", actor=officer, reason="r")


@pytest.mark.promise("P24")
@pytest.mark.django_db
def test_rotation_reencrypts_under_the_newest_key_and_keeps_values_readable(officer: User) -> None:
    ids = [IdentitySampleFactory(ssn=s, date_of_birth=TEST_DOB).pk for s in TEST_SSNS]
    old_keys = crypto.key_ring()
    new_entry = crypto.new_key_entry("test-2")
    both = f"{new_entry},{old_keys.keys[0][0]}:{base64.urlsafe_b64encode(old_keys.keys[0][1]).decode()}"

    with override_settings(FIELD_ENCRYPTION_KEYS=both):
        out = StringIO()
        call_command("rotate_field_keys", "--batch-size", "2", "--no-progress", stdout=out)
        tokens = list(IdentitySample.objects.values_list("ssn", "date_of_birth"))
        with override_settings(FIELD_ENCRYPTION_KEYS=new_entry):  # the old key retired
            revealed = [
                sensitive_reveal(
                    obj=IdentitySample.objects.get(pk=pk),
                    field="ssn",
                    purpose="credit_check",
                    actor=officer,
                    reason="rotation check",
                )
                for pk in ids
            ]

    assert "Re-encrypted 6 values under key test-2" in out.getvalue()
    assert all(a.startswith("enc1$test-2$") and b.startswith("enc1$test-2$") for a, b in tokens)
    assert revealed == TEST_SSNS


@pytest.mark.django_db
def test_lookup_by_keyed_hash_finds_the_row_and_clear_filters_are_refused() -> None:
    target = IdentitySampleFactory(ssn="219-09-9999")
    IdentitySampleFactory(ssn="457-55-5462")

    found = IdentitySample.objects.filter(
        ssn_lookup=lookup_hash_for(IdentitySample, "ssn", "219 09 9999")
    )

    assert list(found) == [target]
    assert len(target.ssn_lookup) == 64
    assert target.ssn_lookup != hashlib.sha256(b"219099999").hexdigest()
    with pytest.raises(TypeError, match="encrypted"):
        list(IdentitySample.objects.filter(ssn="219-09-9999"))
    with pytest.raises(TypeError, match="encrypted"):
        IdentitySample.objects.filter(pk=target.pk).update(ssn="219-09-9999")
