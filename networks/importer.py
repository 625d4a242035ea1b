"""Import schools from the register's own format (Get Information About Schools, "GIAS").

Export the schools from GIAS as CSV and the file is read as it comes: the column names are the
register's (``URN``, ``Establishment name``, ``Local authority (name)``, ``Type of establishment``,
``Phase of education``, ``Town``, ``Postcode``, ``Region``, ``Easting``, ``Northing``,
``Establishment status``). Only ``URN`` and ``Establishment name`` are required; other columns
are ignored. The full "all establishment data" extract spells the same columns differently
(``EstablishmentName``, ``LA (name)``, ...); those spellings are accepted too.

Rules, in the order a row meets them:

- Rows are upserted by URN (unique across the platform). A new URN creates a school in the
  consortium; a URN the consortium already holds updates the school if anything differs and is
  counted as unchanged otherwise; a URN held by another consortium is skipped.
- A row is skipped, with its line in the file (the header is line 1) and a reason, when: the URN
  is blank or not a positive whole number; the URN is on an earlier row that was read (the first
  one wins); the name is blank; a value is longer than the field holds (values are **skipped, never
  truncated**: a cut-off postcode or name would be silently wrong); the easting or northing is
  not a non-negative number of metres (decimals are rounded); the row has more values than the
  header has columns (an unquoted comma shifts every value after it). A bad row never stops
  the rest.
- Only the columns present in the file are written: a file without ``Easting`` leaves the
  schools' coordinates as they were. Blank easting/northing means "no coordinates" (None).
- ``Establishment status``: blank or starting "Open" ("Open, but proposed to close") is open;
  anything else ("Closed", "Proposed to open") is not open.
- Rows with no values at all (Excel's trailing ",,,,") are ignored, not reported.

The file is refused as a whole (``ImportRefused``) only when it cannot be a register extract:
binary content, not decodable, no header, a single column, or required columns missing.
"""

from __future__ import annotations

import csv
import io
import logging
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any, NamedTuple

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from .enqueue import enqueue_on_commit
from .freshness import network_data_changed
from .models import Consortium, NetworkSchool, School, SchoolImport
from .progress import progress_clear, progress_of, progress_report
from .text import single_line

logger = logging.getLogger(__name__)

# School field -> the column names that may carry it (the first is the register's search-export
# spelling, used in messages; the others are the full extract's).
COLUMNS: dict[str, tuple[str, ...]] = {
    "urn": ("URN",),
    "name": ("Establishment name", "EstablishmentName"),
    "local_authority": ("Local authority (name)", "LA (name)"),
    "establishment_type": ("Type of establishment", "TypeOfEstablishment (name)"),
    "phase": ("Phase of education", "PhaseOfEducation (name)"),
    "town": ("Town",),
    "postcode": ("Postcode",),
    "region": ("Region", "GOR (name)"),
    "easting": ("Easting",),
    "northing": ("Northing",),
    "is_open": ("Establishment status", "EstablishmentStatus (name)"),
}
REQUIRED = ("urn", "name")
TEXT_FIELDS = ("name", "local_authority", "establishment_type", "phase", "town", "postcode", "region")
NUMBER_FIELDS = ("easting", "northing")

MAX_INTEGER = 2_147_483_647  # the largest value a PositiveIntegerField holds on every database
LOOKUP_CHUNK = 10_000  # URNs per query when loading existing schools (SQLite allows 32,766 parameters)
BATCH_SIZE = 500

_WHOLE_NUMBER = re.compile(r"[0-9]+")
_DECIMAL = re.compile(r"[0-9]+(\.[0-9]*)?|\.[0-9]+")

# Signatures of files people upload by mistake, with what to tell them.
_BINARY_SIGNATURES: tuple[tuple[bytes, str], ...] = (
    (b"PK\x03\x04", _("This looks like an Excel workbook or a zip file, not a CSV file.")),
    (b"\xd0\xcf\x11\xe0", _("This looks like an old Excel (.xls) workbook, not a CSV file.")),
    (b"%PDF", _("This is a PDF document, not a CSV file.")),
    (b"\x89PNG", _("This is an image, not a CSV file.")),
    (b"\xff\xd8\xff", _("This is an image, not a CSV file.")),
    (b"GIF8", _("This is an image, not a CSV file.")),
    (b"\x1f\x8b", _("This is a compressed (gzip) file, not a CSV file.")),
)


def _refused_not_csv(message) -> ImportRefused:
    """A file that is not a CSV text file: what it is, and what to upload instead."""
    export = gettext("Export the schools from Get Information About Schools as CSV and upload that file.")
    return ImportRefused(f"{message} {export}")


class ImportRefused(Exception):
    """The file cannot be imported at all; the message says why, for the person."""


class SkippedRow(NamedTuple):
    line: int
    urn: str
    reason: str


@dataclass
class ImportReport:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    skipped: list[SkippedRow] = field(default_factory=list)

    @property
    def total(self) -> int:
        """Every row read (blank rows aside)."""
        return self.created + self.updated + self.unchanged + len(self.skipped)

    def to_dict(self) -> dict[str, Any]:
        return {
            "created": self.created,
            "updated": self.updated,
            "unchanged": self.unchanged,
            "skipped": [list(row) for row in self.skipped],
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> ImportReport:
        return cls(
            created=int(data.get("created", 0)),
            updated=int(data.get("updated", 0)),
            unchanged=int(data.get("unchanged", 0)),
            skipped=[SkippedRow(int(line), str(urn), str(reason)) for line, urn, reason in data.get("skipped", [])],
        )

    def summary(self) -> str:
        return gettext("%(created)s new, %(updated)s updated, %(unchanged)s unchanged, %(skipped)s skipped") % {
            "created": self.created,
            "updated": self.updated,
            "unchanged": self.unchanged,
            "skipped": len(self.skipped),
        }


def decode_upload(data: bytes) -> str:
    """The file's text: UTF-8 (with or without a byte-order mark), else Windows-1252."""
    if not data.strip():
        raise ImportRefused(gettext("The file is empty."))
    for signature, message in _BINARY_SIGNATURES:
        if data.startswith(signature):
            raise _refused_not_csv(message)
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise _refused_not_csv(gettext("This file is saved as UTF-16 (what Excel calls Unicode text), not as CSV."))
    if b"\x00" in data:
        # Also what a UTF-16 file without its byte-order mark looks like.
        raise _refused_not_csv(gettext("This is not a CSV text file (it contains binary data)."))
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise _refused_not_csv(gettext("The file's text could not be read as UTF-8 or Windows-1252."))


def _header_index(header: list[str]) -> dict[str, int]:
    """School field -> its column's position, for the columns the header has."""
    positions: dict[str, int] = {}
    for position, name in enumerate(header):
        positions.setdefault(name.strip().lstrip("\ufeff").strip().casefold(), position)
    index = {}
    for field_name, names in COLUMNS.items():
        for name in names:
            if name.casefold() in positions:
                index[field_name] = positions[name.casefold()]
                break
    return index


def _check_header(header: list[str] | None) -> dict[str, int]:
    if not header or not any(cell.strip() for cell in header):
        raise ImportRefused(gettext("The file has no header row: the first line should name the columns (URN, ...)."))
    if len(header) == 1:
        raise ImportRefused(
            gettext(
                "The file has only one column. A register extract is a CSV file with its values separated by commas."
            )
        )
    index = _header_index(header)
    missing = [COLUMNS[name][0] for name in REQUIRED if name not in index]
    if missing:
        columns = {"columns": ", ".join(missing)}
        if index:
            raise ImportRefused(gettext("The file is missing the columns: %(columns)s.") % columns)
        raise ImportRefused(
            gettext(
                "The file is missing the columns: %(columns)s. "
                "Its first line should name the columns, as the register's export does."
            )
            % columns
        )
    return index


def _records(text: str) -> Iterator[tuple[int, list[str]]]:
    """(line the record starts on, its values); the header is line 1."""
    reader = csv.reader(io.StringIO(text, newline=""))
    line = 1
    try:
        for values in reader:
            yield line, values
            line = reader.line_num + 1
    except csv.Error as error:
        raise ImportRefused(
            gettext("Line %(line)s could not be read as CSV (%(error)s).") % {"line": line, "error": error}
        ) from error


def check_header(text: str) -> None:
    """Refuse a file whose header is not a register extract's (no rows are read)."""
    records = _records(text)
    first = next(records, None)
    _check_header(first[1] if first else None)


def _shown(value: str, limit: int = 30) -> str:
    """A value as quoted back in a report: long junk is cut short."""
    return value if len(value) <= limit else value[: limit - 1] + "…"


def _max_lengths() -> dict[str, int]:
    return {name: School._meta.get_field(name).max_length for name in TEXT_FIELDS}


def _parse_row(values: list[str], index: dict[str, int], max_lengths: dict[str, int]) -> tuple[int, dict] | str:
    """(urn, field values) for a good row, else the reason it is skipped."""

    def cell(name: str) -> str:
        position = index[name]
        return single_line(values[position]) if position < len(values) else ""

    urn_text = cell("urn")
    if not urn_text:
        return gettext("The URN is blank.")
    if not _WHOLE_NUMBER.fullmatch(urn_text) or int(urn_text) == 0:
        return gettext("The URN “%(urn)s” is not a positive whole number.") % {"urn": _shown(urn_text)}
    urn = int(urn_text)
    if urn > MAX_INTEGER:
        return gettext("The URN “%(urn)s” is too large.") % {"urn": _shown(urn_text)}
    row: dict[str, Any] = {}
    for name in TEXT_FIELDS:
        if name not in index:
            continue
        value = cell(name)
        if len(value) > max_lengths[name]:
            label = COLUMNS[name][0]
            return gettext("%(column)s is %(length)s characters long; at most %(most)s fit.") % {
                "column": label,
                "length": len(value),
                "most": max_lengths[name],
            }
        row[name] = value
    if not row["name"]:
        return gettext("The establishment name is blank.")
    for name in NUMBER_FIELDS:
        if name not in index:
            continue
        value = cell(name)
        if not value:
            row[name] = None
            continue
        label = COLUMNS[name][0]
        if not _DECIMAL.fullmatch(value):
            return gettext("%(column)s “%(value)s” is not a number of metres.") % {
                "column": label,
                "value": _shown(value),
            }
        whole = value.partition(".")[0]
        if len(whole) > len(str(MAX_INTEGER)) or round(float(value)) > MAX_INTEGER:
            return gettext("%(column)s “%(value)s” is too large.") % {"column": label, "value": _shown(value)}
        row[name] = round(float(value))
    if "is_open" in index:
        status = cell("is_open").casefold()
        row["is_open"] = not status or status.startswith("open")
    return urn, row


def _plan(*, consortium: Consortium, text: str):
    """Read the file and decide each row's fate; reads the database, writes nothing."""
    records = _records(text)
    first = next(records, None)
    index = _check_header(first[1] if first else None)
    width = len(first[1])
    max_lengths = _max_lengths()

    report = ImportReport()
    rows: list[tuple[int, int, dict]] = []  # (line, urn, values)
    first_line: dict[int, int] = {}  # urn -> the line it first appeared on
    for line, values in records:
        if not any(value.strip() for value in values):
            continue
        urn_text = _shown(values[index["urn"]].strip()) if index["urn"] < len(values) else ""
        if any(value.strip() for value in values[width:]):
            report.skipped.append(
                SkippedRow(
                    line,
                    urn_text,
                    gettext(
                        "The row has %(values)s values but the header names %(columns)s columns "
                        "(a comma inside a value that is not in quotes?)."
                    )
                    % {"values": len(values), "columns": width},
                )
            )
            continue
        parsed = _parse_row(values, index, max_lengths)
        if isinstance(parsed, str):
            report.skipped.append(SkippedRow(line, urn_text, parsed))
            continue
        urn, row = parsed
        if urn in first_line:
            report.skipped.append(
                SkippedRow(line, urn_text, gettext("The URN is also on line %(line)s.") % {"line": first_line[urn]})
            )
            continue
        first_line[urn] = line
        rows.append((line, urn, row))

    urns = [urn for _, urn, _ in rows]
    existing: dict[int, School] = {}
    for start in range(0, len(urns), LOOKUP_CHUNK):
        for school in School.objects.filter(urn__in=urns[start : start + LOOKUP_CHUNK]).order_by():
            existing[school.urn] = school

    to_create: list[tuple[int, dict]] = []
    to_update: list[School] = []
    changed_fields: set[str] = set()
    for line, urn, row in rows:
        school = existing.get(urn)
        if school is None:
            to_create.append((urn, row))  # a School only when the run is for real
            report.created += 1
        elif school.consortium_id != consortium.pk:
            report.skipped.append(
                SkippedRow(
                    line,
                    str(urn),
                    gettext("This URN belongs to a school in another consortium, so it was left alone."),
                )
            )
        else:
            differences = [name for name, value in row.items() if getattr(school, name) != value]
            if differences:
                for name in differences:
                    setattr(school, name, row[name])
                changed_fields.update(differences)
                to_update.append(school)
                report.updated += 1
            else:
                report.unchanged += 1
    report.skipped.sort(key=lambda skipped: skipped.line)
    return report, to_create, to_update, changed_fields


def _saved(*, consortium: Consortium, to_create, to_update, changed_fields, done: int, progress) -> None:
    """Write the plan in batches, telling `progress` after each how many rows are done."""
    for start in range(0, len(to_create), BATCH_SIZE):
        batch = to_create[start : start + BATCH_SIZE]
        School.objects.bulk_create([School(consortium=consortium, urn=urn, **row) for urn, row in batch])
        done += len(batch)
        progress(done)
    now = timezone.now()
    fields = sorted(changed_fields) + ["updated_at"]
    for start in range(0, len(to_update), BATCH_SIZE):
        batch = to_update[start : start + BATCH_SIZE]
        for school in batch:
            school.updated_at = now  # bulk_update does not apply auto_now
        School.objects.bulk_update(batch, fields)
        # bulk_update sends no signal: the networks these schools are in show their names.
        network_data_changed(
            NetworkSchool.objects.filter(school__in=batch).values_list("network_id", flat=True).distinct()
        )
        done += len(batch)
        progress(done)


@transaction.atomic
def schools_import(
    *, consortium: Consortium, text: str, dry_run: bool, progress: Callable[[int, int], None] | None = None
) -> ImportReport:
    """Upsert the register extract's schools into the consortium; see the module's rules.

    With ``dry_run`` nothing is written, and the report is the one a real run would give now.
    A real run calls ``progress(rows done, rows in all)`` once the file is read and after each
    batch it saves. Raises ImportRefused for a file that is not a register extract.
    """
    report, to_create, to_update, changed_fields = _plan(consortium=consortium, text=text)
    if dry_run:
        return report
    total = report.total
    done = total - len(to_create) - len(to_update)  # unchanged and skipped rows need no write
    tell = (lambda rows: progress(rows, total)) if progress else (lambda rows: None)
    tell(done)
    _saved(
        consortium=consortium,
        to_create=to_create,
        to_update=to_update,
        changed_fields=changed_fields,
        done=done,
        progress=tell,
    )
    return report


# Confirming an uploaded extract: the import runs in the background ------------------------------


@transaction.atomic
def school_import_confirm(*, school_import: SchoolImport) -> bool:
    """Queue the import of a checked (or failed) upload; False if it is queued or done already."""
    queued = SchoolImport.objects.filter(
        pk=school_import.pk, status__in=[SchoolImport.Status.CHECKED, SchoolImport.Status.FAILED]
    ).update(status=SchoolImport.Status.QUEUED, failure="", updated_at=timezone.now())
    if not queued:
        return False
    from .tasks import run_school_import

    enqueue_on_commit(run_school_import, school_import.pk)
    return True


def school_import_progress(school_import: SchoolImport) -> tuple[int, int]:
    """(rows done, rows in all) of a queued import, as its task last reported."""
    return progress_of(school_import, (0, school_import.rows_total))


def school_import_run(*, import_id: int) -> ImportReport | None:
    """Import a queued upload for real: every school saved, or none (the task's work).

    A run that fails leaves no school behind, marks the import failed with a message for the
    person, and can be confirmed again; None then, or when the import is not queued.
    """
    school_import = SchoolImport.objects.select_related("consortium").filter(pk=import_id).first()
    if school_import is None or school_import.status != SchoolImport.Status.QUEUED:
        return None

    def report_progress(done: int, total: int) -> None:
        progress_report(school_import, (done, total))

    try:
        with transaction.atomic():
            locked = SchoolImport.objects.select_for_update().get(pk=import_id)
            if locked.status != SchoolImport.Status.QUEUED:
                return None
            report = schools_import(
                consortium=school_import.consortium, text=locked.content, dry_run=False, progress=report_progress
            )
            locked.report = report.to_dict()
            locked.rows_total = report.total
            locked.status = SchoolImport.Status.DONE
            locked.applied_at = timezone.now()
            locked.save(update_fields=["report", "rows_total", "status", "applied_at", "updated_at"])
    except ImportRefused as error:
        failure = str(error)
    except IntegrityError:
        failure = gettext(
            "Another import added some of these schools while this one ran, so nothing was saved. "
            "Confirm again to import the rest."
        )
    except Exception:
        logger.exception("School import %s failed", import_id)
        failure = gettext(
            "The import could not be finished, so nothing was saved. "
            "Confirm again; if it fails again, tell the platform's operator."
        )
    else:
        progress_clear(school_import)
        return report
    progress_clear(school_import)
    SchoolImport.objects.filter(pk=import_id).update(
        status=SchoolImport.Status.FAILED, failure=failure, updated_at=timezone.now()
    )
    return None
