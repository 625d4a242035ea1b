"""Cross-app pages: each person's home page."""

from django.shortcuts import render
from django.views.decorators.http import require_GET

from activities.reads import costs_to_approve, upcoming_for
from brokerage.reads import home_context as brokerage_home_context
from enquiry.reads import home_context as enquiry_home_context
from networks.models import LEADER_ROLES, Invitation, Network, Role
from networks.permissions import memberships_of
from networks.reads import networks_without_your_school
from reviews.reads import rounds_to_answer

HOME_LIST_SIZE = 25


@require_GET
def home(request):
    """What needs the person now: invitations waiting for them, then their networks and schools."""
    user = request.user
    memberships = memberships_of(user)
    networks = Network.objects.visible_to(user).active().select_related("consortium").with_counts().order_by("name")
    context = {
        "invitations_for_me": Invitation.objects.pending()
        .for_email(user.email)
        .select_related("consortium", "network", "school", "school_in_network"),
        "networks": networks[:HOME_LIST_SIZE],
        "networks_without_your_school": list(networks_without_your_school(user)),
        "memberships": memberships,
        "schools": [m.school for m in memberships if m.school_id],
        "staff_of": [m.consortium for m in memberships if m.role == Role.CONSORTIUM_STAFF],
        "leading": [m.network for m in memberships if m.role in LEADER_ROLES],
        "review_tasks": rounds_to_answer(user),
        "costs_to_approve": costs_to_approve(user),
        "your_activities": upcoming_for(user),
        "brokerage_home": brokerage_home_context(user),
        **enquiry_home_context(user),
        "invitations_sent": Invitation.objects.pending()
        .filter(invited_by=user)
        .select_related("consortium", "network", "school")[:HOME_LIST_SIZE],
    }
    return render(request, "home.html", context)
