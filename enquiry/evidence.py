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
from typing import NamedTuple

from django.utils.translation import gettext

from .models import Strength

RECENT_YEARS = 3
MANY = 3


class EnquiryFigures(NamedTuple):
    """What the rating reads of one enquiry: its strongest claim, its measured change, its date (a
    named tuple: "what works here" makes one for each of thousands of enquiries a request)."""

    strength: int | None
    change: Decimal | None
    on: dt.date | None


@dataclass(frozen=True)
class Rating:
    score: int
    reasons: tuple[str, ...]

    @property
    def label(self) -> str:
        return gettext("%(score)d out of 5") % {"score": self.score}


def evidence_rating(enquiries: list[EnquiryFigures], today: dt.date) -> Rating:
    if not enquiries:
        return Rating(0, (gettext("No enquiry to go on yet."),))
    score, reasons = 0, []

    count = len(enquiries)
    if count >= MANY:
        score += 2
        reasons.append(gettext("%(count)d enquiries.") % {"count": count})
    elif count == 1:
        score += 1
        reasons.append(gettext("One enquiry only: one school's experience."))
    else:
        score += 1
        reasons.append(gettext("Two enquiries: a start, but few."))

    strong = sum(1 for e in enquiries if e.strength and e.strength >= Strength.DATA)
    if strong * 2 >= count:
        score += 1
        if count == 1:
            reasons.append(gettext("It rests on data."))
        elif strong == count:
            reasons.append(gettext("All rest on data or a comparison group."))
        else:
            reasons.append(
                gettext("%(strong)d of %(count)d rest on data or a comparison group.")
                % {"strong": strong, "count": count}
            )
    elif count == 1:
        reasons.append(gettext("It rests on anecdote, observation or pupils' work, not data."))
    else:
        reasons.append(
            gettext("Most rest on anecdote, observation or pupils' work (%(strong)d of %(count)d on data).")
            % {"strong": strong, "count": count}
        )

    changes = [e.change for e in enquiries if e.change is not None]
    ups, downs = sum(1 for c in changes if c > 0), sum(1 for c in changes if c < 0)
    if len(changes) < 2:
        reasons.append(
            gettext("No measured change yet.")
            if not changes
            else gettext("Only one measured change: nothing to check it against.")
        )
    elif ups and downs:
        score -= 1
        reasons.append(
            gettext("Contradictory results: %(ups)d went up and %(downs)d went down.") % {"ups": ups, "downs": downs}
        )
    else:
        score += 1
        reasons.append(
            gettext("Consistent results: all %(count)d measured changes went the same way.") % {"count": len(changes)}
        )

    dates = [e.on for e in enquiries if e.on]
    if dates:
        newest = max(dates)
        if (today - newest).days <= RECENT_YEARS * 365:
            score += 1
            reasons.append(gettext("Recent: the newest is from %(year)d.") % {"year": newest.year})
        else:
            score -= 1
            reasons.append(
                gettext("Old: the newest is from %(year)d, more than %(years)d years ago.")
                % {"year": newest.year, "years": RECENT_YEARS}
            )
    return Rating(max(0, min(5, score)), tuple(reasons))
