"""Segments choose people only by what the data map allows for marketing: a rule on any other
field is refused with a clear message and nothing is saved; telephone-customer rules make a CPNI
segment; "Preview count" counts without saving, in a fixed number of queries."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.apps import apps

from azultel.accounts.models import User
from azultel.marketing import services
from azultel.marketing.models import Segment
from azultel.marketing.rendering import PERSONALISATION_FIELDS
from azultel.marketing.rules import RULE_FIELDS, RuleRejected
from azultel.marketing.selectors import segment_count
from azultel.marketing.tests.conftest import signed_in
from azultel.marketing.tests.factories import person_make
from azultel.privacy.datamap import Personal

Rows = Callable[[], dict[str, int]]
pytestmark = pytest.mark.django_db


@pytest.mark.promise("P07")
@pytest.mark.parametrize("field", ["ssn", "date_of_birth", "card_number", "email_domain", "income"])
def test_a_rule_on_a_field_marketing_may_not_use_is_refused_and_nothing_saved(
    field: str, marketer: User, marketing_rows: Rows
) -> None:
    before = marketing_rows()
    with pytest.raises(RuleRejected) as refused:
        services.segment_create(name="Bad", rules={"state": ["FL"], field: ["x"]}, actor=marketer)
    assert f"cannot choose people by '{field}'" in str(refused.value)
    assert "state of the address of record" in str(refused.value)
    assert marketing_rows() == before


@pytest.mark.parametrize(
    ("rules", "says"),
    [
        ({"state": ["ZZ"]}, "ZZ is not one of the choices"),
        ({"services_held": ["satellite"]}, "satellite is not one of the choices"),
        ({"topics": ["data_sharing"]}, "data_sharing is not one of the choices"),
        ({"signed_up_after": "yesterday"}, "is not a date"),
        ({"signed_up_after": "2026-02-01", "signed_up_before": "2026-01-01"}, "must be later"),
        ({"plan_type": ["no-such-plan"]}, "no-such-plan is not one of the choices"),
        ([], "named conditions"),
    ],
)
def test_bad_values_are_refused_and_nothing_saved(
    rules: Any, says: str, marketer: User, marketing_rows: Rows
) -> None:
    before = marketing_rows()
    with pytest.raises(RuleRejected, match=says):
        services.segment_create(name="Bad", rules=rules, actor=marketer)
    assert marketing_rows() == before


@pytest.mark.promise("P07")
def test_services_held_or_plan_make_a_cpni_segment_by_themselves(marketer: User) -> None:
    plain = services.segment_create(name="Florida", rules={"state": ["FL"]}, actor=marketer)
    phones = services.segment_create(
        name="Phones", rules={"services_held": ["phone_line"]}, actor=marketer
    )
    mixed = services.segment_create(
        name="Florida phones",
        rules={"state": ["FL"], "services_held": ["phone_line"]},
        actor=marketer,
    )
    assert (plain.is_cpni, phones.is_cpni, mixed.is_cpni) == (False, True, True)
    # Order data (which may be offline) joined with what the site collected: the profiling guard.
    assert (plain.combines_channels, phones.combines_channels, mixed.combines_channels) == (
        False,
        False,
        True,
    )


@pytest.mark.promise("P17")
def test_every_rule_and_greeting_field_is_allowed_for_marketing_by_the_data_map() -> None:
    sources = [f.source for f in RULE_FIELDS.values()] + list(PERSONALISATION_FIELDS.values())
    for source in sources:
        app_label, model_name, field = source.split(".")
        declaration = getattr(apps.get_model(app_label, model_name), "data_map", {}).get(field)
        if isinstance(declaration, Personal):
            assert "marketing" in declaration.purposes, source


def test_preview_counts_without_saving_and_in_the_same_queries_for_any_audience(
    marketer: User, marketing_rows: Rows, django_assert_max_num_queries: Any
) -> None:
    client = signed_in(marketer)
    person_make(state="FL")
    person_make(state="GA")
    data = {"name": "Florida", "state": ["FL"], "topics": ["newsletter"], "action": "preview"}
    before = marketing_rows()

    response = client.post("/staff/marketing/segments/new/", data)

    assert response.status_code == 200
    assert "1 customer matches" in response.content.decode()
    assert marketing_rows() == before
    # The count is one query, however many match.
    for _ in range(5):
        person_make(state="FL")
    with django_assert_max_num_queries(12) as few:
        client.post("/staff/marketing/segments/new/", data)
    small = len(few.captured_queries)
    for _ in range(10):
        person_make(state="FL")
    with django_assert_max_num_queries(small):
        page = client.post("/staff/marketing/segments/new/", data)
    assert "16 customers match" in page.content.decode()


def test_saving_from_the_form_and_a_refusal_shown_next_to_the_field(
    marketer: User, marketing_rows: Rows
) -> None:
    client = signed_in(marketer)
    before = marketing_rows()
    bad = client.post(
        "/staff/marketing/segments/new/",
        {"name": "Bad", "signed_up_after": "2026-03-01", "signed_up_before": "2026-01-01"},
    )
    assert bad.status_code == 400
    assert "must be later" in bad.content.decode()
    assert marketing_rows() == before

    good = client.post(
        "/staff/marketing/segments/new/",
        {"name": "Phones", "services_held": ["phone_line"], "action": "save"},
    )
    assert good.status_code == 302
    segment = Segment.objects.get()
    assert (segment.rules, segment.is_cpni) == ({"services_held": ["phone_line"]}, True)


def test_count_follows_each_rule(marketer: User) -> None:
    person_make(state="FL", service="phone_line")
    person_make(state="FL", service="internet", topics=("newsletter", "surveys"))
    person_make(state="GA", topics=())
    assert segment_count(rules={}) == 3
    assert segment_count(rules={"state": ["FL"]}) == 2
    assert segment_count(rules={"services_held": ["phone_line"]}) == 1
    assert segment_count(rules={"topics": ["newsletter", "surveys"]}) == 1
    assert segment_count(rules={"signed_up_before": "2000-01-01"}) == 0
