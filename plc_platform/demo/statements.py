"""The demo's money and account: a budget for the school year for every demo network, and for the
writing network a published statement of account (with a share link) over the part of the year
already behind it."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

from activities.models import NetworkBudget
from networks.models import LEADER_ROLES, User
from plc_platform import statement_services
from plc_platform.flowmap import term_period
from plc_platform.models import Statement

from .context import DemoContext

BUDGET_PER_SCHOOL = Decimal("1500.00")


def seed_statements(ctx: DemoContext) -> None:
    school_year = (ctx.year.start, date(ctx.year.start.year + 1, 8, 31))
    for network in ctx.networks:
        if not NetworkBudget.objects.filter(network=network).exists():
            NetworkBudget.objects.create(
                network=network,
                starts_on=school_year[0],
                ends_on=school_year[1],
                amount=BUDGET_PER_SCHOOL * network.schools.count(),
                note="The consortium's grant for the school year.",
            )
            ctx.created["budgets"] += 1
    network = ctx.writing
    if Statement.objects.filter(network=network).exists():
        return
    leader = (
        User.objects.filter(memberships__network=network, memberships__role__in=LEADER_ROLES).order_by("pk").first()
    )
    start, end, label = _period_behind(ctx)
    statement = statement_services.statement_create(network=network, start=start, end=end, label=label, by=leader)
    statement_services.statement_write(
        statement=statement,
        introduction=(
            "Our schools came together to improve pupils' extended writing. This account sets out what we "
            "did for each other, what it cost against the consortium's grant, and what our self-review shows."
        ),
        next_steps=(
            "Each school will host at least one learning visit next term, so that every school gives as well "
            "as receives. We review the key features again in the summer term."
        ),
    )
    statement = statement_services.statement_publish(statement=statement, by=leader)
    statement_services.share_create(statement=statement, by=leader, label="Governors")
    ctx.created["statements"] += 1


def _period_behind(ctx: DemoContext) -> tuple[date, date, str]:
    """The latest term that has ended, or else from 1 September to yesterday."""
    first = ctx.year.start.year
    ended = [term_period(first, i) for i in range(3) if term_period(first, i).end < ctx.year.today]
    if ended:
        return ended[-1].start, ended[-1].end, ended[-1].label
    yesterday = max(ctx.year.today - timedelta(days=1), ctx.year.start)
    return ctx.year.start, yesterday, f"{ctx.year.start:%-d %B %Y} to {yesterday:%-d %B %Y}"
