"""The consortium overview: every network side by side, sortable, with its CSV (thin views over
plc_platform.overview, which reads each app's figures once for every network)."""

from __future__ import annotations

import csv

from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from networks.shortcuts import consortium_or_404, paginate, require_perm
from networks.text import csv_safe

from . import overview
from .flowmap import academic_year


def _overview(request, slug):
    consortium = consortium_or_404(request, slug)
    require_perm(request, "plc_platform.view_consortium_overview", consortium)
    figures = overview.consortium_overview(consortium, academic_year(timezone.localdate()))
    key, descending = figures.sort(request.GET.get("sort"))
    return figures, key, descending


@require_GET
def consortium_overview(request, slug):
    """For the consortium's staff: each network's self-review, activity, money and enquiries."""
    figures, key, descending = _overview(request, slug)
    page = paginate(request, figures.sorted_rows(key, descending))
    group = figures.group_shown(request.GET.get("show"), key)
    links = figures.sort_links(key, descending)
    sorted_column = next(link["column"] for link in links if link["sorted"])
    context = {
        "group": group,
        "groups": overview.GROUPS,
        # A group's own link keeps the order only when its table shows the column sorted by.
        "kept_sort": f"{'-' if descending else ''}{key}" if sorted_column.group in ("", group) else "",
        "consortium": figures.consortium,
        "overview": figures,
        "page": page,
        "heat": figures.heat(page.object_list),
        "links": [link for link in links if link["column"].group in ("", group)],
        "sort": f"{'-' if descending else ''}{key}",
        "totals": figures.totals,
    }
    return render(request, "plc_platform/consortium_overview.html", context)


@require_GET
def consortium_overview_csv(request, slug):
    """Every figure of the overview, every network (not a page of them), in the page's order."""
    figures, key, descending = _overview(request, slug)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = (
        f'attachment; filename="{figures.consortium.slug}-overview-{figures.year.key}.csv"'
    )
    response.write("\ufeff")
    writer = csv.writer(response)
    for line in figures.csv_rows(figures.sorted_rows(key, descending)):
        writer.writerow([csv_safe(cell) for cell in line])
    return response
