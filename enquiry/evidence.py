"""How sure a network can be of what its own enquiries say works: a rating from 0 to 5 with its
reasons in words. A pure function of the enquiries' figures, so each reason can be tested alone.

Points: how many enquiries (one: 1, three or more: 2); how strong their claims (1 when at least
half rest on data or better); how consistent their measured changes (1 when two or more all go
the same way, minus 1 when they contradict each other); how recent (1 when the newest is from the
last three years, minus 1 when every one is older). The total is kept between 0 and 5.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from .models import Strength

RECENT_YEARS = 3
MANY = 3


@dataclass(frozen=True)
class EnquiryFigures:
    """What the rating reads of one enquiry: its strongest claim, its measured change, its date."""

    strength: int | None
    change: Decimal | None
    on: dt.date | None


@dataclass(frozen=True)
class Rating:
    score: int
    reasons: tuple[str, ...]

    @property
    def label(self) -> str:
        return f"{self.score} out of 5"


def evidence_rating(enquiries: list[EnquiryFigures], today: dt.date) -> Rating:
    if not enquiries:
        return Rating(0, ("No enquiry to go on yet.",))
    score, reasons = 0, []

    count = len(enquiries)
    if count >= MANY:
        score += 2
        reasons.append(f"{count} enquiries.")
    elif count == 1:
        score += 1
        reasons.append("One enquiry only: one school's experience.")
    else:
        score += 1
        reasons.append("Two enquiries: a start, but few.")

    strong = sum(1 for e in enquiries if e.strength and e.strength >= Strength.DATA)
    if strong * 2 >= count:
        score += 1
        reasons.append(
            "It rests on data." if count == 1 else f"{_of(strong, count)} rest on data or a comparison group."
        )
    elif count == 1:
        reasons.append("It rests on anecdote, observation or pupils' work, not data.")
    else:
        reasons.append(f"Most rest on anecdote, observation or pupils' work ({strong} of {count} on data).")

    changes = [e.change for e in enquiries if e.change is not None]
    ups, downs = sum(1 for c in changes if c > 0), sum(1 for c in changes if c < 0)
    if len(changes) < 2:
        reasons.append(
            "No measured change yet." if not changes else "Only one measured change: nothing to check it against."
        )
    elif ups and downs:
        score -= 1
        reasons.append(f"Contradictory results: {ups} went up and {downs} went down.")
    else:
        score += 1
        reasons.append(f"Consistent results: all {len(changes)} measured changes went the same way.")

    dates = [e.on for e in enquiries if e.on]
    if dates:
        newest = max(dates)
        if (today - newest).days <= RECENT_YEARS * 365:
            score += 1
            reasons.append(f"Recent: the newest is from {newest.year}.")
        else:
            score -= 1
            reasons.append(f"Old: the newest is from {newest.year}, more than {RECENT_YEARS} years ago.")
    return Rating(max(0, min(5, score)), tuple(reasons))


def _of(part: int, whole: int) -> str:
    return "All" if part == whole else f"{part} of {whole}"
