"""Plain words for the desk: dates, terms, counts. Used by reasons, messages and emails."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal


def number(value) -> str:
    """2.0 -> "2"; 1.5 -> "1.5"."""
    text = f"{Decimal(value):f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


def day(value: date, *, year: bool = False) -> str:
    return f"{value.day} {value:%B}" + (f" {value.year}" if year else "")


def date_range(start: date, end: date) -> str:
    """3-14 March; 28 February to 3 March; 30 December 2025 to 2 January 2026."""
    if start == end:
        return day(start)
    if start.year != end.year:
        return f"{day(start, year=True)} to {day(end, year=True)}"
    if start.month == end.month:
        return f"{start.day}\u2013{end.day} {end:%B}"
    return f"{day(start)} to {day(end)}"


def days_list(days) -> str:
    """The dates as said aloud: "3 and 4 March", "3, 4 and 10 March", "28 February and 3 March"."""
    days = sorted(set(days))
    if not days:
        return ""
    groups: list[tuple[str, list[int]]] = []
    for value in days:
        label = f"{value:%B}" + ("" if value.year == days[-1].year else f" {value.year}")
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
    return ", ".join(items[:-1]) + " and " + items[-1]


def times(n: int) -> str:
    return {0: "never", 1: "once", 2: "twice"}.get(n, f"{n} times")


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
        return f"{self.name} term {self.starts_on.year}"


def term_of(value: date) -> Term:
    if value.month >= 9:
        return Term("autumn", date(value.year, 9, 1), date(value.year, 12, 31))
    if value.month <= 3:
        return Term("spring", date(value.year, 1, 1), date(value.year, 3, 31))
    return Term("summer", date(value.year, 4, 1), date(value.year, 8, 31))
