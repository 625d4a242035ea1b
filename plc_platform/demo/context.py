"""What every part of the demo year shares: the calendar, one stream of random numbers, the people
and places that networks.demo made, and a tally of what was created."""

from __future__ import annotations

import random
from collections import Counter
from dataclasses import dataclass, field

from networks.demo import (
    BAY_NETWORK,
    BAY_SLUG,
    BAY_TEACHER_SCHOOL,
    CONSORTIUM_SLUG,
    DEMO_DOMAIN,
    NETWORKS,
    TEACHER_SCHOOL,
    WRITING_NETWORK,
)
from networks.models import Consortium, Network, School, User

from .timeline import Year


@dataclass
class DemoContext:
    seed: int
    year: Year
    rng: random.Random
    consortium: Consortium
    bay: Consortium
    networks: list[Network]  # every demo network, the first consortium's first
    logins: dict[str, User]  # by login key: "teacher", "bay-officer", ...
    created: Counter = field(default_factory=Counter)

    @classmethod
    def build(cls, seed: int, year: Year) -> DemoContext:
        names = [spec.name for spec in NETWORKS] + [BAY_NETWORK.name]
        by_name = {n.name: n for n in Network.objects.filter(name__in=names).select_related("consortium")}
        keys = ["admin", "officer", "specialist", "leader", "colead", "teacher", "head"]
        keys += ["bay-officer", "bay-leader", "bay-teacher"]
        users = {u.email.split("@")[0]: u for u in User.objects.filter(email__in=[f"{k}@{DEMO_DOMAIN}" for k in keys])}
        return cls(
            seed=seed,
            year=year,
            rng=random.Random(seed),
            consortium=Consortium.objects.get(slug=CONSORTIUM_SLUG),
            bay=Consortium.objects.get(slug=BAY_SLUG),
            networks=[by_name[name] for name in names],
            logins=users,
        )

    def stream(self, part: str) -> random.Random:
        """A stream of random numbers of its own for each part, so one part's changes leave the others alone."""
        return random.Random(f"{self.seed}:{part}")

    @property
    def writing(self) -> Network:
        return next(n for n in self.networks if n.name == WRITING_NETWORK)

    @property
    def bay_network(self) -> Network:
        return next(n for n in self.networks if n.consortium_id == self.bay.pk)

    def teacher_school(self) -> School:
        return School.objects.get(name=TEACHER_SCHOOL, consortium=self.consortium)

    def bay_teacher_school(self) -> School:
        return School.objects.get(name=BAY_TEACHER_SCHOOL, consortium=self.bay)
