"""Reads of the compliance app: the disclosure request queue, breaches, and the counts the annual
certificate states (each one query)."""

from __future__ import annotations

import uuid

from django.db.models import Q, QuerySet

from azultel.accounts.models import User
from azultel.compliance.models import (
    CpniCertification,
    DisclosureRequest,
    RequestStatus,
    TrainingAcknowledgement,
)
from azultel.contact.models import Thread, Topic
from azultel.marketing.models import Campaign, CpniCampaignRecord
from azultel.privacy.models import CpniBreach


def disclosure_requests_for_officer() -> QuerySet[DisclosureRequest]:
    return DisclosureRequest.objects.select_related(
        "customer", "recorded_by", "decided_by"
    ).order_by("-created_at")


def disclosure_request_get(*, request_id: uuid.UUID) -> DisclosureRequest | None:
    return (
        disclosure_requests_for_officer().filter(pk=request_id).first()
        if request_id is not None
        else None
    )


def disclosure_requests_waiting_count() -> int:
    return DisclosureRequest.objects.filter(status=RequestStatus.WAITING).count()


def breaches_list() -> QuerySet[CpniBreach]:
    return CpniBreach.objects.order_by("-determined_on", "-id")


def breach_get(*, breach_id: int) -> CpniBreach | None:
    return CpniBreach.objects.filter(pk=breach_id).first()


def breaches_open_count() -> int:
    return CpniBreach.objects.filter(customers_notified_at__isnull=True).count()


def breaches_in_year(*, year: int) -> list[CpniBreach]:
    return list(CpniBreach.objects.filter(determined_on__year=year).order_by("determined_on"))


def cpni_campaigns_count(*, year: int) -> int:
    return Campaign.objects.filter(segment__is_cpni=True, created_at__year=year).count()


def cpni_approvals_count(*, year: int) -> int:
    return CpniCampaignRecord.objects.filter(approved_at__year=year).count()


def cpni_complaints_count(*, year: int) -> int:
    """Privacy messages received in ``year`` (where complaints about CPNI arrive)."""
    return Thread.objects.filter(topic=Topic.PRIVACY, created_at__year=year).count()


def disclosure_requests_count(*, year: int) -> int:
    return DisclosureRequest.objects.filter(created_at__year=year).count()


def staff_members() -> list[User]:
    return list(
        User.objects.filter(is_staff=True, is_active=True, erased_at__isnull=True).order_by(
            "family_name", "given_name", "id"
        )
    )


def training_acknowledged_ids(*, year: int) -> set[int]:
    return set(TrainingAcknowledgement.objects.filter(year=year).values_list("staff_id", flat=True))


def training_acknowledged(*, user: User, year: int) -> TrainingAcknowledgement | None:
    return TrainingAcknowledgement.objects.filter(year=year, staff=user).first()


def certification_for_year(*, year: int) -> CpniCertification | None:
    return CpniCertification.objects.filter(year=year).first()


def certifications_list() -> QuerySet[CpniCertification]:
    return CpniCertification.objects.filter(~Q(statement="")).order_by("-year")
