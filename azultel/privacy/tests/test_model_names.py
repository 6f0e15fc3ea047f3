"""Model names people read (the admin, the privacy policy's "kept in" column) are real English
plurals: Django's default adds an "s", which gave "sensitive accesss" and "CPNI breachs"."""

from __future__ import annotations

import re

from django.apps import apps

# A plural that only appended "s" to a word ending in s, ch, sh or x, or to a consonant and y.
NAIVE_PLURAL = re.compile(r"(ss|ch|sh|x|[^aeiou]y)s$|seens$")


def test_every_model_has_a_readable_plural_name() -> None:
    wrong = {
        model._meta.label: str(model._meta.verbose_name_plural)
        for model in apps.get_models()
        if model.__module__.startswith("azultel.")
        and NAIVE_PLURAL.search(str(model._meta.verbose_name_plural))
    }

    assert wrong == {}


def test_the_policy_says_where_data_is_kept_in_words_for_people() -> None:
    from azultel.privacy.selectors import data_map_for_policy

    places = {place for row in data_map_for_policy() for place in row.held_in}

    assert "Sensitive accesss" not in places
    assert not {p for p in places if NAIVE_PLURAL.search(p)}
    assert not {"Data subjects", "Consent states", "Users", "Outbox messages"} & places
