"""What the API sends and takes. Text filters refuse NUL characters in the schema itself, so a
client learns it from the OpenAPI document rather than from a database error."""

from __future__ import annotations

import re
from datetime import date, datetime
from typing import Annotated, Literal

from django.utils.translation import gettext_lazy as _
from ninja import Field, Schema
from pydantic import BeforeValidator, ConfigDict, StringConstraints, model_validator

from enquiry.models import Stage

Text = Annotated[str, StringConstraints(max_length=200, pattern=r"^[^\x00]*$")]
Slug = Annotated[str, StringConstraints(max_length=100, pattern=r"^[-a-zA-Z0-9_]+$")]
Id = Annotated[int, Field(ge=1, le=2_147_483_647)]


def _iso_day(value):
    """YYYY-MM-DD only: pydantic would otherwise take a number as seconds since 1970."""
    if isinstance(value, str) and not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        raise ValueError("Give a day as YYYY-MM-DD.")
    return value


Day = Annotated[date, BeforeValidator(_iso_day)]


def LongText(limit: int):  # noqa: N802 (a type, named like one)
    return Annotated[str, StringConstraints(max_length=limit, pattern=r"^[^\x00]*$")]


class Me(Schema):
    id: int
    email: str
    full_name: str
    scope: str = Field(description=_("'read' or 'write' for a token; 'session' for the signed-in browser."))


class ConsortiumRef(Schema):
    slug: str
    name: str


class NetworkRef(Schema):
    id: int
    slug: str
    name: str


class SchoolRef(Schema):
    id: int
    urn: int
    name: str


class AreaRef(Schema):
    id: int
    slug: str
    name: str


class NetworkOut(Schema):
    id: int
    slug: str
    name: str
    consortium: ConsortiumRef
    purpose: str
    focus: str
    is_active: bool
    school_count: int
    people_count: int


class SchoolOut(Schema):
    id: int
    urn: int
    name: str
    consortium: ConsortiumRef
    phase: str
    establishment_type: str
    local_authority: str
    town: str
    postcode: str
    is_open: bool


class RoundOut(Schema):
    id: int
    title: str
    network: NetworkRef
    framework: str = Field(validation_alias="framework.name")
    opens_on: date
    closes_on: date
    closed_at: datetime | None


class Figures(Schema):
    respondents: int
    answers: int
    mean: float | None = Field(description=_("Mean of the ratings 1 to 4; 'don't know' left out."))
    counts: list[int] = Field(description=_("Answers per rating: index 0 is 'don't know', then 1 to 4."))


class FeatureFigures(Schema):
    feature: str
    figures: Figures
    previous_mean: float | None
    change: float | None


class GroupFigures(Schema):
    label: str
    respondents: int
    cells: list[Figures] = Field(description=_("One per feature, in the order of `features`."))


class RoundResultsOut(Schema):
    round: RoundOut
    respondents: int
    enough: bool = Field(description=_("False below the smallest group shown (no figures then)."))
    summary: list[str]
    features: list[FeatureFigures]
    schools: list[GroupFigures] = Field(description=_("School by school: for those who run the round only."))
    schools_folded: int
    groups: list[GroupFigures]


class EnquiryOut(Schema):
    id: int
    title: str
    question: str
    school: SchoolRef
    network: NetworkRef | None
    owner_name: str
    pupil_group: str
    pupil_count: int | None
    practice_areas: list[AreaRef]
    stage: str
    sharing: str
    shared_at: datetime | None
    strongest_evidence: int | None = Field(
        validation_alias="strongest", description=_("Strength (1 to 5) of its strongest impact claim.")
    )
    created_at: datetime
    updated_at: datetime


class EvidenceOut(Schema):
    id: int
    stage: str
    kind: str
    title: str
    note: str
    url: str
    file_name: str
    measure: str
    unit: str
    baseline_value: float | None
    baseline_on: date | None
    outcome_value: float | None
    outcome_on: date | None
    created_at: datetime


class EnquiryDetailOut(EnquiryOut):
    why_it_matters: str
    current_provision: str
    plan: str
    changes: str
    observations: str
    conclusions: str
    evidence: list[EvidenceOut] = Field(validation_alias="evidence_list")


class ActivityOut(Schema):
    id: int
    title: str
    network: NetworkRef
    activity_type: str
    purpose: str
    host_school: SchoolRef | None
    location: str
    starts_at: datetime
    ends_at: datetime
    days: float
    status: str
    collaboration_level: int
    practice_areas: list[AreaRef]


class PracticeEntryOut(Schema):
    id: int
    title: str
    summary: str
    school: SchoolRef
    practice_area: AreaRef
    period_start: date | None
    period_end: date | None
    evidence: str
    evidence_strength: int
    source: str
    shared_at: datetime


class Body(Schema):
    """A request body: a JSON object. (ninja's Schema would read attributes of anything, so a JSON
    array would pass as an object with every field left out.)"""

    @model_validator(mode="before")
    @classmethod
    def _an_object(cls, data):
        if not isinstance(getattr(data, "_obj", data), dict):  # ninja hands it over wrapped
            raise ValueError("The body must be a JSON object.")
        return data


class EnquiryIn(Body):
    title: LongText(200)
    question: LongText(1000)
    school_id: Id
    network_id: Id | None = None
    why_it_matters: LongText(4000) = ""
    pupil_group: LongText(200) = ""
    pupil_count: Annotated[int, Field(ge=0, le=100_000)] | None = None
    practice_area_ids: list[Id] = Field(default_factory=list, max_length=50)
    current_provision: LongText(10000) = ""
    plan: LongText(10000) = ""
    changes: LongText(10000) = ""
    observations: LongText(10000) = ""
    conclusions: LongText(10000) = ""


class EnquiryPatch(Body):
    model_config = ConfigDict(json_schema_extra={"description": _("Only the fields sent change.")})

    title: LongText(200) | None = None
    question: LongText(1000) | None = None
    school_id: Id | None = None
    network_id: Id | None = None
    why_it_matters: LongText(4000) | None = None
    pupil_group: LongText(200) | None = None
    pupil_count: Annotated[int, Field(ge=0, le=100_000)] | None = None
    practice_area_ids: list[Id] | None = Field(default=None, max_length=50)
    current_provision: LongText(10000) | None = None
    plan: LongText(10000) | None = None
    changes: LongText(10000) | None = None
    observations: LongText(10000) | None = None
    conclusions: LongText(10000) | None = None


class NoteIn(Body):
    note: LongText(10000)
    title: LongText(200) = ""
    stage: Literal[tuple(Stage.values)] | None = Field(
        default=None, description=_("A stage of the cycle; the enquiry's current one if left out.")
    )
