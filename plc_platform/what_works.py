""" "What works here": for a practice area, what the consortium's own enquiries say, how sure we
can be, and what it cost, built live from the enquiries the reader may read.

The enquiry app gives the lines (enquiry.reads.what_works_lines: readable enquiries, their
measures and claims; the others only counted); the rating is enquiry.evidence's pure function;
the cost per school comes from the activities linked to those enquiries and the engagements
brokered in the area for their schools. A fixed number of queries whatever the numbers.
"""

from __future__ import annotations

import datetime as dt
import statistics
from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

from django.utils.translation import gettext

from activities.models import ActivityStatus, CostLine
from brokerage.models import LIVE_ENGAGEMENT_STATUSES, Engagement
from enquiry.evidence import Rating, evidence_rating
from enquiry.models import format_number
from enquiry.reads import WorksLine, area_counts, readable_in_area, what_works_lines
from networks.models import PracticeArea

ZERO = Decimal("0.00")
LISTED = 10  # enquiries named under each line; the library lists them all


@dataclass
class Summary:
    line: WorksLine
    rating: Rating
    cost_total: Decimal
    cost_schools: int
    activities: int
    engagements: int

    @property
    def title(self) -> str:
        return self.line.approach_name or gettext("All approaches")

    @property
    def change_text(self) -> str:
        """ "median up 12 points (from 4 to 23, 5 enquiries)", in the unit most of them measure in."""
        changes = self.line.changes
        if not changes:
            return gettext("No measured change yet.")
        unit = gettext("points") if self.line.unit == "%" else self.line.unit
        suffix = f" {unit}" if unit else ""
        median = Decimal(statistics.median(changes))
        text = gettext("Median change %(median)s") % {"median": f"{_signed(median)}{suffix}"}
        if len(changes) > 1:
            text += gettext(", from %(low)s to %(high)s") % {"low": _signed(changes[0]), "high": _signed(changes[-1])}
        measured = gettext("%(n)s measured in %(unit)s") % {
            "n": len(changes),
            "unit": self.line.unit or gettext("the same unit"),
        }
        return f"{text} ({measured})."

    @property
    def cost_text(self) -> str:
        if not self.cost_schools:
            return gettext("No costs recorded.")
        each = (self.cost_total / self.cost_schools).quantize(Decimal("1"))
        return gettext("About £%(each)s per school (%(activities)s activities, %(engagements)s engagements).") % {
            "each": f"{each:,}",
            "activities": self.activities,
            "engagements": self.engagements,
        }

    @property
    def listed(self):
        return self.line.named


def _signed(value: Decimal) -> str:
    return ("+" if value > 0 else "") + format_number(value)


def area_overview(consortium) -> list[tuple[PracticeArea, int]]:
    """The consortium's practice areas with how many enquiries tag each (two queries)."""
    counts = area_counts(consortium.pk)
    return [(area, counts.get(area.pk, 0)) for area in consortium.practice_areas.order_by("name")]


def what_works(user, area: PracticeArea, today: dt.date) -> list[Summary]:
    """The area's line, then each shared approach's line, with rating and cost per school."""
    lines = what_works_lines(user, area, named=LISTED)
    if not lines:
        return []
    readable = readable_in_area(user, area)
    costs = defaultdict(list)  # enquiry id -> [(line pk, school id, amount)]
    for enquiry_id, pk, activity_id, school_id, amount in (
        CostLine.objects.filter(activity__enquiries__in=readable.values("pk"))
        .exclude(activity__status=ActivityStatus.CANCELLED)
        .values_list("activity__enquiries", "pk", "activity_id", "school_id", "amount")
        .order_by()
    ):
        costs[enquiry_id].append((pk, activity_id, school_id, amount))
    engagements = defaultdict(list)  # school id -> [(engagement pk, cost)]
    for pk, school_id, cost in (
        Engagement.objects.filter(
            status__in=LIVE_ENGAGEMENT_STATUSES,
            request__school_id__in=readable.values("school_id"),
            request__practice_areas=area,
        )
        .values_list("pk", "request__school_id", "cost")
        .order_by()
        .distinct()
    ):
        engagements[school_id].append((pk, cost))
    summaries = []
    for line in lines:
        lines_seen, activities, schools, total = set(), set(), set(), ZERO
        for enquiry_id, _ in line.enquiries:
            for pk, activity_id, school_id, amount in costs.get(enquiry_id, ()):
                if pk not in lines_seen:
                    lines_seen.add(pk)
                    activities.add(activity_id)
                    total += amount
                    if school_id:
                        schools.add(school_id)
        engaged = set()
        for school_id in {school_id for _, school_id in line.enquiries}:
            for pk, cost in engagements.get(school_id, ()):
                if pk not in engaged:
                    engaged.add(pk)
                    total += cost
                    schools.add(school_id)
        summaries.append(
            Summary(
                line=line,
                rating=evidence_rating(line.figures, today),
                cost_total=total,
                cost_schools=len(schools),
                activities=len(activities),
                engagements=len(engaged),
            )
        )
    return summaries
