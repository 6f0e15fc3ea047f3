"""Records that outlive a rolled-back transaction: reveal-log entries and disclosures made
inside ``privacy_records_kept`` are written again if the work around them rolls back (P04, P14)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from django.db import transaction

_replays: ContextVar[list[Callable[[], object]] | None] = ContextVar(
    "privacy_replays", default=None
)


@contextmanager
def privacy_records_kept() -> Iterator[None]:
    """Keep the reveal-log entries and disclosure records made inside this block even if the work
    around them is rolled back: a sensitive value that was read, or data that was handed over,
    stays on record (P04, P14). Put it outside the ``transaction.atomic`` it protects."""
    replays: list[Callable[[], object]] = []
    token = _replays.set(replays)
    try:
        yield
    except BaseException:
        _replays.reset(token)
        with transaction.atomic():
            for replay in replays:
                replay()
        raise
    _replays.reset(token)


def _keep(replay: Callable[[], object]) -> None:
    replays = _replays.get()
    if replays is not None:
        replays.append(replay)
