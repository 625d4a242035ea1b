"""Plain words for the desk: dates, terms, counts. Used by reasons, messages and emails."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from django.utils.dates import MONTHS
from django.utils.translation import gettext, gettext_lazy, ngettext


def number(value) -> str:
    """2.0 -> "2"; 1.5 -> "1.5"."""
    text = f"{Decimal(value):f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


def month(value: date) -> str:
    """The month's name in the language of the moment (Django's own catalogue names them)."""
    return str(MONTHS[value.month])


def day(value: date, *, year: bool = False) -> str:
    return f"{value.day} {month(value)}" + (f" {value.year}" if year else "")


def date_range(start: date, end: date) -> str:
    """3-14 March; 28 February to 3 March; 30 December 2025 to 2 January 2026."""
    if start == end:
        return day(start)
    if start.year != end.year:
        return gettext("%(start)s to %(end)s") % {"start": day(start, year=True), "end": day(end, year=True)}
    if start.month == end.month:
        return f"{start.day}\u2013{end.day} {month(end)}"
    return gettext("%(start)s to %(end)s") % {"start": day(start), "end": day(end)}


def days_list(days) -> str:
    """The dates as said aloud: "3 and 4 March", "3, 4 and 10 March", "28 February and 3 March"."""
    days = sorted(set(days))
    if not days:
        return ""
    groups: list[tuple[str, list[int]]] = []
    for value in days:
        label = month(value) + ("" if value.year == days[-1].year else f" {value.year}")
        if groups and groups[-1][0] == label:
            groups[-1][1].append(value.day)
        else:
            groups.append((label, [value.day]))
    parts = [join_words([str(n) for n in numbers]) + f" {label}" for label, numbers in groups]
    return join_words(parts)


def join_words(items) -> str:
    items = [str(item) for item in items]
    if len(items) <= 1:
        return "".join(items)
    return gettext("%(first)s and %(last)s") % {"first": ", ".join(items[:-1]), "last": items[-1]}


def times(n: int) -> str:
    if n == 0:
        return gettext("never")
    if n == 1:
        return gettext("once")
    if n == 2:
        return gettext("twice")
    return ngettext("%(n)s time", "%(n)s times", n) % {"n": n}


def weekdays(start: date, end: date) -> list[date]:
    """Monday to Friday from start to end, both included."""
    out, value = [], start
    while value <= end:
        if value.weekday() < 5:
            out.append(value)
        value += timedelta(days=1)
    return out


@dataclass(frozen=True)
class Term:
    """A school term: autumn (September-December), spring (January-March), summer (April-August).
    Fixed dates, so capacity is counted the same way everywhere; holidays fall inside them."""

    name: str
    starts_on: date
    ends_on: date

    def __str__(self):
        return str(TERM_NAMES[self.name]) % {"year": self.starts_on.year}


TERM_NAMES = {
    "autumn": gettext_lazy("autumn term %(year)s"),
    "spring": gettext_lazy("spring term %(year)s"),
    "summer": gettext_lazy("summer term %(year)s"),
}


def term_of(value: date) -> Term:
    if value.month >= 9:
        return Term("autumn", date(value.year, 9, 1), date(value.year, 12, 31))
    if value.month <= 3:
        return Term("spring", date(value.year, 1, 1), date(value.year, 3, 31))
    return Term("summer", date(value.year, 4, 1), date(value.year, 8, 31))
