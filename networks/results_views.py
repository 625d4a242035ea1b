"""A self-review round's results, as a page and as a CSV: both from the same `RoundResults`.

Figures appear only once a round has closed. While it is open, a leader who watched them move
as each person submitted could subtract one view from the next and read that person's answers;
so until then the page shows only how many have answered.

Leaders of the round's network, consortium staff and operators see them at any time, school by
school; members of the network see the network-level results once the round has closed. Anyone
else gets a 404, as for a round that does not exist.
"""

import csv

from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_GET

from .models import ReviewRound, RoundStatus
from .results import SCALE, SCALE_TICKS
from .results import round_results as compute_results
from .review_services import round_audience


def _round_or_404(request, pk):
    round = get_object_or_404(
        ReviewRound.objects.visible_to(request.user).select_related("network", "framework"), pk=pk
    )
    if not request.user.has_perm("networks.view_round_results", round):
        raise Http404
    return round


def _results(request, round, **options):
    """Those who run the round see school by school; members see the network as a whole."""
    school_level = request.user.has_perm("networks.manage_round", round)
    return compute_results(round, school_level=school_level, **options)


@require_GET
def round_results(request, pk):
    round = _round_or_404(request, pk)
    if round.status != RoundStatus.CLOSED:
        context = {
            "round": round,
            "network": round.network,
            "answered": round.responses.filter(submitted_at__isnull=False).count(),
            "asked": round_audience(round).count(),
        }
        return render(request, "networks/review/results_pending.html", context)
    results = _results(request, round)
    context = {
        "round": round,
        "network": round.network,
        "results": results,
        "scale": SCALE,
        "ticks": SCALE_TICKS,
        "asked": round_audience(round).count(),
    }
    return render(request, "networks/review/results.html", context)


def _is_number(text):
    try:
        float(text)
    except ValueError:
        return False
    return True


def _sanitise(value):
    """Text a spreadsheet would run as a formula is quoted (school names come from outside)."""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r") and not _is_number(value):
        return "'" + value
    return value


@require_GET
def round_results_csv(request, pk):
    round = _round_or_404(request, pk)
    if round.status != RoundStatus.CLOSED:
        raise Http404
    results = _results(request, round, with_comments=False)  # the CSV has figures only
    filename = f"{round.network.slug}-self-review-{round.opens_on:%Y-%m-%d}.csv"
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    # A byte-order mark, so a spreadsheet opened by double-click reads Welsh names rightly.
    response.write("\ufeff")
    writer = csv.writer(response)
    for row in results.csv_rows():
        writer.writerow([_sanitise(value) for value in row])
    return response
