"""What operations adds: request ids and metrics on Celery tasks, the database-outage mark."""

from __future__ import annotations

from celery import signals as celery_signals
from django.core.signals import got_request_exception

from azultel.ops.metrics import task_failure_count, task_success_count
from azultel.ops.outage import request_exception_mark
from azultel.ops.request_ids import task_end_forget, task_publish_tag, task_start_adopt


def register() -> None:
    got_request_exception.connect(request_exception_mark, dispatch_uid="ops-outage-mark")
    celery_signals.before_task_publish.connect(
        task_publish_tag, dispatch_uid="ops-request-id-publish"
    )
    celery_signals.task_prerun.connect(task_start_adopt, dispatch_uid="ops-request-id-start")
    celery_signals.task_postrun.connect(task_end_forget, dispatch_uid="ops-request-id-end")
    celery_signals.task_failure.connect(task_failure_count, dispatch_uid="ops-task-failure")
    celery_signals.task_success.connect(task_success_count, dispatch_uid="ops-task-success")
