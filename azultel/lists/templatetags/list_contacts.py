"""How staff pages show a person on a list: the address masked, never in full."""

from __future__ import annotations

from django import template

from azultel.lists.models import ListContact
from azultel.lists.selectors import list_contact_address
from azultel.privacy.models import ConsentTopic

register = template.Library()


def address_masked(address: str) -> str:
    """``maria@example.com`` -> ``m•••@example.com``: enough to tell rows apart, not to write."""
    local, _, domain = address.rpartition("@")
    if not local:
        return "•••"
    return f"{local[0]}•••@{domain}"


@register.filter
def contact_masked_address(contact: ListContact) -> str:
    address = list_contact_address(contact)
    return address_masked(address) if address else "(erased)"


@register.filter
def topic_names(topics: list[str]) -> str:
    labels = dict(ConsentTopic.choices)
    return ", ".join(str(labels.get(topic, topic)) for topic in topics)
