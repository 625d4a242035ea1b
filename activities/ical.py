"""A person's activities as an iCalendar feed (RFC 5545), written by hand.

Text values escape backslash, semicolon, comma and newlines (3.3.11); lines are folded at 75
octets without splitting a UTF-8 character (3.1); lines end in CRLF. Times are in UTC.
"""

from __future__ import annotations

from datetime import UTC, datetime
from urllib.parse import urlsplit

from django.conf import settings

from .models import ActivityStatus

PRODID = "-//PLC Platform//Activities//EN"
# Statuses whose event is CONFIRMED in the calendar; any other is TENTATIVE.
CONFIRMED_STATUSES = (ActivityStatus.CONFIRMED, ActivityStatus.DONE)


def escape_text(value: str) -> str:
    return (
        value.replace("\\", "\\\\")
        .replace(";", "\\;")
        .replace(",", "\\,")
        .replace("\r\n", "\\n")
        .replace("\n", "\\n")
        .replace("\r", "\\n")
    )


def fold(line: str) -> str:
    """Split a content line into lines of at most 75 octets, continuation lines starting with a space."""
    encoded = line.encode()
    if len(encoded) <= 75:
        return line
    parts, current, limit = [], b"", 75
    for char in line:
        piece = char.encode()
        if len(current) + len(piece) > limit:
            parts.append(current.decode())
            current, limit = b"", 74  # the leading space counts
        current += piece
    parts.append(current.decode())
    return "\r\n ".join(parts)


def utc(value: datetime) -> str:
    return value.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")


def _host() -> str:
    return urlsplit(settings.SITE_URL).hostname or "plc-platform.local"


def calendar(activities, *, name: str, now: datetime) -> str:
    """The VCALENDAR text for these activities (each with network, host school and type loaded)."""
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:{PRODID}",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        f"X-WR-CALNAME:{escape_text(name)}",
    ]
    site = settings.SITE_URL.rstrip("/")
    for activity in activities:
        where = ", ".join(
            part for part in [activity.host_school.name if activity.host_school else "", activity.location] if part
        )
        description = f"{activity.activity_type.name} · {activity.network.name}"
        if activity.purpose:
            description += f"\n\n{activity.purpose}"
        lines += [
            "BEGIN:VEVENT",
            f"UID:activity-{activity.pk}@{_host()}",
            f"DTSTAMP:{utc(now)}",
            f"DTSTART:{utc(activity.starts_at)}",
            f"DTEND:{utc(activity.ends_at)}",
            f"SEQUENCE:{activity.sequence}",
            f"SUMMARY:{escape_text(activity.title)}",
            f"DESCRIPTION:{escape_text(description)}",
            f"URL:{site}{activity.get_absolute_url()}",
            f"STATUS:{'CONFIRMED' if activity.status in CONFIRMED_STATUSES else 'TENTATIVE'}",
        ]
        if where:
            lines.append(f"LOCATION:{escape_text(where)}")
        lines.append("END:VEVENT")
    lines.append("END:VCALENDAR")
    return "".join(fold(line) + "\r\n" for line in lines)
