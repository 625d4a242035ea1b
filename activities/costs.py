"""What an activity should cost: lines proposed from its template's cost rules and its participants.

Pure reading: `proposals_for(activity)` looks up the rates in force on the activity's first day
and returns the lines the template proposes, each with a stable key so that proposing again (after
a participant joins, or the date moves) updates the same line. `services.costs_propose` writes them.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.db import models
from django.utils import dateformat
from django.utils.translation import gettext

from .models import CostCategory, ParticipantRole, Rate, line_amount

METRES_PER_MILE = Decimal("1609.344")
TENTH = Decimal("0.1")


class CostRulePer(models.TextChoices):
    """What a cost rule's lines are counted per (the ``per`` of an activity type's ``cost_rules``;
    activities/reference_data.py says what each means)."""

    PARTICIPANT_DAY = "participant_day"
    SCHOOL = "school"
    DAY = "day"
    PERSON = "person"


class CostBearer(models.TextChoices):
    """Who bears a cost rule's line (its ``bearer``): a participant's school, the host school, or
    the network (no school)."""

    PARTICIPANT = "participant"
    HOST = "host"
    NETWORK = "network"


@dataclass(frozen=True)
class Proposal:
    key: str
    category: str
    school_id: int | None
    description: str
    quantity: Decimal
    unit_label: str
    rate: Decimal
    source_rate_id: int | None

    @property
    def amount(self) -> Decimal:
        return line_amount(self.quantity, self.rate)


def rates_in_force(consortium_id: int, on) -> dict[str, Rate]:
    """Each category's rate that applies on the day `on` (one query)."""
    rates = {}
    for rate in Rate.objects.in_force(consortium_id=consortium_id, on=on):
        rates.setdefault(rate.category, rate)
    return rates


def miles_there_and_back(school, host) -> Decimal:
    """Straight-line miles between two schools' grid references, there and back, to a tenth of a mile.

    Zero when either school has no grid reference: the leader enters the miles by hand.
    """
    if None in (school.easting, school.northing, host.easting, host.northing):
        return Decimal("0")
    metres = Decimal(str(math.hypot(school.easting - host.easting, school.northing - host.northing)))
    return (2 * metres / METRES_PER_MILE).quantize(TENTH, rounding=ROUND_HALF_UP)


def proposals_for(activity, participants=None) -> list[Proposal]:
    """The lines the activity's template proposes for its participants, at the rates of its first day."""
    if participants is None:
        participants = list(activity.participants.select_related("user", "school"))
    rates = rates_in_force(activity.network.consortium_id, activity.on_date)
    host = activity.host_school
    days = activity.days
    labels = dict(CostCategory.choices)
    proposals = []

    def add(key, category, school_id, description, quantity):
        rate = rates.get(category)
        if rate is None:
            day = dateformat.format(activity.on_date, "j F Y")
            description += f" (no {labels[category].lower()} rate in force on {day}: set one)"
        proposals.append(
            Proposal(
                key=key,
                category=category,
                school_id=school_id,
                description=description,
                quantity=Decimal(quantity),
                unit_label=rate.unit_label if rate else "",
                rate=rate.amount if rate else Decimal("0.00"),
                source_rate_id=rate.pk if rate else None,
            )
        )

    for index, rule in enumerate(activity.activity_type.cost_rules or []):
        category, per = rule["category"], rule["per"]
        roles = set(rule.get("roles") or [])
        bearer_rule = rule.get("bearer", CostBearer.PARTICIPANT)
        label = labels.get(category, category)
        chosen = [p for p in participants if not roles or p.role in roles]
        if per == CostRulePer.PARTICIPANT_DAY:
            if days <= 0:
                continue
            for p in chosen:
                if p.school_id is None:
                    continue  # no school releases them: nobody pays cover
                add(
                    f"{index}:{category}:person:{p.user_id}",
                    category,
                    p.school_id,
                    f"{label} for {p.user.full_name or p.user.email} ({p.get_role_display().lower()}), {_days(days)}",
                    days,
                )
        elif per == CostRulePer.SCHOOL:
            schools = {}
            for p in chosen:
                if p.school_id and (host is None or p.school_id != host.pk):
                    schools.setdefault(p.school_id, p.school)
            for school in sorted(schools.values(), key=lambda s: s.name):
                if category == CostCategory.TRAVEL:
                    if host is None:
                        quantity = Decimal("0")
                        description = f"{label} from {school.name} (no host school yet: enter the miles)"
                    else:
                        quantity = miles_there_and_back(school, host)
                        description = f"{label} from {school.name} to {host.name} and back" + (
                            " (straight-line distance: adjust to the road miles)" if quantity else ": enter the miles"
                        )
                else:
                    quantity, description = Decimal("1"), f"{label} for {school.name}"
                add(f"{index}:{category}:school:{school.pk}", category, school.pk, description, quantity)
        elif per == CostRulePer.DAY:
            if days <= 0 and category != CostCategory.CONSULTANCY:
                continue
            add(
                f"{index}:{category}:day",
                category,
                _bearer(bearer_rule, host),
                f"{label}, {_days(days)}" + (f" at {host.name}" if host and category == CostCategory.HOSTING else ""),
                days,
            )
        elif per == CostRulePer.PERSON:
            if not participants:
                continue
            add(
                f"{index}:{category}:person-count",
                category,
                _bearer(bearer_rule, host),
                f"{label} for {len(participants)} {'person' if len(participants) == 1 else 'people'}",
                len(participants),
            )
    return proposals


def _bearer(rule: str, host):
    if rule == CostBearer.HOST and host is not None:
        return host.pk
    return None


def _days(days: Decimal) -> str:
    text = f"{days.normalize():f}"
    return f"{text} day" if days == 1 else f"{text} days"


def costed_roles(activity_type) -> set[str]:
    """The roles whose people the template costs (supply cover, travel); rules for no role cost the
    activity as a whole (hosting, refreshments)."""
    return {role for rule in activity_type.cost_rules or [] for role in rule.get("roles", [])}


def zero_cost_reason(activity, participants, lines) -> str:
    """Why an activity with people taking part is proposed at 0.00, in words for the planner; empty
    when it costs something or nobody takes part yet."""
    if not participants or any(line.amount for line in lines):
        return ""
    costed = costed_roles(activity.activity_type)
    labels = dict(ParticipantRole.choices)
    if costed and not any(p.role in costed for p in participants):
        names = gettext(" or ").join(sorted(str(labels[r]) for r in costed if r in labels))
        return gettext(
            "Nobody taking part has a role this template costs: supply cover and travel are proposed for "
            "each %(roles)s. Change the roles of those who need cover."
        ) % {"roles": names}
    if not lines:
        return gettext("This template proposes no costs for these people. Add a cost by hand if there is one.")
    return gettext("Every proposed line is at a rate of 0.00: no rate is set for it on the consortium's Rates page.")
