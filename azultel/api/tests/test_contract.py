"""Contract test: schemathesis drives every operation of the served OpenAPI description with
valid and invalid inputs, and no answer is a server error or breaks the description."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import schemathesis
from django.core import signals
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, given, settings
from hypothesis.errors import Unsatisfiable
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from azultel.accounts.models import User
from azultel.api.models import Partner
from azultel.api.tests.conftest import token_for

EXAMPLES = 3
CHECKS = [
    not_a_server_error,
    response_schema_conformance,
    status_code_conformance,
    content_type_conformance,
]


@contextmanager
def connections_kept_open() -> Iterator[None]:
    """The WSGI application closes the database connection when a request ends; inside the
    test's transaction that would close it for good (on PostgreSQL, every later query fails).
    Django's own test client unhooks the same two signals for the same reason."""
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    try:
        yield
    finally:
        signals.request_started.connect(close_old_connections)
        signals.request_finished.connect(close_old_connections)


def test_every_operation_survives_valid_and_invalid_input(
    partner: Partner, customer: User, demo_catalog: None
) -> None:
    with connections_kept_open():
        _every_operation(partner)


def _every_operation(partner: Partner) -> None:
    Partner.objects.filter(pk=partner.pk).update(requests_per_minute=1_000_000)
    auth = {"Authorization": f"Bearer {token_for(partner)}"}
    schema = schemathesis.openapi.from_wsgi("/api/schema/?format=json", get_wsgi_application())
    tried: list[str] = []
    skipped: list[str] = []
    for result in schema.get_all_operations():
        operation = result.ok()
        tried.append(operation.label)
        for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE):

            @given(case=operation.as_strategy(generation_mode=mode))
            @settings(max_examples=EXAMPLES, deadline=None, database=None, derandomize=True,
                      suppress_health_check=list(HealthCheck))  # fmt: skip
            def run(case: Any) -> None:
                response = case.call(headers=auth)
                case.validate_response(response, checks=CHECKS)

            try:
                run()
            except Unsatisfiable:
                # An operation with no parameters and no body has no invalid input to send.
                if mode is GenerationMode.POSITIVE:
                    raise
                skipped.append(operation.label)
    assert len(tried) >= 15
    assert len(skipped) < len(tried) / 2, skipped
