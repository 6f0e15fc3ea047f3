"""A model field for sensitive values: encrypted at rest, masked everywhere, revealed only by
``privacy.services.sensitive_reveal`` (P04, P23, P24).

Usage::

    class CreditCheck(models.Model):
        id = models.UUIDField(primary_key=True, default=uuid.uuid4)
        ssn = EncryptedTextField(mask="last4", lookup_field="ssn_lookup", normalise=digits_only)
        ssn_lookup = LookupHashField()

A long text that staff search by word (a résumé) keeps a blind word index beside it::

    resume_text = EncryptedTextField(mask="hidden", word_index_field="resume_words")
    resume_words = WordIndexField(blank=True, default="", editable=False)

    # search: every word of the query must be in the text
    rows.filter(*[Q(resume_words__contains=t) for t in word_index_terms(Model, "resume_text", q)])

The index holds, for each distinct word (accents and case folded), a truncated keyed HMAC
(``FIELD_HMAC_KEY``, purpose bound to model and field), sorted: whole-word search in SQL without
the clear text or a key in the database. Someone holding only the table can see which rows share a
word, not which word.

Reading ``obj.ssn`` gives a ``SensitiveValue`` whose ``str()`` is the masked form ("•••-••-6789");
there is no attribute holding the clear text. Assigning a string stores it encrypted on ``save()``.
``QuerySet.update(ssn="...")`` and ``filter(ssn="...")`` are refused: search through the lookup
hash (``lookup_hash_for``) instead.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from typing import Any

from django.db import models

from azultel.privacy import crypto

Normaliser = Callable[[str], str]


def digits_only(value: str) -> str:
    return re.sub(r"\D", "", value)


def _mask_last4(clear: str) -> str:
    digits = digits_only(clear)
    tail = digits[-4:] if len(digits) >= 4 else ""
    return f"•••• {tail}" if tail else "••••"


def _mask_hidden(clear: str) -> str:
    return "•••• (hidden)"


MASKS: dict[str, Callable[[str], str]] = {"last4": _mask_last4, "hidden": _mask_hidden}


class _StoredToken(str):
    """A token as read from the database (as opposed to a clear value just assigned)."""

    __slots__ = ()


class SensitiveValue:
    """What code sees when it reads a sensitive field: masked, never the clear text."""

    __slots__ = ("_associated_data", "_field", "_token")

    def __init__(self, token: str, *, field: EncryptedTextField, associated_data: str) -> None:
        self._token = token
        self._field = field
        self._associated_data = associated_data

    @property
    def token(self) -> str:
        return self._token

    @property
    def key_id(self) -> str:
        return crypto.token_key_id(self._token)

    @property
    def masked(self) -> str:
        return MASKS[self._field.mask](
            crypto.decrypt(self._token, associated_data=self._associated_data)
        )

    def __str__(self) -> str:
        return self.masked

    def __repr__(self) -> str:
        return f"<SensitiveValue {self._field.name} (masked)>"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, SensitiveValue) and other._token == self._token

    def __hash__(self) -> int:
        return hash(self._token)


class PendingSensitiveValue(SensitiveValue):
    """A value assigned in this process and not yet saved: still shown masked."""

    __slots__ = ("_clear",)

    def __init__(self, clear: str, *, field: EncryptedTextField) -> None:
        super().__init__("", field=field, associated_data="")
        self._clear = clear

    @property
    def masked(self) -> str:
        return MASKS[self._field.mask](self._clear)


class _Descriptor:
    def __init__(self, field: EncryptedTextField) -> None:
        self.field = field

    def __get__(self, instance: models.Model | None, owner: type) -> Any:
        if instance is None:
            return self
        if self.field.attname not in instance.__dict__:
            instance.refresh_from_db(fields=[self.field.attname])
        value = instance.__dict__.get(self.field.attname)
        if value is None or value == "" or isinstance(value, SensitiveValue):
            return value
        if isinstance(value, _StoredToken):
            wrapped: SensitiveValue = SensitiveValue(
                str(value), field=self.field, associated_data=self.field.associated_data(instance)
            )
        else:
            wrapped = PendingSensitiveValue(str(value), field=self.field)
        instance.__dict__[self.field.attname] = wrapped
        return wrapped

    def __set__(self, instance: models.Model, value: object) -> None:
        instance.__dict__[self.field.attname] = value


class EncryptedTextField(models.TextField):  # type: ignore[type-arg]
    """Text encrypted with AES-GCM, bound to model, field and row (``row_key_field``, a UUID)."""

    def __init__(
        self,
        *args: Any,
        mask: str = "last4",
        row_key_field: str = "pk",
        lookup_field: str | None = None,
        normalise: Normaliser | None = None,
        word_index_field: str | None = None,
        **kwargs: Any,
    ) -> None:
        if mask not in MASKS:
            raise ValueError(f"mask must be one of {sorted(MASKS)}")
        self.mask = mask
        self.row_key_field = row_key_field
        self.lookup_field = lookup_field
        self.normalise = normalise
        self.word_index_field = word_index_field
        kwargs.setdefault("editable", False)
        super().__init__(*args, **kwargs)

    def deconstruct(self) -> Any:
        name, path, args, kwargs = super().deconstruct()
        kwargs["mask"] = self.mask
        if self.row_key_field != "pk":
            kwargs["row_key_field"] = self.row_key_field
        if self.lookup_field:
            kwargs["lookup_field"] = self.lookup_field
        if self.normalise is not None:
            kwargs["normalise"] = self.normalise
        if self.word_index_field:
            kwargs["word_index_field"] = self.word_index_field
        kwargs.pop("editable", None)
        return name, path, args, kwargs

    def contribute_to_class(
        self, cls: type[models.Model], name: str, private_only: bool = False
    ) -> None:
        super().contribute_to_class(cls, name, private_only=private_only)
        setattr(cls, self.attname, _Descriptor(self))

    def associated_data(self, instance: models.Model) -> str:
        row_key = getattr(instance, self.row_key_field)
        if row_key in (None, ""):
            raise ValueError(
                f"{instance._meta.label}.{self.name}: the row key ({self.row_key_field}) must be "
                "set before the value is encrypted; use a UUID primary key with a default."
            )
        return f"{instance._meta.label_lower}.{self.name}:{row_key}"

    def from_db_value(self, value: object, expression: Any, connection: Any) -> Any:
        if value is None or value == "":
            return value
        return _StoredToken(value)

    def pre_save(self, model_instance: models.Model, add: bool) -> Any:
        value = model_instance.__dict__.get(self.attname)
        if value is None or value == "":
            if self.lookup_field:
                setattr(model_instance, self.lookup_field, "")
            if self.word_index_field:
                setattr(model_instance, self.word_index_field, "")
            return value
        if isinstance(value, PendingSensitiveValue):
            value = value._clear
        if isinstance(value, SensitiveValue):
            return value.token
        if isinstance(value, _StoredToken):
            return str(value)
        clear = str(value)
        token = crypto.encrypt(clear, associated_data=self.associated_data(model_instance))
        if self.lookup_field:
            setattr(model_instance, self.lookup_field, self.lookup_hash(clear))
        if self.word_index_field:
            setattr(model_instance, self.word_index_field, self.word_index(clear))
        model_instance.__dict__[self.attname] = _StoredToken(token)
        return token

    def lookup_hash(self, clear: str) -> str:
        normalised = self.normalise(clear) if self.normalise else clear.strip()
        return crypto.lookup_hash(normalised, purpose=f"{self.model._meta.label_lower}.{self.name}")

    def word_term(self, word: str) -> str:
        """The index entry of one normalised word, spaces around it (what ``contains`` seeks)."""
        digest = crypto.lookup_hash(
            word, purpose=f"{self.model._meta.label_lower}.{self.name}.words"
        )
        return f" {digest[:WORD_DIGEST_CHARS]} "

    def word_index(self, clear: str) -> str:
        """The blind index of ``clear``: its distinct words' entries, sorted, space separated."""
        entries = sorted({self.word_term(word).strip() for word in index_words(clear)})
        return f" {' '.join(entries)} " if entries else ""

    def get_prep_value(self, value: object) -> Any:
        if value is None or value == "":
            return value
        if isinstance(value, SensitiveValue) and not isinstance(value, PendingSensitiveValue):
            return value.token
        if isinstance(value, str) and value.startswith(crypto.TOKEN_PREFIX):
            return str(value)
        raise TypeError(
            f"{self.name} is encrypted: assign the value and call save(); "
            "search with the lookup hash, never the clear value."
        )

    def value_to_string(self, obj: models.Model) -> str:
        value = obj.__dict__.get(self.attname)
        return (
            ""
            if value is None
            else str(value.token if isinstance(value, SensitiveValue) else value)
        )


WORD_DIGEST_CHARS = 16  # 64 bits of the HMAC: no accidental match in a lifetime of searches
WORD_MIN_CHARS = 2
WORD_MAX_CHARS = 40
WORDS_READ_MAX = 200_000  # words read from one text (a résumé's text is capped well below)
_WORD = re.compile(r"\w+")


def index_words(text: str) -> list[str]:
    """The words of ``text`` as the index sees them: accents removed, case folded, 2-40 letters or
    digits (so "Résumé" and "resume" are one word; "C++" is "c"; shorter words are not indexed)."""
    decomposed = unicodedata.normalize("NFKD", text)
    folded = "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()
    words = []
    for match in _WORD.finditer(folded):
        word = match[0].replace("_", "")
        if WORD_MIN_CHARS <= len(word) <= WORD_MAX_CHARS:
            words.append(word)
            if len(words) >= WORDS_READ_MAX:
                break
    return words


class WordIndexField(models.TextField):  # type: ignore[type-arg]
    """The blind word index of an ``EncryptedTextField`` (``word_index_field``); written only
    by that field's ``pre_save``. Save both together (``update_fields`` naming both). Declare it
    ``WordIndexField(blank=True, default="", editable=False)``."""


def word_index_terms(model: type[models.Model], field_name: str, text: str) -> list[str]:
    """The index entries every one of which a row's word index must contain for the row's text
    to hold every word of ``text`` (empty when ``text`` has no indexable word)."""
    field = model._meta.get_field(field_name)
    if not isinstance(field, EncryptedTextField) or not field.word_index_field:
        raise ValueError(f"{model._meta.label}.{field_name} has no word index.")
    return sorted({field.word_term(word) for word in index_words(text)})


def clear_values_encrypt(model: type[models.Model], field_name: str, *, batch: int = 200) -> int:
    """Encrypt the values of ``field_name`` still stored in clear (a field that has just become
    an ``EncryptedTextField``), filling its lookup hash or word index; returns how many. For data
    migrations: pass the historical model; values already encrypted are left alone."""
    field = model._meta.get_field(field_name)
    if not isinstance(field, EncryptedTextField):
        raise ValueError(f"{model._meta.label}.{field_name} is not encrypted.")
    companions = [f for f in (field.lookup_field, field.word_index_field) if f]
    done = 0
    last_pk: object = None
    while True:
        rows = model._default_manager.exclude(**{field.attname: ""}).exclude(
            **{f"{field.attname}__isnull": True}
        )
        if last_pk is not None:
            rows = rows.filter(pk__gt=last_pk)
        page = list(rows.order_by("pk").values_list("pk", field.attname)[:batch])
        if not page:
            return done
        for pk, stored in page:
            last_pk = pk
            if str(stored).startswith(crypto.TOKEN_PREFIX):
                continue
            obj = model._default_manager.get(pk=pk)
            setattr(obj, field.attname, str(stored))  # a plain str: pre_save encrypts it
            obj.save(update_fields=[field.attname, *companions])
            done += 1


class LookupHashField(models.CharField):  # type: ignore[type-arg]
    """The keyed-HMAC companion of an encrypted field, for equality search."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("max_length", 64)
        kwargs.setdefault("blank", True)
        kwargs.setdefault("editable", False)
        kwargs.setdefault("db_index", True)
        super().__init__(*args, **kwargs)


def lookup_hash_for(model: type[models.Model], field_name: str, clear: str) -> str:
    """The value to filter the companion column by, e.g. to find a customer by SSN."""
    field = model._meta.get_field(field_name)
    if not isinstance(field, EncryptedTextField) or not field.lookup_field:
        raise ValueError(f"{model._meta.label}.{field_name} has no lookup hash.")
    return field.lookup_hash(clear)


def encrypted_fields(model: type[models.Model]) -> list[EncryptedTextField]:
    return [f for f in model._meta.concrete_fields if isinstance(f, EncryptedTextField)]
