"""The co-operative group jigsaw of seed 000, as a pure function.

``plan_jigsaw(people, readings)`` splits people (name, school) into *home groups* of three or four
and gives each person a reading (A to D); the *expert groups* are the people with the same reading,
split again into groups of three or four where there are more than four of them.

The rules, and what happens when numbers do not allow them:

- Home groups are of three or four whenever that is possible, which is for every number of people
  from 3 upwards except 5. **Five people make one home group of five** (three and two would leave a
  pair without the range of readings). Fewer than three people cannot make a jigsaw: ``ValueError``.
- There are ceil(n / 4) home groups, the first ``n mod`` ones of four, the rest of three.
- Colleagues from one school are spread out: people are listed school by school (largest school
  first) and dealt round the home groups like cards, so a school with c people never has more
  than ceil(c / number of groups) of them in one home group.
- Readings are dealt in turn through each home group, starting one reading further on in each next
  group, so every home group at least as large as the number of readings covers every reading, and
  colleagues from one school (who sit in the same place in successive groups) read different
  things. A group of three with four readings misses one reading: numbers do not allow more. The
  plan's notes say so.
- Expert groups: the people with one reading, in groups of three or four where there are more than
  four (five stay together); fewer than three with one reading make one small expert group.
- The same input always gives the same plan: the order within each school is shuffled by a
  random generator seeded with a hash of the input.
"""

from __future__ import annotations

import hashlib
import math
import random
from collections import defaultdict
from dataclasses import dataclass, field

from django.utils.translation import gettext, ngettext

LETTERS = "ABCD"
MIN_READINGS, MAX_READINGS = 2, 4


@dataclass(frozen=True)
class Person:
    name: str
    school: str = ""


@dataclass
class Member:
    name: str
    school: str
    reading: str


@dataclass
class Group:
    label: str
    members: list[Member] = field(default_factory=list)

    @property
    def size(self):
        return len(self.members)

    @property
    def readings(self):
        return sorted({member.reading for member in self.members})


@dataclass
class JigsawResult:
    home_groups: list[Group]
    expert_groups: list[Group]
    readings: list[str]
    notes: list[str]


def group_sizes(n: int) -> list[int]:
    """Sizes of groups of three or four for n people (largest first); [5] for five, [n] below three."""
    if n < 3 or n == 5:
        return [n] if n else []
    count = math.ceil(n / 4)
    fours = n - 3 * count
    return [4] * fours + [3] * (count - fours)


def parse_people(text: str) -> list[Person]:
    """“Name, School” lines (the school is optional); blank lines are skipped."""
    people = []
    for line in text.splitlines():
        line = line.strip()
        if not line:
            continue
        name, _, school = line.partition(",")
        people.append(Person(name=name.strip(), school=school.strip()))
    return people


def _seed(people: list[Person], readings: int) -> int:
    text = "\n".join(f"{p.name}\t{p.school}" for p in people) + f"\n{readings}"
    return int.from_bytes(hashlib.sha256(text.encode()).digest()[:8], "big")


def plan_jigsaw(people: list[Person], readings: int) -> JigsawResult:
    n = len(people)
    if not MIN_READINGS <= readings <= MAX_READINGS:
        raise ValueError(f"A jigsaw has {MIN_READINGS} to {MAX_READINGS} readings.")
    if n < 3:
        raise ValueError("A jigsaw needs at least three people: home groups are of three or four.")
    letters = list(LETTERS[:readings])
    rng = random.Random(_seed(people, readings))  # noqa: S311 - the same list gives the same groups; no secret

    by_school = defaultdict(list)
    for person in people:
        by_school[person.school.casefold()].append(person)
    for members in by_school.values():
        rng.shuffle(members)
    schools = sorted(by_school, key=lambda key: (-len(by_school[key]), key))
    dealt = [person for key in schools for person in by_school[key]]

    sizes = group_sizes(n)
    home = [Group(label=gettext("Home group %(number)s") % {"number": number}) for number in range(1, len(sizes) + 1)]
    # Round the groups like cards: person i to group i mod g. The first groups take a fourth person.
    for index, person in enumerate(dealt):
        home[index % len(home)].members.append(Member(person.name, person.school, ""))
    # Readings in turn through each group, starting one further on in each next group, so that a
    # school's people, who sit in the same place in successive groups, get different readings.
    for offset, group in enumerate(home):
        for slot, member in enumerate(group.members):
            member.reading = letters[(slot + offset) % readings]

    experts = []
    for letter in letters:
        with_reading = [member for group in home for member in group.members if member.reading == letter]
        if not with_reading:
            continue
        parts = group_sizes(len(with_reading))
        start = 0
        for number, size in enumerate(parts, start=1):
            label = gettext("Expert group %(letter)s") % {"letter": letter + (str(number) if len(parts) > 1 else "")}
            experts.append(Group(label=label, members=with_reading[start : start + size]))
            start += size

    return JigsawResult(
        home_groups=home, expert_groups=experts, readings=letters, notes=_notes(n, readings, home, experts)
    )


def _notes(n: int, readings: int, home: list[Group], experts: list[Group]) -> list[str]:
    notes = []
    if n == 5:
        notes.append(
            gettext(
                "Five people cannot make home groups of three or four, so they are one home group of five "
                "(three and two would leave a pair without the range of readings)."
            )
        )
    short = [group for group in home if group.size < readings]
    if short:
        note = ngettext(
            "%(count)d home group of %(size)d cannot cover all %(readings)d readings: numbers do not allow it. "
            "It shares the readings it has.",
            "%(count)d home groups of %(size)d cannot cover all %(readings)d readings: numbers do not allow it. "
            "They share the readings they have.",
            len(short),
        )
        notes.append(note % {"count": len(short), "size": short[0].size, "readings": readings})
    small = [group.label for group in experts if group.size < 3]
    if small:
        notes.append(
            ngettext(
                "Too few people for expert groups of three with every reading: %(groups)s has fewer than three people.",
                "Too few people for expert groups of three with every reading: %(groups)s have fewer than three "
                "people.",
                len(small),
            )
            % {"groups": gettext(", ").join(small)}
        )
    return notes
