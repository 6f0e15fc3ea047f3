"""The daily job: changes whose day has come (a downgrade, a suspension starting or ending, a
move on its appointment day) reach the service row. Billing does not wait for it: the billing
run reads the price history itself."""

from __future__ import annotations

from datetime import date

from django.db import transaction
from django.utils import timezone

from azultel.core.actors import system_actor
from azultel.core.audit import audit_record
from azultel.lifecycle.audit import LifecycleAudit
from azultel.lifecycle.models import ChangeKind, ChangeStatus, ServiceChange
from azultel.lifecycle.services.move_disconnect import move_apply
from azultel.orders.models import ServiceStatus
from azultel.orders.services import service_plan_apply, service_status_set


def changes_apply_due(*, today: date | None = None) -> int:
    """Apply every scheduled change due by ``today``; how many were applied. Safe to re-run."""
    today = today or timezone.localdate()
    applied = 0
    due = (
        ServiceChange.objects.filter(status=ChangeStatus.SCHEDULED, effective_on__lte=today)
        .select_related("service")
        .order_by("effective_on", "id")
    )
    for change in due:
        with transaction.atomic():
            service = change.service
            if service.status == ServiceStatus.ENDED:
                continue
            if change.kind == ChangeKind.PLAN:
                service_plan_apply(service=service, today=today)
                change.status = ChangeStatus.DONE
                change.save(update_fields=["status", "updated_at"])
            elif change.kind == ChangeKind.MOVE:
                move_apply(change=change)
            elif change.kind == ChangeKind.SUSPEND and change.ends_on is not None:
                if change.ends_on <= today:
                    service_status_set(service=service, status=ServiceStatus.ACTIVE)
                    change.status = ChangeStatus.DONE
                    change.save(update_fields=["status", "updated_at"])
                elif service.status != ServiceStatus.SUSPENDED:
                    service_status_set(service=service, status=ServiceStatus.SUSPENDED)
                else:
                    continue
            applied += 1
    if applied:
        audit_record(
            actor=system_actor("lifecycle"),
            action=LifecycleAudit.CHANGES_APPLIED,
            detail={"applied": applied, "day": today.isoformat()},
        )
    return applied
