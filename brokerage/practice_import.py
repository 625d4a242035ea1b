"""Import entries of the record of schools' practice from a spreadsheet saved as CSV.

Columns (a header row, in any order; case and spaces do not matter):

    URN, Practice area, Title, Summary, From, To, Evidence, Strength of evidence

URN, Practice area, Title and Summary are required. The practice area is one of the consortium's,
by name. Dates are 2025-03-14 or 14/03/2025. Strength is 1-5 or its name: anecdote, observation,
pupils' work, data, comparison group (blank: anecdote).

The file is checked whole first: if any row is wrong, nothing is imported and every wrong row is
reported with its line, so the file can be fixed and imported again in one go.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from datetime import date, datetime

from django.db import transaction
from django.utils.text import slugify
from django.utils.translation import gettext, ngettext

from networks.importer import ImportRefused, decode_upload
from networks.models import Consortium, PracticeArea, School, User

from .models import EvidenceStrength, PracticeEntry, Source

COLUMNS = {
    "urn": ("urn",),
    "practice_area": ("practice area", "area"),
    "title": ("title",),
    "summary": ("summary", "what the school did"),
    "period_start": ("from", "start", "period start"),
    "period_end": ("to", "end", "period end"),
    "evidence": ("evidence",),
    "evidence_strength": ("strength of evidence", "strength", "evidence strength"),
}
REQUIRED = ("urn", "practice_area", "title", "summary")
MAX_ROWS = 20_000
STRENGTH_NAMES = {
    "anecdote": 1,
    "observation": 2,
    "pupils' work": 3,
    "pupils work": 3,
    "pupils’ work": 3,
    "data": 4,
    "comparison group": 5,
    "comparison": 5,
}
LIMITS = {"title": 200, "summary": 4000, "evidence": 4000}

__all__ = ["ImportRefused", "PracticeImportFailed", "decode_upload", "practice_import"]


class PracticeImportFailed(Exception):
    """Some rows are wrong: nothing was imported. `problems` lists (line, message)."""

    def __init__(self, problems: list[tuple[int, str]]):
        self.problems = problems
        count = len(problems)
        super().__init__(
            ngettext("%(n)s row cannot be imported.", "%(n)s rows cannot be imported.", count) % {"n": count}
        )


@dataclass
class PracticeImportResult:
    created: int = 0
    lines: list[int] = field(default_factory=list)


def _date(value: str) -> date:
    for pattern in ("%Y-%m-%d", "%d/%m/%Y"):
        try:
            return datetime.strptime(value, pattern).date()  # noqa: DTZ007 - a date; no time of day
        except ValueError:
            continue
    raise ValueError(gettext("“%(value)s” is not a date like 2025-03-14 or 14/03/2025") % {"value": value})


def _strength(value: str) -> int:
    if not value:
        return EvidenceStrength.ANECDOTE
    if value.isdigit() and 1 <= int(value) <= 5:
        return int(value)
    found = STRENGTH_NAMES.get(value.strip().lower())
    if found is None:
        raise ValueError(
            gettext(
                "“%(value)s” is not a strength of evidence (1-5, or anecdote, observation, pupils' work, data, "
                "comparison group)"
            )
            % {"value": value}
        )
    return found


def _index(header: list[str]) -> dict[str, int]:
    positions = {name.strip().lstrip("\ufeff").strip().lower(): n for n, name in enumerate(header)}
    index = {}
    for field_name, names in COLUMNS.items():
        for name in names:
            if name in positions:
                index[field_name] = positions[name]
                break
    missing = [COLUMNS[f][0] for f in REQUIRED if f not in index]
    if missing:
        raise ImportRefused(
            gettext(
                "The file has no column for %(columns)s. The header row needs "
                "URN, Practice area, Title and Summary (and may have From, To, Evidence, Strength of evidence)."
            )
            % {"columns": ", ".join(m.capitalize() for m in missing)}
        )
    return index


def practice_import(*, consortium: Consortium, text: str, by: User | None) -> PracticeImportResult:
    """Check every row, then import them all in one transaction, or none."""
    rows = list(csv.reader(io.StringIO(text)))
    if not rows:
        raise ImportRefused(gettext("The file is empty."))
    index = _index(rows[0])
    body = [(n, row) for n, row in enumerate(rows[1:], start=2) if any(cell.strip() for cell in row)]
    if not body:
        raise ImportRefused(gettext("The file has a header row but no entries."))
    if len(body) > MAX_ROWS:
        raise ImportRefused(
            gettext("The file has %(n)s entries; import at most %(max)s at a time.")
            % {"n": f"{len(body):,}", "max": f"{MAX_ROWS:,}"}
        )
    areas = {}
    for area in PracticeArea.objects.filter(consortium=consortium):
        areas[area.name.lower()] = area
        areas[area.slug] = area
    urns = set()
    for _, row in body:
        value = row[index["urn"]].strip() if index["urn"] < len(row) else ""
        if value.isdigit():
            urns.add(int(value))
    schools = {s.urn: s for s in School.objects.filter(consortium=consortium, urn__in=urns)}
    problems: list[tuple[int, str]] = []
    entries = []
    for line, row in body:
        if len(row) > len(rows[0]):
            problems.append(
                (line, gettext("more values than the header has columns (a comma inside a value needs quotes)"))
            )
            continue
        values = {f: (row[i].strip() if i < len(row) else "") for f, i in index.items()}
        wrong = []
        for required in REQUIRED:
            if not values.get(required):
                wrong.append(gettext("%(column)s is empty") % {"column": COLUMNS[required][0].capitalize()})
        urn = values.get("urn", "")
        school = schools.get(int(urn)) if urn.isdigit() else None
        if urn and school is None:
            wrong.append(
                gettext("no school with URN %(urn)s in %(consortium)s") % {"urn": urn, "consortium": consortium.name}
            )
        area_name = values.get("practice_area", "")
        area = areas.get(area_name.lower()) or areas.get(slugify(area_name))
        if area_name and area is None:
            wrong.append(
                gettext("“%(area)s” is not one of %(consortium)s's practice areas")
                % {"area": area_name, "consortium": consortium.name}
            )
        for name, limit in LIMITS.items():
            if len(values.get(name, "")) > limit:
                wrong.append(
                    gettext("%(column)s is longer than %(limit)s characters")
                    % {"column": COLUMNS[name][0].capitalize(), "limit": limit}
                )
        dates = {}
        for name in ("period_start", "period_end"):
            if values.get(name):
                try:
                    dates[name] = _date(values[name])
                except ValueError as error:
                    wrong.append(str(error))
        if dates.get("period_start") and dates.get("period_end") and dates["period_end"] < dates["period_start"]:
            wrong.append(gettext("To comes before From"))
        try:
            strength = _strength(values.get("evidence_strength", ""))
        except ValueError as error:
            wrong.append(str(error))
            strength = None
        if wrong:
            problems.append((line, "; ".join(wrong)))
            continue
        entries.append(
            PracticeEntry(
                school=school,
                practice_area=area,
                title=values["title"],
                summary=values["summary"],
                evidence=values.get("evidence", ""),
                evidence_strength=strength,
                source=Source.CSV,
                created_by=by,
                **dates,
            )
        )
    if problems:
        raise PracticeImportFailed(problems)
    with transaction.atomic():
        PracticeEntry.objects.bulk_create(entries, batch_size=1000)
    return PracticeImportResult(created=len(entries), lines=[line for line, _ in body])
