"""Reads of self-review: a round's results, who each round asks, and what waits for a person.

Results: a few aggregate queries, then pure computation in Python.

The page and the CSV are both built from one `RoundResults`, so they show exactly the same
figures, with the same things left out. The anonymity rules live here and only here:

- Only submitted responses count.
- A round with fewer than three respondents shows no figures at all.
- School by school: a school with fewer than three respondents is folded into "Other schools",
  with everyone who answered without a school. If "Other schools" then holds one or two people,
  the smallest school still shown is folded in too, and again, until "Other schools" is empty or
  holds at least three. So taking the schools shown away from the whole network never leaves
  fewer than three people.
  When folding leaves a single row, no table is shown (it would repeat the network's figures).
- Leaders against staff: shown only when both groups have at least three respondents. Leaders
  are the network's leaders and co-leaders, school leads and consortium staff (the group is
  recorded when a response starts: reviews.services.REVIEW_LEADER_ROLES).
- Comments: the text only (no name, school, date or rating), sorted by their text rather than
  the order people answered in, and only when the round has at least three respondents.

The queries do not grow with the number of respondents: one count of answers grouped by
(feature, school, group, rating), one count of respondents grouped by (school, group), the
comments, and the same two counts for the previous round.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import timedelta

from django.db.models import Count, OuterRef, Q, QuerySet, Subquery
from django.utils import dateformat, timezone
from django.utils.translation import gettext, gettext_noop
from django.utils.translation import gettext_lazy as _

from networks.models import Membership, NetworkSchool, User, count_subquery
from networks.permissions import memberships_of
from networks.text import step_change

from .models import (
    Answer,
    Feature,
    Framework,
    MaturityStage,
    Question,
    Rating,
    ResponseGroup,
    ReviewResponse,
    ReviewRound,
    RoundStatus,
    SchoolMaturity,
)

MIN_GROUP = 3
OTHER_SCHOOLS = gettext_noop("Other schools")  # shown through gettext(OTHER_SCHOOLS)
NOT_ENOUGH = _("Results appear once at least three people have answered.")
SCALE = [(r.value, r.label) for r in Rating if r.value]  # (1, "Not yet") ... (4, "Embedded")
BAND_LIMITS = (1.75, 2.5, 3.25)  # means below 1.75 are band 1, ... 3.25 and above band 4
NOTABLE_GAP = 0.5  # a difference between groups worth a sentence in the summary
NOTABLE_CHANGE = 0.2  # a change since the previous round worth a sentence in the summary
CSV_HEADER = [
    "section",
    "group",
    "feature",
    "respondents",
    "mean",
    "not_yet",
    "emerging",
    "developing",
    "embedded",
    "dont_know_share",
    "previous_mean",
    "change",
]


# --- Figures -----------------------------------------------------------------------------------


@dataclass
class Figures:
    """Answers of some group of respondents to one feature's questions, as counts per rating."""

    respondents: int = 0
    counts: list[int] = field(default_factory=lambda: [0] * 5)  # index 0 is "don't know"

    def add(self, rating: int, n: int) -> None:
        self.counts[rating] += n

    @property
    def answers(self) -> int:
        return sum(self.counts)

    @property
    def rated(self) -> int:
        return sum(self.counts[1:])

    @property
    def mean(self) -> float | None:
        """The mean of ratings 1-4; "don't know" is left out. None when nobody rated."""
        if not self.rated:
            return None
        return sum(r * self.counts[r] for r in range(1, 5)) / self.rated

    @property
    def dont_know_share(self) -> float | None:
        """The percentage of answers that were "don't know"."""
        return 100 * self.counts[0] / self.answers if self.answers else None

    @property
    def distribution(self) -> list[int]:
        return self.counts[1:]

    @property
    def band(self) -> int | None:
        return band(self.mean)

    @property
    def segments(self) -> list[dict]:
        """The distribution as a stacked bar 100 units wide: rating, label, count, x, width, share."""
        segments, x = [], 0.0
        for rating, label in SCALE:
            count = self.counts[rating]
            width = 100 * count / self.rated if self.rated else 0.0
            segments.append(
                {"rating": rating, "label": label, "count": count, "x": round(x, 2), "width": round(width, 2)}
            )
            x += width
        return segments

    @property
    def description(self) -> str:
        """The distribution in words, for the bar's accessible name."""
        parts = ", ".join(f"{label} {self.counts[rating]}" for rating, label in SCALE)
        return gettext("Answers: %(parts)s; don't know %(dont_know)s") % {"parts": parts, "dont_know": self.counts[0]}


def band(mean: float | None) -> int | None:
    """Which of the four colour bands a mean falls in (1 = not yet ... 4 = embedded)."""
    if mean is None:
        return None
    return 1 + sum(mean >= limit for limit in BAND_LIMITS)


def change_words(change: float | None) -> str:
    """A change in words, so it is never told by colour or arrow alone."""
    if change is None:
        return ""
    rounded = round(change, 1)
    if rounded == 0:
        return gettext("no change")
    size = f"{abs(rounded):.1f}"
    return (gettext("up %(size)s") if rounded > 0 else gettext("down %(size)s")) % {"size": size}


def _on_scale(mean: float | None) -> float | None:
    """Where a mean from 1 to 4 falls on a line drawn from 4 to 96 (a 100-wide picture)."""
    return None if mean is None else round(4 + (mean - 1) / 3 * 92, 2)


SCALE_TICKS = [_on_scale(value) for value in (1, 2, 3, 4)]


def _one(value: float | None) -> str:
    return "" if value is None else f"{value:.1f}"


# --- The results -------------------------------------------------------------------------------


@dataclass
class FeatureResult:
    feature: Feature
    figures: Figures
    previous_mean: float | None = None
    comments: list[str] = field(default_factory=list)

    @property
    def change(self) -> float | None:
        if self.previous_mean is None or self.figures.mean is None:
            return None
        return self.figures.mean - self.previous_mean

    @property
    def change_words(self) -> str:
        return change_words(self.change)

    @property
    def change_direction(self) -> str:
        """Up, down or the same, to one decimal place (a CSS class); empty with nothing to compare."""
        if self.change is None:
            return ""
        rounded = round(self.change, 1)
        return "up" if rounded > 0 else "down" if rounded < 0 else "same"


@dataclass
class GroupRow:
    """One row of the school-by-feature heat map, or one group (leaders, staff)."""

    label: str
    respondents: int
    cells: list[Figures]
    is_other: bool = False


@dataclass
class GapRow:
    feature: Feature
    leaders: Figures
    staff: Figures

    @property
    def gap(self) -> float | None:
        if self.leaders.mean is None or self.staff.mean is None:
            return None
        return self.leaders.mean - self.staff.mean

    @property
    def leaders_x(self) -> float | None:
        return _on_scale(self.leaders.mean)

    @property
    def staff_x(self) -> float | None:
        return _on_scale(self.staff.mean)

    @property
    def staff_marker_x(self) -> float | None:
        return None if self.staff_x is None else round(self.staff_x - 3, 2)

    @property
    def gap_words(self) -> str:
        if self.gap is None:
            return ""
        rounded = round(self.gap, 1)
        if rounded == 0:
            return gettext("the same")
        size = f"{abs(rounded):.1f}"
        return (gettext("leaders %(size)s higher") if rounded > 0 else gettext("leaders %(size)s lower")) % {
            "size": size
        }


@dataclass
class RoundResults:
    respondents: int
    features: list[FeatureResult] = field(default_factory=list)
    school_rows: list[GroupRow] = field(default_factory=list)
    schools_folded: int = 0
    schools_note: str = ""
    school_level: bool = True
    group_rows: list[GroupRow] = field(default_factory=list)
    gaps: list[GapRow] = field(default_factory=list)
    groups_note: str = ""
    previous_round: ReviewRound | None = None
    previous_note: str = ""

    @property
    def enough(self) -> bool:
        return self.respondents >= MIN_GROUP

    @property
    def network_row(self) -> GroupRow:
        return GroupRow(gettext("Whole network"), self.respondents, [f.figures for f in self.features])

    @property
    def has_comments(self) -> bool:
        return any(f.comments for f in self.features)

    @property
    def has_previous(self) -> bool:
        return any(f.previous_mean is not None for f in self.features)

    # The summary at the top of the page: short sentences, each from the figures below it.

    @property
    def weakest_and_strongest(self) -> tuple[list[FeatureResult], list[FeatureResult]]:
        rated = sorted((f for f in self.features if f.figures.mean is not None), key=lambda f: f.figures.mean)
        if len(rated) < 2:
            return [], []
        n = 2 if len(rated) >= 5 else 1
        return rated[:n], list(reversed(rated[-n:]))

    @property
    def summary(self) -> list[str]:
        if not self.enough:
            return []
        points = []
        weakest, strongest = self.weakest_and_strongest
        if weakest:
            points.append(
                gettext("Weakest: %(weakest)s; strongest: %(strongest)s.")
                % {"weakest": _names(weakest), "strongest": _names(strongest)}
            )
        gaps = [g for g in self.gaps if g.gap is not None and abs(g.gap) >= NOTABLE_GAP]
        if self.gaps and not gaps:
            points.append(
                gettext("Leaders and staff rate every feature within %(gap)s of each other.")
                % {"gap": f"{NOTABLE_GAP:.1f}"}
            )
        if gaps:
            g = max(gaps, key=lambda g: abs(g.gap))
            if g.gap > 0:
                point = gettext(
                    "Leaders rate %(feature)s %(gap)s higher than staff do (%(leaders)s against %(staff)s)."
                )
            else:
                point = gettext("Leaders rate %(feature)s %(gap)s lower than staff do (%(leaders)s against %(staff)s).")
            figures = {"leaders": f"{g.leaders.mean:.1f}", "staff": f"{g.staff.mean:.1f}", "gap": f"{abs(g.gap):.1f}"}
            points.append(point % {"feature": g.feature.display_name, **figures})
        outlier = self._school_outlier()
        if outlier:
            label, feature, school_mean, network_mean = outlier
            if label == gettext(OTHER_SCHOOLS):
                point = gettext(
                    "Other schools see %(feature)s differently: %(school)s against %(network)s across the network."
                )
            else:
                point = gettext(
                    "%(label)s sees %(feature)s differently: %(school)s against %(network)s across the network."
                )
            figures = {"school": f"{school_mean:.1f}", "network": f"{network_mean:.1f}"}
            points.append(point % {"label": label, "feature": feature.display_name, **figures})
        changes = [f for f in self.features if f.change is not None]
        if changes:
            rise = max(changes, key=lambda f: f.change)
            fall = min(changes, key=lambda f: f.change)
            if rise.change >= NOTABLE_CHANGE:
                points.append(
                    gettext("Since %(previous)s, %(feature)s has risen most: %(change)s.")
                    % {
                        "previous": self.previous_label,
                        "feature": rise.feature.display_name,
                        "change": rise.change_words,
                    }
                )
            if fall.change <= -NOTABLE_CHANGE:
                points.append(
                    gettext("Since %(previous)s, %(feature)s has fallen most: %(change)s.")
                    % {
                        "previous": self.previous_label,
                        "feature": fall.feature.display_name,
                        "change": fall.change_words,
                    }
                )
        return points

    @property
    def previous_label(self) -> str:
        """The round compared with, in words: "the last round (September 2024)"."""
        previous = self.previous_round
        if previous is None:
            return gettext("the last round")
        return gettext("the last round (%(round)s)") % {
            "round": previous.title or dateformat.format(previous.opens_on, "F Y")
        }

    def _school_outlier(self):
        """The school row and feature furthest from the network's mean, if notably far."""
        best = None
        if len(self.school_rows) < 2:
            return None
        for row in self.school_rows:
            for result, cell in zip(self.features, row.cells, strict=True):
                if cell.mean is None or result.figures.mean is None:
                    continue
                distance = abs(cell.mean - result.figures.mean)
                if distance >= NOTABLE_GAP and (best is None or distance > best[0]):
                    best = (distance, row.label, result.feature, cell.mean, result.figures.mean)
        return best[1:] if best else None

    # The CSV: the same rows the page shows, nothing more.

    def csv_rows(self) -> Iterator[list]:
        yield CSV_HEADER
        if not self.enough:
            yield ["note", NOT_ENOUGH] + [""] * (len(CSV_HEADER) - 2)
            return
        for result in self.features:
            yield _csv_row("network", gettext("Whole network"), result.feature, result.figures, distribution=True) + [
                _two(result.previous_mean),
                _signed(result.change),
            ]
        for row in self.school_rows:
            for result, cell in zip(self.features, row.cells, strict=True):
                yield _csv_row("school", row.label, result.feature, cell) + ["", ""]
        for row in self.group_rows:
            for result, cell in zip(self.features, row.cells, strict=True):
                yield _csv_row("group", row.label, result.feature, cell) + ["", ""]


def _names(results: list[FeatureResult]) -> str:
    named = [f"{r.feature.display_name} ({r.figures.mean:.1f})" for r in results]
    if len(named) == 2:
        return gettext("%(first)s and %(second)s") % {"first": named[0], "second": named[1]}
    return named[0]


def _two(value: float | None) -> str:
    return "" if value is None else f"{value:.2f}"


def _signed(value: float | None) -> str:
    return "" if value is None else f"{value:+.2f}"


def _csv_row(section: str, group: str, feature: Feature, figures: Figures, distribution: bool = False) -> list:
    counts = figures.distribution if distribution else ["", "", "", ""]
    share = figures.dont_know_share if distribution else None
    return [section, group, feature.display_name, figures.respondents, _two(figures.mean), *counts, _one(share)]


# --- Pure computation --------------------------------------------------------------------------


@dataclass(frozen=True)
class Counts:
    """What the queries return, as plain rows: enough to compute every figure."""

    # {"feature": id, "school": id or None, "group": "leader"/"staff", "rating": 0-4, "n": answers}
    answers: list[dict]
    # {"school": id or None, "school_name": str, "group": str, "n": respondents}
    respondents: list[dict]


def fold_schools(respondents_by_school: Mapping[int | None, int], names: Mapping[int, str]) -> tuple[list, int]:
    """Which schools get a row of their own; the rest are folded into "Other schools".

    Returns (school ids shown, ordered by name; respondents in "Other schools"). Everyone without
    a school is in "Other schools". A school under MIN_GROUP is folded; then, while "Other schools"
    holds 1 or 2 people, the smallest school shown is folded in too.
    """
    shown = {s: n for s, n in respondents_by_school.items() if s is not None and n >= MIN_GROUP}
    other = sum(respondents_by_school.values()) - sum(shown.values())
    while 0 < other < MIN_GROUP and shown:
        smallest = min(shown, key=lambda s: (shown[s], names.get(s, ""), s))
        other += shown.pop(smallest)
    return sorted(shown, key=lambda s: (names.get(s, ""), s)), other


def compute(
    *,
    features: list[Feature],
    counts: Counts,
    comments: Iterable[tuple[int, str]] = (),
    previous: Counts | None = None,
    previous_round: ReviewRound | None = None,
    school_level: bool = True,
) -> RoundResults:
    """Every figure the page and the CSV show, with the anonymity rules applied."""
    total = sum(row["n"] for row in counts.respondents)
    results = RoundResults(respondents=total, school_level=school_level, previous_round=previous_round)
    if total < MIN_GROUP:
        return results
    feature_ids = [f.pk for f in features]

    def figures_by_feature(rows, respondents, keep=lambda row: True):
        by_feature = {pk: Figures(respondents=respondents) for pk in feature_ids}
        for row in rows:
            if row["feature"] in by_feature and keep(row):
                by_feature[row["feature"]].add(row["rating"], row["n"])
        return [by_feature[pk] for pk in feature_ids]

    network = figures_by_feature(counts.answers, total)
    previous_means = [None] * len(features)
    if previous is not None:
        previous_total = sum(row["n"] for row in previous.respondents)
        if previous_total >= MIN_GROUP:
            previous_means = [f.mean for f in figures_by_feature(previous.answers, previous_total)]
        else:
            results.previous_note = gettext("Too few people answered %(previous)s to compare with it.") % {
                "previous": results.previous_label
            }
    by_feature_comments = defaultdict(list)
    for feature_id, text in comments:
        if text.strip():
            by_feature_comments[feature_id].append(text.strip())
    results.features = [
        FeatureResult(
            feature=feature,
            figures=figures,
            previous_mean=previous_mean,
            comments=sorted(by_feature_comments[feature.pk], key=lambda t: (t.casefold(), t)),
        )
        for feature, figures, previous_mean in zip(features, network, previous_means, strict=True)
    ]

    if school_level:
        by_school, names = defaultdict(int), {}
        for row in counts.respondents:
            by_school[row["school"]] += row["n"]
            if row["school"] is not None:
                names[row["school"]] = row["school_name"]
        shown, other = fold_schools(by_school, names)
        results.schools_folded = len([s for s in by_school if s is not None]) - len(shown)
        for school in shown:
            cells = figures_by_feature(counts.answers, by_school[school], lambda row, s=school: row["school"] == s)
            results.school_rows.append(GroupRow(names[school], by_school[school], cells))
        if other:
            shown_set = set(shown)
            cells = figures_by_feature(counts.answers, other, lambda row: row["school"] not in shown_set)
            results.school_rows.append(GroupRow(gettext(OTHER_SCHOOLS), other, cells, is_other=True))
        if len(results.school_rows) == 1:
            # One row would only repeat the whole network's: say why there is no table instead.
            only = results.school_rows.pop()
            if only.is_other:
                results.schools_note = gettext(
                    "No school had enough people answering to show it on its own without identifying anyone, "
                    "so the schools are shown together: the whole network's figures above."
                )
            else:
                results.schools_note = gettext(
                    "Everyone who answered is at %(school)s, so its figures are the whole network's above."
                ) % {"school": only.label}

    by_group = defaultdict(int)
    for row in counts.respondents:
        by_group[row["group"]] += row["n"]
    too_few = [value for value, _label in ResponseGroup.choices if by_group[value] < MIN_GROUP]
    if too_few:
        results.groups_note = {
            1: {
                ResponseGroup.LEADER: gettext("Too few leaders answered to compare without identifying anyone."),
                ResponseGroup.STAFF: gettext("Too few staff answered to compare without identifying anyone."),
            }.get(too_few[0]),
            2: gettext("Too few leaders and staff answered to compare without identifying anyone."),
        }[len(too_few)]
    else:
        rows = {
            value: GroupRow(
                label,
                by_group[value],
                figures_by_feature(counts.answers, by_group[value], lambda row, v=value: row["group"] == v),
            )
            for value, label in ResponseGroup.choices
        }
        results.group_rows = list(rows.values())
        results.gaps = [
            GapRow(feature, leaders, staff)
            for feature, leaders, staff in zip(
                features, rows[ResponseGroup.LEADER].cells, rows[ResponseGroup.STAFF].cells, strict=True
            )
        ]
    return results


# --- Reading -----------------------------------------------------------------------------------


def _counts(round_id: int, *, by_school_and_group: bool = True) -> Counts:
    answers = Answer.objects.filter(response__round=round_id, response__submitted_at__isnull=False).order_by()
    respondents = ReviewResponse.objects.filter(round=round_id, submitted_at__isnull=False).order_by()
    if by_school_and_group:
        answer_rows = answers.values("question__feature_id", "response__school_id", "response__group", "rating")
        respondent_rows = respondents.values("school_id", "school__name", "group")
    else:
        answer_rows = answers.values("question__feature_id", "rating")
        respondent_rows = respondents.values("round_id")
    return Counts(
        answers=[
            {
                "feature": row["question__feature_id"],
                "school": row.get("response__school_id"),
                "group": row.get("response__group"),
                "rating": row["rating"],
                "n": row["n"],
            }
            for row in answer_rows.annotate(n=Count("id"))
        ],
        respondents=[
            {
                "school": row.get("school_id"),
                "school_name": row.get("school__name"),
                "group": row.get("group"),
                "n": row["n"],
            }
            for row in respondent_rows.annotate(n=Count("id"))
        ],
    )


def previous_round_of(round: ReviewRound) -> ReviewRound | None:
    """The latest closed round of the same network and framework that closed before this one opened."""
    return (
        ReviewRound.objects.filter(
            network=round.network_id,
            framework=round.framework_id,
            status=RoundStatus.CLOSED,
            closes_on__lt=round.opens_on,
        )
        .exclude(pk=round.pk)
        .order_by("-closes_on", "-opens_on", "-pk")
        .first()
    )


def round_results(round: ReviewRound, *, school_level: bool = True, with_comments: bool = True) -> RoundResults:
    """Read a round's counts and compute its results. A constant number of queries."""
    features = list(Feature.objects.filter(framework=round.framework_id).order_by("position"))
    counts = _counts(round.pk)
    if sum(row["n"] for row in counts.respondents) < MIN_GROUP:
        return compute(features=features, counts=counts, school_level=school_level)
    comments = (
        []
        if not with_comments
        else Answer.objects.filter(response__round=round.pk, response__submitted_at__isnull=False)
        .exclude(comment="")
        .order_by()
        .values_list("question__feature_id", "comment")
    )
    previous_round = previous_round_of(round)
    previous = _counts(previous_round.pk, by_school_and_group=False) if previous_round else None
    return compute(
        features=features,
        counts=counts,
        comments=list(comments),
        previous=previous,
        previous_round=previous_round,
        school_level=school_level,
    )


# Who each round asks, and what waits for a person --------------------------------------------
#
# Worked out over memberships already loaded, so a page costs a fixed number of queries however
# many rounds it lists.


def audience_memberships(round: ReviewRound) -> QuerySet[Membership]:
    """The memberships that put people in a round's audience: the network's own members and the
    staff of its schools, narrowed to the chosen schools and roles when the leader chose some."""
    school_ids = list(round.audience_schools.values_list("pk", flat=True)) or list(
        NetworkSchool.objects.filter(network=round.network_id).values_list("school_id", flat=True)
    )
    chosen_schools = round.audience_schools.exists()
    in_network = Q(network=round.network_id)
    if chosen_schools:
        # A network-level member belongs to a chosen school only through their school membership.
        in_network = Q(network=round.network_id, user__memberships__school__in=school_ids)
    memberships = Membership.objects.filter(in_network | Q(school__in=school_ids))
    if round.audience_roles:
        memberships = memberships.filter(role__in=round.audience_roles)
    return memberships


def round_audience(round: ReviewRound) -> QuerySet[User]:
    return User.objects.filter(is_active=True, pk__in=audience_memberships(round).values("user_id")).distinct()


def audience_memberships_of(round: ReviewRound, user) -> list[Membership]:
    """The person's memberships that put them in the round's audience, with their schools; none
    when the round does not ask them. Read once per user object and round: on the first visit to
    an open round, the rule that lets the person answer and the start of their response (their
    group and school) both need them."""
    if not user.is_authenticated:
        return []
    read = getattr(user, "_audience_memberships", None)
    if read is None:
        read = user._audience_memberships = {}
    if round.pk not in read:
        read[round.pk] = list(audience_memberships(round).filter(user=user).select_related("school"))
    return read[round.pk]


def in_audience(round: ReviewRound, user) -> bool:
    return bool(audience_memberships_of(round, user))


def unanswered_questions(response: ReviewResponse) -> QuerySet[Question]:
    return Question.objects.filter(feature__framework=response.round.framework_id).exclude(answers__response=response)


# Audiences, worked out over memberships already loaded (a fixed number of queries for any number
# of rounds). The same rule as audience_memberships above; test_review_pages checks that
# both agree.


def _audience_ids(round, memberships, network_school_ids, chosen_school_ids):
    """The ids of the people a round asks: its network's members and its schools' staff, narrowed
    to the chosen schools and roles (a network member counts for a chosen school through a
    membership of that school)."""
    schools = set(chosen_school_ids) or set(network_school_ids)
    roles = set(round.audience_roles)

    def role_counts(m):
        return not roles or m.role in roles

    at_school = {m.user_id for m in memberships if m.school_id in schools}
    ids = {m.user_id for m in memberships if m.school_id in schools and role_counts(m)}
    ids |= {
        m.user_id
        for m in memberships
        if m.network_id == round.network_id and role_counts(m) and (not chosen_school_ids or m.user_id in at_school)
    }
    return ids


def _schools_of_rounds(rounds):
    """Two dicts: each round's network's school ids, and each round's chosen school ids."""
    network_ids = {r.network_id for r in rounds}
    network_schools = {}
    for network_id, school_id in NetworkSchool.objects.filter(network_id__in=network_ids).values_list(
        "network_id", "school_id"
    ):
        network_schools.setdefault(network_id, set()).add(school_id)
    chosen = {}
    for round_id, school_id in ReviewRound.audience_schools.through.objects.filter(
        reviewround_id__in=[r.pk for r in rounds]
    ).values_list("reviewround_id", "school_id"):
        chosen.setdefault(round_id, set()).add(school_id)
    return network_schools, chosen


def audience_by_round(rounds):
    """{round id: set of user ids} for rounds of one or more networks, in four queries."""
    rounds = list(rounds)
    if not rounds:
        return {}
    network_schools, chosen = _schools_of_rounds(rounds)
    school_ids = set().union(*network_schools.values(), *chosen.values())
    memberships = list(
        Membership.objects.filter(
            Q(network_id__in={r.network_id for r in rounds}) | Q(school_id__in=school_ids), user__is_active=True
        ).only("user_id", "role", "network_id", "school_id")
    )
    return {
        r.pk: _audience_ids(r, memberships, network_schools.get(r.network_id, ()), chosen.get(r.pk, ())) for r in rounds
    }


def rounds_to_answer(user, network=None):
    """Open rounds that ask this person and that they have not submitted, each with `response`
    (theirs, or None) and `answered`/`total` counts. Four queries, however many rounds (the
    person's memberships come from permissions.memberships_of, loaded once per request)."""
    if not user.is_authenticated:
        return []
    memberships = memberships_of(user)
    asked_by = (  # the networks whose rounds may ask the person, as in audience_memberships
        Q(network_id__in={m.network_id for m in memberships if m.network_id})
        | Q(network__network_schools__school_id__in={m.school_id for m in memberships if m.school_id})
        | Q(responses__user=user)
    )
    rounds = (
        ReviewRound.objects.visible_to(user)
        .open()
        .filter(pk__in=ReviewRound.objects.filter(asked_by).values("pk"))
        .exclude(pk__in=ReviewResponse.objects.filter(user=user, submitted_at__isnull=False).values("round_id"))
        .select_related("network", "framework")
        .annotate(
            total=count_subquery(
                Question.objects.filter(feature__framework=OuterRef("framework_id")), "feature__framework"
            )
        )
        .order_by("closes_on", "pk")
    )
    if network is not None:
        rounds = rounds.filter(network=network)
    rounds = list(rounds)
    if not rounds:
        return []
    network_schools, chosen = _schools_of_rounds(rounds)
    responses = {
        r.round_id: r
        for r in ReviewResponse.objects.filter(user=user, round__in=rounds).annotate(answered=Count("answers"))
    }
    mine = []
    for r in rounds:
        asked = user.pk in _audience_ids(r, memberships, network_schools.get(r.network_id, ()), chosen.get(r.pk, ()))
        if asked or r.pk in responses:
            r.response = responses.get(r.pk)
            r.answered = r.response.answered if r.response else 0
            mine.append(r)
    return mine


# Panels other pages compose (plc_platform's network and school pages) ------------------------


LOW_RESPONSE_SHARE = 0.5  # an open round with fewer than this share of those asked answered
OPENS_SOON_DAYS = 14


def rounds_needing_attention(network, today=None) -> list[ReviewRound]:
    """For the dashboard's needs-attention panel: open rounds where under half of those asked have
    submitted (each with `asked` and `submitted`), then planned rounds due to open within 14 days
    (or overdue), soonest first. The same audience rule and counts as the rounds page; one query,
    and four more for the audiences when a round is open."""
    today = today or timezone.localdate()
    submitted = ReviewResponse.objects.filter(round=OuterRef("pk"), submitted_at__isnull=False)
    rounds = list(
        network.review_rounds.filter(
            Q(status=RoundStatus.OPEN)
            | Q(status=RoundStatus.DRAFT, opens_on__lte=today + timedelta(days=OPENS_SOON_DAYS))
        )
        .select_related("framework")
        .annotate(submitted=count_subquery(submitted, "round"))
        .order_by("opens_on", "pk")
    )
    open_rounds = [r for r in rounds if r.is_open]
    audiences = audience_by_round(open_rounds)
    needing = []
    for r in open_rounds:
        r.asked = len(audiences[r.pk])
        if r.submitted < r.asked * LOW_RESPONSE_SHARE:
            needing.append(r)
    return needing + [r for r in rounds if r.is_draft]


def schools_with_stage(network) -> list[NetworkSchool]:
    """The network's schools, each with its latest PLC stage and the one recorded before it:
    `maturity_stage`, `maturity_stage_label` and `maturity_on` (empty when none is recorded),
    `previous_stage` and `previous_on`, and `maturity_change` (networks.text.StepChange). One query."""
    records = SchoolMaturity.objects.filter(school=OuterRef("school_id")).order_by("-recorded_on", "-created_at")
    schools = list(
        NetworkSchool.objects.filter(network=network)
        .select_related("school")
        .annotate(
            maturity_stage=Subquery(records.values("stage")[:1]),
            maturity_on=Subquery(records.values("recorded_on")[:1]),
            previous_stage=Subquery(records.values("stage")[1:2]),
            previous_on=Subquery(records.values("recorded_on")[1:2]),
        )
    )
    labels, order = dict(MaturityStage.choices), list(MaturityStage.values)
    for ns in schools:
        ns.maturity_stage_label = labels.get(ns.maturity_stage, "")
        ns.maturity_change = step_change(
            order.index(ns.maturity_stage) if ns.maturity_stage in order else None,
            order.index(ns.previous_stage) if ns.previous_stage in order else None,
            labels.get(ns.previous_stage, "").lower(),
        )
    return schools


def maturity_history(school):
    """A school's recorded PLC stages, newest first (templates/reviews/_maturity_history.html)."""
    return SchoolMaturity.objects.filter(school=school).select_related("recorded_by")


# The network seen whole: the latest closed round of each framework, against the one before ----


@dataclass
class FeatureSummary:
    feature: Feature
    mean: float | None
    previous_mean: float | None
    gap: GapRow | None  # leaders against staff, only when both groups have at least three

    @property
    def change(self) -> float | None:
        if self.mean is None or self.previous_mean is None:
            return None
        return self.mean - self.previous_mean

    @property
    def change_words(self) -> str:
        return change_words(self.change)


@dataclass
class FrameworkSummary:
    """One framework's latest closed round, with the anonymity rules of `compute` applied."""

    framework: Framework
    round: ReviewRound
    previous_round: ReviewRound | None
    results: RoundResults

    @property
    def features(self) -> list[FeatureSummary]:
        gaps = {g.feature.pk: g for g in self.results.gaps}
        return [
            FeatureSummary(r.feature, r.figures.mean, r.previous_mean, gaps.get(r.feature.pk))
            for r in self.results.features
        ]

    @property
    def sentence(self) -> str:
        """The round in one line: "Accountability and Building capacity are weakest; Collaboration
        rose 0.6 since March 2026." Only from figures the anonymity rules let through."""
        if not self.results.enough:
            return gettext("Too few people answered %(round)s to show its figures without identifying anyone.") % {
                "round": self.round
            }
        weakest, _ = self.results.weakest_and_strongest
        parts = []
        if weakest:
            if len(weakest) > 1:
                parts.append(
                    gettext("%(first)s and %(second)s are weakest")
                    % {"first": weakest[0].feature.display_name, "second": weakest[1].feature.display_name}
                )
            else:
                parts.append(gettext("%(feature)s is weakest") % {"feature": weakest[0].feature.display_name})
        changes = [f for f in self.results.features if f.change is not None]
        if changes:
            biggest = max(changes, key=lambda f: abs(f.change))
            since = dateformat.format(self.previous_round.closes_on, "F Y")
            if abs(biggest.change) >= NOTABLE_CHANGE:
                if biggest.change > 0:
                    part = gettext("%(feature)s rose %(size)s since %(since)s")
                else:
                    part = gettext("%(feature)s fell %(size)s since %(since)s")
                parts.append(
                    part
                    % {"feature": biggest.feature.display_name, "size": f"{abs(biggest.change):.1f}", "since": since}
                )
            else:
                parts.append(
                    gettext("no feature moved by %(size)s or more since %(since)s")
                    % {"size": f"{NOTABLE_CHANGE:.1f}", "since": since}
                )
        if not parts:
            return gettext("Not enough features were rated to compare them.")
        sentence = "; ".join(parts)
        return sentence[0].upper() + sentence[1:] + "."


def _counts_by_round(round_ids: list[int], *, by_school_and_group: bool = True) -> dict[int, Counts]:
    """`_counts` for several rounds at once: two queries, however many rounds. Without school and
    group, a round's rows are one per (feature, rating): enough for its means, not for its gaps."""
    by_round = {pk: Counts(answers=[], respondents=[]) for pk in round_ids}
    detail = ["response__school_id", "response__group"] if by_school_and_group else []
    answers = (
        Answer.objects.filter(response__round__in=round_ids, response__submitted_at__isnull=False)
        .order_by()
        .values("response__round_id", "question__feature_id", "rating", *detail)
        .annotate(n=Count("id"))
    )
    for row in answers:
        by_round[row["response__round_id"]].answers.append(
            {
                "feature": row["question__feature_id"],
                "school": row.get("response__school_id"),
                "group": row.get("response__group"),
                "rating": row["rating"],
                "n": row["n"],
            }
        )
    respondents = (
        ReviewResponse.objects.filter(round__in=round_ids, submitted_at__isnull=False)
        .order_by()
        .values("round_id", *(["school_id", "school__name", "group"] if by_school_and_group else []))
        .annotate(n=Count("id"))
    )
    for row in respondents:
        by_round[row["round_id"]].respondents.append(
            {
                "school": row.get("school_id"),
                "school_name": row.get("school__name"),
                "group": row.get("group"),
                "n": row["n"],
            }
        )
    return by_round


def review_summaries(
    networks, *, until=None, framework_slug: str | None = None, by_school_and_group: bool = True
) -> dict[int, list[FrameworkSummary]]:
    """For each of `networks` (a queryset or a list) and each framework it has closed a round of
    (only `framework_slug`, when given): the latest closed round (closing on or before `until`, when
    given) and the one before it (as `previous_round_of` chooses it), per-feature means for both,
    the leaders-against-staff gap where both groups have at least three (unless
    `by_school_and_group` is off: then means only, from far fewer rows), and a sentence.
    {network id: summaries}, networks without a closed round left out. Four queries, however many
    networks, rounds, frameworks or answers.

    The one core of `network_review_summary` (the dashboard, the statement of account) and of the
    consortium overview's heat map, so they never disagree; the figures come from `compute`, so
    the results page's anonymity rules apply."""
    rounds = ReviewRound.objects.filter(network__in=networks, status=RoundStatus.CLOSED).select_related("framework")
    if until is not None:
        rounds = rounds.filter(closes_on__lte=until)
    if framework_slug is not None:
        rounds = rounds.filter(framework__slug=framework_slug)
    closed = defaultdict(lambda: defaultdict(list))  # network -> framework -> rounds, latest first
    for r in rounds.order_by("network_id", "framework__name", "-closes_on", "-opens_on", "-pk"):
        closed[r.network_id][r.framework_id].append(r)
    if not closed:
        return {}
    pairs = defaultdict(list)
    for network_id, by_framework in closed.items():
        for in_framework in by_framework.values():
            latest = in_framework[0]
            previous = next((r for r in in_framework[1:] if r.closes_on < latest.opens_on), None)
            pairs[network_id].append((latest, previous))
    framework_ids = {
        r.framework_id for by_framework in closed.values() for r in (rs[0] for rs in by_framework.values())
    }
    features = defaultdict(list)
    for feature in Feature.objects.filter(framework__in=framework_ids).order_by("framework", "position"):
        features[feature.framework_id].append(feature)
    counts = _counts_by_round(
        [r.pk for network_pairs in pairs.values() for pair in network_pairs for r in pair if r is not None],
        by_school_and_group=by_school_and_group,
    )
    return {
        network_id: [
            FrameworkSummary(
                framework=latest.framework,
                round=latest,
                previous_round=previous,
                results=compute(
                    features=features[latest.framework_id],
                    counts=counts[latest.pk],
                    previous=counts[previous.pk] if previous else None,
                    previous_round=previous,
                    school_level=by_school_and_group,
                ),
            )
            for latest, previous in network_pairs
        ]
        for network_id, network_pairs in pairs.items()
    }


def network_review_summary(network, *, until=None) -> list[FrameworkSummary]:
    """One network's `review_summaries`, every framework's, with the gaps: four queries."""
    return review_summaries([network], until=until).get(network.pk, [])


KEY_FEATURES = "seven-key-features"  # the framework the consortium overview sets side by side


def key_features_by_network(networks) -> tuple[list[Feature], dict[int, FrameworkSummary]]:
    """The seven key features in order, and each network's latest closed round of them (means
    only, as `review_summaries` gives them; networks with no closed round left out): five queries,
    however many networks. The consortium overview's heat map and its CSV."""
    features = list(Feature.objects.filter(framework__slug=KEY_FEATURES).order_by("position"))
    summaries = review_summaries(networks, framework_slug=KEY_FEATURES, by_school_and_group=False)
    return features, {network_id: found[0] for network_id, found in summaries.items()}
