"""The state list as <option> elements, built once per selected state and kept in memory.

Rendering 56 options through Django's widget templates on every page cost more than the rest of
a catalog page together; the list is fixed data, so its HTML is too.
"""

from __future__ import annotations

from functools import lru_cache

from django import template
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString

from azultel.catalog.states import service_state_choices

register = template.Library()


@lru_cache(maxsize=64)
def _options(selected: str) -> SafeString:
    blank = format_html(
        '<option value=""{}>Choose a state or territory</option>',
        "" if selected else " selected",
    )
    return blank + format_html_join(
        "",
        '<option value="{}"{}>{}</option>',
        ((code, " selected" if code == selected else "", name)
         for code, name in service_state_choices()),
    )  # fmt: skip


@register.simple_tag
def state_options(selected: str | None = None) -> SafeString:
    """Every state and territory as options, ``selected`` (a valid code) marked selected."""
    return _options(selected if selected in dict(service_state_choices()) else "")
