"""Importing a partner's list: a valid file grants exactly the evidenced topics in the ledger
(source third_party_list, B4); any invalid row refuses the whole file with its line number and
writes nothing; suppressed and later-withdrawn people are skipped, not granted (P18)."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Any

import pytest
from django.utils import timezone

from azultel.accounts.models import User
from azultel.accounts.testing import customer_create
from azultel.comms.services import suppression_add
from azultel.core.models import AuditEvent
from azultel.lists.models import ContactList, ListContact, SkippedLine
from azultel.lists.services import ImportResult, contact_list_import
from azultel.lists.tests.conftest import Rows
from azultel.lists.tests.factories import HEADER, contact_row, csv_file
from azultel.privacy.models import ConsentEvent, ConsentState, DataSubject
from azultel.privacy.services import consent_record, subject_for_email

pytestmark = pytest.mark.django_db


def _at(year: int, month: int, day: int, hour: int = 12) -> datetime:
    return timezone.make_aware(datetime(year, month, day, hour))


def _import(csv_bytes: bytes, actor: User) -> ImportResult:
    return contact_list_import(
        name="Austin Tech Fair 2026", source="Hill Country Makers", csv_bytes=csv_bytes, actor=actor
    )


@pytest.mark.promise("B4")
def test_a_valid_list_grants_exactly_the_evidenced_topics(marketer: User) -> None:
    # Given a file of two people with their evidence
    csv_bytes = csv_file(
        [
            contact_row(
                "Jordan.Reyes@Example.com", given_name="Jordan", topics="newsletter;special_offers"
            ),
            contact_row("sam@example.org", topics=" surveys ", consent_date="2026-09-30"),
        ]
    )
    # When marketing imports it
    result = _import(csv_bytes, marketer)
    # Then both are on the list with their evidence, and the ledger holds one grant per
    # evidenced topic, marked as coming from a partner's list, and nothing else
    assert result.ok and result.imported == 2 and result.skipped == []
    contact_list = ContactList.objects.get()
    assert (contact_list.rows_in_file, contact_list.rows_imported, contact_list.rows_skipped) == (
        2,
        2,
        0,
    )
    assert contact_list.imported_by == marketer
    jordan = ListContact.objects.get(line_number=2)
    assert jordan.subject.email == "jordan.reyes@example.com"
    assert (jordan.given_name, jordan.consent_date, jordan.topics) == (
        "Jordan",
        date(2026, 10, 2),
        ["newsletter", "special_offers"],
    )
    assert jordan.consent_method == "sign-up form at the Austin Tech Fair, 2026-10-02"
    events = sorted(
        ConsentEvent.objects.values_list("subject__email", "topic", "granted", "source")
    )
    assert events == [
        ("jordan.reyes@example.com", "newsletter", True, "third_party_list"),
        ("jordan.reyes@example.com", "special_offers", True, "third_party_list"),
        ("sam@example.org", "surveys", True, "third_party_list"),
    ]
    assert ConsentEvent.objects.filter(actor=marketer).count() == 3
    audit = AuditEvent.objects.get(action="lists.list_imported")
    assert audit.detail == {"rows_in_file": 2, "imported": 2, "skipped": 0}
    assert audit.actor == marketer


@pytest.mark.promise("B4")
def test_an_account_holder_on_a_list_is_granted_on_their_own_record(marketer: User) -> None:
    # Given a customer whose address is on a partner's list (in other letter case)
    customer = customer_create(email="maria@example.com")
    # When the list is imported
    _import(csv_file([contact_row("MARIA@example.com", topics="product_info")]), marketer)
    # Then the grant is on her account's data subject; no second subject is made for the address
    contact = ListContact.objects.get()
    assert contact.subject.user == customer
    assert ConsentState.objects.get(subject__user=customer).topic == "product_info"
    assert not DataSubject.objects.filter(email="maria@example.com").exists()


def test_cells_that_look_like_formulas_are_kept_as_written(marketer: User) -> None:
    # Given evidence text and a name that a spreadsheet would take for formulas
    method = '=HYPERLINK("http://evil.example","form")'
    _import(csv_file([contact_row("a@example.com", given_name="@Sam", method=method)]), marketer)
    # Then they are stored exactly as written: data, never evaluated or changed
    contact = ListContact.objects.get()
    assert (contact.consent_method, contact.given_name) == (method, "@Sam")


def _many_problems_file() -> bytes:
    future = (timezone.localdate() + timedelta(days=1)).isoformat()
    return csv_file(
        [
            contact_row("good@example.com"),  # line 2: fine
            contact_row("not-an-address"),  # 3
            contact_row("b@example.com", consent_date="02/10/2026"),  # 4
            contact_row("c@example.com", consent_date=future),  # 5
            contact_row("d@example.com", method=""),  # 6
            contact_row("e@example.com", topics="newsletter;cpni_marketing"),  # 7
            contact_row("GOOD@example.com"),  # 8: same address as line 2
            contact_row("f@example.com", topics=""),  # 9
            contact_row("", consent_date=""),  # 10
            contact_row("g@example.com", consent_date="2026-02-30"),  # 11
        ]
    )


def test_every_invalid_row_is_reported_with_its_line_and_nothing_is_written(
    marketer: User, list_rows: Rows
) -> None:
    # Given someone already on the ledger, and a file where all but one row are wrong
    consent_record(
        subject=subject_for_email(email="good@example.com"),
        topic="surveys",
        granted=True,
        source="profile",
    )
    before = list_rows()
    # When it is imported
    result = _import(_many_problems_file(), marketer)
    # Then every problem is reported with its line, and nothing at all was written
    assert not result.ok
    assert {p.line: p.message for p in result.problems} == {
        3: "The email address is not valid.",
        4: "The consent date is not a date written as YYYY-MM-DD.",
        5: "The consent date is in the future.",
        6: "How the person agreed (consent_method) is missing.",
        7: "Unknown topic “cpni_marketing” (allowed: newsletter, special_offers, product_info, surveys).",
        8: "The same address is already on line 2.",
        9: "No topic is given.",
        10: "The email address is missing; the consent date is missing.",
        11: "The consent date is not a date written as YYYY-MM-DD.",
    }
    assert list_rows() == before


@pytest.mark.parametrize(
    ("csv_bytes", "line", "words"),
    [
        pytest.param(
            csv_file(
                [contact_row("a@example.com")],
                header=("email", "given_name", "consent_date", "topics"),
            ),
            1,
            "missing: consent_method",
            id="a required column missing",
        ),
        pytest.param(
            csv_file([contact_row("a@example.com"), contact_row("jos\u00e9@example.com")]).replace(
                b"jos\xc3\xa9", b"jos\xe9"
            ),
            3,
            "not UTF-8",
            id="not UTF-8 text",
        ),
        pytest.param(b"", None, "empty", id="an empty file"),
        pytest.param(",".join(HEADER).encode() + b"\n", None, "no contacts", id="a header only"),
        pytest.param(
            csv_file([contact_row("a@example.com")]) + b'"b@example.com,unclosed\n',
            3,
            "cannot be read as CSV",
            id="an unclosed quote",
        ),
        pytest.param(
            csv_file([contact_row("a@example.com")])
            + b"nul\x00@example.com,,2026-10-01,x,newsletter\n",
            3,
            "control characters",
            id="a NUL byte",
        ),
    ],
)
def test_a_malformed_file_is_refused_whole(
    marketer: User, list_rows: Rows, csv_bytes: bytes, line: int | None, words: str
) -> None:
    before = list_rows()
    result = _import(csv_bytes, marketer)
    assert not result.ok
    assert [p.line for p in result.problems] == [line]
    assert words in result.problems[0].message
    assert list_rows() == before


def test_too_many_rows_or_bytes_are_refused_whole(
    marketer: User, list_rows: Rows, settings: Any
) -> None:
    rows = [contact_row(f"p{n}@example.com") for n in range(4)]
    before = list_rows()
    settings.LISTS_IMPORT_MAX_ROWS = 3
    too_many = _import(csv_file(rows), marketer)
    settings.LISTS_IMPORT_MAX_ROWS = 50_000
    settings.LISTS_IMPORT_MAX_BYTES = 100
    too_big = _import(csv_file(rows), marketer)
    assert [(p.line, p.message) for p in too_many.problems] == [
        (
            None,
            "The file has 4 contacts; at most 3 can be imported at once. Split it into smaller files.",
        )
    ]
    assert [p.line for p in too_big.problems] == [None]
    assert "at most" in too_big.problems[0].message
    assert list_rows() == before


def _withdraw_at(email: str, topic: str, when: datetime, monkeypatch: pytest.MonkeyPatch) -> None:
    """A withdrawal recorded through the ledger at ``when`` (the ledger stamps the time itself)."""
    subject = subject_for_email(email=email)
    with monkeypatch.context() as patched:
        patched.setattr(timezone, "now", lambda: when)
        consent_record(subject=subject, topic=topic, granted=False, source="unsubscribe_link")


@pytest.mark.promise("P18")
def test_suppressed_and_later_withdrawn_people_are_skipped_and_granted_nothing(
    marketer: User, list_rows: Rows, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Given an address that bounced, a person who withdrew newsletters after the fair, and one
    # who withdrew them a month before it
    suppression_add(email="bounced@example.com", reason="hard_bounce", actor=None)
    _withdraw_at("later@example.com", "newsletter", _at(2026, 11, 5), monkeypatch)
    _withdraw_at("earlier@example.com", "newsletter", _at(2026, 9, 1), monkeypatch)
    before = list_rows()
    # When a list with evidence of their consent at the fair (2026-10-02) is imported
    result = _import(
        csv_file(
            [
                contact_row("fine@example.com", topics="newsletter;surveys"),
                contact_row("Bounced@example.com"),
                contact_row("later@example.com", topics="special_offers;newsletter"),
                contact_row("earlier@example.com", topics="newsletter"),
            ]
        ),
        marketer,
    )
    # Then the import succeeds; the suppressed and the later-withdrawn lines are skipped,
    # granted nothing and recorded without their address; the others are granted
    assert result.ok and result.imported == 2
    assert [(s.line, s.reason) for s in result.skipped] == [
        (3, "suppressed"),
        (4, "withdrawn_later"),
    ]
    assert list(SkippedLine.objects.values_list("line_number", "reason")) == [
        (3, "suppressed"),
        (4, "withdrawn_later"),
    ]
    assert sorted(ListContact.objects.values_list("line_number", flat=True)) == [2, 5]
    assert not DataSubject.objects.filter(email="bounced@example.com").exists()
    assert not ConsentEvent.objects.filter(
        subject__email="later@example.com", granted=True
    ).exists()
    assert ConsentState.objects.get(subject__email="earlier@example.com").granted is True
    after = list_rows()
    assert after["privacy.ConsentEvent"] - before["privacy.ConsentEvent"] == 3
    assert after["lists.ListContact"] == 2 and after["lists.SkippedLine"] == 2
    assert ContactList.objects.get().rows_skipped == 2


@pytest.mark.promise("P18")
def test_a_withdrawal_on_the_evidence_day_counts_as_newer(
    marketer: User, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Given a person who withdrew on the day of the fair (the evidence has no time of day)
    _withdraw_at("same.day@example.com", "special_offers", _at(2026, 10, 2, 18), monkeypatch)
    # When the fair's list is imported
    result = _import(
        csv_file([contact_row("same.day@example.com", topics="special_offers")]), marketer
    )
    # Then the withdrawal wins
    assert [s.reason for s in result.skipped] == ["withdrawn_later"]
    assert not ConsentEvent.objects.filter(granted=True).exists()


def test_a_failure_while_granting_leaves_nothing_half_imported(
    marketer: User, list_rows: Rows, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Given the failure comes after the subjects and the ledger grants were written
    from azultel.lists import services

    real = services.consent_grant_many

    def failing(**kwargs: object) -> object:
        real(**kwargs)  # type: ignore[arg-type]
        raise RuntimeError("database went away")

    monkeypatch.setattr(services, "consent_grant_many", failing)
    before = list_rows()
    # When a valid list is imported, it fails as a whole
    with pytest.raises(RuntimeError):
        _import(csv_file([contact_row(f"p{n}@example.com") for n in range(4)]), marketer)
    # Then not one row, subject or consent entry remains
    assert list_rows() == before


@pytest.mark.promise("P18")
def test_a_withdrawal_made_before_opening_an_account_still_counts(
    marketer: User, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Given a person who unsubscribed by address in November and opened an account since
    _withdraw_at("ana@example.com", "newsletter", _at(2026, 11, 5), monkeypatch)
    customer_create(email="ana@example.com")
    # When a list evidencing her October consent is imported
    result = _import(csv_file([contact_row("ana@example.com")]), marketer)
    # Then her later withdrawal wins, although it sits on the record of the address alone
    assert [s.reason for s in result.skipped] == ["withdrawn_later"]
    assert not ConsentEvent.objects.filter(granted=True).exists()


def test_an_import_runs_a_fixed_number_of_queries_whatever_its_length(
    marketer: User, django_assert_max_num_queries: Any
) -> None:
    # Given 200 valid rows, some of them account holders, one suppressed, one withdrawn
    from azultel.accounts.testing import customer_create
    from azultel.comms.services import suppression_add

    customer_create(email="p0@example.com")
    suppression_add(email="p1@example.com", reason="complaint", actor=None)
    rows = [contact_row(f"p{n}@example.com", topics="newsletter;surveys") for n in range(200)]
    # When it is imported, the queries do not grow with the rows (~30 a row before)
    with django_assert_max_num_queries(40):
        result = _import(csv_file(rows), marketer)
    # Then every row but the suppressed one is on the list with both grants in the ledger
    assert result.imported == 199
    assert ConsentEvent.objects.filter(granted=True, source="third_party_list").count() == 398
