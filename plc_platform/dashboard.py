"""The network dashboard (issue 14): the network seen whole, composed from each app's one read
function per panel, so the dashboard, the statement of account and the overview never disagree.

Every panel is a fixed number of queries, however many schools, rounds, enquiries or activities
the network has (tests/plc_platform/test_dashboard.py pins the total)."""

from __future__ import annotations

from collections import Counter
from decimal import Decimal

from django.utils import timezone
from django.utils.translation import gettext, ngettext

from activities.reads import (
    HOME_LIST_SIZE,
    SchoolLevel,
    costs_waiting_in,
    history_for,
    kinds_of_collaboration,
    network_money,
    school_levels,
    schools_without_activity,
    unevaluated_activities,
)
from brokerage.reads import engagements_without_outcome
from enquiry.models import Strength
from enquiry.reads import network_overview, stalled_enquiries
from networks.charts import bar_rows, dot_plot
from networks.text import money, step_change
from reviews.reads import network_review_summary, rounds_needing_attention, schools_with_stage

from .flowmap import academic_year
from .models import Statement

TERMS_SHOWN = 6  # the last two school years, term by term


def review_panel(network) -> list[dict]:
    """Each framework's latest closed round as a dot plot, with the round before it overlaid."""
    panels = []
    for summary in network_review_summary(network):
        features = summary.features
        panels.append(
            {
                "summary": summary,
                "features": features,
                "plot": dot_plot([(f.feature.display_name, f.mean, f.previous_mean) for f in features]),
                "has_gaps": any(f.gap for f in features),
            }
        )
    return panels


def activity_panel(network, year) -> dict:
    """Activities done and planned by term, stacked by collaboration level 1, 2 and 3; and the
    school year's activities by kind of collaboration."""
    history = history_for(network)
    terms = history.terms[-TERMS_SHOWN:]
    kinds = kinds_of_collaboration(network, year.start, year.end)
    return {
        "history": history,
        "terms": terms,
        "bars": history.chart(terms),
        "keys": history.keys,
        "kinds": kinds,
        "kinds_chart": bar_rows([(row.label, row.count, str(row.count)) for row in kinds.shown]),
    }


def school_panel(network) -> dict:
    """Each school's PLC stage against the one recorded before it, and its level of collaboration
    this term against last term's, each school's from its app's read; and both in one sentence."""
    schools = schools_with_stage(network)
    levels = school_levels(network)
    for ns in schools:
        ns.collaboration = levels.get(ns.school_id) or SchoolLevel(None, 0, step_change(None, None))
    return {"network_schools": schools, "schools_sentence": _schools_sentence(schools)}


def _and(parts: list[str]) -> str:
    if len(parts) == 1:
        return parts[0]
    return gettext("%(first)s and %(last)s") % {"first": ", ".join(parts[:-1]), "last": parts[-1]}


def _schools_sentence(schools) -> str:
    """For example "At their latest PLC stage record, 2 schools moved up and 1 down. This term
    3 schools work at level 3 and 1 at level 1; 2 have no activity yet." """
    if not schools:
        return ""
    moves = Counter(ns.maturity_change.direction for ns in schools)
    up, down = moves["up"], moves["down"]
    if not any(ns.maturity_stage for ns in schools):
        stages = gettext("No school has recorded its PLC stage yet.")
    elif up and down:
        stages = ngettext(
            "At their latest PLC stage record, %(up)s school moved up and %(down)s down.",
            "At their latest PLC stage record, %(up)s schools moved up and %(down)s down.",
            up,
        ) % {"up": up, "down": down}
    elif up:
        stages = ngettext(
            "At their latest PLC stage record, %(n)s school moved up.",
            "At their latest PLC stage record, %(n)s schools moved up.",
            up,
        ) % {"n": up}
    elif down:
        stages = ngettext(
            "At their latest PLC stage record, %(n)s school moved down.",
            "At their latest PLC stage record, %(n)s schools moved down.",
            down,
        ) % {"n": down}
    else:
        stages = gettext("No school's PLC stage has moved at its latest record.")
    levels = Counter(ns.collaboration.level for ns in schools)
    counts = [(level, levels[level]) for level in (3, 2, 1) if levels[level]]
    if not counts:
        return stages + " " + gettext("No school has an activity this term yet.")
    (level, n), rest = counts[0], counts[1:]
    parts = [
        ngettext("%(n)s school works at level %(level)s", "%(n)s schools work at level %(level)s", n)
        % {"n": n, "level": level}
    ]
    parts += [gettext("%(n)s at level %(level)s") % {"n": n, "level": level} for level, n in rest]
    idle = levels[None]
    if idle:
        term = ngettext(
            "This term %(levels)s; %(idle)s has no activity yet.",
            "This term %(levels)s; %(idle)s have no activity yet.",
            idle,
        ) % {"levels": _and(parts), "idle": idle}
    else:
        term = gettext("This term %(levels)s.") % {"levels": _and(parts)}
    return f"{stages} {term}"


def enquiry_counts_panel(network, user) -> dict:
    """Counts by stage, practice area and strength of evidence (private enquiries counted, never
    listed): the same for everyone who sees the network."""
    overview = network_overview(network, user)
    return {
        **overview,
        # None lightest, data and a comparison group (the sentence's "evidence from data") darkest.
        "strength_chart": bar_rows(
            [(label, n, str(n)) for label, n in overview["by_strength"]],
            series=[1] + [3 if value >= Strength.DATA else 2 for value in Strength.values],
        ),
    }


def enquiry_panel(network, user) -> dict:
    """The enquiry counts, and the enquiries that have not moved for six weeks (those listed are
    the ones the person may read)."""
    return {**enquiry_counts_panel(network, user), "stalled": stalled_enquiries(network, user)}


def money_chart(budget: Decimal | None, planned: Decimal, approved: Decimal, spent: Decimal):
    """Planned, approved and spent as bars against the budget's mark: the dashboard's money panel
    (activities.reads.network_money) and the statement of account's figures, drawn alike."""
    return bar_rows(
        [
            (gettext("Planned"), planned, money(planned)),
            (gettext("Approved"), approved, money(approved)),
            (gettext("Spent"), spent, money(spent)),
        ],
        series=[1, 2, 3],
        mark=None if budget is None else (gettext("Budget %(amount)s") % {"amount": money(budget)}, budget),
    )


def attention_panel(network) -> dict:
    """What needs a leader's attention, each app's part from its own read: rounds answered by too
    few or about to open, costs waiting for approval, past activities nobody has evaluated,
    engagements without an outcome and schools with no activity this term. `more_*` says a list
    was cut at HOME_LIST_SIZE."""
    activities = unevaluated_activities(network)
    engagements = engagements_without_outcome(network)
    panel = {
        "rounds": rounds_needing_attention(network),
        "costs": costs_waiting_in(network),
        "activities": activities[:HOME_LIST_SIZE],
        "more_activities": len(activities) > HOME_LIST_SIZE,
        "engagements": engagements[:HOME_LIST_SIZE],
        "more_engagements": len(engagements) > HOME_LIST_SIZE,
        "schools": schools_without_activity(network),
    }
    panel["all_well"] = not any(panel[key] for key in ("rounds", "costs", "activities", "engagements", "schools"))
    return panel


def money_panel(network, year) -> dict:
    """Planned, approved and spent in the school year against the network's budget, in figures
    and as a chart."""
    money = network_money(network, year.start, year.end)
    total = money.total
    return {"money": money, "money_chart": money_chart(money.budget, total.planned, total.approved, total.spent)}


def sees_statements(user, network) -> bool:
    """Writers see the statements of account, drafts too; others once one is published (the rules
    of plc_platform.statement_access)."""
    if user.has_perm("plc_platform.write_statement", network):
        return True
    return Statement.objects.filter(network=network).published().exists()


def dashboard_context(user, network) -> dict:
    """The panels the person may see: self-review and activity (anyone who sees the network, as
    closed rounds' results are theirs to read), enquiries (counted, private ones never listed) and
    money (those who may see the budget)."""
    year = academic_year(timezone.localdate())
    context = {
        **school_panel(network),
        "reviews": review_panel(network),
        "activity": activity_panel(network, year),
        "enquiries": enquiry_panel(network, user),
        "year": year,
        "can_see_statements": sees_statements(user, network),
    }
    if user.has_perm("networks.change_network", network):  # its leaders, co-leaders and consortium staff
        context["attention"] = attention_panel(network)
    if user.has_perm("activities.view_budget", network):
        context.update(money_panel(network, year))
    return context
