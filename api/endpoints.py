"""The API's operations. Each loads through the same scopes (`visible_to`) and rules as the pages,
reads through the apps' reads, and writes through their forms and services: an object out of
reach is a 404, as on the pages."""

from __future__ import annotations

from typing import Annotated, Literal

from django.db.models import Prefetch
from django.forms.models import model_to_dict
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext_lazy as _
from ninja import Field, Path, Query, Router, Schema, Status

from activities.models import Activity, ActivityStatus
from brokerage.models import PracticeEntry
from enquiry import reads as enquiry_reads
from enquiry import services as enquiry_services
from enquiry.forms import EnquiryForm, NoteForm
from enquiry.models import Enquiry, EvidenceKind, Sharing, Stage
from networks.models import Network, PracticeArea, School
from reviews import reads as review_reads
from reviews.models import ReviewRound

from .auth import require_write
from .pagination import Page, PageParams, paginate
from .problems import COMMON, WRITE, FormProblem
from .schemas import (
    ActivityOut,
    Day,
    EnquiryDetailOut,
    EnquiryIn,
    EnquiryOut,
    EnquiryPatch,
    EvidenceOut,
    Id,
    Me,
    NetworkOut,
    NoteIn,
    PracticeEntryOut,
    RoundOut,
    RoundResultsOut,
    SchoolOut,
    Slug,
    Text,
)

router = Router()
Urn = Annotated[int, Path(ge=1, le=2_147_483_647)]
PathId = Annotated[int, Path(ge=1, le=2_147_483_647)]
PathSlug = Annotated[str, Path(max_length=100, pattern=r"^[-a-zA-Z0-9_]+$")]


def ok(schema, errors=COMMON):
    return {200: schema, **errors}


@router.get("/me", response=ok(Me), summary=_("Who the token belongs to"))
def me(request):
    token = request.api_token
    user = request.user
    return {
        "id": user.pk,
        "email": user.email,
        "full_name": user.full_name,
        "scope": token.scope if token is not None else "session",
    }


# Networks and schools ---------------------------------------------------------------------------


class NetworkFilters(Schema):
    consortium: Slug | None = Field(None, description=_("A consortium's slug."))
    q: Text | None = Field(None, description=_("Part of the network's name."))
    active: bool | None = None


def _narrowed(queryset, **lookups):
    """The queryset narrowed by each lookup whose filter was given; a filter left out is None (or
    an empty text), while a false one (active=false, open=false) still narrows."""
    return queryset.filter(**{lookup: value for lookup, value in lookups.items() if value not in (None, "")})


def _networks(user):
    return Network.objects.visible_to(user).with_counts().select_related("consortium").order_by("name", "pk")


@router.get("/networks", response=ok(Page[NetworkOut]), summary=_("Networks you can see"))
def network_list(request, filters: Query[NetworkFilters], page: Query[PageParams]):
    networks = _narrowed(
        _networks(request.user),
        consortium__slug=filters.consortium,
        name__icontains=filters.q,
        is_active=filters.active,
    )
    return paginate(networks, page)


@router.get("/networks/{slug}", response=ok(NetworkOut), summary=_("One network"))
def network_detail(request, slug: PathSlug):
    return get_object_or_404(_networks(request.user), slug=slug)


class SchoolFilters(Schema):
    q: Text | None = Field(None, description=_("Part of the name, town or postcode, or a URN."))
    consortium: Slug | None = None
    network: Slug | None = Field(None, description=_("A network's slug: its schools only."))
    phase: Text | None = None
    open: bool | None = None


@router.get("/schools", response=ok(Page[SchoolOut]), summary=_("Schools of your consortia"))
def school_list(request, filters: Query[SchoolFilters], page: Query[PageParams]):
    schools = _narrowed(
        School.objects.visible_to(request.user).search(filters.q).select_related("consortium"),
        consortium__slug=filters.consortium,
        phase__iexact=filters.phase,
        is_open=filters.open,
    )
    if filters.network:
        network = Network.objects.visible_to(request.user).filter(slug=filters.network).first()
        schools = schools.filter(network_schools__network=network) if network else schools.none()
    return paginate(schools.order_by("name", "urn"), page)


@router.get("/schools/{urn}", response=ok(SchoolOut), summary=_("One school, by its URN"))
def school_detail(request, urn: Urn):
    return get_object_or_404(School.objects.visible_to(request.user).select_related("consortium"), urn=urn)


# Self-review results: closed rounds only (figures appear once a round has closed) -----------------


def _published_rounds(user):
    """Closed rounds of the networks the person can see: exactly those whose results they may read
    (reviews.view_round_results lets members of a visible network read a closed round)."""
    return ReviewRound.objects.visible_to(user).closed().select_related("network", "framework")


@router.get("/rounds", response=ok(Page[RoundOut]), summary=_("Self-review rounds with published results"))
def round_list(request, page: Query[PageParams], network: Slug | None = None):
    rounds = _published_rounds(request.user)
    if network:
        rounds = rounds.filter(network__slug=network)
    return paginate(rounds.order_by("-closes_on", "-pk"), page)


def _figures(figures):
    return {
        "respondents": figures.respondents,
        "answers": figures.answers,
        "mean": figures.mean,
        "counts": figures.counts,
    }


def _group(row):
    return {"label": row.label, "respondents": row.respondents, "cells": [_figures(c) for c in row.cells]}


@router.get(
    "/rounds/{round_id}/results",
    response=ok(RoundResultsOut),
    summary=_("A round's results"),
    description=_(
        "The network as a whole for its members; school by school for those who run the round. No\n"
        "one's own answers, and groups smaller than three folded in, as on the results page."
    ),
)
def round_results(request, round_id: PathId):
    round = get_object_or_404(_published_rounds(request.user), pk=round_id)
    if not request.user.has_perm("reviews.view_round_results", round):
        raise Http404
    school_level = request.user.has_perm("reviews.manage_round", round)
    results = review_reads.round_results(round, school_level=school_level, with_comments=False)
    return {
        "round": round,
        "respondents": results.respondents,
        "enough": results.enough,
        "summary": results.summary,
        "features": [
            {
                "feature": f.feature.name,
                "figures": _figures(f.figures),
                "previous_mean": f.previous_mean,
                "change": f.change,
            }
            for f in results.features
        ]
        if results.enough
        else [],
        "schools": [_group(row) for row in results.school_rows] if results.enough and school_level else [],
        "schools_folded": results.schools_folded if school_level else 0,
        "groups": [_group(row) for row in results.group_rows] if results.enough else [],
    }


# Enquiries: the practice library (shared) and your own ------------------------------------------


def _enquiry_rows(queryset):
    return queryset.select_related("school", "network", "owner").prefetch_related(
        Prefetch("practice_areas", queryset=PracticeArea.objects.order_by("name"))
    )


class LibraryFilters(Schema):
    q: Text | None = Field(None, description=_("Words to search for."))
    area: Slug | None = Field(None, description=_("A practice area's slug."))
    phase: Text | None = None
    stage: Literal[tuple(Stage.values)] | None = None
    strength: Annotated[int, Field(ge=1, le=5)] | None = Field(None, description=_("Evidence at least this strong."))
    school: Id | None = Field(None, description=_("A school's id."))
    network: Id | None = Field(None, description=_("A network's id."))


@router.get("/library", response=ok(Page[EnquiryOut]), summary=_("Shared enquiries: the practice library"))
def library(request, filters: Query[LibraryFilters], page: Query[PageParams]):
    base = enquiry_reads.library_base(request.user)
    enquiries = enquiry_reads.library_filter(_enquiry_rows(base).with_strongest_evidence(), filters.dict())
    return paginate(enquiries, page)


class MineFilters(Schema):
    stage: Literal[tuple(Stage.values)] | None = None
    sharing: Literal[tuple(Sharing.values)] | None = None


@router.get(
    "/enquiries",
    response=ok(Page[EnquiryOut]),
    summary=_("Your own enquiries"),
    description=_("The enquiries you own or work on as a co-enquirer."),
)
def my_enquiries(request, filters: Query[MineFilters], page: Query[PageParams]):
    enquiries = _narrowed(
        _enquiry_rows(enquiry_reads.my_enquiries(request.user)).with_strongest_evidence(),
        stage=filters.stage,
        sharing=filters.sharing,
    )
    return paginate(enquiries.order_by("-updated_at", "-pk"), page)


def _visible_enquiry(request, pk):
    queryset = _enquiry_rows(Enquiry.objects.visible_to(request.user)).with_strongest_evidence()
    return get_object_or_404(queryset, pk=pk)


def _detail(enquiry):
    enquiry.evidence_list = list(enquiry.evidence.order_by("created_at", "pk"))
    return enquiry


@router.get("/enquiries/{enquiry_id}", response=ok(EnquiryDetailOut), summary=_("One enquiry you can see"))
def enquiry_detail(request, enquiry_id: PathId):
    return _detail(_visible_enquiry(request, enquiry_id))


def _changeable_enquiry(request, pk):
    """Out of reach, or in reach but not yours to change: a 404 either way, as on the pages."""
    enquiry = _visible_enquiry(request, pk)
    if not request.user.has_perm("enquiry.change_enquiry", enquiry):
        raise Http404
    return enquiry


FIELD_NAMES = {"school_id": "school", "network_id": "network", "practice_area_ids": "practice_areas"}


def _form_data(payload: dict) -> dict:
    return {FIELD_NAMES.get(name, name): ("" if value is None else value) for name, value in payload.items()}


def _form_problem_fields(form):
    back = {value: key for key, value in FIELD_NAMES.items()}
    for name in list(form.errors):
        if name in back:
            form.errors[back[name]] = form.errors.pop(name)
    return FormProblem(form)


@router.post(
    "/enquiries",
    response={201: EnquiryDetailOut, **WRITE},
    summary=_("Start an enquiry"),
    description=_("Starts private to you, at the first stage, as on the page. Needs a read and write token."),
)
def enquiry_create(request, payload: EnquiryIn):
    require_write(request)
    form = EnquiryForm(data=_form_data(payload.dict()), user=request.user)
    if not form.is_valid():
        raise _form_problem_fields(form)
    try:
        enquiry = enquiry_services.enquiry_create(owner=request.user, **form.cleaned_data)
    except enquiry_services.EnquiryError as error:
        form.add_error(None, str(error))
        raise FormProblem(form) from error
    return Status(201, _detail(_visible_enquiry(request, enquiry.pk)))


@router.patch(
    "/enquiries/{enquiry_id}",
    response=ok(EnquiryDetailOut, WRITE),
    summary=_("Change your enquiry"),
    description=_("Only the fields sent change. For its owner and co-enquirers."),
)
def enquiry_update(request, enquiry_id: PathId, payload: EnquiryPatch):
    require_write(request)
    enquiry = _changeable_enquiry(request, enquiry_id)
    current = model_to_dict(enquiry, fields=EnquiryForm.Meta.fields)
    for name in ("practice_areas", "levels", "knowledge_fields"):
        current[name] = [item.pk for item in current[name]]
    data = {**current, **_form_data(payload.dict(exclude_unset=True))}
    form = EnquiryForm(data=data, instance=Enquiry.objects.get(pk=enquiry.pk), user=request.user)
    if not form.is_valid():
        raise _form_problem_fields(form)
    try:
        enquiry_services.enquiry_update(enquiry=Enquiry.objects.get(pk=enquiry.pk), **form.cleaned_data)
    except enquiry_services.EnquiryError as error:
        form.add_error(None, str(error))
        raise FormProblem(form) from error
    return _detail(_visible_enquiry(request, enquiry.pk))


@router.post("/enquiries/{enquiry_id}/notes", response={201: EvidenceOut, **WRITE}, summary=_("Add an evidence note"))
def note_add(request, enquiry_id: PathId, payload: NoteIn):
    require_write(request)
    enquiry = _changeable_enquiry(request, enquiry_id)
    form = NoteForm(data={"stage": payload.stage or enquiry.stage, "title": payload.title, "note": payload.note})
    if not form.is_valid():
        raise FormProblem(form)
    note = enquiry_services.evidence_add(enquiry=enquiry, kind=EvidenceKind.NOTE, by=request.user, **form.cleaned_data)
    return Status(201, note)


# Activities and the practice record --------------------------------------------------------------


class ActivityFilters(Schema):
    network: Slug | None = Field(None, description=_("A network's slug."))
    status: Literal[tuple(ActivityStatus.values)] | None = None
    starts_from: Day | None = Field(None, description=_("Starting on or after this day."))
    starts_until: Day | None = Field(None, description=_("Starting on or before this day."))


def _activities(user):
    return (
        Activity.objects.visible_to(user)
        .select_related("network", "activity_type", "host_school")
        .prefetch_related(Prefetch("practice_areas", queryset=PracticeArea.objects.order_by("name")))
    )


class ActivityRow(ActivityOut):
    activity_type: str = Field(validation_alias="activity_type.name")


@router.get("/activities", response=ok(Page[ActivityRow]), summary=_("Activities of the networks you can see"))
def activity_list(request, filters: Query[ActivityFilters], page: Query[PageParams]):
    activities = _narrowed(
        _activities(request.user),
        network__slug=filters.network,
        status=filters.status,
        starts_at__date__gte=filters.starts_from,
        starts_at__date__lte=filters.starts_until,
    )
    return paginate(activities.order_by("-starts_at", "-pk"), page)


@router.get("/activities/{activity_id}", response=ok(ActivityRow), summary=_("One activity"))
def activity_detail(request, activity_id: PathId):
    return get_object_or_404(_activities(request.user), pk=activity_id)


class PracticeFilters(Schema):
    q: Text | None = Field(None, description=_("Words in the title, summary, evidence or school's name."))
    consortium: Slug | None = None
    area: Slug | None = Field(None, description=_("A practice area's slug."))
    school: Annotated[int, Field(ge=1, le=2_147_483_647)] | None = Field(None, description=_("A school's URN."))
    strength: Annotated[int, Field(ge=1, le=5)] | None = None


@router.get(
    "/practice-record", response=ok(Page[PracticeEntryOut]), summary=_("What schools did in the last three years")
)
def practice_record(request, filters: Query[PracticeFilters], page: Query[PageParams]):
    entries = _narrowed(
        PracticeEntry.objects.visible_to(request.user)
        .recent()
        .search(filters.q)
        .select_related("school", "practice_area"),
        school__consortium__slug=filters.consortium,
        practice_area__slug=filters.area,
        school__urn=filters.school,
        evidence_strength__gte=filters.strength,
    )
    return paginate(entries.order_by("-shared_at", "-pk"), page)
