"""The network dashboard (issue 14): the network seen whole, composed from each app's one read
function per panel, so the dashboard, the statement of account and the overview never disagree.

Every panel is a fixed number of queries, however many schools, rounds, enquiries or activities
the network has (tests/plc_platform/test_dashboard.py pins the total)."""

from __future__ import annotations

from django.utils import timezone

from activities.reads import history_for, network_money
from enquiry.reads import network_overview
from networks.charts import dot_plot, stacked_bars
from reviews.reads import network_review_summary

from .flowmap import academic_year

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
                "plot": dot_plot([(f.feature.name, f.mean, f.previous_mean) for f in features]),
                "has_gaps": any(f.gap for f in features),
            }
        )
    return panels


def activity_panel(network) -> dict:
    """Activities done and planned by term, stacked by collaboration level 1, 2 and 3."""
    history = history_for(network)
    terms = history.terms[-TERMS_SHOWN:]
    levels = [level for level, _ in history.levels]
    return {
        "history": history,
        "terms": terms,
        "bars": stacked_bars([(t.label, [t.count(level) for level in levels]) for t in terms]),
        "keys": [label for _, label in history.levels],
    }


def dashboard_context(user, network) -> dict:
    """The panels the person may see: self-review and activity (anyone who sees the network, as
    closed rounds' results are theirs to read), enquiries (counted, private ones never listed) and
    money (those who may see the budget)."""
    year = academic_year(timezone.localdate())
    context = {
        "reviews": review_panel(network),
        "activity": activity_panel(network),
        "enquiries": network_overview(network, user),
        "year": year,
    }
    if user.has_perm("activities.view_budget", network):
        context["money"] = network_money(network, year.start, year.end)
    return context
