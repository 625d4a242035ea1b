"""Enquiry pages. Thin: load through the `visible_to` scope, check a rule, call a service, render.

An enquiry out of reach is a 404 for a signed-in person; a signed-out reader is sent to sign in
(for any enquiry that is not public, so nothing is confirmed either way).
"""

from __future__ import annotations

import csv

import rules
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.contrib.auth.views import redirect_to_login
from django.db.models import Count
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from networks.bilingual import localised
from networks.shortcuts import paginate as _page
from networks.shortcuts import posted, require_perm
from networks.text import csv_safe

from . import reads, services
from .forms import (
    EVIDENCE_FORMS,
    ApproachForm,
    CollaboratorForm,
    CommentForm,
    EnquiryForm,
    FileCaptionForm,
    ImpactClaimForm,
    LibraryForm,
    OutcomeForm,
    ShareForm,
    StageForm,
    schools_for,
)
from .links import reader_links
from .models import (
    CollaboratorRole,
    Enquiry,
    EvidenceKind,
    Sharing,
    Stage,
    Strength,
)
from .permissions import (
    OWNER,
    SignInFirst,
    approach_for_user_or_404,
    approaches_consortium_for_user_or_404,
    claim_of_enquiry_or_404,
    collaborator_of_enquiry_or_404,
    enquiry_for_user_or_404,
    evidence_file_for_user_or_404,
    evidence_for_user_or_404,
    overview_network_for_user_or_404,
    role_on,
)

PAGE_SIZE = 25
# What the enquirer writes at each stage of the cycle: the field, and its heading on the page.
STAGE_TEXT = {
    Stage.INVESTIGATE: ("current_provision", _("What we found about current provision")),
    Stage.PLAN: ("plan", _("The plan")),
    Stage.IMPLEMENT: ("changes", _("What we changed")),
    Stage.OBSERVE: ("observations", _("What we observed")),
    Stage.REFLECT: ("conclusions", _("What we conclude")),
    Stage.SHARE: (None, ""),
}


def public(view):
    """Readable signed out (public enquiries only); sends a signed-out reader of anything else to sign in."""

    def wrapped(request, *args, **kwargs):
        try:
            return view(request, *args, **kwargs)
        except SignInFirst:
            return redirect_to_login(request.get_full_path())

    wrapped.__name__ = view.__name__
    wrapped.__doc__ = view.__doc__
    return login_not_required(wrapped)


# My enquiries ------------------------------------------------------------------------------------


@require_GET
def enquiry_list(request):
    """The person's own enquiries and those they work on; those they were invited to read."""
    mine = (
        reads.with_new_comments(reads.my_enquiries(request.user), request.user)
        .with_strongest_evidence()
        .select_related("school", "network", "owner")
        .order_by("-updated_at", "-pk")
    )
    friend_of = (
        Enquiry.objects.filter(collaborators__user=request.user, collaborators__role=CollaboratorRole.CRITICAL_FRIEND)
        .select_related("school", "owner")
        .order_by("-updated_at")
    )
    context = {
        "page": _page(request, mine),
        "friend_of": friend_of[:PAGE_SIZE],
        "can_start": schools_for(request.user).exists(),
    }
    return render(request, "enquiry/enquiry_list.html", context)


@require_GET
def enquiry_csv(request):
    """All the person's enquiries (owned, and worked on as a co-enquirer) as a spreadsheet."""
    enquiries = reads.csv_queryset(reads.my_enquiries(request.user)).order_by("-updated_at", "-pk")
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="my-enquiries.csv"'
    response.write("\ufeff")
    writer = csv.writer(response)
    writer.writerow([*reads.CSV_HEADER, gettext("Your part")])
    for enquiry in enquiries:
        part = gettext("Owner") if enquiry.owner_id == request.user.pk else gettext("Co-enquirer")
        writer.writerow([csv_safe(v) for v in reads.csv_row(enquiry, settings.SITE_URL, [part])])
    return response


@require_http_methods(["GET", "POST"])
def enquiry_create(request):
    can_start = schools_for(request.user).exists()
    form = EnquiryForm(request.POST if request.method == "POST" else None, user=request.user)
    if request.method == "POST" and can_start and form.is_valid():
        data = dict(form.cleaned_data)
        try:
            enquiry = services.enquiry_create(owner=request.user, **data)
        except services.EnquiryError as error:
            form.add_error(None, str(error))
        else:
            messages.success(
                request,
                gettext(
                    "Your enquiry is started. It is private: only you see it until you share it or invite someone."
                ),
            )
            return redirect(enquiry)
    return render(request, "enquiry/enquiry_form.html", {"form": form, "can_start": can_start})


# One enquiry ------------------------------------------------------------------------------------


def _detail_context(request, enquiry):
    role = role_on(request.user, enquiry)
    evidence = list(enquiry.evidence.select_related("added_by"))
    by_stage = {value: [] for value in Stage.values}
    for item in evidence:
        by_stage[item.stage].append(item)
    stages = [
        {
            "value": value,
            "label": label,
            "position": position,
            "evidence": by_stage[value],
            "current": value == enquiry.stage,
            "done": position < enquiry.stage_position,
            "text": getattr(enquiry, STAGE_TEXT[value][0]) if STAGE_TEXT[value][0] else "",
            "text_label": STAGE_TEXT[value][1],
            "text_field": STAGE_TEXT[value][0],
        }
        for position, (value, label) in enumerate(Stage.choices, start=1)
    ]
    claims = list(enquiry.impact_claims.select_related("evidence"))
    can_change = rules.has_perm("enquiry.change_enquiry", request.user, enquiry)
    measures = [e for e in evidence if e.kind == EvidenceKind.MEASURE]
    for measure in measures:
        # Recorded in place, on the page, while the outcome is still to come.
        measure.outcome_form = OutcomeForm(instance=measure) if can_change and measure.outcome_value is None else None
    return {
        "enquiry": enquiry,
        "role": role,
        "is_owner": role == OWNER,
        "can_change": can_change,
        "can_manage": rules.has_perm("enquiry.manage_enquiry", request.user, enquiry),
        "can_comment": rules.has_perm("enquiry.comment_on_enquiry", request.user, enquiry),
        "stages": stages,
        "measures": measures,
        "claims": claims,
        "strongest": max((c.strength for c in claims), default=None),
        "strengths": Strength.choices,
        "history": list(enquiry.stage_changes.select_related("changed_by")),
        "practice_areas": list(enquiry.practice_areas.all()),
        "levels": list(enquiry.levels.all()),
        "knowledge_fields": list(enquiry.knowledge_fields.all()),
        "collaborators": list(enquiry.collaborators.select_related("user")),
        "comments": list(enquiry.comments.select_related("author")),
        "reader_links": reader_links(request.user, enquiry),
    }


@public
@require_GET
def enquiry_detail(request, pk):
    enquiry = enquiry_for_user_or_404(request.user, pk)
    context = _detail_context(request, enquiry)
    if context["is_owner"]:
        context["seen_before"] = enquiry.owner_seen_at
        services.enquiry_mark_seen(enquiry=enquiry, user=request.user)
    context["comment_form"] = CommentForm() if context["can_comment"] else None
    return render(request, "enquiry/enquiry_detail.html", context)


@public
@require_GET
def enquiry_print(request, pk):
    """The whole enquiry on one plain page, to print or save as PDF."""
    enquiry = enquiry_for_user_or_404(request.user, pk)
    context = _detail_context(request, enquiry)
    context["printed_on"] = timezone.localdate()
    return render(request, "enquiry/enquiry_print.html", context)


@require_http_methods(["GET", "POST"])
def enquiry_edit(request, pk):
    enquiry = enquiry_for_user_or_404(request.user, pk)
    require_perm(request, "enquiry.change_enquiry", enquiry)
    form = EnquiryForm(request.POST if request.method == "POST" else None, instance=enquiry, user=request.user)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        try:
            services.enquiry_update(enquiry=Enquiry.objects.get(pk=enquiry.pk), **data)
        except services.EnquiryError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, gettext("Your changes are saved."))
            return redirect(enquiry)
    return render(request, "enquiry/enquiry_form.html", {"form": form, "enquiry": enquiry, "can_start": True})


@require_http_methods(["GET", "POST"])
def enquiry_delete(request, pk):
    enquiry = enquiry_for_user_or_404(request.user, pk)
    require_perm(request, "enquiry.manage_enquiry", enquiry)
    if request.method == "POST":
        services.enquiry_delete(enquiry=enquiry)
        messages.success(
            request, gettext("“%(title)s” is deleted, with its evidence and comments.") % {"title": enquiry.title}
        )
        return redirect("enquiry:enquiry_list")
    counts = {
        "evidence": enquiry.evidence.count(),
        "comments": enquiry.comments.count(),
    }
    return render(request, "enquiry/enquiry_delete.html", {"enquiry": enquiry, **counts})


@require_POST
def enquiry_stage(request, pk):
    enquiry = enquiry_for_user_or_404(request.user, pk)
    require_perm(request, "enquiry.change_enquiry", enquiry)
    form = StageForm(request.POST)
    if not form.is_valid():
        messages.error(request, gettext("Choose the stage to move to."))
        return redirect(enquiry)
    change = services.enquiry_move_stage(enquiry=enquiry, to_stage=form.cleaned_data["stage"], by=request.user)
    if change is None:
        messages.info(request, gettext("It is at “%(stage)s” already.") % {"stage": enquiry.get_stage_display()})
    else:
        if change.direction == "back":
            moved = gettext("Moved back to “%(stage)s”.")
        else:
            moved = gettext("Moved forward to “%(stage)s”.")
        messages.success(request, moved % {"stage": change.get_to_stage_display()})
    return redirect(enquiry)


@require_http_methods(["GET", "POST"])
def enquiry_share(request, pk):
    enquiry = enquiry_for_user_or_404(request.user, pk)
    require_perm(request, "enquiry.manage_enquiry", enquiry)
    choices = reads.sharing_choices(enquiry)
    form = ShareForm(
        request.POST if request.method == "POST" else None, choices=choices, initial={"sharing": enquiry.sharing}
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.enquiry_share(enquiry=enquiry, sharing=form.cleaned_data["sharing"], by=request.user)
        except services.EnquiryError as error:
            form.add_error("sharing", str(error))
        else:
            if enquiry.sharing == Sharing.PRIVATE:
                messages.success(request, gettext("It is private again: only you and the people you invited see it."))
            else:
                messages.success(request, gettext("%(sharing)s.") % {"sharing": enquiry.sharing_label()})
            return redirect(enquiry)
    return render(request, "enquiry/enquiry_share.html", {"enquiry": enquiry, "form": form})


# People -------------------------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
def enquiry_people(request, pk):
    """The owner invites co-enquirers and critical friends, and sees who is in."""
    enquiry = enquiry_for_user_or_404(request.user, pk)
    require_perm(request, "enquiry.manage_enquiry", enquiry)
    form = CollaboratorForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            collaborator = services.collaborator_invite(enquiry=enquiry, by=request.user, **form.cleaned_data)
        except services.EnquiryError as error:
            form.add_error("email", str(error))
        else:
            messages.success(
                request,
                (
                    gettext("%(user)s is now a critical friend of this enquiry.")
                    if collaborator.role == CollaboratorRole.CRITICAL_FRIEND
                    else gettext("%(user)s is now a co-enquirer of this enquiry.")
                )
                % {"user": collaborator.user},
            )
            return redirect("enquiry:enquiry_people", pk=enquiry.pk)
    collaborators = enquiry.collaborators.select_related("user")
    return render(
        request, "enquiry/enquiry_people.html", {"enquiry": enquiry, "form": form, "collaborators": collaborators}
    )


@require_http_methods(["GET", "POST"])
def collaborator_remove(request, pk, collaborator_id):
    enquiry = enquiry_for_user_or_404(request.user, pk)
    require_perm(request, "enquiry.manage_enquiry", enquiry)
    collaborator = collaborator_of_enquiry_or_404(enquiry, collaborator_id)
    if request.method == "POST":
        services.collaborator_remove(collaborator=collaborator)
        messages.success(request, gettext("%(user)s is no longer part of this enquiry.") % {"user": collaborator.user})
        return redirect("enquiry:enquiry_people", pk=enquiry.pk)
    return render(request, "enquiry/collaborator_remove.html", {"enquiry": enquiry, "collaborator": collaborator})


# Evidence ----------------------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
def evidence_add(request, pk, kind):
    enquiry = enquiry_for_user_or_404(request.user, pk)
    require_perm(request, "enquiry.change_enquiry", enquiry)
    if kind not in EVIDENCE_FORMS:
        raise Http404
    form_class = EVIDENCE_FORMS[kind]
    form = form_class(
        request.POST if request.method == "POST" else None,
        request.FILES if request.method == "POST" else None,
        initial={"stage": request.GET.get("stage") if request.GET.get("stage") in Stage.values else enquiry.stage},
    )
    if request.method == "POST" and form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items() if k != "upload"}
        services.evidence_add(
            enquiry=enquiry,
            kind=kind,
            by=request.user,
            upload=form.cleaned_data.get("upload"),
            detected=getattr(form, "detected", None),
            **data,
        )
        messages.success(request, gettext("The %(kind)s is added.") % {"kind": EvidenceKind(kind).label.lower()})
        return redirect(f"{enquiry.get_absolute_url()}#stage-{data['stage']}")
    return render(request, "enquiry/evidence_form.html", {"enquiry": enquiry, "form": form, "kind": EvidenceKind(kind)})


@require_http_methods(["GET", "POST"])
def evidence_edit(request, pk, evidence_id):
    """Change a piece of evidence; for a measure, this is where its outcome is recorded."""
    enquiry, evidence = evidence_for_user_or_404(request.user, pk, evidence_id)
    form_class = EVIDENCE_FORMS[evidence.kind]
    if evidence.kind == EvidenceKind.FILE:
        # A file's content stays as uploaded: to change it, delete it and attach another.
        form_class = FileCaptionForm
    form = form_class(request.POST if request.method == "POST" else None, instance=evidence)
    if request.method == "POST" and form.is_valid():
        services.evidence_update(evidence=evidence, **form.cleaned_data)
        messages.success(request, gettext("Your changes are saved."))
        return redirect(f"{enquiry.get_absolute_url()}#stage-{evidence.stage}")
    return render(
        request,
        "enquiry/evidence_form.html",
        {"enquiry": enquiry, "form": form, "kind": EvidenceKind(evidence.kind), "evidence": evidence},
    )


@require_POST
def measure_outcome(request, pk, evidence_id):
    """Record a measure's outcome from the enquiry's page; bad input shows there, by the measure."""
    enquiry, evidence = evidence_for_user_or_404(request.user, pk, evidence_id)
    if evidence.kind != EvidenceKind.MEASURE:
        raise Http404
    form = OutcomeForm(request.POST, instance=evidence)
    if form.is_valid():
        evidence = services.evidence_update(evidence=evidence, **form.cleaned_data)
        messages.success(
            request,
            gettext("The outcome is recorded. %(measure)s: %(summary)s.")
            % {"measure": evidence.measure, "summary": evidence.summary()},
        )
        return redirect(f"{enquiry.get_absolute_url()}#measures-heading")
    context = _detail_context(request, enquiry)
    for measure in context["measures"]:
        if measure.pk == evidence.pk:
            measure.outcome_form = form
    context["comment_form"] = CommentForm() if context["can_comment"] else None
    return render(request, "enquiry/enquiry_detail.html", context)


@require_http_methods(["GET", "POST"])
def evidence_delete(request, pk, evidence_id):
    enquiry, evidence = evidence_for_user_or_404(request.user, pk, evidence_id)
    if request.method == "POST":
        services.evidence_delete(evidence=evidence)
        messages.success(request, gettext("“%(evidence)s” is deleted.") % {"evidence": evidence})
        return redirect(f"{enquiry.get_absolute_url()}#stage-{evidence.stage}")
    return render(request, "enquiry/evidence_delete.html", {"enquiry": enquiry, "evidence": evidence})


@public
@require_GET
def evidence_file(request, token):
    """Stream an evidence file to someone who may see its enquiry, checked on every download."""
    evidence = evidence_file_for_user_or_404(request.user, token)
    try:
        handle = evidence.file.open("rb")
    except (FileNotFoundError, ValueError):
        raise Http404 from None
    response = FileResponse(
        handle,
        as_attachment=not evidence.is_image,
        filename=evidence.file_name,
        content_type=evidence.content_type,
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response


# Impact -----------------------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
def impact_add(request, pk):
    enquiry = enquiry_for_user_or_404(request.user, pk)
    require_perm(request, "enquiry.change_enquiry", enquiry)
    form = ImpactClaimForm(request.POST if request.method == "POST" else None, enquiry=enquiry)
    if request.method == "POST" and form.is_valid():
        services.impact_claim_add(enquiry=enquiry, by=request.user, **form.cleaned_data)
        messages.success(request, gettext("Your impact claim is added."))
        return redirect(f"{enquiry.get_absolute_url()}#impact-heading")
    return render(request, "enquiry/impact_form.html", {"enquiry": enquiry, "form": form})


@require_http_methods(["GET", "POST"])
def impact_delete(request, pk, claim_id):
    enquiry = enquiry_for_user_or_404(request.user, pk)
    require_perm(request, "enquiry.change_enquiry", enquiry)
    claim = claim_of_enquiry_or_404(enquiry, claim_id)
    if request.method == "POST":
        services.impact_claim_delete(claim=claim)
        messages.success(request, gettext("The impact claim is deleted."))
        return redirect(f"{enquiry.get_absolute_url()}#impact-heading")
    return render(request, "enquiry/impact_delete.html", {"enquiry": enquiry, "claim": claim})


# Comments ---------------------------------------------------------------------------------------


@require_POST
def comment_add(request, pk):
    enquiry = enquiry_for_user_or_404(request.user, pk)
    require_perm(request, "enquiry.comment_on_enquiry", enquiry)
    form = CommentForm(request.POST)
    if form.is_valid():
        services.comment_add(enquiry=enquiry, author=request.user, **form.cleaned_data)
        messages.success(request, gettext("Your comment is added. The enquiry's owner will see it."))
        return redirect(f"{enquiry.get_absolute_url()}#comments-heading")
    context = _detail_context(request, enquiry)
    context["comment_form"] = form
    return render(request, "enquiry/enquiry_detail.html", context, status=200)


# The practice library ---------------------------------------------------------------------------


@public
@require_GET
def library(request):
    """Shared enquiries from every network the reader can see, searched and filtered."""
    base = reads.library_base(request.user)
    form = LibraryForm(request.GET or None, **reads.library_choices(request.user, base))
    data = form.cleaned_data if form.is_valid() else {}
    found = reads.library_page(base, data, request.GET.get("page"))
    context = {
        "form": form,
        "page": found.page,
        "order": found.order,
        "searching": any(data.get(k) for k in data),
    }
    return render(request, "enquiry/library.html", context)


# The network overview ---------------------------------------------------------------------------


@require_GET
def network_enquiries(request, slug):
    """Who is enquiring into what across the network, for its leaders and consortium staff."""
    network = overview_network_for_user_or_404(request.user, slug)
    overview = reads.network_overview(network, request.user)
    listed = overview["listed"]
    stage = request.GET.get("stage")
    if stage in Stage.values:
        listed = listed.filter(stage=stage)
    school = request.GET.get("school")
    if school and school.isdigit():
        listed = listed.filter(school_id=int(school))
    listed = listed.with_strongest_evidence().for_lists().order_by("school__name", "-updated_at", "-pk")
    context = {
        "network": network,
        "overview": overview,
        "page": _page(request, listed),
        "filtered_stage": Stage(stage).label if stage in Stage.values else "",
        "filtering": bool(stage in Stage.values or (school and school.isdigit())),
    }
    return render(request, "enquiry/network_enquiries.html", context)


@require_GET
def network_enquiries_csv(request, slug):
    network = overview_network_for_user_or_404(request.user, slug)
    enquiries = reads.csv_queryset(Enquiry.objects.in_network(network).visible_to(request.user).shared()).order_by(
        "school__name", "-updated_at", "-pk"
    )
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{network.slug}-enquiries.csv"'
    response.write("\ufeff")
    writer = csv.writer(response)
    writer.writerow(reads.CSV_HEADER)
    for enquiry in enquiries:
        writer.writerow([csv_safe(v) for v in reads.csv_row(enquiry, settings.SITE_URL)])
    return response


# The consortium's list of approaches -------------------------------------------------------------


@require_http_methods(["GET", "POST"])
def approach_list(request, slug):
    """The approaches enquirers may tag, for the consortium's staff to add to, rename and retire."""
    consortium = approaches_consortium_for_user_or_404(request.user, slug)
    form = ApproachForm(posted(request), consortium=consortium)
    if request.method == "POST" and form.is_valid():
        approach = services.approach_add(
            consortium=consortium, name=form.cleaned_data["name"], name_cy=form.cleaned_data["name_cy"]
        )
        messages.success(
            request, gettext("“%(name)s” is added: enquirers can choose it now.") % {"name": approach.display_name}
        )
        return redirect("enquiry:approach_list", slug=slug)
    approaches = list(
        consortium.approaches.annotate(enquiry_count=Count("enquiries")).order_by(localised("name"), "pk")
    )
    context = {
        "consortium": consortium,
        "offered": [a for a in approaches if a.is_active],
        "retired": [a for a in approaches if not a.is_active],
        "form": form,
    }
    return render(request, "enquiry/approach_list.html", context)


@require_http_methods(["GET", "POST"])
def approach_edit(request, slug, pk):
    approach = approach_for_user_or_404(request.user, slug, pk)
    old_name = approach.display_name
    form = ApproachForm(posted(request), instance=approach, consortium=approach.consortium)
    if request.method == "POST" and form.is_valid():
        services.approach_rename(
            approach=approach, name=form.cleaned_data["name"], name_cy=form.cleaned_data["name_cy"]
        )
        messages.success(
            request,
            gettext("“%(old_name)s” is renamed “%(name)s”.") % {"old_name": old_name, "name": approach.display_name},
        )
        return redirect("enquiry:approach_list", slug=slug)
    return render(request, "enquiry/approach_edit.html", {"approach": approach, "name": old_name, "form": form})


@require_http_methods(["GET", "POST"])
def approach_remove(request, slug, pk):
    """Asks first; then retires an approach enquiries tag, or deletes one nobody does."""
    approach = approach_for_user_or_404(request.user, slug, pk)
    if request.method == "POST":
        if services.approach_remove(approach=approach):
            messages.success(
                request,
                gettext("“%(name)s” is retired: it is no longer offered to enquirers.")
                % {"name": approach.display_name},
            )
        else:
            messages.success(request, gettext("“%(name)s” is deleted.") % {"name": approach.display_name})
        return redirect("enquiry:approach_list", slug=slug)
    used = approach.enquiries.count()
    if used:
        explanation = ngettext(
            "%(count)d enquiry is tagged with it, so it will be retired, not deleted: nobody can choose it any "
            "more, the enquiries keep it, and “what works here” still gathers them. You can offer it again later.",
            "%(count)d enquiries are tagged with it, so it will be retired, not deleted: nobody can choose it any "
            "more, the enquiries keep it, and “what works here” still gathers them. You can offer it again later.",
            used,
        ) % {"count": used}
        title = gettext("Retire “%(name)s”?") % {"name": approach.display_name}
        button = gettext("Retire the approach")
    else:
        explanation = gettext("No enquiry is tagged with it, so it will be deleted. This cannot be undone.")
        title = gettext("Delete “%(name)s”?") % {"name": approach.display_name}
        button = gettext("Delete the approach")
    context = {
        "title": title,
        "explanation": explanation,
        "button": button,
        "back": reverse("enquiry:approach_list", args=[slug]),
        "danger": not used,  # retiring can be undone
    }
    return render(request, "confirm.html", context)


@require_POST
def approach_restore(request, slug, pk):
    """Offers a retired approach to enquirers again."""
    approach = approach_for_user_or_404(request.user, slug, pk)
    services.approach_restore(approach=approach)
    messages.success(request, gettext("“%(name)s” is offered to enquirers again.") % {"name": approach.display_name})
    return redirect("enquiry:approach_list", slug=slug)
