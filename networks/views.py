"""Pages for people and places. Thin: load through a scope, check a rule, call a service, render."""

from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_not_required
from django.db.models import Count
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from django.views.i18n import set_language

from . import reads, services
from .forms import (
    AccountCreateForm,
    EmailPreferenceForm,
    InvitationForm,
    MemberSchoolForm,
    NetworkCreateForm,
    NetworkForm,
    PracticeAreaForm,
    ProfileForm,
    SchoolChoiceForm,
    SchoolFilterForm,
)
from .i18n import LANGUAGE_CODES
from .models import (
    EmailPreference,
    Invitation,
    InvitationStatus,
    Membership,
    Network,
    NetworkSchool,
    Role,
    School,
    place_field,
)
from .permissions import (
    memberships_of,
    network_membership_or_404,
    network_school_or_404,
    pending_invitation_for_user_or_404,
    practice_area_for_user_or_404,
    school_addable_to_network_or_404,
    schools_addable_to,
)
from .shortcuts import consortium_or_404 as _consortium_or_404
from .shortcuts import network_or_404 as _network_or_404
from .shortcuts import paginate as _page
from .shortcuts import posted, redirect_next
from .shortcuts import require_perm as _require
from .shortcuts import school_or_404 as _school_or_404


@require_GET
def network_list(request):
    networks = Network.objects.visible_to(request.user).select_related("consortium").with_counts().order_by("name")
    staff_consortia = [m.consortium for m in memberships_of(request.user) if m.role == Role.CONSORTIUM_STAFF]
    return render(
        request, "networks/network_list.html", {"page": _page(request, networks), "staff_consortia": staff_consortia}
    )


@require_http_methods(["GET", "POST"])
def network_edit(request, slug):
    network = _network_or_404(request, slug, perm="networks.change_network")
    form = NetworkForm(posted(request), instance=network)
    if form.is_valid():
        services.network_update(network=network, **form.cleaned_data)
        messages.success(request, gettext("The network's purpose and focus are saved."))
        return redirect(network)
    return render(request, "networks/network_edit.html", {"network": network, "form": form})


@require_http_methods(["GET", "POST"])
def network_create(request, slug):
    consortium = _consortium_or_404(request, slug, perm="networks.invite_to_consortium")
    form = NetworkCreateForm(posted(request), consortium=consortium)
    if form.is_valid():
        network = services.network_create(consortium=consortium, **form.cleaned_data)
        messages.success(request, gettext("%(network)s is created. Add its schools next.") % {"network": network.name})
        return redirect("networks:network_school_add", slug=network.slug)
    return render(request, "networks/network_create.html", {"consortium": consortium, "form": form})


SCHOOL_SEARCH_LIMIT = 20


@require_http_methods(["GET", "POST"])
def network_school_add(request, slug):
    """Find schools of the consortium by a few letters of their name, and add them one by one.

    With htmx, adding a school swaps its search result for "Added" and the list of the network's
    schools in place; without JavaScript the form posts and the page comes back with the search.
    """
    network = _network_or_404(request, slug, perm="networks.manage_network_schools")
    members = NetworkSchool.objects.filter(network=network).select_related("school")
    if request.method == "POST":
        school = school_addable_to_network_or_404(network, request.POST.get("school"))
        services.network_add_schools(network=network, schools=[school])
        if request.htmx:
            context = {"network": network, "school": school, "members": members}
            return render(request, "networks/_school_added.html", context)
        messages.success(
            request, gettext("%(school)s has joined %(network)s.") % {"school": school.name, "network": network.name}
        )
        return redirect(reverse("networks:network_school_add", args=[slug]) + f"?q={request.POST.get('q', '')}")
    query = request.GET.get("q", "").strip()
    candidates = schools_addable_to(network).search(query).order_by("name", "urn")
    found = list(candidates[: SCHOOL_SEARCH_LIMIT + 1]) if query else []
    context = {
        "network": network,
        "query": query,
        "results": found[:SCHOOL_SEARCH_LIMIT],
        "cut_at": SCHOOL_SEARCH_LIMIT if len(found) > SCHOOL_SEARCH_LIMIT else None,
        "members": members,
    }
    template = "networks/_school_search_results.html" if request.htmx else "networks/network_school_add.html"
    return render(request, template, context)


@require_http_methods(["GET", "POST"])
def network_school_remove(request, slug, urn):
    network = _network_or_404(request, slug, perm="networks.manage_network_schools")
    school = network_school_or_404(network, urn)
    if request.method == "POST":
        services.network_remove_school(network=network, school=school)
        messages.success(
            request, gettext("%(school)s has left %(network)s.") % {"school": school.name, "network": network.name}
        )
        return redirect(network)
    return render(request, "networks/network_school_remove.html", {"network": network, "school": school})


@require_GET
def network_members(request, slug):
    """Everyone in the network with their school in it; leaders see who has none and place them."""
    network = _network_or_404(request, slug)
    memberships = reads.members_with_schools(network)
    context = {
        "network": network,
        "memberships": memberships,
        "without_school": sum(1 for m in memberships if not m.schools_here),
        "has_schools": network.network_schools.exists(),
        "can_manage": request.user.has_perm("networks.manage_network_members", network),
    }
    return render(request, "networks/network_members.html", context)


@require_http_methods(["GET", "POST"])
def network_member_school(request, slug, pk):
    """A leader places a member of the network in one of its schools, as staff or school lead."""
    network = _network_or_404(request, slug, perm="networks.manage_network_members")
    membership = network_membership_or_404(network, pk)
    form = MemberSchoolForm(posted(request), network=network)
    if form.is_valid():
        school, role = form.cleaned_data["school"], form.cleaned_data["school_role"]
        services.school_membership_grant(user=membership.user, school=school, role=role)
        messages.success(
            request,
            gettext("%(person)s is now %(role)s at %(school)s.")
            % {"person": membership.user, "role": Role(role).label.lower(), "school": school},
        )
        return redirect("networks:network_members", slug=network.slug)
    context = {"network": network, "membership": membership, "form": form}
    return render(request, "networks/network_member_school.html", context)


@require_http_methods(["GET", "POST"])
def school_choose(request):
    """A member with no school in one of their networks chooses one of its schools, as staff."""
    choices = reads.schools_to_choose_from(request.user)
    form = SchoolChoiceForm(posted(request), choices=choices)
    if form.is_valid():
        school = form.cleaned_data["school"]
        services.school_membership_grant(user=request.user, school=school, role=Role.SCHOOL_STAFF)
        messages.success(request, gettext("You are now staff at %(school)s.") % {"school": school})
        return redirect("home")
    return render(request, "networks/school_choose.html", {"form": form, "choices": choices})


def _invite(request, place, perm, back_url):
    _require(request, perm, place)
    form = InvitationForm(posted(request), place=place)
    if form.is_valid():
        try:
            invitation = services.invitation_create(invited_by=request.user, place=place, **form.cleaned_data)
        except services.InvitationError as error:
            form.add_error("email", str(error))
        else:
            messages.success(
                request,
                gettext("An invitation is on its way to %(email)s as %(role)s.")
                % {"email": invitation.email, "role": invitation.get_role_display().lower()},
            )
            return redirect(request.path)
    pending = (
        Invitation.objects.pending()
        .filter(**{place_field(place): place})
        .select_related("invited_by", "school_in_network")
    )
    return render(
        request, "networks/invite.html", {"place": place, "form": form, "pending": pending, "back_url": back_url}
    )


@require_http_methods(["GET", "POST"])
def network_invite(request, slug):
    network = _network_or_404(request, slug)
    return _invite(request, network, "networks.invite_to_network", network.get_absolute_url())


@require_http_methods(["GET", "POST"])
def school_invite(request, urn):
    school = _school_or_404(request, urn)
    return _invite(request, school, "networks.invite_to_school", school.get_absolute_url())


@require_http_methods(["GET", "POST"])
def consortium_invite(request, slug):
    consortium = _consortium_or_404(request, slug)
    return _invite(request, consortium, "networks.invite_to_consortium", consortium.get_absolute_url())


@require_POST
def invitation_withdraw(request, pk):
    invitation = pending_invitation_for_user_or_404(request.user, pk)
    place = invitation.place
    services.invitation_withdraw(invitation=invitation)
    messages.success(request, gettext("The invitation to %(email)s is withdrawn.") % {"email": invitation.email})
    return redirect_next(request, place.get_absolute_url())


@login_not_required
@require_http_methods(["GET", "POST"])
def invitation_accept(request, token):
    """Where an invitation's link lands: set up an account, or add the role to the signed-in one."""
    invitation = services.invitation_from_token(token)
    if invitation is None:
        return render(request, "networks/invitation_unusable.html", {"invalid": True}, status=404)
    if not invitation.is_pending:
        context = {"invitation": invitation, "InvitationStatus": InvitationStatus}
        return render(request, "networks/invitation_unusable.html", context, status=410)
    user = request.user if request.user.is_authenticated else None
    account_exists = user is None and services.User.objects.filter(email__iexact=invitation.email).exists()
    form = AccountCreateForm(posted(request), email=invitation.email) if user is None else None
    if request.method == "POST" and not account_exists and (form is None or form.is_valid()):
        details = (
            {}
            if form is None
            else {
                "full_name": form.cleaned_data["full_name"],
                "password": form.cleaned_data["password1"],
                "job_title": form.cleaned_data["job_title"],
            }
        )
        try:
            user = services.invitation_accept(invitation=invitation, user=user, **details)
        except services.InvitationError as error:
            messages.error(request, str(error))
        else:
            if form is not None:
                login(request, user, backend="django.contrib.auth.backends.ModelBackend")
            messages.success(request, gettext("Welcome to %(place)s.") % {"place": invitation.place})
            return redirect(invitation.place.get_absolute_url())
    context = {"invitation": invitation, "form": form, "account_exists": account_exists}
    return render(request, "networks/invitation_accept.html", context)


@require_GET
def school_list(request):
    schools = School.objects.visible_to(request.user)
    form = SchoolFilterForm(request.GET or None, schools=schools)
    if form.is_valid():
        schools = form.filter(schools)
    return render(request, "networks/school_list.html", {"form": form, "page": _page(request, schools)})


@require_GET
def consortium_detail(request, slug):
    consortium = _consortium_or_404(request, slug)
    networks = Network.objects.visible_to(request.user).filter(consortium=consortium).with_counts().order_by("name")
    context = {
        "consortium": consortium,
        "networks": networks,
        "school_count": consortium.schools.count(),
        "practice_areas": consortium.practice_areas.all(),
        "staff": Membership.objects.filter(consortium=consortium).select_related("user"),
        "is_staff": request.user.has_perm("networks.invite_to_consortium", consortium),
    }
    return render(request, "networks/consortium_detail.html", context)


@require_http_methods(["GET", "POST"])
def practice_area_list(request, slug):
    """The consortium's practice-area taxonomy: what enquiries, activities and requests are tagged with."""
    consortium = _consortium_or_404(request, slug, perm="networks.change_practice_areas")
    form = PracticeAreaForm(posted(request), consortium=consortium)
    if form.is_valid():
        area = services.practice_area_add(consortium=consortium, **form.cleaned_data)
        messages.success(request, gettext("“%(area)s” is added.") % {"area": area.display_name})
        return redirect("networks:practice_area_list", slug=slug)
    areas = consortium.practice_areas.annotate(network_count=Count("networks"))
    return render(request, "networks/practice_area_list.html", {"consortium": consortium, "areas": areas, "form": form})


@require_http_methods(["GET", "POST"])
def practice_area_edit(request, slug, pk):
    area = practice_area_for_user_or_404(request.user, slug, pk)
    form = PracticeAreaForm(posted(request), instance=area, consortium=area.consortium)
    if form.is_valid():
        services.practice_area_rename(area=area, **form.cleaned_data)
        messages.success(request, gettext("The practice area is renamed."))
        return redirect("networks:practice_area_list", slug=slug)
    return render(request, "networks/practice_area_edit.html", {"area": area, "form": form})


@require_http_methods(["GET", "POST"])
def practice_area_remove(request, slug, pk):
    area = practice_area_for_user_or_404(request.user, slug, pk)
    if request.method == "POST":
        services.practice_area_remove(area=area)
        messages.success(request, gettext("“%(area)s” is removed.") % {"area": area.display_name})
        return redirect("networks:practice_area_list", slug=slug)
    return render(request, "networks/practice_area_remove.html", {"area": area, "network_count": area.networks.count()})


@login_not_required
@require_POST
def language_set(request):
    """The switch on every page: Django's own view sets the language cookie and goes back to the
    page (its `next`); a signed-in person's choice is saved too, for every browser and their emails."""
    response = set_language(request)
    language = request.POST.get("language", "")
    if request.user.is_authenticated and language in LANGUAGE_CODES:
        services.user_language_set(user=request.user, language=language)
    return response


@require_http_methods(["GET", "POST"])
def profile(request):
    form = ProfileForm(posted(request), instance=request.user)
    if form.is_valid():
        services.user_profile_update(user=request.user, **form.cleaned_data)
        messages.success(request, gettext("Your profile is saved."))
        return redirect("networks:profile")
    memberships = Membership.objects.filter(user=request.user).select_related("consortium", "network", "school")
    return render(request, "networks/profile.html", {"form": form, "memberships": memberships})


# Email preferences: signed in, or from the link at the foot of every email (no sign-in needed).

PREFERENCES_TEMPLATE = "networks/email_preferences.html"


@require_http_methods(["GET", "POST"])
def email_preferences(request):
    return _preferences_page(request, request.user, signed_in=True)


@login_not_required
@require_http_methods(["GET", "POST"])
def email_preferences_by_link(request, token):
    """The link in every email: the signed token stands for the person, so no sign-in is asked."""
    person = services.user_from_preferences_token(token)
    if person is None:
        return render(request, PREFERENCES_TEMPLATE, {"invalid": True}, status=404)
    return _preferences_page(request, person, signed_in=False)


def _preferences_page(request, person, *, signed_in):
    instance = EmailPreference.objects.filter(user=person).first() or EmailPreference(user=person)
    form = EmailPreferenceForm(posted(request), instance=instance)
    if form.is_valid():
        services.email_preferences_set(user=person, **form.cleaned_data)
        messages.success(request, gettext("Your email preferences are saved."))
        return redirect(request.path)
    return render(request, PREFERENCES_TEMPLATE, {"form": form, "person": person, "signed_in": signed_in})
