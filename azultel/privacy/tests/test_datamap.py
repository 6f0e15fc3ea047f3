"""The data map (P04): every personal field is declared, the check enforces it, the policy shows it."""

from __future__ import annotations

import json
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import models
from django.test import Client
from django.test.utils import isolate_apps
from django.urls import reverse

from azultel.privacy.checks import check_data_map, data_map_problems
from azultel.privacy.datamap import CATEGORIES, NotPersonal, Personal, looks_personal, map_entries


def _errors_for(model: type[models.Model]) -> list[str]:
    return [f"{e.id}: {e.msg}" for e in data_map_problems([model])]


@pytest.mark.promise("P04")
def test_the_project_passes_the_data_map_check() -> None:
    assert [f"{e.id}: {e.msg}" for e in check_data_map()] == []


@pytest.mark.promise("P04")
@isolate_apps("azultel.site")
def test_an_undeclared_personal_field_fails_the_check() -> None:
    class Lead(models.Model):
        home_phone = models.CharField(max_length=20)
        contact_email = models.EmailField()
        product_code = models.CharField(max_length=20)

        class Meta:
            app_label = "site"

    Lead.__module__ = "azultel.site.models"

    errors = _errors_for(Lead)

    assert any("privacy.E001" in e and "home_phone" in e for e in errors)
    assert any("privacy.E001" in e and "contact_email" in e for e in errors)
    assert not any("product_code" in e for e in errors)


@pytest.mark.promise("P04")
@isolate_apps("azultel.site")
def test_unknown_category_purpose_or_retention_fails_the_check() -> None:
    class Lead(models.Model):
        email = models.EmailField()
        city = models.CharField(max_length=20)

        data_map = {
            "email": Personal("user.contact.fax", ("resale",), "forever"),
            "city": NotPersonal(""),
            "shoe_size": Personal("user.name", ("account",), "account_lifetime"),
        }

        class Meta:
            app_label = "site"

    Lead.__module__ = "azultel.site.models"

    errors = "\n".join(_errors_for(Lead))

    assert "unknown category 'user.contact.fax'" in errors
    assert "unknown purpose 'resale'" in errors
    assert "unknown retention rule 'forever'" in errors
    assert "NotPersonal needs a reason" in errors
    assert "privacy.E003" in errors and "shoe_size" in errors


@pytest.mark.parametrize(
    ("field", "expected"),
    [
        (models.CharField(max_length=5, name="given_name"), True),
        (models.CharField(max_length=5, name="billing_zip"), True),
        (models.CharField(max_length=5, name="user_agent"), True),
        (models.GenericIPAddressField(name="origin"), True),
        (models.CharField(max_length=5, name="description"), False),
        (models.CharField(max_length=5, name="shipping"), False),
        (models.CharField(max_length=5, name="zipper_color"), False),
    ],
)
def test_personal_looking_fields_are_recognised(field: models.Field, expected: bool) -> None:  # type: ignore[type-arg]
    assert looks_personal(field) is expected


def test_privacy_map_command_prints_table_and_json() -> None:
    table, raw = StringIO(), StringIO()

    call_command("privacy_map", stdout=table)
    call_command("privacy_map", "--json", stdout=raw)

    data = json.loads(raw.getvalue())
    assert "accounts.user.email" in table.getvalue()
    fields = {(f["model"], f["field"]): f for f in data["fields"]}
    ssn = fields[("privacy_testapp.identitysample", "ssn")]
    assert ssn["purposes"] == ["credit_check"] and ssn["sensitive"] is True
    assert set(data["categories"]) == set(CATEGORIES)


@pytest.mark.promise("P04")
@pytest.mark.django_db
def test_policy_page_shows_the_map_generated_from_the_code(
    client: Client, site_content: None
) -> None:
    html = client.get(reverse("site:privacy_policy")).content.decode()

    section = html.split('id="data-map-title"', 1)[1].split("</section>", 1)[0]
    labels = {CATEGORIES[e.declaration.category] for e in map_entries()}
    for label in labels:
        assert label in section
    assert "Check credit before starting service" in section
    assert "(encrypted; every use in full is logged)" in section
    assert html.index("How we use it") < html.index('id="data-map-title"') < html.index(">Email<")
