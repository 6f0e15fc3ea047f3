"""Who does a write: a person (a customer, or a staff member whose roles are permissions) or a
system job. Services take an ``Actor``; audit entries, reveal logs and disclosure records label it.

A plain string is not an actor: ``check_actor`` raises ``TypeError`` for one, so the old
``"system:<component>"`` strings cannot slip back in; use ``system_actor("<component>")``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol, TypeAlias, runtime_checkable

from django.db.models import Model


@runtime_checkable
class Person(Protocol):
    """What access decisions read of a person: the user model and ``AnonymousUser`` satisfy it.

    A staff member's roles are permission groups, so ``has_perm`` is how a role is checked.
    """

    @property
    def pk(self) -> int | None: ...

    @property
    def is_authenticated(self) -> bool: ...

    @property
    def is_active(self) -> bool: ...

    @property
    def is_staff(self) -> bool: ...

    def has_perm(self, perm: str, obj: Model | None = None) -> bool: ...


@dataclass(frozen=True, slots=True)
class SystemActor:
    """A job or component acting on its own (the credit bureau check, the billing run)."""

    component: str

    def __post_init__(self) -> None:
        if not isinstance(self.component, str) or not self.component.strip():
            raise ValueError("A system actor is named by its component.")

    def __str__(self) -> str:
        return f"system:{self.component}"


Actor: TypeAlias = Person | SystemActor


def system_actor(component: str) -> SystemActor:
    return SystemActor(component)


def check_actor(actor: object, *, optional: bool = False) -> None:
    """Raise ``TypeError`` unless ``actor`` is a person or a system actor (or None if optional)."""
    if actor is None and optional:
        return
    if isinstance(actor, SystemActor):
        return
    if isinstance(actor, str) or not isinstance(actor, Person):
        raise TypeError(
            f"An actor is a user or a SystemActor, not {type(actor).__name__} {actor!r}; "
            'use system_actor("<component>") for a job.'
        )


def is_signed_in(actor: Actor | None) -> bool:
    return isinstance(actor, Person) and bool(actor.is_authenticated)


def actor_user_id(actor: Actor | None) -> int | None:
    """The user's id when a signed-in person acts; None for a system job or nobody."""
    if actor is not None and not isinstance(actor, SystemActor) and is_signed_in(actor):
        return actor.pk
    return None


def actor_label(actor: Actor | None) -> str:
    """``user:<id>``, ``system:<component>`` or ``anonymous``: the label logs keep."""
    if isinstance(actor, SystemActor):
        return str(actor)
    user_id = actor_user_id(actor)
    return f"user:{user_id}" if user_id is not None else "anonymous"
