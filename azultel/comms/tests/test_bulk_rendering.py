"""A bulk send renders its templates once and puts each person's values in: the result must be
exactly what rendering each message on its own gives (names with quotes, markup, accents, extra
spaces, empty; the unsubscribe link per message), and a template that transforms a personal
value falls back to rendering each message."""

from __future__ import annotations

import uuid
from typing import Any

import pytest
from django.utils.safestring import SafeString

from azultel.comms.models import MessageCategory
from azultel.comms.services import rendering_bulk
from azultel.comms.services.rendering import _render

NAMES = ["Maria", "", "O'Brien", "<b>Ann</b>", "Ana María", "Jo  Ann", " Lee", "Mary-Jo Smith"]


def _items() -> list[tuple[uuid.UUID, dict[str, object]]]:
    return [(uuid.uuid4(), {"given_name": name, "topic": "Fiber & more"}) for name in NAMES]


@pytest.mark.parametrize("category", [MessageCategory.NEWSLETTER, MessageCategory.CONFIRMATION])
@pytest.mark.promise("P21")
def test_rendering_once_gives_each_person_exactly_their_own_message(
    test_email_templates: None, category: str
) -> None:
    items = _items()

    rendered = rendering_bulk.render_many(template="personal", category=category, items=items)

    for (message_id, context), result in zip(items, rendered, strict=True):
        assert result == _render(
            template="personal", context=context, category=category, message_id=message_id
        )
    # Each commercial message carries its own unsubscribe link (P21), none another's.
    if category == MessageCategory.NEWSLETTER:
        links = {r.body_text.rsplit("Unsubscribe", 1)[1] for r in rendered}
        assert len(links) == len(items)


def test_the_templates_are_rendered_once_per_group_not_once_per_person(
    test_email_templates: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls: list[object] = []
    real = rendering_bulk._render

    def counting(**kwargs: Any) -> object:
        calls.append(kwargs["message_id"])
        return real(**kwargs)

    monkeypatch.setattr(rendering_bulk, "_render", counting)
    items = [(uuid.uuid4(), {"given_name": f"Name{n}", "topic": "News"}) for n in range(200)]

    rendering_bulk.render_many(
        template="personal", category=MessageCategory.NEWSLETTER, items=items
    )

    # One rendering with markers and one check against the first person: not 200.
    assert len(calls) == 2


def test_a_template_that_transforms_a_personal_value_is_rendered_per_person(
    test_email_templates: None,
) -> None:
    items = [(uuid.uuid4(), {"given_name": name}) for name in ("maria", "ana", "lee")]

    rendered = rendering_bulk.render_many(
        template="shout", category=MessageCategory.CONFIRMATION, items=items
    )

    assert [r.subject_line for r in rendered] == ["Hi MARIA", "Hi ANA", "Hi LEE"]
    assert all("\ue000" not in r.body_text + r.body_html for r in rendered)


@pytest.mark.promise("P21")
def test_a_value_shared_by_a_group_but_not_plain_is_rendered_once_per_group(
    test_email_templates: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An HTML block chosen per state (a campaign's offer) is the same for everyone in a state:
    the templates are rendered once per state, and each message is still exactly its own."""
    calls: list[object] = []
    real = rendering_bulk._render

    def counting(**kwargs: Any) -> object:
        calls.append(kwargs["message_id"])
        return real(**kwargs)

    monkeypatch.setattr(rendering_bulk, "_render", counting)
    florida = "<p>Fiber & more in <b>Florida</b></p>"
    blocks = {
        "FL": SafeString(florida),
        "TX": SafeString("<p>Texas <i>bundle</i></p>"),
    }
    items = [
        (uuid.uuid4(), {"given_name": f"Name{n}", "topic": blocks["FL" if n % 3 else "TX"]})
        for n in range(60)
    ]
    # The same text, not marked safe, escapes differently: never grouped with the safe one.
    items.append((uuid.uuid4(), {"given_name": "Lone", "topic": florida}))

    rendered = rendering_bulk.render_many(
        template="personal", category=MessageCategory.NEWSLETTER, items=items
    )

    # Two per state (marked, and the check of its first person) and one for the lone reader.
    assert len(calls) == 5
    monkeypatch.setattr(rendering_bulk, "_render", real)
    for (message_id, context), result in zip(items, rendered, strict=True):
        assert result == _render(
            template="personal",
            context=context,
            category=MessageCategory.NEWSLETTER,
            message_id=message_id,
        )
    assert "<b>Florida</b>" in rendered[1].body_html
    assert "&lt;b&gt;Florida" in rendered[-1].body_html
