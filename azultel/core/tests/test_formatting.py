from __future__ import annotations

import pytest
from django.template import Context, Template

from azultel.core.formatting import phone_for_people


@pytest.mark.parametrize(
    ("raw", "shown"),
    [
        ("+13055550100", "(305) 555-0100"),
        ("3055550100", "(305) 555-0100"),
        ("+442079460000", "+44 20 7946 0000"),
        ("", ""),
        (None, ""),
        ("not a number", "not a number"),
    ],
)
def test_phone_numbers_are_written_for_people(raw: str | None, shown: str) -> None:
    assert phone_for_people(raw) == shown


def test_the_phone_filter_never_shows_e164() -> None:
    rendered = Template("{% load formatting %}{{ n|phone }}").render(Context({"n": "+17865550123"}))

    assert rendered == "(786) 555-0123"
