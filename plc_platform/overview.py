"""The consortium overview (issue 14, point 2): every network of a consortium side by side, for its
staff. Each column comes from the one read of its app that the network dashboard and the statement
of account use too, called once for all the networks (a constant number of queries however many
there are), so a network's row here is its dashboard's figures:

- the seven key features of its latest closed round (`reviews.reads.key_features_by_network`),
  with the anonymity rules of the results page: fewer than three answering shows no figures;
- its activities this school year by collaboration level (`activities.reads.level_counts`);
- its money this school year against its budget (`activities.reads.networks_money`);
- its enquiries, private ones counted and never listed (`enquiry.reads.enquiry_counts`).

The page sorts by any column on the server (`?sort=-spent`), and the CSV holds every figure."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from decimal import Decimal

from django.utils.translation import gettext, gettext_noop, ngettext

from activities.models import CollaborationLevel
from activities.reads import NetworkMoney, level_counts, networks_money
from enquiry.reads import EnquiryCounts, enquiry_counts
from networks.charts import heat_map
from networks.models import Network
from reviews.reads import FrameworkSummary, band, key_features_by_network

from .flowmap import Period

# Why a row has no self-review figures; gettext gives them in the language of the page.
TOO_FEW = gettext_noop("Too few answers")
NO_ROUND = gettext_noop("No closed round yet")
# The groups of figures the page's table shows one at a time (the CSV holds them all).
GROUPS = ("review", "activities", "money", "enquiries")
LEVELS = [level for level, _ in CollaborationLevel.choices]


@dataclass
class Column:
    key: str
    label: str
    numeric: bool = True
    group: str = ""


@dataclass
class NetworkRow:
    network: Network
    schools: int
    review: FrameworkSummary | None
    levels: Counter
    money: NetworkMoney
    enquiries: EnquiryCounts

    @property
    def review_note(self) -> str:
        """Why the row has no self-review figures, or nothing when it has them."""
        if self.review is None:
            return gettext(NO_ROUND)
        return "" if self.review.results.enough else gettext(TOO_FEW)

    @property
    def means(self) -> list[float | None]:
        """The mean of each key feature, or Nones when there is nothing the rules let through."""
        if self.review_note:
            return [None] * len(self.review.results.features) if self.review else []
        return [f.figures.mean for f in self.review.results.features]

    @property
    def shaded(self) -> list[tuple[float | None, int | None]]:
        """Each key feature's mean with its band (1 to 4, as the results page shades it)."""
        return [(mean, band(mean)) for mean in self.means]

    @property
    def respondents(self) -> int | None:
        return self.review.results.respondents if self.review and self.review.results.enough else None

    @property
    def level_cells(self) -> list[int]:
        return [self.levels[level] for level in LEVELS]

    @property
    def activities(self) -> int:
        return sum(self.levels.values())


@dataclass
class Overview:
    consortium: object
    year: Period
    features: list
    rows: list[NetworkRow]

    @property
    def columns(self) -> list[Column]:
        return [
            Column("network", gettext("Network"), numeric=False),
            Column("schools", gettext("Schools")),
            Column("answered", gettext("People answering"), group="review"),
            *[Column(f.slug, f.display_name, group="review") for f in self.features],
            *[
                Column(f"level-{level}", gettext("Level %(level)s") % {"level": level}, group="activities")
                for level in LEVELS
            ],
            Column("activities", gettext("All"), group="activities"),
            Column("budget", gettext("Budget"), group="money"),
            Column("planned", gettext("Planned"), group="money"),
            Column("approved", gettext("Approved"), group="money"),
            Column("spent", gettext("Spent"), group="money"),
            Column("enquiries", gettext("All"), group="enquiries"),
            Column("shared", gettext("Shared"), group="enquiries"),
            Column("private", gettext("Private"), group="enquiries"),
        ]

    def value(self, row: NetworkRow, key: str):
        """What the column `key` holds for a row, to sort by (None for no figure)."""
        slugs = [f.slug for f in self.features]
        if key in slugs:
            means = row.means
            return means[slugs.index(key)] if means else None
        money = row.money
        return {
            "network": row.network.name.casefold(),
            "schools": row.schools,
            "answered": row.respondents,
            **{f"level-{level}": row.levels[level] for level in LEVELS},
            "activities": row.activities,
            "budget": money.budget,
            "planned": money.total.planned,
            "approved": money.total.approved,
            "spent": money.total.spent,
            "enquiries": row.enquiries.total,
            "shared": row.enquiries.shared,
            "private": row.enquiries.private,
        }[key]

    def sort(self, asked: str | None) -> tuple[str, bool]:
        """The column and direction `?sort=` names (`-` first for descending); by network name when
        it names no column."""
        key = (asked or "").removeprefix("-")
        if key not in {c.key for c in self.columns}:
            return "network", False
        return key, bool(asked) and asked.startswith("-")

    def sorted_rows(self, key: str, descending: bool) -> list[NetworkRow]:
        """Rows by the column, rows without a figure last either way, then by network name."""
        by_name = sorted(self.rows, key=lambda row: (row.network.name.casefold(), row.network.pk))
        with_figure = [row for row in by_name if self.value(row, key) is not None]
        without = [row for row in by_name if self.value(row, key) is None]
        return sorted(with_figure, key=lambda row: self.value(row, key), reverse=descending) + without

    def group_shown(self, asked: str | None, key: str) -> str:
        """The group of figures the table shows: the one `?show=` names, else the sorted column's,
        else the self-review."""
        if asked in GROUPS:
            return asked
        column = next(c for c in self.columns if c.key == key)
        return column.group or GROUPS[0]

    def sort_links(self, key: str, descending: bool) -> list[dict]:
        """Each column's heading with the `?sort=` that sorts by it: the other way when it is the
        column sorted by; numbers largest first, names from A."""
        links = []
        for column in self.columns:
            current = column.key == key
            down = not descending if current else column.numeric
            links.append(
                {
                    "column": column,
                    "sort": f"{'-' if down else ''}{column.key}",
                    "sorted": ("descending" if descending else "ascending") if current else None,
                }
            )
        return links

    # In words and in a picture ------------------------------------------------------------------

    @property
    def summary(self) -> list[str]:
        """The overview in sentences, each from the figures in the table."""
        shown = [row for row in self.rows if not row.review_note]
        too_few = sum(1 for row in self.rows if row.review is not None and not row.review.results.enough)
        none = sum(1 for row in self.rows if row.review is None)
        count = len(self.rows)
        points = [
            ngettext("%(count)s network in %(consortium)s.", "%(count)s networks in %(consortium)s.", count)
            % {"count": count, "consortium": self.consortium.name}
        ]
        if shown:
            averages = []
            for index, feature in enumerate(self.features):
                means = [row.means[index] for row in shown if row.means[index] is not None]
                if means:
                    averages.append((sum(means) / len(means), feature.display_name))
            if len(averages) >= 2:
                low, high = min(averages), max(averages)
                review = gettext(
                    "Self-review figures for %(shown)s of them: across them, %(low)s is rated lowest "
                    "(an average of %(low_mean)s from 1 to 4) and %(high)s highest (%(high_mean)s)."
                ) % {
                    "shown": len(shown),
                    "low": low[1],
                    "low_mean": f"{low[0]:.1f}",
                    "high": high[1],
                    "high_mean": f"{high[0]:.1f}",
                }
            else:
                review = gettext("Self-review figures for %(shown)s of them.") % {"shown": len(shown)}
            points.append(review)
        if too_few:
            points.append(
                gettext(
                    "%(n)s had too few people answering their latest round to show its figures "
                    "without identifying anyone."
                )
                % {"n": too_few}
            )
        if none:
            points.append(
                ngettext(
                    "%(n)s has not closed a round of the seven key features yet.",
                    "%(n)s have not closed a round of the seven key features yet.",
                    none,
                )
                % {"n": none}
            )
        totals = self.totals
        levels = ", ".join(
            gettext("%(n)s at level %(level)s") % {"n": n, "level": level}
            for level, n in zip(LEVELS, totals["levels"], strict=True)
        )
        points.append(
            ngettext(
                "%(year)s: %(n)s activity (not cancelled), %(levels)s.",
                "%(year)s: %(n)s activities (not cancelled), %(levels)s.",
                totals["activities"],
            )
            % {"year": self.year.label, "n": totals["activities"], "levels": levels}
        )
        return points

    @property
    def totals(self) -> dict:
        """Money and enquiries added up across the networks."""
        budgets = [row.money.budget for row in self.rows if row.money.budget is not None]
        levels = Counter()
        for row in self.rows:
            levels.update(row.levels)
        return {
            "levels": [levels[level] for level in LEVELS],
            "activities": sum(levels.values()),
            "budget": sum(budgets, Decimal("0.00")) if budgets else None,
            "planned": sum((row.money.total.planned for row in self.rows), Decimal("0.00")),
            "approved": sum((row.money.total.approved for row in self.rows), Decimal("0.00")),
            "spent": sum((row.money.total.spent for row in self.rows), Decimal("0.00")),
            "enquiries": sum(row.enquiries.total for row in self.rows),
            "shared": sum(row.enquiries.shared for row in self.rows),
            "private": sum(row.enquiries.private for row in self.rows),
        }

    def heat(self, rows: list[NetworkRow]):
        """The heat map of these rows (a page of them): a network's key features, or why not."""
        return heat_map(
            [f.display_name for f in self.features],
            [
                (
                    row.network.name,
                    None if row.review_note else [("–" if m is None else f"{m:.1f}", band(m)) for m in row.means],
                    row.review_note,
                )
                for row in rows
            ],
        )

    # The CSV ---------------------------------------------------------------------------------

    def csv_rows(self, rows: list[NetworkRow]) -> list[list]:
        """Every figure of the page, one network a row (money in pounds to the penny)."""
        header = [
            gettext("Network"),
            gettext("Schools"),
            gettext("Self-review round"),
            gettext("Round closed on"),
            gettext("People answering"),
            *[gettext("%(feature)s (mean, 1 to 4)") % {"feature": f.display_name} for f in self.features],
            gettext("Self-review note"),
            *[
                gettext("Activities at level %(level)s, %(year)s") % {"level": level, "year": self.year.label}
                for level in LEVELS
            ],
            gettext("Activities, %(year)s") % {"year": self.year.label},
            gettext("Budget (GBP), %(year)s") % {"year": self.year.label},
            gettext("Planned (GBP)"),
            gettext("Approved (GBP)"),
            gettext("Spent (GBP)"),
            gettext("Enquiries"),
            gettext("Shared enquiries"),
            gettext("Private enquiries (counted, never listed)"),
        ]
        lines = [header]
        for row in rows:
            means = row.means or [None] * len(self.features)
            money = row.money
            lines.append(
                [
                    row.network.name,
                    row.schools,
                    str(row.review.round) if row.review else "",
                    row.review.round.closes_on.isoformat() if row.review else "",
                    "" if row.respondents is None else row.respondents,
                    *["" if m is None else f"{m:.2f}" for m in means],
                    row.review_note,
                    *row.level_cells,
                    row.activities,
                    "" if money.budget is None else f"{money.budget:.2f}",
                    f"{money.total.planned:.2f}",
                    f"{money.total.approved:.2f}",
                    f"{money.total.spent:.2f}",
                    row.enquiries.total,
                    row.enquiries.shared,
                    row.enquiries.private,
                ]
            )
        return lines


def consortium_overview(consortium, year: Period) -> Overview:
    """Every network of the consortium, each app's figures for all of them at once: eleven
    queries, however many networks, schools, rounds, activities or enquiries."""
    networks = list(Network.objects.filter(consortium=consortium).with_counts().order_by("name", "pk"))
    features, reviews = key_features_by_network(networks)
    levels = level_counts(networks, year.start, year.end)
    money = networks_money(networks, year.start, year.end)
    enquiries = enquiry_counts(networks)
    rows = [
        NetworkRow(
            network=network,
            schools=network.school_count,
            review=reviews.get(network.pk),
            levels=sum(levels[network.pk].values(), Counter()),
            money=money[network.pk],
            enquiries=enquiries[network.pk],
        )
        for network in networks
    ]
    return Overview(consortium=consortium, year=year, features=features, rows=rows)
