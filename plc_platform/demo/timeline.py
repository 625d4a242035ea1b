"""The demo's calendar: the academic year (September to July) that contains today, and helpers to
put a row at a day and time of it. Everything the demo dates is relative to today, so the story is
always "this year"."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.utils import timezone

# School holidays, roughly as Welsh local authorities set them: (first day, last day) as (month, day).
HOLIDAYS = [
    ((10, 26), (10, 31)),  # autumn half term
    ((12, 21), (12, 31)),  # Christmas
    ((1, 1), (1, 3)),
    ((2, 15), (2, 21)),  # February half term
    ((3, 29), (4, 11)),  # Easter
    ((5, 24), (5, 30)),  # Whitsun half term
    ((7, 21), (8, 31)),  # summer
]


def in_holidays(day: date) -> bool:
    return any(first <= (day.month, day.day) <= last for first, last in HOLIDAYS)


@dataclass(frozen=True)
class Year:
    today: date
    start: date  # 1 September
    end: date  # 20 July, the last week of the summer term

    @classmethod
    def containing(cls, today: date | None = None) -> Year:
        today = today or timezone.localdate()
        first = today.year if today.month >= 9 else today.year - 1
        return cls(today=today, start=date(first, 9, 1), end=date(first + 1, 7, 20))

    def at(self, day: date, hour: int = 9, minute: int = 0) -> datetime:
        """An aware datetime on that day, in the platform's time zone."""
        return timezone.make_aware(datetime.combine(day, time(hour, minute)))

    def days_ago(self, days: int) -> date:
        return self.today - timedelta(days=days)

    def days_ahead(self, days: int) -> date:
        return self.today + timedelta(days=days)

    def fraction(self, share: float) -> date:
        """The day that far through the year: 0 is 1 September, 1 is 20 July."""
        return self.start + timedelta(days=round((self.end - self.start).days * share))

    def weekday_on_or_after(self, day: date, weekday: int = 2) -> date:
        """The first given weekday (Monday 0 ... Friday 4; Wednesday by default) on or after `day`."""
        return day + timedelta(days=(weekday - day.weekday()) % 7)

    def school_day(self, day: date) -> date:
        """The day itself if it is a weekday in term time, else the next one that is."""
        while day.weekday() >= 5 or in_holidays(day):
            day += timedelta(days=1)
        return day

    def season(self, day: date) -> str:
        return "autumn" if day.month >= 9 else "spring" if day.month <= 4 else "summer"

    def is_past(self, moment) -> bool:
        if isinstance(moment, datetime):
            return moment < timezone.now()
        return moment < self.today


def backdate(model, pk: int, **fields) -> None:
    """Put a row's own dates back to when the story says it happened (one UPDATE, no signals)."""
    model.objects.filter(pk=pk).update(**fields)
