"""Privacy FAQ search: ranked results, friendly answers to empty, long and odd queries."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from azultel.site.models import FaqEntry
from azultel.site.selectors import faq_search
from azultel.site.tests.factories import FaqEntryFactory

URL = reverse("site:faq")


@pytest.fixture
def entries(db: None) -> dict[str, FaqEntry]:
    FaqEntry.objects.all().delete()
    return {
        "cookie_q": FaqEntryFactory(
            topic="cookies",
            question="Which cookies does the site set?",
            answer="A random visitor number and a session identifier.",
            position=1,
        ),
        "cookie_a": FaqEntryFactory(
            topic="use",
            question="How do you measure visits?",
            answer="Without cookies: we count page views on the server.",
            position=2,
        ),
        "email": FaqEntryFactory(
            topic="email",
            question="How do I unsubscribe from newsletters?",
            answer="Use the link in any newsletter.",
            position=3,
        ),
        "hidden": FaqEntryFactory(
            topic="cookies",
            question="Unpublished cookies draft",
            answer="Draft.",
            position=4,
            is_published=False,
        ),
    }


def test_word_in_question_ranks_above_word_in_answer(entries: dict[str, FaqEntry]) -> None:
    result = faq_search(query="cookies")

    assert [e.pk for e in result.entries] == [entries["cookie_q"].pk, entries["cookie_a"].pk]
    assert result.message == ""


def test_unpublished_entries_are_never_found(entries: dict[str, FaqEntry]) -> None:
    result = faq_search(query="draft")

    assert result.entries == []
    assert "No questions matched" in result.message


def test_several_words_match_any_of_them(entries: dict[str, FaqEntry]) -> None:
    result = faq_search(query="unsubscribe visits")

    assert {e.pk for e in result.entries} == {entries["email"].pk, entries["cookie_a"].pk}


def test_search_page_lists_matches_with_count(client: Client, entries: dict[str, FaqEntry]) -> None:
    html = client.get(URL, {"q": "newsletters"}).content.decode()

    assert "1 question matched" in html
    assert "How do I unsubscribe from newsletters?" in html


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("", "Type a word or two"),
        ("   ", "Type a word or two"),
        ("x" * 201, "Please shorten your search to 200 characters"),
        ("?!* -- ()", "has no words we can look for"),
        ("zzqqxy", "No questions matched"),
    ],
)
def test_empty_long_and_odd_queries_get_a_friendly_answer(
    client: Client, entries: dict[str, FaqEntry], query: str, message: str
) -> None:
    response = client.get(URL, {"q": query})

    assert response.status_code == 200
    assert message in response.content.decode()
    assert FaqEntry.objects.count() == 4  # a search never writes


def test_markup_in_the_query_is_shown_escaped(client: Client, entries: dict[str, FaqEntry]) -> None:
    html = client.get(URL, {"q": '<script>alert("x")</script> cookies'}).content.decode()

    assert '<script>alert("x")</script>' not in html
    assert "&lt;script&gt;" in html


def test_without_a_query_the_page_lists_every_topic(
    client: Client, entries: dict[str, FaqEntry]
) -> None:
    html = client.get(URL).content.decode()

    assert "Search results" not in html
    assert "Which cookies does the site set?" in html
    assert "Unpublished cookies draft" not in html


@pytest.mark.django_db
@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(query=st.text(max_size=400))
def test_any_query_never_causes_a_server_error(client: Client, query: str) -> None:
    response = client.get(URL, {"q": query.replace("\x00", "")})

    assert response.status_code == 200
