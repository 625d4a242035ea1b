"""The knowledge-flow map with its table and CSV, and the reciprocity ledger: thin views over
plc_platform.flowmap, which reads the flows once for all of them."""

from __future__ import annotations

import csv
from urllib.parse import urlencode

from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET

from brokerage import reads as brokerage_reads
from networks.bilingual import localised
from networks.flows import FlowKind
from networks.models import PracticeArea
from networks.shortcuts import consortium_or_404, network_or_404, paginate, require_perm
from networks.text import csv_safe

from . import flowmap
from .what_works import area_overview
from .what_works import what_works as what_works_summaries

CSV_HEADER = [_("From"), _("To"), _("Kind of flow"), _("How many"), _("Collaboration level")]


def _filters(request, consortium):
    """The period and practice area the query string names (this academic year, every area when
    it names none of ours), and the table's order."""
    today = timezone.localdate()
    period = flowmap.chosen_period(request.GET.get("period"), today)
    areas = list(
        PracticeArea.objects.filter(consortium=consortium).order_by("name").values_list("pk", "slug", localised("name"))
    )
    area = next((a for a in areas if a[1] == request.GET.get("area")), None)
    sort = request.GET.get("sort") if request.GET.get("sort") in flowmap.SORTS else "count"
    descending = request.GET.get("dir", "desc" if sort == "count" else "asc") == "desc"
    return {
        "period": period,
        "periods": flowmap.periods_around(today),
        "areas": areas,
        "area": area,
        "sort": sort,
        "descending": descending,
    }


def _area_id(filters):
    """The chosen practice area's pk, or None for every area."""
    return filters["area"] and filters["area"][0]


def _csv(rows, filename):
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response.write("\ufeff")
    writer = csv.writer(response)
    writer.writerow(CSV_HEADER)
    for row in rows:
        writer.writerow(
            [csv_safe(v) for v in (row.giver, row.receiver, row.edge.kind_label, row.amount_text, row.level)]
        )
    return response


COLUMNS = [
    ("from", _("From")),
    ("to", _("To")),
    ("kind", _("Kind of flow")),
    ("count", _("How many")),
    ("level", _("Level")),
]


def _columns(filters):
    """Each column's heading with the link that sorts by it (again: the other way)."""
    base = {"period": filters["period"].key}
    if filters["area"]:
        base["area"] = filters["area"][1]
    columns = []
    for key, label in COLUMNS:
        current = filters["sort"] == key
        descending = not filters["descending"] if current else key == "count"
        query = urlencode({**base, "sort": key, "dir": "desc" if descending else "asc"})
        sorted_as = ("descending" if filters["descending"] else "ascending") if current else None
        columns.append({"key": key, "label": label, "query": query, "sorted": sorted_as})
    return columns, urlencode(base)


def _page(request, template, flow_map, filters, **context):
    rows = flow_map.sorted_rows(filters["sort"], filters["descending"])
    columns, query = _columns(filters)
    return render(
        request,
        template,
        {
            "map": flow_map,
            "rows": rows,
            "columns": columns,
            "query": query,
            "kind_labels": [FlowKind.LABELS[kind] for kind in FlowKind.ORDER],
            **filters,
            **context,
        },
    )


def _network_map(request, slug):
    """The network whose flows the person may see, the filters the query string names, and the
    network's map with its reciprocity ledger."""
    network = network_or_404(request, slug)
    require_perm(request, "plc_platform.view_network_flows", network)
    filters = _filters(request, network.consortium)
    flow_map, ledger = flowmap.network_map(network, filters["period"], _area_id(filters))
    return network, filters, flow_map, ledger


@require_GET
def network_flows(request, slug):
    """A network's knowledge-flow map, its table, and the reciprocity ledger, for its leaders and
    the consortium's staff."""
    network, filters, flow_map, ledger = _network_map(request, slug)
    return _page(request, "plc_platform/network_flows.html", flow_map, filters, network=network, ledger=ledger)


@require_GET
def network_flows_csv(request, slug):
    network, filters, flow_map, _ = _network_map(request, slug)
    return _csv(flow_map.every_row(), f"{network.slug}-flows-{filters['period'].key}.csv")


def _consortium_and_filters(request, slug, perm):
    """The consortium, if the person may (`perm`) see its flows, and the filters the query string names."""
    consortium = consortium_or_404(request, slug)
    require_perm(request, perm, consortium)
    return consortium, _filters(request, consortium)


def _consortium_map(request, slug):
    """The consortium's staff's map of the flows between its networks, with the consortium and the filters."""
    consortium, filters = _consortium_and_filters(request, slug, "plc_platform.view_consortium_flows")
    return consortium, filters, flowmap.consortium_map(consortium, filters["period"], _area_id(filters))


@require_GET
def consortium_flows(request, slug):
    """Which networks learn from which, for the consortium's staff."""
    consortium, filters, flow_map = _consortium_map(request, slug)
    return _page(request, "plc_platform/consortium_flows.html", flow_map, filters, consortium=consortium)


@require_GET
def consortium_flows_csv(request, slug):
    consortium, filters, flow_map = _consortium_map(request, slug)
    return _csv(flow_map.every_row(), f"{consortium.slug}-network-flows-{filters['period'].key}.csv")


def _exchange(request, slug):
    """For the desk: every flow between two of the consortium's networks' schools in the period,
    with the consortium and the filters."""
    consortium, filters = _consortium_and_filters(request, slug, "brokerage.run_desk")
    return consortium, filters, flowmap.between_networks(consortium, filters["period"], _area_id(filters))


@require_GET
def network_exchange(request, slug):
    """Which networks learn from which, for the desk: the engagements it brokered and the visits
    between networks (brokerage's reads), and every flow between two networks' schools in the
    period, the consortium map's edges (plc_platform.flows.network_flows), as a sortable table."""
    consortium, filters, rows = _exchange(request, slug)
    columns, query = _columns(filters)
    rows.sort(key=flowmap.SORTS[filters["sort"]], reverse=filters["descending"])
    context = {
        "consortium": consortium,
        "page": paginate(request, brokerage_reads.exchange_pairs(consortium)),
        "specialist_rows": brokerage_reads.specialist_exchange(consortium),
        "flows": paginate(request, rows, param="flows_page"),
        "columns": columns,
        "query": query,
        **filters,
    }
    return render(request, "plc_platform/network_exchange.html", context)


@require_GET
def network_exchange_csv(request, slug):
    consortium, filters, rows = _exchange(request, slug)
    return _csv(rows, f"{consortium.slug}-between-networks-{filters['period'].key}.csv")


@require_GET
def what_works(request, slug):
    """What the consortium's enquiries say works in a practice area, for anyone in the consortium:
    built only from the enquiries the reader may read."""
    consortium = consortium_or_404(request, slug)
    areas = area_overview(consortium)
    area = next((a for a, _ in areas if a.slug == request.GET.get("area")), None)
    context = {
        "consortium": consortium,
        "areas": areas,
        "area": area,
        "unknown_area": bool(request.GET.get("area") and not area),
    }
    if area:
        context["summaries"] = what_works_summaries(request.user, area, timezone.localdate())
    return render(request, "plc_platform/what_works.html", context)
