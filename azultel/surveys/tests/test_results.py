"""Results: counts, average rating, net promoter score; filtered results are k-suppressed
(P16); anonymous surveys cannot be filtered; the CSV export escapes formula-like cells."""

from __future__ import annotations

import csv
import io
from typing import Any

import pytest
from django.contrib.auth.models import AnonymousUser
from django.test import Client

from azultel.accounts.testing import customer_create, staff_create
from azultel.surveys import services
from azultel.surveys.results import ResultsFilterRefused, filter_attribute_allowed, survey_results
from azultel.surveys.tests.conftest import Built, choice_id, full_answers

pytestmark = pytest.mark.django_db


def _answer(
    b: Built,
    *,
    actor: Any = None,
    nps: int = 9,
    rating: int = 4,
    single: str = "Phone",
    text: str = "Fine",
) -> None:
    answers = full_answers(b)
    answers.update(
        {
            b.nps.pk: nps,
            b.rating.pk: rating,
            b.single.pk: choice_id(b.single, single),
            b.text.pk: text,
        }
    )
    services.response_submit(survey=b.survey, actor=actor or AnonymousUser(), answers=answers)  # type: ignore[arg-type]


def _result(results: Any, question_id: int) -> Any:
    return next(r for _s, rows in results.sections for r in rows if r.question.pk == question_id)


def test_counts_average_and_net_promoter_score(built: Built) -> None:
    # 2 promoters (9, 10), 1 passive (8), 1 detractor (3): NPS = (2 - 1) / 4 = 25
    for nps, rating, single in (
        (9, 5, "Phone"),
        (10, 4, "Phone"),
        (8, 3, "Internet"),
        (3, 1, "Phone"),
    ):
        _answer(built, nps=nps, rating=rating, single=single)
    results = survey_results(survey=built.survey)
    assert results.responses == 4 and not results.filtered
    assert [(c.label, c.count) for c in _result(results, built.single.pk).counts] == [
        ("Phone", 3),
        ("Internet", 1),
    ]
    assert _result(results, built.rating.pk).average == 3.2
    assert _result(results, built.nps.pk).nps == 25
    assert _result(results, built.text.pk).texts == ["Fine"] * 4
    assert 'data-label="Phone" data-value="3"' in str(_result(results, built.single.pk).chart)


@pytest.mark.promise("P16")
def test_filtered_results_suppress_small_cells(attributed: Built) -> None:
    # Given 12 Floridians (10 say Phone, 2 say Internet) and 3 Texans
    for n in range(12):
        _answer(
            attributed,
            actor=customer_create(email=f"fl{n}@example.com", state="FL"),
            single="Phone" if n < 10 else "Internet",
        )
    for n in range(3):
        _answer(attributed, actor=customer_create(email=f"tx{n}@example.com", state="TX"))
    # When results are filtered by state
    florida = survey_results(survey=attributed.survey, attributes={"state": "FL"})
    texas = survey_results(survey=attributed.survey, attributes={"state": "TX"})
    # Then a cell under k=10 is blanked, and so are averages, scores and texts from under k people
    assert florida.responses == 12
    assert [(c.label, c.count) for c in _result(florida, attributed.single.pk).counts] == [
        ("Phone", 10),
        ("Internet", None),
    ]
    assert _result(florida, attributed.text.pk).texts == []
    assert texas.responses is None
    assert _result(texas, attributed.rating.pk).average is None
    assert _result(texas, attributed.nps.pk).nps is None
    assert all(c.count is None for c in _result(texas, attributed.single.pk).counts)


@pytest.mark.promise("P16")
def test_a_set_of_respondents_filters_with_suppression(attributed: Built) -> None:
    people = [customer_create(email=f"p{n}@example.com") for n in range(11)]
    for person in people:
        _answer(attributed, actor=person)
    segment = {p.pk for p in people[:10]}
    results = survey_results(survey=attributed.survey, respondent_ids=segment)
    assert results.responses == 10 and results.filtered
    assert _result(results, attributed.single.pk).counts[0].count == 10
    small = survey_results(survey=attributed.survey, respondent_ids=segment, k=11)
    assert small.responses is None


def test_an_anonymous_survey_cannot_be_filtered(built: Built) -> None:
    with pytest.raises(ResultsFilterRefused):
        survey_results(survey=built.survey, respondent_ids={1, 2})
    with pytest.raises(ResultsFilterRefused):
        survey_results(survey=built.survey, attributes={"state": "FL"})


def test_only_attributes_the_data_map_allows_for_research_filter(attributed: Built) -> None:
    assert filter_attribute_allowed("state")
    assert not filter_attribute_allowed("zip_code")
    with pytest.raises(ResultsFilterRefused):
        survey_results(survey=attributed.survey, attributes={"zip_code": "33131"})


def test_the_results_page_filters_by_state(attributed: Built) -> None:
    for n in range(2):
        _answer(attributed, actor=customer_create(email=f"ga{n}@example.com", state="GA"))
    client = Client()
    client.force_login(staff_create(role="marketing"))
    page = client.get(
        f"/staff/surveys/{attributed.survey.slug}/results/", {"state": "GA"}
    ).content.decode()
    assert "fewer than 10" in page and "Filtered results" in page


def test_the_csv_export_escapes_formulas_and_names_no_one(attributed: Built) -> None:
    person = customer_create(email="eve@example.com", given_name="Eve")
    _answer(attributed, actor=person, text='=HYPERLINK("http://evil.example")')
    client = Client()
    client.force_login(staff_create(role="marketing"))
    response = client.get(f"/staff/surveys/{attributed.survey.slug}/results.csv")
    body = b"".join(response.streaming_content).decode()  # type: ignore[attr-defined]
    rows = list(csv.reader(io.StringIO(body)))
    assert response["Content-Type"].startswith("text/csv")
    assert rows[0][:2] == ["Response", "Received on"] and attributed.text.text in rows[0]
    assert rows[1][-1] == '\'=HYPERLINK("http://evil.example")'
    assert rows[1][2] == "Phone" and rows[1][3] == "Price; Speed"
    assert "eve@example.com" not in body and "Eve" not in body
