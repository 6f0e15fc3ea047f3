"""Rendering a bulk send once instead of once per person.

The recipients of a bulk send share every template value but a few personal ones (a campaign:
the given name) and each message's unsubscribe link. The templates are rendered once per batch
with a marker in place of each of those values, and each message is then the shared text with
its own values put in. The result is byte-for-byte what ``_render`` gives for that person:

* only "plain" values are put in this way (letters, digits and ``. , - _`` with single spaces
  between words): escaping them for HTML changes nothing and no template filter that
  normalises spaces could change them; any other value (``O'Brien``, ``<b>``) is rendered the
  ordinary way for that person;
* people whose value is empty are rendered as their own group (``{% if given_name %}`` differs);
* a value that is not plain (an HTML block chosen per state, ``O'Brien``) is put in as itself:
  the people sharing it form their own group, rendered once; a person alone in a group is
  rendered the ordinary way;
* each group is checked once against an ordinary rendering of its first person, and every
  marker must be used up: a template that transforms a personal value (``|upper``) or inlines
  the unsubscribe link differently sends the whole group the ordinary way.
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Callable, Sequence

from azultel.comms.models import COMMERCIAL
from azultel.comms.services.rendering import _render, _Rendered
from azultel.comms.tokens import unsubscribe_token, unsubscribe_url

_PLAIN = re.compile(r"^[\w.,-]+(?: [\w.,-]+)*$")
_UNSUBSCRIBE = "unsubscribe_url"


def _mark(name: str) -> str:
    # Private-use characters: never escaped by templates or the CSS inliner, never typed.
    return f"\ue000{name}\ue001"


def _personal_keys(contexts: Sequence[dict[str, object]]) -> list[str] | None:
    """The keys whose values differ between contexts, or None when they cannot be shared
    (different keys, or a differing value that is not a string)."""
    first = contexts[0]
    keys = set(first)
    personal: set[str] = set()
    for context in contexts[1:]:
        if set(context) != keys:
            return None
        for key, value in context.items():
            if key not in personal and value != first[key]:
                personal.add(key)
    if any(not isinstance(c[k], str) for c in contexts for k in personal):
        return None
    return sorted(personal)


def _fill(text: str, values: dict[str, str]) -> str:
    for name, value in values.items():
        text = text.replace(_mark(name), value)
    return text


def _filled(shared: _Rendered, values: dict[str, str]) -> _Rendered | None:
    result = _Rendered(
        _fill(shared.subject_line, values),
        _fill(shared.body_text, values),
        _fill(shared.body_html, values),
    )
    if "\ue000" in result.subject_line + result.body_text + result.body_html:
        return None
    return result


def _unsubscribe_urls() -> Callable[[uuid.UUID], str]:
    """``unsubscribe_url``, with the address around the token worked out once (a URL reverse per
    message cost a tenth of queueing 100,000): the token is URL-safe, so it goes in as is."""
    probe = uuid.UUID(int=0)
    head, found, tail = unsubscribe_url(probe).partition(unsubscribe_token(probe))
    if not found:
        return unsubscribe_url
    return lambda message_id: f"{head}{unsubscribe_token(message_id)}{tail}"


def render_many(
    *, template: str, category: str, items: Sequence[tuple[uuid.UUID, dict[str, object]]]
) -> list[_Rendered]:
    """``_render`` for each ``(message id, context)``, rendering the templates once per group."""
    if len(items) < 2:
        return [
            _render(template=template, context=c, category=category, message_id=m) for m, c in items
        ]
    personal = _personal_keys([context for _, context in items])
    if personal is None:
        return [
            _render(template=template, context=c, category=category, message_id=m) for m, c in items
        ]
    commercial = category in COMMERCIAL
    link = _unsubscribe_urls() if commercial else unsubscribe_url
    results: dict[int, _Rendered] = {}
    # A group's key, per personal key: True (a plain value, marked), False (empty), or the
    # value itself with its type (not plain: the same for the whole group, rendered in place;
    # the type too, since a safe string and a plain one with the same text escape differently).
    groups: dict[tuple[bool | str, ...], list[int]] = {}
    for n, (_, context) in enumerate(items):
        own: list[bool | str] = []
        for key in personal:
            value = str(context[key])
            if value == "" or _PLAIN.match(value):
                own.append(value != "")
            else:
                own.append(f"{type(context[key]).__qualname__}:{value}")
        groups.setdefault(tuple(own), []).append(n)
    for shape, members in groups.items():
        if len(members) == 1:
            message_id, context = items[members[0]]
            results[members[0]] = _render(
                template=template, context=context, category=category, message_id=message_id
            )
            continue
        first_id, first_context = items[members[0]]
        marked = {
            **first_context,
            **{k: _mark(k) for k, present in zip(personal, shape, strict=True) if present is True},
        }
        shared = _render(
            template=template,
            context=marked,
            category=category,
            message_id=first_id,
            unsubscribe_link=_mark(_UNSUBSCRIBE) if commercial else None,
        )
        check = _render(
            template=template, context=first_context, category=category, message_id=first_id
        )
        fast = True
        for n in members:
            message_id, context = items[n]
            values = {
                k: str(context[k])
                for k, present in zip(personal, shape, strict=True)
                if present is True
            }
            if commercial:
                values[_UNSUBSCRIBE] = link(message_id)
            filled = _filled(shared, values) if fast else None
            if n == members[0] and filled != check:
                fast = False
                filled = None
            results[n] = filled or _render(
                template=template, context=context, category=category, message_id=message_id
            )
    return [results[n] for n in range(len(items))]
