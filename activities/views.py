"""Pages for activities, costs and tools. Thin: load through a scope, check a rule, call a service, render.

Anything out of a person's reach, or that they may see but not change, is a 404.
"""

from __future__ import annotations

import csv
from functools import partial

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from networks.shortcuts import PAGE_SIZE, posted, redirect_next
from networks.shortcuts import network_or_404 as _network_or_404
from networks.shortcuts import paginate as _page
from networks.shortcuts import require_perm as _require
from networks.text import csv_safe

from . import ical, permissions, reads, services
from .costs import zero_cost_reason
from .forms import (
    ActionForm,
    ActivityForm,
    CauseForm,
    CostLineForm,
    EvaluationForm,
    ForceFieldForm,
    ForceForm,
    JigsawForm,
    NetworkBudgetForm,
    NotesForm,
    OutcomesForm,
    ParticipantAddForm,
    ParticipantForm,
    ParticipantsRoleForm,
    PstbForm,
    RateForm,
    SpendForm,
    WhyForm,
)
from .jigsaw import parse_people, plan_jigsaw
from .models import (
    Activity,
    ActivityStatus,
    CostStatus,
    ForceDirection,
    ForceFieldAnalysis,
    JigsawPlan,
    ParticipantRole,
    ProblemSolvingRecord,
)
from .reference_data import EXPERT_GROUP_QUESTIONS, HOME_GROUP_QUESTIONS
from .templatetags.activities_tags import money

# Activities --------------------------------------------------------------------------------------

SHOW = {"upcoming": _("Coming up"), "past": _("Past"), "all": _("All")}


@require_GET
def activity_list(request, slug):
    network = _network_or_404(request, slug)
    show = request.GET.get("show") if request.GET.get("show") in SHOW else "upcoming"
    activities = reads.network_activities(network, show, timezone.now())
    context = {
        "network": network,
        "page": _page(request, activities),
        "show": show,
        "shows": SHOW,
        "can_plan": request.user.has_perm("activities.plan_activity", network),
        "can_budget": request.user.has_perm("activities.view_budget", network),
    }
    return render(request, "activities/activity_list.html", context)


@require_GET
def activity_type_choose(request, slug):
    network = _network_or_404(request, slug)
    _require(request, "activities.plan_activity", network)
    types = reads.active_activity_types()
    return render(request, "activities/activity_type_choose.html", {"network": network, "types": types})


@require_http_methods(["GET", "POST"])
def activity_create(request, slug, type_slug):
    network = _network_or_404(request, slug)
    _require(request, "activities.plan_activity", network)
    activity_type = permissions.active_activity_type_or_404(type_slug)
    initial = {
        "title": activity_type.display_name,
        "days": activity_type.typical_days,
        "collaboration_level": activity_type.typical_level,
        "kind_of_collaboration": activity_type.typical_kind,
        "status": ActivityStatus.PROPOSED,
    }
    form = ActivityForm(posted(request), network=network, user=request.user, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        practice_areas = data.pop("practice_areas")
        enquiries = data.pop("enquiries")
        try:
            activity = services.activity_create(
                network=network,
                activity_type=activity_type,
                created_by=request.user,
                practice_areas=practice_areas,
                enquiries=enquiries,
                **data,
            )
        except services.ActivityError as error:
            form.add_error(None, str(error))
        else:
            messages.success(
                request, gettext("“%(title)s” is planned. Add the people taking part next.") % {"title": activity.title}
            )
            return redirect("activities:participant_add", pk=activity.pk)
    context = {"network": network, "activity_type": activity_type, "form": form}
    return render(request, "activities/activity_create.html", context)


@require_GET
def activity_detail(request, pk):
    activity = permissions.activity_page_for_user_or_404(request.user, pk)
    user = request.user
    participants = list(activity.participants.all())
    mine = next((p for p in participants if p.user_id == user.pk), None)
    can_change = user.has_perm("activities.change_activity", activity)
    can_budget = user.has_perm("activities.view_budget", activity.network)
    lines = []
    if can_budget:
        lines = list(activity.cost_lines.select_related("school", "approved_by"))
        for line in lines:
            line.activity = activity
            line.can_approve = permissions.has_rule(user, "activities.approve_proposed_line", line)
            line.can_spend = permissions.has_rule(user, "activities.spend_on_approved_line", line)
    totals = reads.Money()
    for line in lines:
        totals.add(line.amount, line.status, line.actual_amount)
    approvals = reads.approval_groups(line for line in lines if line.can_approve and line.school_id)
    zero_reason = zero_cost_reason(activity, participants, lines) if can_budget else ""
    can_see_evaluations = user.has_perm("activities.see_evaluations", activity)
    context = {
        "activity": activity,
        "network": activity.network,
        "checklist": activity.checklist.select_related("done_by"),
        "participants": participants,
        "mine": mine,
        "can_change": can_change,
        "can_budget": can_budget,
        "lines": lines,
        "totals": totals,
        "approvals": approvals,
        "zero_reason": zero_reason,
        "can_set_rates": can_budget and user.has_perm("activities.change_rates", activity.network.consortium),
        "can_evaluate": permissions.has_rule(user, "activities.record_evaluation", activity),
        "can_write_notes": user.has_perm("activities.write_notes", activity),
        "can_write_outcomes": user.has_perm("activities.write_outcomes", activity),
        "evaluations": [p for p in participants if hasattr(p, "evaluation")] if can_see_evaluations else [],
        "evaluation_count": sum(1 for p in participants if hasattr(p, "evaluation")),
        "practice_areas": activity.practice_areas.all(),
        # Linked enquiries the reader may not read stay out of sight.
        "enquiries": activity.enquiries.visible_to(user),
        "jigsaw_plans": activity.jigsaw_plans.all(),
        "pstb_records": activity.pstb_records.all(),
        "force_fields": activity.force_fields.all(),
    }
    return render(request, "activities/activity_detail.html", context)


@require_http_methods(["GET", "POST"])
def activity_edit(request, pk):
    activity = permissions.planned_activity_for_user_or_404(request.user, pk)
    if activity.status == ActivityStatus.CANCELLED:
        raise Http404
    form = ActivityForm(posted(request), instance=activity, network=activity.network, user=request.user)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        practice_areas = data.pop("practice_areas")
        enquiries = data.pop("enquiries")
        activity = Activity.objects.get(pk=activity.pk)
        try:
            services.activity_update(activity=activity, practice_areas=practice_areas, enquiries=enquiries, **data)
        except services.ActivityError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, gettext("The activity is saved; its costs are brought up to date."))
            return redirect(activity)
    return render(request, "activities/activity_edit.html", {"activity": activity, "form": form})


@require_http_methods(["GET", "POST"])
def activity_cancel(request, pk):
    activity = permissions.planned_activity_for_user_or_404(request.user, pk)
    if activity.status == ActivityStatus.CANCELLED:
        raise Http404
    if request.method == "POST":
        services.activity_cancel(activity=activity)
        messages.success(
            request,
            gettext("“%(title)s” is cancelled. Everyone taking part is told by email.") % {"title": activity.title},
        )
        return redirect(activity)
    return render(request, "activities/activity_cancel.html", {"activity": activity})


@require_POST
def checklist_toggle(request, pk, item_pk):
    activity = permissions.planned_activity_for_user_or_404(request.user, pk)
    item = permissions.checklist_item_of_activity_or_404(activity, item_pk)
    services.checklist_toggle(item=item, by=request.user)
    return redirect(reverse("activities:activity_detail", args=[pk]) + "#checklist-heading")


# Participants ------------------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
def participant_add(request, pk):
    activity = permissions.planned_activity_for_user_or_404(request.user, pk)
    form = ParticipantAddForm(posted(request), activity=activity)
    if request.method == "POST" and form.is_valid():
        try:
            added = services.participants_add(
                activity=activity, users=list(form.cleaned_data["people"]), role=form.cleaned_data["role"]
            )
        except services.ParticipantError as error:
            form.add_error("people", str(error))
        else:
            messages.success(
                request,
                ngettext(
                    "%(count)d person added. Each is emailed an invitation, and the costs are proposed again.",
                    "%(count)d people added. Each is emailed an invitation, and the costs are proposed again.",
                    len(added),
                )
                % {"count": len(added)},
            )
            return redirect(reverse("activities:activity_detail", args=[pk]) + "#participants-heading")
    participants = activity.participants.select_related("user", "school")
    context = {
        "activity": activity,
        "form": form,
        "role_form": ParticipantsRoleForm(activity=activity),
        "participants": participants,
    }
    return render(request, "activities/participant_add.html", context)


@require_POST
def participants_set_role(request, pk):
    activity = permissions.planned_activity_for_user_or_404(request.user, pk)
    form = ParticipantsRoleForm(request.POST, activity=activity)
    if form.is_valid():
        role = form.cleaned_data["role"]
        changed = services.participants_set_role(
            activity=activity, participants=list(form.cleaned_data["participants"]), role=role
        )
        label = ParticipantRole(role).label.lower()
        if changed:
            messages.success(
                request,
                ngettext(
                    "%(count)d person is now a %(role)s; the costs are proposed again.",
                    "%(count)d people are now %(role)ss; the costs are proposed again.",
                    changed,
                )
                % {"count": changed, "role": label},
            )
        else:
            messages.info(request, gettext("Nobody changed: each had the role %(role)s already.") % {"role": label})
        return redirect(reverse("activities:activity_detail", args=[pk]) + "#participants-heading")
    participants = activity.participants.select_related("user", "school")
    add_form = ParticipantAddForm(activity=activity)
    context = {"activity": activity, "form": add_form, "role_form": form, "participants": participants}
    return render(request, "activities/participant_add.html", context, status=400)


@require_http_methods(["GET", "POST"])
def participant_edit(request, pk, participant_pk):
    participant = permissions.participant_for_user_or_404(request.user, pk, participant_pk)
    initial = {"role": participant.role, "attendance": participant.attendance}
    form = ParticipantForm(posted(request), initial=initial)
    if request.method == "POST" and form.is_valid():
        services.participant_update(participant=participant, **form.cleaned_data)
        messages.success(
            request,
            gettext("%(full_name)s's role and attendance are saved.") % {"full_name": participant.user.full_name},
        )
        return redirect(reverse("activities:activity_detail", args=[pk]) + "#participants-heading")
    return render(request, "activities/participant_edit.html", {"participant": participant, "form": form})


@require_http_methods(["GET", "POST"])
def participant_remove(request, pk, participant_pk):
    participant = permissions.participant_for_user_or_404(request.user, pk, participant_pk)
    if request.method == "POST":
        services.participant_remove(participant=participant)
        messages.success(
            request,
            gettext("%(full_name)s no longer takes part, and is told by email.")
            % {"full_name": participant.user.full_name},
        )
        return redirect(reverse("activities:activity_detail", args=[pk]) + "#participants-heading")
    return render(request, "activities/participant_remove.html", {"participant": participant})


# Costs -------------------------------------------------------------------------------------------


@require_POST
def costs_propose(request, pk):
    activity = permissions.planned_activity_for_user_or_404(request.user, pk)
    services.costs_propose(activity=activity)
    messages.success(request, gettext("The proposed costs are worked out again from the template, people and rates."))
    return redirect(reverse("activities:activity_detail", args=[pk]) + "#costs-heading")


@require_http_methods(["GET", "POST"])
def cost_line_add(request, pk):
    activity = permissions.planned_activity_for_user_or_404(request.user, pk)
    form = CostLineForm(posted(request), network=activity.network)
    if request.method == "POST" and form.is_valid():
        services.cost_line_add(activity=activity, **form.cleaned_data)
        messages.success(request, gettext("The cost line is added."))
        return redirect(reverse("activities:activity_detail", args=[pk]) + "#costs-heading")
    return render(request, "activities/cost_line_form.html", {"activity": activity, "form": form})


@require_http_methods(["GET", "POST"])
def cost_line_edit(request, pk, line_pk):
    line = permissions.cost_line_for_user_or_404(request.user, pk, line_pk)
    _require(request, "activities.change_activity", line.activity)
    if line.status == CostStatus.SPENT:
        raise Http404
    form = CostLineForm(posted(request), network=line.activity.network, instance=line)
    if request.method == "POST" and form.is_valid():
        saved = services.cost_line_change(line=line, **form.cleaned_data)
        if saved.status == CostStatus.PROPOSED:
            messages.success(request, gettext("The cost line is saved. It goes back to its school lead for approval."))
        else:
            messages.success(request, gettext("The cost line is saved."))
        return redirect(reverse("activities:activity_detail", args=[pk]) + "#costs-heading")
    return render(request, "activities/cost_line_form.html", {"activity": line.activity, "form": form, "line": line})


@require_http_methods(["GET", "POST"])
def cost_line_delete(request, pk, line_pk):
    line = permissions.cost_line_for_user_or_404(request.user, pk, line_pk)
    _require(request, "activities.change_activity", line.activity)
    if request.method == "POST":
        services.cost_line_delete(line=line)
        messages.success(request, gettext("“%(description)s” is deleted.") % {"description": line.description})
        return redirect(reverse("activities:activity_detail", args=[pk]) + "#costs-heading")
    return render(request, "activities/cost_line_delete.html", {"line": line, "activity": line.activity})


@require_POST
def cost_line_approve(request, pk, line_pk):
    line = permissions.cost_line_for_user_or_404(request.user, pk, line_pk)
    _require(request, "activities.approve_cost_line", line)
    try:
        services.cost_line_approve(line=line, by=request.user)
    except services.ActivityError as error:
        messages.error(request, str(error))
    else:
        messages.success(
            request,
            gettext("Approved: %(description)s, £%(amount)s.")
            % {"description": line.description, "amount": line.amount},
        )
    return redirect(reverse("activities:activity_detail", args=[pk]) + "#costs-heading")


@require_POST
def costs_approve_school(request, pk, school_pk):
    """Approve at once every line of the activity that the school bears and that waits for approval."""
    activity = permissions.activity_for_user_or_404(request.user, pk)
    _require(request, "activities.view_budget", activity.network)
    first = reads.first_waiting_line(activity, school_pk)
    back = reverse("activities:activity_detail", args=[pk]) + "#costs-heading"
    if first is None:
        messages.info(request, gettext("Nothing waits for approval there any more."))
        return redirect_next(request, back)
    first.activity = activity
    _require(request, "activities.approve_cost_line", first)
    try:
        count, total = services.cost_lines_approve(activity=activity, school=first.school, by=request.user)
    except services.ActivityError as error:
        messages.error(request, str(error))
    else:
        messages.success(
            request,
            ngettext(
                "Approved %(count)d cost for %(school)s: %(total)s in all.",
                "Approved %(count)d costs for %(school)s: %(total)s in all.",
                count,
            )
            % {"count": count, "school": first.school.name, "total": money(total)},
        )
    return redirect_next(request, back)


@require_http_methods(["GET", "POST"])
def cost_line_spend(request, pk, line_pk):
    line = permissions.cost_line_for_user_or_404(request.user, pk, line_pk)
    _require(request, "activities.record_spend", line)
    if line.status == CostStatus.PROPOSED:
        raise Http404
    form = SpendForm(posted(request), initial={"actual_amount": line.actual_amount or line.amount})
    if request.method == "POST" and form.is_valid():
        services.cost_line_record_spend(line=line, actual_amount=form.cleaned_data["actual_amount"])
        messages.success(request, gettext("What was spent is recorded."))
        return redirect(reverse("activities:activity_detail", args=[pk]) + "#costs-heading")
    return render(request, "activities/cost_line_spend.html", {"line": line, "activity": line.activity, "form": form})


@require_GET
def budget(request, slug):
    network = _network_or_404(request, slug)
    _require(request, "activities.view_budget", network)
    context = {
        "network": network,
        "budget": reads.budget_for(network),
        "budgets": reads.network_budgets(network),
        "can_set_budget": request.user.has_perm("activities.set_budget", network),
    }
    return render(request, "activities/budget.html", context)


@require_http_methods(["GET", "POST"])
def budget_set(request, slug, pk=None):
    """The network's budgets, one per period, set by its leaders or the consortium's staff."""
    network = _network_or_404(request, slug)
    _require(request, "activities.set_budget", network)
    budget = permissions.network_budget_of_network_or_404(network, pk) if pk else None
    form = NetworkBudgetForm(posted(request), network=network, instance=budget)
    if request.method == "POST" and form.is_valid():
        try:
            saved = services.network_budget_save(
                network=network, budget=budget, set_by=request.user, **form.cleaned_data
            )
        except services.ActivityError as error:
            form.add_error(None, str(error))
        else:
            messages.success(
                request,
                gettext("Budget of %(amount)s from %(starts_on)s to %(ends_on)s.")
                % {
                    "amount": money(saved.amount),
                    "starts_on": date_format(saved.starts_on, "j F Y"),
                    "ends_on": date_format(saved.ends_on, "j F Y"),
                },
            )
            return redirect("activities:budget_set", slug=slug)
    context = {
        "network": network,
        "form": form,
        "editing": budget,
        "budgets": reads.network_budgets(network).select_related("set_by"),
    }
    return render(request, "activities/budget_set.html", context)


@require_GET
def budget_csv(request, slug):
    network = _network_or_404(request, slug)
    _require(request, "activities.view_budget", network)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{network.slug}-budget.csv"'
    writer = csv.writer(response)
    writer.writerow(
        [
            gettext("Activity"),
            gettext("Date"),
            gettext("Activity status"),
            gettext("Category"),
            gettext("Borne by"),
            gettext("Description"),
            gettext("Quantity"),
            gettext("Unit"),
            gettext("Rate (GBP)"),
            gettext("Amount (GBP)"),
            gettext("Line status"),
            gettext("Spent (GBP)"),
        ]
    )
    total = reads.Money()
    for line in reads.budget_lines(network):
        total.add(line.amount, line.status, line.actual_amount)
        writer.writerow(
            [
                csv_safe(line.activity.title),
                timezone.localtime(line.activity.starts_at).date().isoformat(),
                line.activity.get_status_display(),
                line.get_category_display(),
                csv_safe(line.school.name if line.school else gettext("The network")),
                csv_safe(line.description),
                line.quantity,
                csv_safe(line.unit_label),
                line.rate,
                line.amount,
                line.get_status_display(),
                "" if line.actual_amount is None else line.actual_amount,
            ]
        )
    writer.writerow([gettext("Total planned"), "", "", "", "", "", "", "", "", total.planned, "", ""])
    writer.writerow([gettext("Total approved"), "", "", "", "", "", "", "", "", total.approved, "", ""])
    writer.writerow([gettext("Total spent"), "", "", "", "", "", "", "", "", "", "", total.spent])
    return response


# Rates -------------------------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
def rate_list(request, slug):
    consortium = permissions.rates_consortium_for_user_or_404(request.user, slug)
    form = RateForm(posted(request), consortium=consortium)
    if request.method == "POST" and form.is_valid():
        rate = services.rate_add(consortium=consortium, **form.cleaned_data)
        messages.success(
            request,
            gettext("%(category)s: £%(amount)s %(unit)s from %(applies_from)s.")
            % {
                "category": rate.get_category_display(),
                "amount": rate.amount,
                "unit": rate.unit_label,
                "applies_from": date_format(rate.applies_from, "j F Y"),
            },
        )
        return redirect("activities:rate_list", slug=slug)
    rates, in_force = reads.consortium_rates(consortium, timezone.localdate())
    context = {
        "consortium": consortium,
        "page": _page(request, rates),
        "form": form,
        "in_force": in_force,
    }
    return render(request, "activities/rate_list.html", context)


@require_http_methods(["GET", "POST"])
def rate_edit(request, slug, pk):
    consortium = permissions.rates_consortium_for_user_or_404(request.user, slug)
    rate = permissions.rate_of_consortium_or_404(consortium, pk)
    form = RateForm(posted(request), consortium=consortium, instance=rate)
    if request.method == "POST" and form.is_valid():
        services.rate_change(rate=rate, **form.cleaned_data)
        messages.success(request, gettext("The rate is saved. Costs still proposed are worked out again."))
        return redirect("activities:rate_list", slug=slug)
    return render(request, "activities/rate_edit.html", {"consortium": consortium, "rate": rate, "form": form})


# After the activity ------------------------------------------------------------------------------


def _activity_form_page(request, activity, form, save, saved, template):
    """A page with one form about an activity: a valid POST is passed to `save(**cleaned_data)`, the
    person is told `saved` and goes back to the activity; otherwise the form is shown."""
    if request.method == "POST" and form.is_valid():
        save(**form.cleaned_data)
        messages.success(request, saved)
        return redirect(activity)
    return render(request, template, {"activity": activity, "form": form})


@require_http_methods(["GET", "POST"])
def evaluation_edit(request, pk):
    activity, participant = permissions.evaluating_participant_for_user_or_404(request.user, pk)
    evaluation = reads.evaluation_of(participant)
    initial = (
        {"learned": evaluation.learned, "will_change": evaluation.will_change, "usefulness": evaluation.usefulness}
        if evaluation
        else {}
    )
    return _activity_form_page(
        request,
        activity,
        EvaluationForm(posted(request), initial=initial),
        partial(services.evaluation_record, participant=participant),
        gettext("Thank you: what you learned and will change is recorded."),
        "activities/evaluation_edit.html",
    )


def _activity_text_view(perm, form_class, write, saved, template):
    """The page where the people the rule `perm` lets in write some of an activity's text: the
    form's fields, shown as they are and saved by `write(activity=..., **fields)`."""

    @require_http_methods(["GET", "POST"])
    def activity_text_edit(request, pk):
        activity = permissions.activity_for_user_or_404(request.user, pk)
        _require(request, perm, activity)
        form = form_class(posted(request), initial={name: getattr(activity, name) for name in form_class.base_fields})
        return _activity_form_page(request, activity, form, partial(write, activity=activity), saved, template)

    return activity_text_edit


notes_edit = _activity_text_view(
    "activities.write_notes",
    NotesForm,
    services.activity_write_notes,
    _("The notes are saved."),
    "activities/notes_edit.html",
)
outcomes_edit = _activity_text_view(
    "activities.write_outcomes",
    OutcomesForm,
    services.activity_write_outcomes,
    _("The outcomes and next steps are saved."),
    "activities/outcomes_edit.html",
)


@require_GET
def history(request, slug):
    network = _network_or_404(request, slug)
    data = reads.history_for(network)
    return render(request, "activities/history.html", {"network": network, "history": data, "bars": data.chart()})


# Calendar ----------------------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
def calendar_settings(request):
    if request.method == "POST":
        services.calendar_feed_renew(user=request.user)
        messages.success(
            request, gettext("Your calendar address is ready. Any address you had before no longer works.")
        )
        return redirect("activities:calendar_settings")
    feed = reads.calendar_feed_of(request.user)
    url = request.build_absolute_uri(reverse("activities:calendar_feed", args=[feed.token])) if feed else ""
    return render(request, "activities/calendar_settings.html", {"feed": feed, "url": url})


@login_not_required
@require_GET
def calendar_feed(request, token):
    feed = permissions.calendar_feed_or_404(token)
    body = ical.calendar(
        reads.calendar_activities(feed.user), name=gettext("PLC Platform activities"), now=timezone.now()
    )
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="activities.ics"'
    response["Cache-Control"] = "private, max-age=900"
    return response


# Facilitation tools -------------------------------------------------------------------------------


@require_GET
def tool_list(request, slug):
    network = _network_or_404(request, slug)

    def page_of(model, param):
        return Paginator(reads.network_tools(model, network), PAGE_SIZE).get_page(request.GET.get(param))

    context = {
        "network": network,
        "jigsaws": page_of(JigsawPlan, "jigsaw_page"),
        "pstbs": page_of(ProblemSolvingRecord, "pstb_page"),
        "force_fields": page_of(ForceFieldAnalysis, "force_page"),
        "can_make": request.user.has_perm("activities.make_tool", network),
    }
    return render(request, "activities/tool_list.html", context)


def _tool_create_view(form_class, create, template, made):
    """The page that makes one kind of facilitation tool in a network (for the activity named by
    `?activity=`, if any): `create` is its service, `made` the message once it is made."""

    @require_http_methods(["GET", "POST"])
    def tool_create(request, slug):
        network = _network_or_404(request, slug)
        _require(request, "activities.make_tool", network)
        initial = {}
        if request.GET.get("activity"):
            initial["activity"] = request.GET["activity"]
        form = form_class(posted(request), network=network, initial=initial)
        if request.method == "POST" and form.is_valid():
            tool = create(network=network, created_by=request.user, **form.cleaned_data)
            messages.success(request, made)
            return redirect(tool)
        return render(request, template, {"network": network, "form": form})

    return tool_create


jigsaw_create = _tool_create_view(
    JigsawForm, services.jigsaw_create, "activities/jigsaw_create.html", _("The jigsaw is made.")
)
pstb_create = _tool_create_view(
    PstbForm, services.pstb_create, "activities/pstb_create.html", _("The PSTB record is made.")
)
force_field_create = _tool_create_view(
    ForceFieldForm,
    services.force_field_create,
    "activities/force_field_create.html",
    _("The force-field analysis is made."),
)


def _jigsaw_context(request, pk):
    plan = permissions.tool_for_user_or_404(request.user, JigsawPlan, pk)
    people = parse_people(plan.people)
    result = plan_jigsaw(people, plan.readings)
    titles = [line.strip() for line in plan.reading_titles.splitlines() if line.strip()]
    reading_names = {
        letter: (titles[index] if index < len(titles) else "") for index, letter in enumerate(result.readings)
    }
    return {
        "plan": plan,
        "network": plan.network,
        "result": result,
        "reading_names": reading_names,
        "people_count": len(people),
        "expert_questions": EXPERT_GROUP_QUESTIONS,
        "home_questions": HOME_GROUP_QUESTIONS,
        "can_change": request.user.has_perm("activities.change_tool", plan),
    }


@require_GET
def jigsaw_detail(request, pk):
    return render(request, "activities/jigsaw_detail.html", _jigsaw_context(request, pk))


@require_GET
def jigsaw_print(request, pk):
    return render(request, "activities/jigsaw_print.html", _jigsaw_context(request, pk))


@require_http_methods(["GET", "POST"])
def jigsaw_delete(request, pk):
    plan = permissions.tool_for_user_or_404(request.user, JigsawPlan, pk)
    _require(request, "activities.change_tool", plan)
    if request.method == "POST":
        network = plan.network
        services.jigsaw_delete(plan=plan)
        messages.success(request, gettext("The jigsaw “%(title)s” is deleted.") % {"title": plan.title})
        return redirect("activities:tool_list", slug=network.slug)
    return render(request, "activities/tool_delete.html", {"tool": plan})


PSTB_PARTS = {
    "cause": (CauseForm, services.pstb_add_cause, "causes", "fishbone-heading"),
    "why": (WhyForm, services.pstb_add_why, "whys", "whys-heading"),
    "action": (ActionForm, services.pstb_add_action, "actions", "actions-heading"),
}


@require_http_methods(["GET", "POST"])
def pstb_detail(request, pk):
    record = permissions.tool_for_user_or_404(request.user, ProblemSolvingRecord, pk)
    can_change = request.user.has_perm("activities.change_tool", record)
    forms = {part: spec[0](prefix=part) for part, spec in PSTB_PARTS.items()}
    if request.method == "POST":
        _require(request, "activities.change_tool", record)
        part = request.POST.get("part")
        if part not in PSTB_PARTS:
            raise Http404
        form_class, add, _, anchor = PSTB_PARTS[part]
        form = form_class(request.POST, prefix=part)
        if form.is_valid():
            add(record=record, **form.cleaned_data)
            return redirect(reverse("activities:pstb_detail", args=[pk]) + f"#{anchor}")
        forms[part] = form
    causes = {}
    for cause in record.causes.all():
        causes.setdefault(cause.category, []).append(cause)
    context = {
        "record": record,
        "network": record.network,
        "causes": causes,
        "whys": record.whys.all(),
        "actions": record.actions.all(),
        "forms": forms,
        "can_change": can_change,
    }
    return render(request, "activities/pstb_detail.html", context)


@require_POST
def pstb_part_remove(request, pk, part, item_pk):
    record = permissions.tool_for_user_or_404(request.user, ProblemSolvingRecord, pk)
    _require(request, "activities.change_tool", record)
    if part not in PSTB_PARTS:
        raise Http404
    _, _, related, anchor = PSTB_PARTS[part]
    item = permissions.tool_part_or_404(getattr(record, related), item_pk)
    services.tool_part_remove(part=item)
    messages.success(request, gettext("Removed."))
    return redirect(reverse("activities:pstb_detail", args=[pk]) + f"#{anchor}")


@require_http_methods(["GET", "POST"])
def force_field_detail(request, pk):
    analysis = permissions.tool_for_user_or_404(request.user, ForceFieldAnalysis, pk)
    can_change = request.user.has_perm("activities.change_tool", analysis)
    form = ForceForm()
    if request.method == "POST":
        _require(request, "activities.change_tool", analysis)
        form = ForceForm(request.POST)
        if form.is_valid():
            services.force_add(analysis=analysis, **form.cleaned_data)
            return redirect(reverse("activities:force_field_detail", args=[pk]) + "#forces-heading")
    forces = list(analysis.forces.all())
    driving = [f for f in forces if f.direction == ForceDirection.DRIVING]
    restraining = [f for f in forces if f.direction == ForceDirection.RESTRAINING]
    context = {
        "analysis": analysis,
        "network": analysis.network,
        "driving": driving,
        "restraining": restraining,
        "driving_total": sum(f.strength for f in driving),
        "restraining_total": sum(f.strength for f in restraining),
        "form": form,
        "can_change": can_change,
    }
    return render(request, "activities/force_field_detail.html", context)


@require_POST
def force_remove(request, pk, force_pk):
    analysis = permissions.tool_for_user_or_404(request.user, ForceFieldAnalysis, pk)
    _require(request, "activities.change_tool", analysis)
    services.tool_part_remove(part=permissions.tool_part_or_404(analysis.forces, force_pk))
    messages.success(request, gettext("The force is removed."))
    return redirect(reverse("activities:force_field_detail", args=[pk]) + "#forces-heading")
