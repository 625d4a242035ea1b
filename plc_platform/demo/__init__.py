"""Demo data for a newcomer: a year in the life of a consortium.

``networks.demo`` makes the people and places (two consortia, their schools, networks and people).
On top of them this package generates an academic year (September to July, the one containing
today), one module per app:

- ``reviews``: self-review rounds with answers that tell a story, maturity stages, notices sent
  and email preferences (every self-review import of the demo is in that module);
- ``enquiry``: fifty enquiries at every stage and every level of sharing, with evidence and files;
- ``activities``: past and planned activities with participants, costs and evaluations;
- ``brokerage``: specialists, the record of practice, requests in every state and a digest;
- ``statements``: a budget for every network and one published statement of account.

Deterministic for a fixed seed (each part draws from its own ``random.Random``) and idempotent:
each part looks for what it made before (a network's rounds, enquiries or activities; a
consortium's specialists or digest) and makes nothing again, so a second run changes no row count.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from django.db import transaction

from networks.demo import ALL_LOGINS, SEED, DemoLogin, DemoSummary, demo_seed

from .activities import seed_activities
from .brokerage import seed_brokerage
from .context import DemoContext
from .enquiry import seed_enquiries
from .findings import findings_for
from .reviews import seed_notices, seed_reviews
from .statements import seed_statements
from .timeline import Year


@dataclass
class YearSummary:
    people: DemoSummary
    created: Counter
    findings: dict[str, str] = field(default_factory=dict)  # login key: what that person will find
    logins: list[DemoLogin] = field(default_factory=lambda: list(ALL_LOGINS))


@transaction.atomic
def demo_year_seed(*, seed: int = SEED, today=None) -> YearSummary:
    """People and places, then the year: self-review, enquiries, activities, brokerage, notices."""
    people = demo_seed(seed=seed)
    ctx = DemoContext.build(seed, Year.containing(today))
    seed_reviews(ctx)
    seed_enquiries(ctx)
    seed_activities(ctx)
    seed_brokerage(ctx)
    seed_statements(ctx)
    seed_notices(ctx)
    created = Counter(people.created)
    created.update(ctx.created)
    return YearSummary(people=people, created=created, findings=findings_for(ctx))
