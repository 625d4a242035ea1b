"""What each demo login will find when they sign in, for the table ``seed_demo`` prints: worked out
from the data, with the same reads as the home page, so the table never promises what is not there."""

from __future__ import annotations

from django.utils import dateformat

from activities.models import CostLine, CostStatus
from activities.reads import upcoming_for
from brokerage.reads import home_context as brokerage_home
from enquiry.models import Enquiry
from enquiry.reads import home_context as enquiry_home
from networks.models import LEADER_ROLES, Role, User

from .context import DemoContext
from .reviews import ReviewRound, RoundStatus, rounds_waiting

WORDS = ["no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"]


def count(number: int, thing: str, things: str | None = None) -> str:
    word = WORDS[number] if number < len(WORDS) else str(number)
    return f"{word} {thing if number == 1 else things or thing + 's'}"


def _when(ctx: DemoContext, day) -> str:
    days = (day - ctx.year.today).days
    if 0 <= days < 7:
        return "this week"
    if 7 <= days < 14 and day.isocalendar()[1] == ctx.year.today.isocalendar()[1] + 1:
        return "next week"
    return f"on {dateformat.format(day, 'j F')}"


def findings_for(ctx: DemoContext) -> dict[str, str]:
    found = {}
    for key, stale in ctx.logins.items():
        user = User.objects.get(pk=stale.pk)  # fresh: reads cache a person's memberships
        found[key] = "; ".join(_things(ctx, user)) or "the platform, with every network"
    return found


def _things(ctx: DemoContext, user: User) -> list[str]:
    things = []
    if user.is_superuser:
        things.append("the admin site, and every consortium's networks, schools and people")
        return things
    rounds = rounds_waiting(user)
    if rounds:
        things.append(count(len(rounds), "self-review") + " to answer")
    enquiries = enquiry_home(user)["enquiry_home"]
    owned = Enquiry.objects.filter(owner=user).count()
    if owned:
        text = count(owned, "enquiry", "enquiries") + " of your own"
        if enquiries["new_comments"]:
            text += " (new comments on one)"
        things.append(text)
    upcoming = upcoming_for(user)
    if upcoming:
        first = upcoming[0]
        kind = first.activity_type.name.split(" (")[0].lower()
        article = "an" if kind[0] in "aeiou" else "a"
        things.append(f"{article} {kind} {_when(ctx, first.on_date)}")
    roles = {m.role for m in user.memberships.all()}
    if roles & set(LEADER_ROLES):
        closed = ReviewRound.objects.filter(
            network__memberships__user=user, network__memberships__role__in=LEADER_ROLES, status=RoundStatus.CLOSED
        ).count()
        if closed:
            things.append(f"the network's self-review results ({count(closed, 'closed round')}), activities and budget")
    if Role.SCHOOL_LEAD in roles:
        waiting = (
            CostLine.objects.filter(
                status=CostStatus.PROPOSED, school__memberships__user=user, school__memberships__role=Role.SCHOOL_LEAD
            )
            .exclude(activity__status="cancelled")
            .count()
        )
        if waiting:
            things.append(count(waiting, "cost line") + " waiting for your approval")
    desk = brokerage_home(user)
    if desk.get("to_answer"):
        things.append(count(len(desk["to_answer"]), "brokerage request") + " with proposals to answer")
    if desk.get("engagements"):
        things.append(count(len(desk["engagements"]), "booked engagement"))
    for row in desk.get("desks", []):
        things.append(
            f"the brokerage desk: {row['submitted']} new, {row['triaged']} to match, {row['accepted']} to book"
        )
    return things
