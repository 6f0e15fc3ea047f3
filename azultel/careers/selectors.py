"""Reads of the careers app: public listings, the applicant's own application by its link, and
HR's scoped reads (each takes the user and returns nothing they may not see)."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime

from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from azultel.careers.models import (
    Application,
    EqualOpportunityAnswer,
    JobListing,
    ListingStatus,
    Stage,
)
from azultel.careers.services.applications import status_token_hash
from azultel.core.actors import Person
from azultel.privacy.aggregates import Cell, k_suppress
from azultel.privacy.fields import word_index_terms

SEARCH_MAX_CHARS = 200
SEARCH_MAX_WORDS = 12


def _words(query: str) -> list[str]:
    return query[:SEARCH_MAX_CHARS].split()[:SEARCH_MAX_WORDS]


def _visible(now: datetime) -> Q:
    return (
        Q(status__in=(ListingStatus.OPEN, ListingStatus.SCHEDULED))
        & Q(publish_at__lte=now)
        & (Q(close_at__isnull=True) | Q(close_at__gt=now))
    )


def listings_public(
    *,
    department: str = "",
    location: str = "",
    employment_type: str = "",
    query: str = "",
    now: datetime | None = None,
) -> QuerySet[JobListing]:
    """Listings open to applicants now, filtered; every word of ``query`` must appear in the
    title, department or description."""
    rows = JobListing.objects.filter(_visible(now or timezone.now()))
    if department:
        rows = rows.filter(department=department)
    if location:
        rows = rows.filter(location=location)
    if employment_type:
        rows = rows.filter(employment_type=employment_type)
    for word in _words(query):
        rows = rows.filter(Q(title__icontains=word) | Q(description__icontains=word))
    return rows.order_by("-posted_on", "title", "id")


def listing_get_public(*, slug: str, now: datetime | None = None) -> JobListing | None:
    return JobListing.objects.filter(_visible(now or timezone.now()), slug=slug).first()


def listing_get_any(*, slug: str) -> JobListing | None:
    """A listing by its address whatever its state (a closed job's page says it is closed)."""
    return JobListing.objects.filter(slug=slug).exclude(status=ListingStatus.DRAFT).first()


def application_get_by_token(*, token: str) -> Application | None:
    """The application whose private status link carries ``token``, or None."""
    if not token or len(token) > 100:
        return None
    return (
        Application.objects.select_related("listing", "resume")
        .filter(status_token_hash=status_token_hash(token))
        .first()
    )


# --- HR -----------------------------------------------------------------------------------------


def _is_hr(user: Person) -> bool:
    return bool(user.is_authenticated and user.has_perm("careers.view_application"))


def listings_for_hr(*, user: Person) -> QuerySet[JobListing]:
    if not user.has_perm("careers.view_joblisting"):
        return JobListing.objects.none()
    return JobListing.objects.annotate(application_count=Count("applications")).order_by(
        "status", "-created_at"
    )


def listing_get_for_hr(*, user: Person, listing_id: int) -> JobListing | None:
    if not user.has_perm("careers.view_joblisting"):
        return None
    return JobListing.objects.prefetch_related("questions").filter(pk=listing_id).first()


@dataclass(frozen=True)
class StageCount:
    stage: str
    label: str
    count: int


def stage_counts(*, user: Person) -> list[StageCount]:
    if not _is_hr(user):
        return []
    counts = dict(
        Application.objects.values_list("stage").annotate(n=Count("id")).values_list("stage", "n")
    )
    return [StageCount(s.value, str(s.label), counts.get(s.value, 0)) for s in Stage]


def applications_for_hr(
    *, user: Person, stage: str = "", listing_id: int | None = None, query: str = ""
) -> QuerySet[Application]:
    """The board: applications by stage and listing; ``query`` words must each appear in the
    name or email (any part), or as whole words in the résumé's text.

    The résumé's text is encrypted, so it is searched through its blind word index: the query
    word's keyed hashes (privacy's ``word_index_terms``, accents and case folded) must all be in
    the row's ``resume_words``. Nothing is decrypted to search."""
    if not _is_hr(user):
        return Application.objects.none()
    # The board never shows the résumé's text or index: not read (they are the largest columns).
    rows = Application.objects.select_related("listing").defer("resume_text", "resume_words")
    if stage:
        rows = rows.filter(stage=stage)
    if listing_id:
        rows = rows.filter(listing_id=listing_id)
    for word in _words(query):
        matches = Q(name__icontains=word) | Q(email__icontains=word)
        terms = word_index_terms(Application, "resume_text", word)
        if terms:
            in_resume = Q()
            for term in terms:
                in_resume &= Q(resume_words__contains=term)
            matches |= in_resume
        rows = rows.filter(matches)
    return rows.order_by("-created_at")


def application_get_for_hr(*, user: Person, application_id: object) -> Application | None:
    if not _is_hr(user):
        return None
    try:
        pk = uuid.UUID(str(application_id))
    except ValueError:
        return None
    return (
        Application.objects.select_related("listing", "resume")
        .prefetch_related("notes__author")
        .filter(pk=pk)
        .first()
    )


def applications_get_for_hr(*, user: Person, ids: list[str]) -> list[Application]:
    if not _is_hr(user):
        return []
    valid = []
    for value in ids[:500]:
        try:
            valid.append(uuid.UUID(value))
        except ValueError:
            continue
    return list(Application.objects.filter(pk__in=valid))


def equal_opportunity_totals(*, user: Person, question: str) -> list[Cell]:
    """Counts of one self-identification answer, small groups suppressed (P16)."""
    if not user.has_perm("careers.view_eeo_report"):
        return []
    if question not in ("gender", "ethnicity", "veteran", "disability"):
        return []
    counts = (
        EqualOpportunityAnswer.objects.values_list(question)
        .annotate(n=Count("id"))
        .order_by(question)
    )
    return k_suppress(((value,), n) for value, n in counts)


def applications_of_email(*, email: str) -> list[Application]:
    """A privacy request by a verified address (issue 19): every application made with it."""
    return list(
        Application.objects.select_related("listing", "resume")
        .prefetch_related("notes")
        .filter(email__iexact=email)
        .order_by("created_at")
    )
