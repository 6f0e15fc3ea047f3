"""CSV files that a spreadsheet opens as data, never as formulas (CSV injection, OWASP).

Every CSV the site writes goes through ``csv_writer`` (or ``csv_cell`` for one cell). A text cell
that a spreadsheet could run as a formula gets a single quote in front, which spreadsheets show
as text. A cell is treated as a formula when:

* it starts with a tab or a carriage return (OWASP's list), or
* its first character that is not blank (whitespace, control or invisible format characters
  such as a zero-width space or a byte-order mark, which spreadsheets may trim on import) is
  ``=``, ``+``, ``-`` or ``@``, or a character that Unicode compatibility normalisation (NFKC)
  turns into one of them: the fullwidth forms (U+FF1D, U+FF0B, U+FF0D, U+FF20), the small and
  the super/subscript forms.

One exception keeps figures as they are: a cell that is exactly an optional ``+``/``-`` and ASCII
digits with at most one decimal point (``-3``, ``+13055550100``, the E.164 numbers of the
directory feed) is left alone. Such a cell can only ever be read as a number; it names no
function or reference. Numbers (``int``, ``float``) and ``None`` are written unchanged.

The quote cannot be told apart from one the value already started with; a reader that needs the
original back removes one leading quote from cells that ``csv_cell`` would have escaped.
"""

from __future__ import annotations

import csv
import re
import unicodedata
from collections.abc import Iterable
from typing import Generic, Literal, Protocol, TypedDict, TypeVar, Unpack, cast

FORMULA_STARTS = frozenset("=+-@")
# OWASP: a leading tab or carriage return can also start a formula or shift cells on import.
CONTROL_STARTS = frozenset("\t\r")
_PLAIN_NUMBER = re.compile(r"[+-]?[0-9]+(?:\.[0-9]+)?")


def _blank(char: str) -> bool:
    return char.isspace() or unicodedata.category(char) in ("Cc", "Cf")


def csv_text_is_formula(value: str) -> bool:
    """Whether a spreadsheet might read ``value`` as a formula (see the module's rule)."""
    if not value:
        return False
    if value[0] in CONTROL_STARTS:
        return True
    if _PLAIN_NUMBER.fullmatch(value):
        return False
    for char in value:
        if _blank(char):
            continue
        return unicodedata.normalize("NFKC", char)[:1] in FORMULA_STARTS
    return False


def csv_cell(value: object) -> object:
    """The cell to write for ``value``: text that could be a formula gets a leading quote;
    anything else, including every non-text value, is returned unchanged."""
    if isinstance(value, str) and csv_text_is_formula(value):
        return "'" + value
    return value


_Written = TypeVar("_Written", covariant=True)


class _Writable(Protocol[_Written]):
    """A file (``write`` returns a count) or a streaming echo (``write`` returns the line)."""

    def write(self, value: str, /) -> _Written: ...


class CsvFormat(TypedDict, total=False):
    """``csv.writer``'s format parameters."""

    delimiter: str
    quotechar: str | None
    escapechar: str | None
    doublequote: bool
    skipinitialspace: bool
    lineterminator: str
    quoting: Literal[0, 1, 2, 3]  # csv.QUOTE_MINIMAL and its siblings
    strict: bool


class SafeCsvWriter(Generic[_Written]):
    """``csv.writer`` whose every cell passes through ``csv_cell``.

    ``writerow`` returns what the underlying file's ``write`` returned, so a file-like object
    that hands back each line (for a streaming response) works as with ``csv.writer``.
    """

    def __init__(self, handle: _Writable[_Written], **fmtparams: Unpack[CsvFormat]) -> None:
        self._writer = csv.writer(handle, **fmtparams)

    def writerow(self, row: Iterable[object]) -> _Written:
        # csv's writer hands back what ``handle.write`` returned; typeshed types it loosely.
        return cast(_Written, self._writer.writerow([csv_cell(value) for value in row]))

    def writerows(self, rows: Iterable[Iterable[object]]) -> None:
        for row in rows:
            self.writerow(row)


def csv_writer(
    handle: _Writable[_Written], **fmtparams: Unpack[CsvFormat]
) -> SafeCsvWriter[_Written]:
    """A CSV writer on ``handle`` that escapes formula-like cells (use it for every CSV)."""
    return SafeCsvWriter(handle, **fmtparams)
