"""Reading a partner's CSV file of contacts: every row checked, every problem with its line.

``contact_file_read`` never writes anything and never raises on bad input: it returns the rows
it understood and the problems it found. A file with any problem must be refused whole (the
import service does so). Cells are kept exactly as written: a cell starting with ``=``, ``+``,
``-`` or ``@`` is text like any other (never evaluated), is shown escaped on pages and goes into
a CSV only through ``core.csv_safe``.

The columns (header names in any case and order; other columns are ignored and not kept):

* ``email``: the person's address;
* ``consent_date``: the day the person agreed, ``YYYY-MM-DD``, not in the future;
* ``consent_method``: how they agreed, e.g. "sign-up form at the Austin Tech Fair";
* ``topics``: what they agreed to, separated by ``;``: newsletter, special_offers, product_info,
  surveys;
* ``given_name`` (optional).
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass
from datetime import date

from django.core.exceptions import ValidationError
from django.core.validators import validate_email

from azultel.privacy.models import ConsentTopic

REQUIRED_COLUMNS = ("email", "consent_date", "consent_method", "topics")
OPTIONAL_COLUMNS = ("given_name",)
# What a partner's evidence can cover: the solicitation topics, never CPNI, profiling or sharing.
LIST_TOPICS: tuple[str, ...] = (
    ConsentTopic.NEWSLETTER,
    ConsentTopic.SPECIAL_OFFERS,
    ConsentTopic.PRODUCT_INFO,
    ConsentTopic.SURVEYS,
)
MAX_METHOD_LENGTH = 300
MAX_GIVEN_NAME_LENGTH = 100
MAX_EMAIL_LENGTH = 254
_CONTROLS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


@dataclass(frozen=True)
class RowProblem:
    """Why a file cannot be imported; ``line`` is None when the whole file is at fault."""

    line: int | None
    message: str


@dataclass(frozen=True)
class ContactRow:
    line: int
    email: str  # trimmed and in lower case
    given_name: str
    consent_date: date
    consent_method: str
    topics: tuple[str, ...]


@dataclass(frozen=True)
class FileReading:
    rows: list[ContactRow]
    problems: list[RowProblem]


def _size_words(size: int) -> str:
    megabytes = size / (1024 * 1024)
    return f"{megabytes:.1f} MB" if megabytes >= 0.1 else f"{max(1, size // 1024)} KB"


def _text(csv_bytes: bytes) -> tuple[str | None, RowProblem | None]:
    try:
        return csv_bytes.decode("utf-8-sig"), None
    except UnicodeDecodeError as error:
        line = csv_bytes[: error.start].count(b"\n") + 1
        return None, RowProblem(
            line,
            "This line is not UTF-8 text. Save the file as “CSV UTF-8” and upload it again.",
        )


def _header(fields: list[str]) -> tuple[dict[str, int], list[RowProblem]]:
    names = [field.strip().lower() for field in fields]
    problems = []
    missing = [column for column in REQUIRED_COLUMNS if column not in names]
    if missing:
        problems.append(
            RowProblem(
                1,
                "The first line must name the columns; missing: "
                + ", ".join(missing)
                + ". Required: "
                + ", ".join(REQUIRED_COLUMNS)
                + "; optional: given_name.",
            )
        )
    repeated = sorted(
        {n for n in names if n and names.count(n) > 1} & set(REQUIRED_COLUMNS + OPTIONAL_COLUMNS)
    )
    if repeated:
        problems.append(RowProblem(1, "These columns appear twice: " + ", ".join(repeated) + "."))
    positions = {
        name: names.index(name) for name in REQUIRED_COLUMNS + OPTIONAL_COLUMNS if name in names
    }
    return positions, problems


def _topics(cell: str) -> tuple[tuple[str, ...], list[str]]:
    wanted = [part.strip().lower() for part in cell.split(";") if part.strip()]
    unknown = [part for part in wanted if part not in LIST_TOPICS]
    return tuple(dict.fromkeys(t for t in wanted if t in LIST_TOPICS)), unknown


def _row(
    line: int, cells: list[str], positions: dict[str, int], today: date
) -> tuple[ContactRow | None, list[str]]:
    def cell(column: str) -> str:
        index = positions.get(column)
        return cells[index].strip() if index is not None and index < len(cells) else ""

    reasons = []
    if any(_CONTROLS.search(value) for value in cells):
        # NUL and other control characters: not contact details (and PostgreSQL refuses NUL).
        return None, ["the line holds control characters, which a list of contacts never has"]
    email = cell("email").lower()
    if not email:
        reasons.append("the email address is missing")
    else:
        try:
            if len(email) > MAX_EMAIL_LENGTH:
                raise ValidationError("too long")
            validate_email(email)
        except ValidationError:
            reasons.append("the email address is not valid")
    consent_day: date | None = None
    raw_date = cell("consent_date")
    if not raw_date:
        reasons.append("the consent date is missing")
    else:
        try:
            consent_day = date.fromisoformat(raw_date)
        except ValueError:
            reasons.append("the consent date is not a date written as YYYY-MM-DD")
        else:
            if len(raw_date) != 10:
                consent_day = None
                reasons.append("the consent date is not a date written as YYYY-MM-DD")
            elif consent_day > today:
                consent_day = None
                reasons.append("the consent date is in the future")
    method = cell("consent_method")
    if not method:
        reasons.append("how the person agreed (consent_method) is missing")
    elif len(method) > MAX_METHOD_LENGTH:
        reasons.append(f"consent_method is longer than {MAX_METHOD_LENGTH} characters")
    topics, unknown = _topics(cell("topics"))
    if unknown:
        reasons.append(
            "unknown topic "
            + ", ".join(f"“{u}”" for u in unknown)
            + " (allowed: "
            + ", ".join(LIST_TOPICS)
            + ")"
        )
    elif not topics:
        reasons.append("no topic is given")
    given_name = cell("given_name")
    if len(given_name) > MAX_GIVEN_NAME_LENGTH:
        reasons.append(f"given_name is longer than {MAX_GIVEN_NAME_LENGTH} characters")
    if reasons or consent_day is None:
        return None, reasons
    return ContactRow(line, email, given_name, consent_day, method, topics), []


def contact_file_read(
    csv_bytes: bytes, *, max_rows: int, max_bytes: int, today: date
) -> FileReading:
    """The rows of ``csv_bytes`` and every problem found, each with its line number."""

    if len(csv_bytes) > max_bytes:
        return FileReading(
            [],
            [
                RowProblem(
                    None,
                    f"The file is {_size_words(len(csv_bytes))}; at most {_size_words(max_bytes)} "
                    "can be imported at once. Split it into smaller files.",
                )
            ],
        )
    text, problem = _text(csv_bytes)
    if text is None:
        return FileReading([], [problem] if problem else [])
    if not text.strip():
        return FileReading([], [RowProblem(None, "The file is empty.")])

    return _read_rows(text, max_rows=max_rows, today=today)


def _read_rows(text: str, *, max_rows: int, today: date) -> FileReading:
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    rows: list[ContactRow] = []
    problems: list[RowProblem] = []
    try:
        header = next(reader)
    except csv.Error:
        return FileReading([], [RowProblem(1, "The first line cannot be read as CSV.")])
    positions, header_problems = _header(header)
    if header_problems:
        return FileReading([], header_problems)

    first_line_of: dict[str, int] = {}
    count = 0
    end_of_previous = reader.line_num
    while True:
        start = end_of_previous + 1
        try:
            cells = next(reader)
        except StopIteration:
            break
        except csv.Error as error:
            problems.append(
                RowProblem(reader.line_num or start, f"This line cannot be read as CSV ({error}).")
            )
            break
        end_of_previous = reader.line_num
        if not any(cell.strip() for cell in cells):
            continue
        count += 1
        if count > max_rows:
            continue
        row, reasons = _row(start, cells, positions, today)
        if row is not None:
            earlier = first_line_of.get(row.email)
            if earlier is not None:
                reasons = [f"the same address is already on line {earlier}"]
                row = None
            else:
                first_line_of[row.email] = start
                rows.append(row)
        if reasons:
            problems.append(RowProblem(start, _sentence(reasons)))
    if count > max_rows:
        return FileReading(
            [],
            [
                RowProblem(
                    None,
                    f"The file has {count:,} contacts; at most {max_rows:,} can be imported at "
                    "once. Split it into smaller files.",
                )
            ],
        )
    if count == 0 and not problems:
        problems.append(RowProblem(None, "The file has column names but no contacts."))
    return FileReading(rows, problems)


def _sentence(reasons: list[str]) -> str:
    joined = "; ".join(reasons)
    return joined[:1].upper() + joined[1:] + "."
