"""The network dashboard kept ready between the writes that change it (issue 14's speed: 150 ms at
p95 with 32 people at once on 2 cores leaves about 10 ms of work a request, and building the
panels costs about 125 ms).

Each panel's HTML is kept in the cache, built from plc_platform.dashboard's panel functions (so
from each app's read functions, which the statement of account, the overview and the CSVs read
directly). Its key holds the network's data version (networks.freshness: every write that changes
a panel's figures moves it), the language, the day for the panels whose figures change with it
("this term", "not moved for six weeks", "due to open"), and what the panel shows of the viewer:
the enquiries not moved for six weeks list those the viewer may read (kept per person), and the
schools offer their removal to those who manage them. Who sees which panel (the needs-attention
panel, the money) is decided on every request, as before.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass

from django.core.cache import cache
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

from networks.freshness import cache_namespace, network_data_version, watch, watch_m2m

from . import dashboard
from .flowmap import academic_year

# However long nothing moves a network's version, a panel is built again after this long. While
# Redis is unreachable each process keeps its own versions, which other processes' writes do not
# move, and writes made then never reach Redis' versions: so for this long after this process last
# found Redis unreachable, the panels are built on every opening and none is kept or read (any kept
# before has expired by then).
PANEL_SECONDS = 10 * 60


@dataclass(frozen=True)
class Viewer:
    """What a panel may depend on: the person, the network, the day and its school year."""

    user: object
    network: object
    today: object
    year: object
    can_manage_schools: bool


@dataclass(frozen=True)
class Panel:
    template: str
    build: Callable[[Viewer], dict]  # the template's context, from the panel function
    daily: bool = True  # its figures change with the day
    key: Callable[[Viewer], object] = lambda viewer: ""  # what it shows of the viewer


def _enquiries(viewer: Viewer) -> dict:
    return {"enquiries": dashboard.enquiry_counts_panel(viewer.network, viewer.user)}


PANELS = {
    "attention": Panel("plc_platform/_attention.html", lambda v: {"attention": dashboard.attention_panel(v.network)}),
    "reviews": Panel(
        "plc_platform/_dash_reviews.html", lambda v: {"reviews": dashboard.review_panel(v.network)}, False
    ),
    "activity": Panel(
        "plc_platform/_dash_activity.html", lambda v: {"activity": dashboard.activity_panel(v.network, v.year)}
    ),
    "enquiries": Panel("plc_platform/_dash_enquiries.html", _enquiries, daily=False),
    "stalled": Panel(
        "plc_platform/_dash_stalled.html",
        lambda v: {"stalled": dashboard.stalled_enquiries(v.network, v.user)},
        key=lambda v: f"u{v.user.pk}",
    ),
    "money": Panel("plc_platform/_dash_money.html", lambda v: dashboard.money_panel(v.network, v.year)),
    "schools": Panel(
        "plc_platform/_dash_schools.html",
        lambda v: {**dashboard.school_panel(v.network), "can_manage_schools": v.can_manage_schools},
        key=lambda v: f"m{int(v.can_manage_schools)}",
    ),
}


def _built(name: str, viewer: Viewer) -> dict:
    """The panel built: its HTML, and for the enquiry counts the totals the page shows elsewhere."""
    figures = PANELS[name].build(viewer)
    html = render_to_string(PANELS[name].template, {"network": viewer.network, "year": viewer.year, **figures})
    kept = {"html": html}
    if name == "enquiries":
        kept["total"], kept["private"] = figures["enquiries"]["total"], figures["enquiries"]["private"]
    return kept


def _cache_shared() -> bool:
    """False for PANEL_SECONDS after the cache last fell back to this process's memory (plc_platform.cache)."""
    unreachable_at = getattr(cache, "unreachable_at", None)
    return unreachable_at is None or time.monotonic() - unreachable_at > PANEL_SECONDS


def dashboard_panels(user, network, *, can_manage_schools: bool) -> dict:
    """The dashboard's panels this person sees, as HTML by name, built only where the cache has
    nothing for the network's data now (one cache read for the version, one for the panels);
    `enquiry_counts` holds the enquiry counts' total and private figures."""
    today = timezone.localdate()
    viewer = Viewer(user, network, today, academic_year(today), can_manage_schools)
    names = ["reviews", "activity", "enquiries", "stalled", "schools"]
    if user.has_perm("networks.change_network", network):  # its leaders, co-leaders and consortium staff
        names.append("attention")
    if user.has_perm("activities.view_budget", network):
        names.append("money")
    base = f"{cache_namespace()}:dashboard:{network.pk}:{network_data_version(network.pk)}:{get_language()}"
    keys = {
        name: ":".join([base, name, today.isoformat() if PANELS[name].daily else "", str(PANELS[name].key(viewer))])
        for name in names
    }
    shared = _cache_shared()  # after the version's read, which finds Redis unreachable if it is
    found = cache.get_many(keys.values()) if shared else {}
    kept = {name: found[key] for name, key in keys.items() if key in found}
    missing = {}
    for name in names:
        if name == "stalled" and not kept["enquiries"]["total"]:
            continue  # no enquiry at all: the panel is not shown
        if name not in kept:
            kept[name] = missing[keys[name]] = _built(name, viewer)
    if missing and shared:
        cache.set_many(missing, PANEL_SECONDS)
    return _panels(kept, names)


def _panels(kept: dict, names: list[str]) -> dict:
    # The HTML our templates rendered, escaped as they escape.
    panels: dict = {name: mark_safe(kept[name]["html"]) for name in names if name in kept}  # noqa: S308
    panels["enquiry_counts"] = (kept["enquiries"]["total"], kept["enquiries"]["private"])
    return panels


def watch_what_the_dashboard_shows() -> None:
    """Every write to what the panels show moves the data version of the networks it shows in
    (networks.freshness), declared here, where the panels are, once for all the apps they read:
    the network, its schools, members and practice areas; the self-review's rounds, audiences,
    responses, answers and the schools' stages; enquiries (one moved to another network shows in
    both), their stage changes, evidence, claims and practice areas; activities, participants,
    cost lines, evaluations and budgets; support requests and engagements, for the request's
    network and its school's. Responses, answers and stage changes go only with a parent that is
    watched, so their deletion is not."""
    from activities.models import Activity, CostLine, Evaluation, NetworkBudget, Participant
    from brokerage.models import Engagement, SupportRequest
    from enquiry.models import Enquiry, Evidence, ImpactClaim, StageChange
    from networks.models import Membership, Network, NetworkSchool, PracticeArea, School
    from reviews.models import Answer, ReviewResponse, ReviewRound, SchoolMaturity

    at_school = "school__network_schools__network"
    for model, paths, options in [
        (Network, ["id"], {}),
        (NetworkSchool, ["network"], {}),
        (School, ["network_schools__network"], {}),
        (Membership, ["network"], {}),
        (PracticeArea, ["consortium__networks"], {}),
        (ReviewRound, ["network"], {}),
        (ReviewResponse, ["round__network"], {"deletes": False}),
        (Answer, ["response__round__network"], {"deletes": False}),
        (SchoolMaturity, [at_school], {}),
        (Enquiry, ["network"], {"moves": "network"}),
        (StageChange, ["enquiry__network"], {"deletes": False}),
        (Evidence, ["enquiry__network"], {}),
        (ImpactClaim, ["enquiry__network"], {}),
        (Activity, ["network"], {}),
        (Participant, ["activity__network"], {}),
        (CostLine, ["activity__network"], {}),
        (Evaluation, ["participant__activity__network"], {}),
        (NetworkBudget, ["network"], {}),
        (SupportRequest, ["network", at_school], {}),
        (Engagement, ["request__network", f"request__{at_school}"], {}),
    ]:
        watch(model, *paths, **options)
    watch_m2m(Network.practice_areas.through, "id")
    watch_m2m(ReviewRound.audience_schools.through, "network")
    watch_m2m(Enquiry.practice_areas.through, "network")
