"""The network page and the school page: composed here from each app's read functions and partials,
so that no lower app includes a template of, or queries for, an app above it (DESIGN.md section 3)."""

from django.shortcuts import render
from django.views.decorators.http import require_GET

from enquiry.reads import EnquiryCounts
from enquiry.reads import network_panel_context as enquiry_network_panel
from networks.models import LEADER_ROLES, Invitation, Membership, Network, Role
from networks.shortcuts import network_or_404, school_or_404
from reviews.reads import maturity_history, rounds_to_answer

from .dashboard import sees_statements
from .dashboard_cache import dashboard_panels


@require_GET
def network_detail(request, slug):
    """The network dashboard: the network seen whole (plc_platform.dashboard), with its people."""
    network = network_or_404(request, slug)
    user = request.user
    memberships = list(Membership.objects.filter(network=network).select_related("user").order_by("user__full_name"))
    can_invite = user.has_perm("networks.invite_to_network", network)
    can_manage_schools = user.has_perm("networks.manage_network_schools", network)
    dashboard = dashboard_panels(user, network, can_manage_schools=can_manage_schools)
    total, private = dashboard["enquiry_counts"]
    context = {
        "network": network,
        "can_manage_rounds": user.has_perm("reviews.manage_rounds", network),
        "rounds_to_answer": rounds_to_answer(user, network=network),
        "leaders": [m for m in memberships if m.role in LEADER_ROLES],
        "members": [m for m in memberships if m.role not in LEADER_ROLES],
        "practice_areas": network.practice_areas.all(),
        "can_edit": user.has_perm("networks.change_network", network),
        "can_manage_schools": can_manage_schools,
        "can_invite": can_invite,
        "can_see_flows": user.has_perm("plc_platform.view_network_flows", network),
        "invitations": Invitation.objects.pending().filter(network=network).select_related("school_in_network")
        if can_invite
        else [],
        # The dashboard's enquiry counts, not counted twice.
        **enquiry_network_panel(user, network, EnquiryCounts(total=total, private=private)),
        "dashboard": dashboard,
        "can_see_statements": sees_statements(user, network),
    }
    return render(request, "plc_platform/network_detail.html", context)


@require_GET
def school_detail(request, urn):
    school = school_or_404(request, urn)
    user = request.user
    context = {
        "school": school,
        "networks": Network.objects.visible_to(user).filter(network_schools__school=school),
        "leads": Membership.objects.filter(school=school, role=Role.SCHOOL_LEAD).select_related("user"),
        "staff_count": Membership.objects.filter(school=school).count(),
        "can_invite": user.has_perm("networks.invite_to_school", school),
        "maturity_records": maturity_history(school),
        "can_record_maturity": user.has_perm("reviews.record_maturity", school),
    }
    return render(request, "plc_platform/school_detail.html", context)
