"""Reads for the public site: privacy FAQ listing and search."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector
from django.db import connection
from django.db.models import Q, QuerySet

from azultel.site.forms import FAQ_QUERY_MAX_LENGTH
from azultel.site.models import FaqEntry

_WORD = re.compile(r"\w+", re.UNICODE)
MAX_TERMS = 12


@dataclass
class FaqSearchResult:
    query: str
    entries: list[FaqEntry] = field(default_factory=list)
    message: str = ""


def faq_list_published() -> QuerySet[FaqEntry]:
    return FaqEntry.objects.filter(is_published=True).order_by("topic", "position", "id")


def _terms(query: str) -> list[str]:
    seen: dict[str, None] = {}
    for word in _WORD.findall(query.casefold()):
        if len(word) >= 2 and "_" not in word:
            seen.setdefault(word, None)
    return list(seen)[:MAX_TERMS]


def faq_search(*, query: str) -> FaqSearchResult:
    """Published FAQ entries matching words of ``query``, best match first.

    Empty, over-long or word-less queries return no entries and a message saying why.
    """
    query = query.strip()
    if not query:
        return FaqSearchResult(query, message="Type a word or two to search the privacy FAQs.")
    if len(query) > FAQ_QUERY_MAX_LENGTH:
        return FaqSearchResult(
            query[:FAQ_QUERY_MAX_LENGTH],
            message=f"Please shorten your search to {FAQ_QUERY_MAX_LENGTH} characters or fewer.",
        )
    terms = _terms(query)
    if not terms:
        return FaqSearchResult(
            query,
            message="Your search has no words we can look for. Try words like "
            "'cookies', 'email' or 'sharing'.",
        )
    if connection.vendor == "postgresql":
        entries = _search_postgresql(terms)
    else:
        entries = _search_portable(terms)
    if not entries:
        return FaqSearchResult(
            query, message="No questions matched. Try other words, or browse the topics below."
        )
    return FaqSearchResult(query, entries=entries)


def _search_postgresql(terms: list[str]) -> list[FaqEntry]:
    vector = SearchVector("question", weight="A", config="english") + SearchVector(
        "answer", weight="B", config="english"
    )
    search_query = SearchQuery(terms[0], search_type="plain", config="english")
    for term in terms[1:]:
        search_query |= SearchQuery(term, search_type="plain", config="english")
    return list(
        faq_list_published()
        .annotate(document=vector, rank=SearchRank(vector, search_query))
        .filter(document=search_query)
        .order_by("-rank", "position", "id")
    )


def _search_portable(terms: list[str]) -> list[FaqEntry]:
    """SQLite fallback: a word found in the question weighs three times one in the answer."""
    condition = Q()
    for term in terms:
        condition |= Q(question__icontains=term) | Q(answer__icontains=term)
    candidates = list(faq_list_published().filter(condition))

    def score(entry: FaqEntry) -> int:
        question_words = set(_WORD.findall(entry.question.casefold()))
        answer_words = set(_WORD.findall(entry.answer.casefold()))
        total = 0
        for term in terms:
            if any(w.startswith(term) for w in question_words):
                total += 3
            if any(w.startswith(term) for w in answer_words):
                total += 1
        return total

    scored = [(score(e), e) for e in candidates]
    return [
        e for s, e in sorted(scored, key=lambda se: (-se[0], se[1].position, se[1].id)) if s > 0
    ]
