"""The statement of account's figures, composed from each app's one read for its panel.

`statement_figures(network, start, end)` returns plain JSON-ready values: a draft shows them live,
publishing stores them as `frozen(figures)` gives them, and the page, the PDF and the CSV are all
drawn from the same dictionary, so the three can never disagree. Money is kept as text of exact
pence ("1234.50").
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.utils.functional import Promise
from django.utils.translation import gettext, gettext_lazy

from activities.reads import network_money
from enquiry.reads import enquiries_in_period
from networks.flows import FlowKind
from reviews.reads import network_review_summary

from .flows import amount_text, ledger

# The ledger's kinds a statement reports: what schools did for each other.
DONE_KINDS = (FlowKind.VISIT, FlowKind.INSET, FlowKind.CONSULTANCY)


def _pounds(value: Decimal | None) -> str | None:
    return None if value is None else f"{value:.2f}"


def _money(money) -> dict:
    return {"planned": _pounds(money.planned), "approved": _pounds(money.approved), "spent": _pounds(money.spent)}


def _one_place(value: float | None) -> str | None:
    return None if value is None else f"{value:.1f}"


def _signed(value: float | None) -> str | None:
    return None if value is None else f"{value:+.1f}"


def _reviews(network, end: dt.date) -> list[dict]:
    """The latest closed round of each framework by the period's end, against the one before."""
    return [
        {
            "framework": summary.framework.display_name,
            "round": str(summary.round),
            "closed_on": summary.round.closes_on.isoformat(),
            "previous_round": str(summary.previous_round) if summary.previous_round else None,
            "sentence": summary.sentence,
            "features": [
                {
                    "name": row.feature.display_name,
                    "mean": _one_place(row.mean),
                    "previous": _one_place(row.previous_mean),
                    "change": _signed(row.change),
                    "gap": _signed(row.gap.gap) if row.gap else None,
                }
                for row in summary.features
            ],
        }
        for summary in network_review_summary(network, until=end)
    ]


def statement_figures(network, start: dt.date, end: dt.date) -> dict:
    """Every figure of a network's statement of account for the days from `start` to `end`."""
    money = network_money(network, start, end)
    done = ledger(network, start, end)
    enquiries = enquiries_in_period(network, start, end)
    columns = [label for kind in DONE_KINDS for label in FlowKind.GIVEN_RECEIVED[kind]]
    return {
        "network": {
            "name": network.name,
            "consortium": network.consortium.name,
            "purpose": network.purpose,
            "focus": network.focus,
            "practice_areas": [area.display_name for area in network.practice_areas.all()],
        },
        "period": {"start": start.isoformat(), "end": end.isoformat()},
        "done": {
            "columns": columns,
            "rows": [
                {
                    "school": row.name,
                    "in_network": row.in_network,
                    "cells": [
                        amount_text(row.given[k]) if i == 0 else amount_text(row.received[k])
                        for k in DONE_KINDS
                        for i in (0, 1)
                    ],
                }
                for row in done.rows
            ],
            "totals": [
                amount_text(done.totals.given[k]) if i == 0 else amount_text(done.totals.received[k])
                for k in DONE_KINDS
                for i in (0, 1)
            ],
        },
        "enquiries": {
            "total": enquiries.total,
            "private": enquiries.private,
            "by_stage": enquiries.by_stage,
            "by_strength": enquiries.by_strength,
            "public": enquiries.public,
        },
        "reviews": _reviews(network, end),
        "money": {
            "budget": _pounds(money.budget),
            "unplanned": _pounds(money.unplanned),
            "over_budget": _pounds(money.over_budget),
            "unspent": _pounds(money.unspent),
            "budgets": [
                {
                    "starts_on": share.budget.starts_on.isoformat(),
                    "ends_on": share.budget.ends_on.isoformat(),
                    "amount": _pounds(share.budget.amount),
                    "share": _pounds(share.amount),
                    "days_in_period": share.days_in_period,
                    "whole": share.amount == share.budget.amount,
                }
                for share in money.shares
            ],
            "total": _money(money.total),
            "categories_used": [label for _, label in money.categories_used],
            "schools": [
                {
                    "label": row.label,
                    **_money(row.money),
                    "by_category": [
                        _pounds(row.by_category[value].planned) if value in row.by_category else None
                        for value, _ in money.categories_used
                    ],
                }
                for row in money.schools
            ],
            "categories": [{"label": row.label, **_money(row.money)} for row in money.categories],
        },
    }


def frozen(figures):
    """The figures as a published statement stores them: every translated label, a lazy string until
    now, made text in the language of the person publishing (a published statement keeps the
    language it was published in), and every tuple a list, as JSON gives it back."""
    if isinstance(figures, dict):
        return {key: frozen(value) for key, value in figures.items()}
    if isinstance(figures, list | tuple):
        return [frozen(value) for value in figures]
    if isinstance(figures, Promise):
        return str(figures)
    return figures


def csv_rows(figures: dict) -> list[list]:
    """Every figure of the statement, one per row: section, what, measure, value."""
    rows = [[gettext("Section"), gettext("What"), gettext("Measure"), gettext("Value")]]
    period = figures["period"]
    rows.append([gettext("Period"), figures["network"]["name"], gettext("From"), period["start"]])
    rows.append([gettext("Period"), figures["network"]["name"], gettext("To"), period["end"]])
    done = figures["done"]
    for row in done["rows"]:
        for column, cell in zip(done["columns"], row["cells"], strict=True):
            rows.append([gettext("What was done"), row["school"], column, cell])
    for column, cell in zip(done["columns"], done["totals"], strict=True):
        rows.append([gettext("What was done"), gettext("All schools"), column, cell])
    enquiries = figures["enquiries"]
    section, everything = gettext("Enquiries"), gettext("All enquiries")
    rows.append([section, everything, gettext("Count"), enquiries["total"]])
    rows.append([section, everything, gettext("Not shared (private)"), enquiries["private"]])
    rows += [[section, label, gettext("Stage"), n] for label, n in enquiries["by_stage"]]
    rows += [[section, label, gettext("Strongest evidence"), n] for label, n in enquiries["by_strength"]]
    for review in figures["reviews"]:
        for feature in review["features"]:
            for measure, key in (
                (gettext("Mean (1 to 4)"), "mean"),
                (gettext("Mean in the round before"), "previous"),
                (gettext("Change"), "change"),
                (gettext("Leaders minus staff"), "gap"),
            ):
                if feature[key] is not None:
                    rows.append(
                        [
                            gettext("Self-review: %(framework)s, %(round)s")
                            % {"framework": review["framework"], "round": review["round"]},
                            feature["name"],
                            measure,
                            feature[key],
                        ]
                    )
    money = figures["money"]
    measures = [(m, MEASURES[m]) for m in MEASURES]
    if money["budget"] is not None:
        rows.append([gettext("Money"), gettext("Budget for the period"), "GBP", money["budget"]])
    for row in money["schools"]:
        for label, cell in zip(money["categories_used"], row["by_category"], strict=True):
            if cell is not None:
                heading = gettext("%(category)s planned (GBP)") % {"category": label}
                rows.append([gettext("Money by school"), row["label"], heading, cell])
        rows += [[gettext("Money by school"), row["label"], str(heading), row[m]] for m, heading in measures]
    for row in money["categories"]:
        rows += [[gettext("Money by category"), row["label"], str(heading), row[m]] for m, heading in measures]
    rows += [[gettext("Money"), gettext("Total"), str(heading), money["total"][m]] for m, heading in measures]
    return rows


# Each measure of money and its CSV heading.
MEASURES = {
    "planned": gettext_lazy("Planned (GBP)"),
    "approved": gettext_lazy("Approved (GBP)"),
    "spent": gettext_lazy("Spent (GBP)"),
}
