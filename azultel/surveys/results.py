"""Survey results for staff: counts per choice, average rating, net promoter score, free text.

Filtered results (a respondent attribute such as the state, or a set of respondent ids: a
marketing segment) are k-suppressed (``privacy.aggregates.k_suppress``, k=10 by default, P16):
a count below k is blanked, an average or score over fewer than k answers is not shown, and free
text is left out. Only an attributed survey can be filtered: an anonymous one knows no one.
A fixed number of queries whatever the number of responses.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection, Iterator
from dataclasses import dataclass, field

from django.db.models import Count, QuerySet
from django.utils.safestring import SafeString

from azultel.accounts.models import CustomerProfile, User
from azultel.analytics.charts import bar_chart
from azultel.privacy.aggregates import Cell, k_suppress, partner_k
from azultel.privacy.datamap import Personal, declaration_for
from azultel.surveys.models import (
    NPS_MAX,
    NPS_MIN,
    RATING_MAX,
    RATING_MIN,
    Answer,
    Choice,
    Question,
    QuestionKind,
    Response,
    Section,
    Survey,
)
from azultel.surveys.selectors import survey_sections

#: Whose answers to count: user ids, or a queryset of them (read as a subquery).
Respondents = Collection[int] | QuerySet[User, int]

# Respondent attributes a filter may use: each must be declared for research in the data map.
FILTER_ATTRIBUTES = {"state": (CustomerProfile, "state", "respondent__profile__state")}


class ResultsFilterRefused(ValueError):
    """A filter the survey or the data map does not allow."""


@dataclass(frozen=True)
class CountCell:
    label: str
    count: int | None  # None: fewer than k, blanked


@dataclass
class QuestionResult:
    question: Question
    answered: int | None
    counts: list[CountCell] = field(default_factory=list)
    average: float | None = None
    nps: int | None = None
    texts: list[str] = field(default_factory=list)
    chart: SafeString | None = None

    @property
    def any_suppressed(self) -> bool:
        return any(c.count is None for c in self.counts)


@dataclass(frozen=True)
class SurveyResults:
    survey: Survey
    filtered: bool
    k: int
    responses: int | None  # None when fewer than k match a filter
    sections: list[tuple[Section, list[QuestionResult]]]


def filter_attribute_allowed(name: str) -> bool:
    """Whether results may be filtered by this respondent attribute (declared for research)."""
    if name not in FILTER_ATTRIBUTES:
        return False
    model, field_name, _path = FILTER_ATTRIBUTES[name]
    declaration = declaration_for(model, field_name)
    return isinstance(declaration, Personal) and "research" in declaration.purposes


def _responses(
    survey: Survey, respondent_ids: Respondents | None, attributes: dict[str, str]
) -> QuerySet[Response]:
    rows = Response.objects.filter(survey=survey)
    if respondent_ids is not None:
        # A queryset (a segment's members) stays a subquery: no list of ids in the SQL.
        wanted = respondent_ids if isinstance(respondent_ids, QuerySet) else list(respondent_ids)
        rows = rows.filter(respondent_id__in=wanted)
    for name, value in attributes.items():
        if not filter_attribute_allowed(name):
            raise ResultsFilterRefused(f"Results cannot be filtered by {name}.")
        rows = rows.filter(**{FILTER_ATTRIBUTES[name][2]: value})
    return rows


def _cells(pairs: list[tuple[str, int]], *, k: int | None) -> list[CountCell]:
    if k is None:
        return [CountCell(label, n) for label, n in pairs]
    cells: list[Cell] = k_suppress((((label,), n) for label, n in pairs), k=k)
    return [CountCell(str(cell.key[0]), cell.count) for cell in cells]


def _chart(question: Question, counts: list[CountCell]) -> SafeString | None:
    rows = [(c.label, c.count) for c in counts if c.count is not None]
    if not rows or not any(n for _label, n in rows):
        return None
    return bar_chart(
        chart_id=f"q{question.pk}",
        title=question.text,
        description="How many people gave each answer; the table below has the same numbers.",
        rows=rows,
        unit="answers",
    )


def _number_result(
    result: QuestionResult, numbers: dict[int, int], *, k: int | None, enough: bool
) -> None:
    kind = result.question.kind
    low, high = (RATING_MIN, RATING_MAX) if kind == QuestionKind.RATING else (NPS_MIN, NPS_MAX)
    result.counts = _cells([(str(n), numbers.get(n, 0)) for n in range(low, high + 1)], k=k)
    total = sum(numbers.values())
    if not total or not enough:
        return
    if kind == QuestionKind.RATING:
        result.average = round(sum(n * c for n, c in numbers.items()) / total, 1)
    else:
        promoters = numbers.get(9, 0) + numbers.get(10, 0)
        detractors = sum(c for n, c in numbers.items() if n <= 6)
        result.nps = round(100 * (promoters - detractors) / total)


def survey_results(
    *,
    survey: Survey,
    respondent_ids: Respondents | None = None,
    attributes: dict[str, str] | None = None,
    k: int | None = None,
) -> SurveyResults:
    """The survey's results, optionally only for some respondents (then k-suppressed).

    ``respondent_ids`` is a set of user ids, or a queryset of them (a marketing segment, then
    read as a subquery); ``attributes`` names
    respondent attributes from FILTER_ATTRIBUTES (``{"state": "FL"}``).
    """
    attributes = {name: value for name, value in (attributes or {}).items() if value}
    filtered = respondent_ids is not None or bool(attributes)
    if filtered and survey.anonymous:
        raise ResultsFilterRefused(
            "An anonymous survey's answers cannot be filtered by who gave them."
        )
    threshold = partner_k() if k is None else k
    suppress = threshold if filtered else None
    responses = _responses(survey, respondent_ids, attributes)
    total = responses.count()
    answers = Answer.objects.filter(response__in=responses).order_by()
    answered = dict(
        answers.values_list("question_id").annotate(n=Count("response_id", distinct=True))
    )
    by_choice = {
        (q, c): n
        for q, c, n in answers.filter(choice__isnull=False)
        .values_list("question_id", "choice_id")
        .annotate(n=Count("id"))
    }
    by_number: dict[int, dict[int, int]] = defaultdict(dict)
    for q, number, n in (
        answers.filter(number__isnull=False)
        .values_list("question_id", "number")
        .annotate(n=Count("id"))
    ):
        by_number[q][number] = n
    texts: dict[int, list[str]] = defaultdict(list)
    if not filtered:
        for q, text in (
            answers.filter(kind=QuestionKind.TEXT)
            .exclude(text="")
            .order_by("id")
            .values_list("question_id", "text")
        ):
            texts[q].append(text)
    sections = []
    for section in survey_sections(survey=survey):
        results = []
        for question in section.questions.all():
            count = answered.get(question.pk, 0)
            enough = not filtered or count >= threshold
            result = QuestionResult(question, count if enough else None)
            if question.has_choices:
                pairs = [
                    (c.label, by_choice.get((question.pk, c.pk), 0)) for c in question.choices.all()
                ]
                result.counts = _cells(pairs, k=suppress)
            elif question.kind in (QuestionKind.RATING, QuestionKind.NPS):
                _number_result(result, by_number[question.pk], k=suppress, enough=enough)
            else:
                result.texts = texts[question.pk]
            result.chart = _chart(question, result.counts)
            results.append(result)
        sections.append((section, results))
    shown_total = total if not filtered or total >= threshold else None
    return SurveyResults(survey, filtered, threshold, shown_total, sections)


def _by_position(choice: Choice) -> int:
    return choice.position


def _answer_cell(answers: list[Answer]) -> str | int:
    if not answers:
        return ""
    first = answers[0]
    if first.choice_id is not None:
        chosen = sorted((a.choice for a in answers if a.choice is not None), key=_by_position)
        return "; ".join(choice.label for choice in chosen)
    if first.number is not None:
        return first.number
    return "(deleted after the retention period)" if first.text_purged else first.text


def survey_results_rows(*, survey: Survey) -> Iterator[list[object]]:
    """The CSV rows of every response: a number, the date received and one column a question.

    No column names anyone: attributed responses are exported without the respondent.
    """
    questions = [q for section in survey_sections(survey=survey) for q in section.questions.all()]
    yield ["Response", "Received on", *(q.text for q in questions)]
    responses = (
        Response.objects.filter(survey=survey)
        .order_by("received_on", "id")
        .prefetch_related("answers__choice")
    )
    for number, response in enumerate(responses, 1):
        grouped: dict[int, list[Answer]] = defaultdict(list)
        for answer in response.answers.all():
            grouped[answer.question_id].append(answer)
        yield [
            number,
            response.received_on.isoformat(),
            *(_answer_cell(grouped[q.pk]) for q in questions),
        ]
