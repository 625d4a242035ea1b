"""Pages of the brokerage desk. Thin: load through a scope, check a rule, call a service, render.
A row out of the person's reach is a 404, as is an action they may not take."""

from __future__ import annotations

import rules
from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.db.models import Count, F, Q
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from networks.shortcuts import PAGE_SIZE, posted
from networks.shortcuts import consortium_or_404 as _consortium_or_404
from networks.shortcuts import paginate as _page
from networks.shortcuts import require_perm as _require
from networks.text import money

from . import digest_services, reads, services, text
from .forms import (
    AvailabilityForm,
    BookingForm,
    CompleteForm,
    DigestForm,
    HostCapacityForm,
    MatchFilterForm,
    NoteForm,
    OutcomeForm,
    PastEngagementForm,
    PracticeEntryForm,
    PracticeFilterForm,
    PracticeImportForm,
    ProposalResponseForm,
    ProposeForm,
    RequestForm,
    SettingsForm,
    SpecialistForm,
)
from .matching import match
from .models import (
    DEFAULT_VISITS_PER_TERM,
    LIVE_ENGAGEMENT_STATUSES,
    OPEN_REQUEST_STATUSES,
    BrokerageSettings,
    Engagement,
    EngagementStatus,
    HostCapacity,
    Proposal,
    ProposalStatus,
    RequestStatus,
    Specialist,
    SupportRequest,
)
from .permissions import (
    availability_block_of_specialist_or_404,
    desk_for_user_or_404,
    digest_consortia_for,
    engagement_for_user_or_404,
    engagement_is_over,
    host_school_for_user_or_404,
    own_specialist_profile,
    practice_entry_for_user_or_404,
    proposal_for_user_or_404,
    request_for_user_or_404,
    shared_enquiry_for_user_or_404,
    specialist_for_user_or_404,
    specialist_memberships,
)
from .practice_import import ImportRefused, PracticeImportFailed, practice_import


def _confirm(request, *, title, explanation, button, back, danger=False, note=True, form=None):
    return render(
        request,
        "confirm.html",
        {
            "title": title,
            "explanation": explanation,
            "button": button,
            "back": back,
            "danger": danger,
            "form": form or (NoteForm() if note else None),
        },
    )


def _noted_action(request, thing, action, *, done, **confirm):
    """A desk action that may carry a note: a valid post runs `action(note)` and goes back to the
    thing, saying `done` or why the service refused; otherwise the confirm page (`confirm`: its
    title, explanation, button, danger)."""
    form = NoteForm(posted(request))
    if form.is_valid():
        try:
            action(form.cleaned_data["note"])
        except services.BrokerageError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, done)
        return redirect(thing)
    return _confirm(request, form=form, back=thing.get_absolute_url(), **confirm)


def _write_posted(request, form, write, *, done, then=None):
    """The write behind a form: on a valid post, `write(form.cleaned_data)` calls a service. A
    refusal goes on the form and None comes back (draw the page again); else the person is told
    `done` and sent to `then` (by default to what `write` returned). `done` and `then` may be
    functions of what `write` returned."""
    if request.method != "POST" or not form.is_valid():
        return None
    try:
        result = write(form.cleaned_data)
    except services.BrokerageError as error:
        form.add_error(None, str(error))
        return None
    messages.success(request, done(result) if callable(done) else done)
    then = then(result) if callable(then) else then
    return redirect(result if then is None else then)


# Requests ----------------------------------------------------------------------------------------

STATUS_FILTERS = {
    "open": (
        _("Open"),
        Q(status__in=OPEN_REQUEST_STATUSES),
    ),
    "waiting": (_("Waiting for the desk"), Q(status__in=[RequestStatus.SUBMITTED, RequestStatus.TRIAGED])),
    "done": (_("Completed and reviewed"), Q(status__in=[RequestStatus.COMPLETED, RequestStatus.REVIEWED])),
    "all": (_("All"), Q()),
}


@require_GET
def request_list(request):
    """The desk for consortium staff, and each person's own requests for everyone else."""
    shown = request.GET.get("show", "open")
    if shown not in STATUS_FILTERS:
        shown = "open"
    requests = (
        SupportRequest.objects.visible_to(request.user)
        .filter(STATUS_FILTERS[shown][1])
        .for_lists()
        .order_by("-status_changed_at", "-pk")
    )
    context = {
        "page": _page(request, requests),
        "shown": shown,
        "filters": [(key, label) for key, (label, _query) in STATUS_FILTERS.items()],
        "can_raise": rules.has_perm("brokerage.raise_request", request.user),
        "desks": reads.desks_for(request.user),
    }
    return render(request, "brokerage/request_list.html", context)


@require_http_methods(["GET", "POST"])
def request_create(request):
    _require(request, "brokerage.raise_request")
    enquiry = None
    if request.method == "GET" and "enquiry" in request.GET:
        # "Ask to visit this school" on a shared enquiry's page; one out of reach is a 404.
        enquiry = shared_enquiry_for_user_or_404(request.user, request.GET["enquiry"])
    form = RequestForm(posted(request), user=request.user, enquiry=enquiry)
    raised = _write_posted(
        request,
        form,
        lambda data: services.request_raise(
            by=request.user,
            kind=data["kind"],
            school=data["school"],
            network=data["network"],
            title=data["title"],
            practice_areas=list(data["practice_areas"]),
            need=data["need"],
            reason=data["reason"],
            preferred_from=data["preferred_from"],
            preferred_to=data["preferred_to"],
            days=data["days"],
            budget=data["budget"],
            enquiry=data["enquiry"],
        ),
        done=gettext("Your request is with the consortium. You will see its proposals here."),
    )
    return raised or render(request, "brokerage/request_form.html", {"form": form})


@require_GET
def request_detail(request, pk):
    support = request_for_user_or_404(request.user, pk)
    user = request.user
    proposals = (
        Proposal.objects.filter(request=support)
        .select_related("specialist", "school", "responded_by", "proposed_by")
        .order_by("-score", "pk")
    )
    engagements = Engagement.objects.filter(request=support).select_related("specialist", "host_school")
    context = {
        "support": support,
        "areas": support.practice_areas.all(),
        "events": support.events.select_related("by"),
        "proposals": proposals,
        "engagements": engagements,
        "can_manage": rules.has_perm("brokerage.manage_request", user, support),
        "can_triage": rules.has_perm("brokerage.triage_request", user, support),
        "can_respond": rules.has_perm("brokerage.answer_proposals", user, support),
        "can_withdraw": rules.has_perm("brokerage.withdraw_open_request", user, support),
        "can_match": rules.has_perm("brokerage.match_request", user, support),
        "ProposalStatus": ProposalStatus,
    }
    return render(request, "brokerage/request_detail.html", context)


@require_http_methods(["GET", "POST"])
def request_triage(request, pk):
    support = request_for_user_or_404(request.user, pk, "brokerage.manage_request")
    return _noted_action(
        request,
        support,
        lambda note: services.request_triage(request=support, by=request.user, note=note),
        done=gettext("The request is triaged: find candidates for it next."),
        title=gettext("Take on “%(title)s”") % {"title": support.title},
        explanation=gettext(
            "Mark the request as read and taken on by the desk. Add a note for the requester if you like."
        ),
        button=gettext("Triage the request"),
    )


@require_http_methods(["GET", "POST"])
def request_withdraw(request, pk):
    support = request_for_user_or_404(request.user, pk, "brokerage.withdraw_request")
    return _noted_action(
        request,
        support,
        lambda note: services.request_withdraw(request=support, by=request.user, note=note),
        done=gettext("The request is withdrawn."),
        title=gettext("Withdraw “%(title)s”?") % {"title": support.title},
        explanation=gettext(
            "Its proposals lapse and any booked engagement is cancelled, freeing its days. "
            "This cannot be undone: raise a new request if the need comes back."
        ),
        button=gettext("Withdraw the request"),
        danger=True,
    )


def _kinds(show: str, support: SupportRequest):
    return {"school": ("school",), "specialist": ("specialist",), "both": ("school", "specialist")}.get(
        show, support.kind_enum.candidate_kinds
    )


@require_GET
def request_match(request, pk):
    """Ranked host schools and specialists for the request, each with its reasons."""
    support = request_for_user_or_404(request.user, pk, "brokerage.manage_request")
    filters = MatchFilterForm(request.GET or None)
    show = filters.cleaned_data.get("show", "") if filters.is_valid() else ""
    result = match(support, kinds=_kinds(show, support))
    context = {
        "support": support,
        "result": result,
        "filters": filters,
        "show": show,
        "can_propose": rules.has_perm("brokerage.match_request", request.user, support),
        "form": ProposeForm(keys=[c.key for c in result.candidates]),
        "weights": reads.weights_described(result.weights),
        "window_text": text.date_range(*result.window) if result.window else "",
    }
    return render(request, "brokerage/request_match.html", context)


@require_POST
def proposal_create(request, pk):
    support = request_for_user_or_404(request.user, pk, "brokerage.manage_request")
    show = request.POST.get("show", "")
    result = match(support, kinds=_kinds(show, support))
    by_key = {c.key: c for c in result.candidates}
    form = ProposeForm(request.POST, keys=list(by_key))
    back = reverse("brokerage:request_match", args=[support.pk]) + (f"?show={show}" if show else "")
    if not form.is_valid():
        for errors in form.errors.as_data().values():
            for error in errors:
                if error.code == "invalid_choice":
                    messages.error(request, gettext("The ranking has changed: look again."))
                else:
                    messages.error(request, " ".join(error.messages))
        return redirect(back)
    chosen = [by_key[key] for key in form.cleaned_data["candidates"]]
    try:
        proposals = services.proposal_create(
            request=support, by=request.user, candidates=chosen, note=form.cleaned_data["note"]
        )
    except services.BrokerageError as error:
        messages.error(request, str(error))
        return redirect(back)
    names = text.join_words(p.candidate.name for p in proposals)
    messages.success(
        request, gettext("Proposed %(names)s. The requester is asked to accept or decline.") % {"names": names}
    )
    return redirect(support)


@require_http_methods(["GET", "POST"])
def proposal_respond(request, pk):
    proposal = proposal_for_user_or_404(request.user, pk)
    support = proposal.request
    _require(request, "brokerage.respond_to_proposals", support)
    if proposal.status != ProposalStatus.PROPOSED or support.status != RequestStatus.PROPOSED:
        messages.info(
            request,
            gettext("This proposal is answered already: %(status)s.")
            % {"status": proposal.get_status_display().lower()},
        )
        return redirect(support)
    form = ProposalResponseForm(posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            if form.cleaned_data["decision"] == "accept":
                engagement = services.proposal_accept(
                    proposal=proposal, by=request.user, reason=form.cleaned_data["reason"]
                )
                messages.success(
                    request,
                    gettext("You accepted %(name)s. The consortium will agree the dates and book it.")
                    % {"name": proposal.candidate.name},
                )
                return redirect(engagement)
            services.proposal_decline(proposal=proposal, by=request.user, reason=form.cleaned_data["reason"])
        except services.BrokerageError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, gettext("You declined %(name)s.") % {"name": proposal.candidate.name})
            return redirect(support)
    return render(request, "brokerage/proposal_respond.html", {"proposal": proposal, "support": support, "form": form})


# Engagements -------------------------------------------------------------------------------------


@require_GET
def engagement_list(request):
    engagements = (
        Engagement.objects.visible_to(request.user)
        .select_related("request__school", "request__network", "specialist", "host_school")
        .order_by(F("starts_on").desc(nulls_first=True), "-pk")
    )
    return render(request, "brokerage/engagement_list.html", {"page": _page(request, engagements)})


@require_GET
def engagement_detail(request, pk):
    engagement = engagement_for_user_or_404(request.user, pk)
    user = request.user
    support = engagement.request
    context = {
        "engagement": engagement,
        "support": support,
        "booked_days": list(engagement.booked_days.all()),
        "areas": support.practice_areas.all(),
        "can_see_request": rules.has_perm("brokerage.view_request", user, support),
        "can_manage": rules.has_perm("brokerage.manage_engagement", user, engagement),
        "can_book": rules.has_perm("brokerage.book_engagement", user, engagement),
        "can_complete": rules.has_perm("brokerage.complete_engagement", user, engagement),
        "can_record_outcome": rules.has_perm("brokerage.record_outcome_now", user, engagement),
        "over": engagement_is_over(user, engagement),
        "EngagementStatus": EngagementStatus,
    }
    return render(request, "brokerage/engagement_detail.html", context)


@require_http_methods(["GET", "POST"])
def engagement_book(request, pk):
    engagement = engagement_for_user_or_404(request.user, pk, "brokerage.manage_engagement")
    form = BookingForm(posted(request), engagement=engagement)

    def book(data):
        services.engagement_book(
            engagement=engagement,
            dates=data["dates"],
            by=request.user,
            objectives=data["objectives"],
            expected_impact=data["expected_impact"],
            approach=data["approach"],
        )
        engagement.refresh_from_db()
        return engagement

    def booked(engagement):
        return ngettext(
            "Booked: %(dates)s, %(days)s day at %(rate)s = %(cost)s.",
            "Booked: %(dates)s, %(days)s days at %(rate)s = %(cost)s.",
            engagement.days_count,
        ) % {
            "dates": text.days_list(form.cleaned_data["dates"]),
            "days": text.number(engagement.days),
            "rate": money(engagement.day_rate),
            "cost": money(engagement.cost),
        }

    saved = _write_posted(request, form, book, done=booked)
    return saved or render(request, "brokerage/engagement_book.html", {"engagement": engagement, "form": form})


@require_http_methods(["GET", "POST"])
def engagement_complete(request, pk):
    engagement = engagement_for_user_or_404(request.user, pk, "brokerage.manage_engagement")
    form = CompleteForm(posted(request), initial={"progress_review": engagement.progress_review})
    saved = _write_posted(
        request,
        form,
        lambda data: services.engagement_complete(
            engagement=engagement, by=request.user, progress_review=data["progress_review"]
        ),
        done=gettext("The engagement is completed. The school is asked what it achieved."),
        then=engagement,
    )
    return saved or _form_page(
        request,
        engagement,
        form,
        title=gettext("Review of progress"),
        intro=gettext("Monitor the work: were its phases completed to the school's satisfaction?"),
        button=gettext("Mark as completed"),
    )


@require_http_methods(["GET", "POST"])
def engagement_review(request, pk):
    engagement = engagement_for_user_or_404(request.user, pk, "brokerage.record_outcome")
    form = OutcomeForm(posted(request))
    saved = _write_posted(
        request,
        form,
        lambda data: services.engagement_review(
            engagement=engagement,
            by=request.user,
            outcome=data["outcome"],
            outcome_strength=data["outcome_strength"],
            rating=data["rating"],
            feedback=data["feedback"],
        ),
        done=gettext("Thank you: the outcome is recorded, and it will inform the next match."),
        then=engagement,
    )
    return saved or _form_page(
        request,
        engagement,
        form,
        title=gettext("What the school achieved"),
        intro=gettext(
            "Afterwards, say what changed and how strong the evidence is. It goes into the school's record of "
            "practice and the provider's feedback, and so into the next match."
        ),
        button=gettext("Record the outcome"),
    )


def _form_page(request, engagement, form, *, title, intro, button):
    return render(
        request,
        "brokerage/engagement_form.html",
        {"engagement": engagement, "form": form, "title": title, "intro": intro, "button": button},
    )


@require_http_methods(["GET", "POST"])
def engagement_cancel(request, pk):
    engagement = engagement_for_user_or_404(request.user, pk, "brokerage.manage_engagement")
    return _noted_action(
        request,
        engagement,
        lambda note: services.engagement_cancel(engagement=engagement, by=request.user, note=note),
        done=gettext("The engagement is cancelled and its days are free again."),
        title=gettext("Cancel the engagement with %(name)s?") % {"name": engagement.provider.name},
        explanation=gettext("Its booked days are freed and the request goes back to the desk to be matched again."),
        button=gettext("Cancel the engagement"),
        danger=True,
    )


# Specialists -------------------------------------------------------------------------------------


@require_GET
def specialist_list(request, slug):
    consortium = desk_for_user_or_404(request.user, slug)
    query = request.GET.get("q", "").strip()
    specialists = (
        Specialist.objects.filter(consortium=consortium)
        .search(query)
        .select_related("base_school")
        .prefetch_related("practice_areas", "phase_rows")
        .annotate(engagement_count=Count("engagements", filter=Q(engagements__status__in=LIVE_ENGAGEMENT_STATUSES)))
        .order_by("name", "pk")
    )
    return render(
        request,
        "brokerage/specialist_list.html",
        {"consortium": consortium, "page": _page(request, specialists), "query": query},
    )


def _profile(form) -> dict:
    """What `services.specialist_save` takes from a valid specialist form, beside the profile itself."""
    data = form.cleaned_data
    return {
        "base_school": data.get("base"),
        "practice_areas": list(data["practice_areas"]),
        "phases": data["phases"],
        "travel_areas": data["travel_areas"],
    }


@require_http_methods(["GET", "POST"])
def specialist_create(request, slug):
    consortium = desk_for_user_or_404(request.user, slug)
    form = SpecialistForm(posted(request), consortium=consortium, staff=True)
    accounts = reads.specialist_accounts_without_profile(consortium)
    account_id = request.POST.get("account", "") if request.method == "POST" else ""

    def create(data):
        account = None
        if account_id:
            account = next((m.user for m in accounts if str(m.user_id) == account_id), None)
            if account is None:
                raise Http404
        return services.specialist_create(
            consortium=consortium, specialist=form.instance, account=account, by=request.user, **_profile(form)
        )

    saved = _write_posted(
        request,
        form,
        create,
        done=lambda specialist: (
            gettext("%(name)s's profile is saved. Add their availability next.") % {"name": specialist.name}
        ),
        then=lambda specialist: reverse("brokerage:availability", args=[specialist.pk]),
    )
    return saved or render(
        request,
        "brokerage/specialist_form.html",
        {"form": form, "consortium": consortium, "accounts": accounts, "account_id": account_id},
    )


@require_http_methods(["GET", "POST"])
def specialist_me(request):
    """A specialist's way to their own profile; the first time, it makes one to fill in."""
    profile = own_specialist_profile(request.user)
    if profile:
        return redirect(profile)
    roles = specialist_memberships(request.user)
    if not roles:
        raise Http404
    if request.method == "POST":
        specialist = services.specialist_profile_start(user=request.user, consortium=roles[0].consortium)
        messages.success(request, gettext("Your profile is made: say what you offer."))
        return redirect("brokerage:specialist_edit", pk=specialist.pk)
    return render(request, "brokerage/specialist_me.html", {"consortium": roles[0].consortium})


@require_GET
def specialist_detail(request, pk):
    specialist = specialist_for_user_or_404(request.user, pk)
    today = timezone.localdate()
    engagements = (
        Engagement.objects.visible_to(request.user)
        .filter(specialist=specialist)
        .exclude(status=EngagementStatus.CANCELLED)
        .select_related("request__school", "request__network")
        .order_by(F("starts_on").desc(nulls_first=True), "-pk")
    )
    context = {
        "specialist": specialist,
        "areas": specialist.practice_areas.all(),
        "phases": specialist.phase_labels,
        "travel": specialist.travel_area_names,
        "availability": specialist.availability.filter(ends_on__gte=today)[:10],
        "engagements": engagements[:PAGE_SIZE],
        "past": specialist.past_engagements.select_related("practice_area")[:PAGE_SIZE],
        "can_edit": rules.has_perm("brokerage.change_specialist", request.user, specialist),
        "is_staff": rules.has_perm("brokerage.run_desk", request.user, specialist.consortium),
    }
    return render(request, "brokerage/specialist_detail.html", context)


@require_http_methods(["GET", "POST"])
def specialist_edit(request, pk):
    specialist = specialist_for_user_or_404(request.user, pk, "brokerage.change_specialist")
    staff = rules.has_perm("brokerage.run_desk", request.user, specialist.consortium)
    form = SpecialistForm(posted(request), instance=specialist, consortium=specialist.consortium, staff=staff)
    saved = _write_posted(
        request,
        form,
        lambda data: services.specialist_save(specialist=form.instance, by=request.user, **_profile(form)),
        done=gettext("The profile is saved."),
        then=specialist,
    )
    return saved or render(request, "brokerage/specialist_form.html", {"form": form, "specialist": specialist})


@require_http_methods(["GET", "POST"])
def availability(request, pk):
    specialist = specialist_for_user_or_404(request.user, pk, "brokerage.change_specialist")
    form = AvailabilityForm(posted(request))
    saved = _write_posted(
        request,
        form,
        lambda data: services.availability_add(specialist=specialist, **data),
        done=lambda block: f"{block.get_kind_display()}: {text.date_range(block.starts_on, block.ends_on)}.",
        then=reverse("brokerage:availability", args=[specialist.pk]),
    )
    if saved:
        return saved
    blocks, booked = reads.availability_ahead(specialist)
    context = {"specialist": specialist, "form": form, "page": _page(request, blocks), "booked": booked[:PAGE_SIZE]}
    return render(request, "brokerage/availability.html", context)


@require_http_methods(["GET", "POST"])
def availability_remove(request, pk, block):
    specialist = specialist_for_user_or_404(request.user, pk, "brokerage.change_specialist")
    block = availability_block_of_specialist_or_404(specialist, block)
    if request.method == "POST":
        services.availability_remove(block=block)
        messages.success(
            request,
            gettext("Removed: %(kind)s %(dates)s.")
            % {"kind": block.get_kind_display().lower(), "dates": text.date_range(block.starts_on, block.ends_on)},
        )
        return redirect("brokerage:availability", pk=specialist.pk)
    return _confirm(
        request,
        title=gettext("Remove %(kind)s dates %(dates)s?")
        % {"kind": block.get_kind_display().lower(), "dates": text.date_range(block.starts_on, block.ends_on)},
        explanation=gettext("Booked days stay booked; only this offer or block goes."),
        button=gettext("Remove the dates"),
        back=reverse("brokerage:availability", args=[specialist.pk]),
        danger=True,
        note=False,
    )


@require_http_methods(["GET", "POST"])
def past_engagement_add(request, pk):
    specialist = specialist_for_user_or_404(request.user, pk)
    _require(request, "brokerage.run_desk", specialist.consortium)
    form = PastEngagementForm(posted(request), consortium=specialist.consortium)
    saved = _write_posted(
        request,
        form,
        lambda data: services.past_engagement_add(specialist=specialist, **data),
        done=gettext("The past engagement is recorded."),
        then=specialist,
    )
    return saved or render(
        request,
        "brokerage/form_page.html",
        {
            "form": form,
            "title": gettext("A past engagement of %(name)s") % {"name": specialist.name},
            "intro": gettext("Work they did before the platform, and the feedback it got: it counts in matching."),
            "button": gettext("Save"),
            "back": specialist.get_absolute_url(),
            "crumbs": [(specialist.get_absolute_url(), specialist.name)],
        },
    )


# The record of practice --------------------------------------------------------------------------


@require_GET
def practice_list(request, slug):
    """Search the record of what schools did in the last three years."""
    consortium = _consortium_or_404(request, slug)
    form = PracticeFilterForm(request.GET or None, consortium=consortium)
    entries = reads.practice_search(consortium, form.cleaned_data if form.is_valid() else {})
    context = {
        "consortium": consortium,
        "form": form,
        "page": _page(request, entries),
        "near": form.cleaned_data.get("near") if form.is_valid() else None,
        "can_manage": rules.has_perm("brokerage.run_desk", request.user, consortium),
    }
    return render(request, "brokerage/practice_list.html", context)


@require_GET
def practice_detail(request, pk):
    entry = practice_entry_for_user_or_404(request.user, pk)
    context = {
        "entry": entry,
        "can_edit": rules.has_perm("brokerage.change_practice_entry", request.user, entry),
        "origin_url": reads.origin_url(entry, request.user),
    }
    return render(request, "brokerage/practice_detail.html", context)


def _entry_form_page(request, form, consortium, title, back):
    return render(
        request,
        "brokerage/form_page.html",
        {
            "form": form,
            "title": title,
            "intro": gettext(
                "One piece of a school's work in one practice area, and how strongly its impact is evidenced."
            ),
            "button": gettext("Save"),
            "back": back,
            "crumbs": [(reverse("brokerage:practice_list", args=[consortium.slug]), gettext("Record of practice"))],
        },
    )


def _entry_save(request, form):
    """Save the entry a valid practice form describes, in the school it chose."""
    return services.practice_entry_save(entry=form.instance, by=request.user, school=form.cleaned_data["school_choice"])


@require_http_methods(["GET", "POST"])
def practice_create(request, slug):
    consortium = desk_for_user_or_404(request.user, slug)
    form = PracticeEntryForm(posted(request), consortium=consortium)
    saved = _write_posted(
        request,
        form,
        lambda data: _entry_save(request, form),
        done=lambda entry: gettext("“%(title)s” is in the record.") % {"title": entry.title},
    )
    back = reverse("brokerage:practice_list", args=[slug])
    return saved or _entry_form_page(request, form, consortium, gettext("Add to the record of practice"), back)


@require_http_methods(["GET", "POST"])
def practice_edit(request, pk):
    entry = practice_entry_for_user_or_404(request.user, pk, "brokerage.change_practice_entry")
    consortium = entry.school.consortium
    form = PracticeEntryForm(posted(request), instance=entry, consortium=consortium)
    saved = _write_posted(request, form, lambda data: _entry_save(request, form), done=gettext("The entry is saved."))
    title = gettext("Edit “%(title)s”") % {"title": entry.title}
    return saved or _entry_form_page(request, form, consortium, title, entry.get_absolute_url())


@require_http_methods(["GET", "POST"])
def practice_delete(request, pk):
    entry = practice_entry_for_user_or_404(request.user, pk, "brokerage.change_practice_entry")
    if request.method == "POST":
        slug = entry.school.consortium.slug
        services.practice_entry_delete(entry=entry)
        messages.success(request, gettext("“%(title)s” is removed from the record.") % {"title": entry.title})
        return redirect("brokerage:practice_list", slug=slug)
    return _confirm(
        request,
        title=gettext("Remove “%(title)s” from the record?") % {"title": entry.title},
        explanation=gettext("%(school)s's entry in %(area)s goes and no longer counts in matching.")
        % {"school": entry.school.name, "area": entry.practice_area.display_name},
        button=gettext("Remove the entry"),
        back=entry.get_absolute_url(),
        danger=True,
        note=False,
    )


@require_http_methods(["GET", "POST"])
def practice_import_view(request, slug):
    consortium = desk_for_user_or_404(request.user, slug)
    form = PracticeImportForm(request.POST, request.FILES) if request.method == "POST" else PracticeImportForm()
    problems = []
    if request.method == "POST" and form.is_valid():
        try:
            result = practice_import(consortium=consortium, text=form.cleaned_data["text"], by=request.user)
        except ImportRefused as error:
            form.add_error("file", str(error))
        except PracticeImportFailed as error:
            problems = error.problems
            form.add_error(
                "file",
                f"{error} " + gettext("Nothing was imported: correct the rows below and import the file again."),
            )
        else:
            messages.success(
                request,
                ngettext("Imported %(n)s entry.", "Imported %(n)s entries.", result.created) % {"n": result.created},
            )
            return redirect("brokerage:practice_list", slug=slug)
    return render(
        request,
        "brokerage/practice_import.html",
        {"consortium": consortium, "form": form, "problems": problems[:200], "more": max(0, len(problems) - 200)},
    )


# Hosting, settings, the digest ------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
def host_capacity(request, urn):
    school = host_school_for_user_or_404(request.user, urn)
    offer = reads.host_offer(school.pk) or HostCapacity(school=school)
    form = HostCapacityForm(posted(request), instance=offer)
    saved = _write_posted(
        request,
        form,
        lambda data: services.host_capacity_set(school=school, **data),
        done=gettext("%(school)s's hosting offer is saved.") % {"school": school.name},
        then=reverse("brokerage:host_capacity", args=[urn]),
    )
    if saved:
        return saved
    term = text.term_of(timezone.localdate())
    booked = reads.hosted_in_term(school, term).select_related("request__school", "request__network")
    context = {
        "school": school,
        "form": form,
        "term": term,
        "booked": booked,
        "default": DEFAULT_VISITS_PER_TERM,
    }
    return render(request, "brokerage/host_capacity.html", context)


@require_http_methods(["GET", "POST"])
def desk_settings(request, slug):
    consortium = desk_for_user_or_404(request.user, slug)
    instance = BrokerageSettings.for_consortium(consortium)
    form = SettingsForm(posted(request), instance=instance)
    saved = _write_posted(
        request,
        form,
        lambda data: services.settings_save(consortium=consortium, by=request.user, **data),
        done=gettext("The desk's settings are saved: the next match uses the new weights."),
        then=reverse("brokerage:desk_settings", args=[slug]),
    )
    return saved or render(request, "brokerage/desk_settings.html", {"consortium": consortium, "form": form})


def _digest_page(request, person, *, signed_in):
    consortia = digest_consortia_for(person)
    current = consortia.filter(digest_subscriptions__user=person)
    form = DigestForm(posted(request), consortia=consortia, initial={"consortia": current})
    if request.method == "POST" and form.is_valid():
        digest_services.digest_subscriptions_set(user=person, consortia=form.cleaned_data["consortia"])
        messages.success(request, gettext("Your digest choices are saved."))
        return redirect(request.path)
    return render(
        request, "brokerage/digest_preferences.html", {"form": form, "person": person, "signed_in": signed_in}
    )


@require_http_methods(["GET", "POST"])
def digest_preferences(request):
    return _digest_page(request, request.user, signed_in=True)


@login_not_required
@require_http_methods(["GET", "POST"])
def digest_by_link(request, token):
    """The link at the foot of every digest: the signed token stands for the person."""
    person = digest_services.user_from_token(token)
    if person is None:
        return render(request, "brokerage/digest_preferences.html", {"invalid": True}, status=404)
    return _digest_page(request, person, signed_in=False)
