"""The brokerage desk's vocabularies: kinds of request, their states, strength of evidence, phases."""

from __future__ import annotations

from django.db import models

from enquiry.models import Strength

# The strength of evidence of impact is the enquiry app's scale, so entries fed from enquiries
# keep their strength.
EvidenceStrength = Strength


class Phase(models.TextChoices):
    """Phases of education as the register names them, folded to what matching compares."""

    NURSERY = "nursery", "Nursery"
    PRIMARY = "primary", "Primary"
    SECONDARY = "secondary", "Secondary"
    ALL_THROUGH = "all_through", "All-through"
    POST_16 = "post_16", "16 plus"
    OTHER = "other", "Special and other"

    @classmethod
    def of_school(cls, text: str) -> str:
        """The phase code of a school's register phase ("Middle deemed primary" -> primary); ""
        when the register gives none."""
        text = (text or "").strip().lower()
        if not text:
            return ""
        for code, names in REGISTER_NAMES.items():
            if text in names:
                return code
        return cls.OTHER

    @classmethod
    def register_names(cls, code: str) -> list[str]:
        """School phases (as the register spells them) that match a request in this phase: an
        all-through school matches primary and secondary requests, as it teaches both."""
        names = set(REGISTER_NAMES.get(code, ()))
        if code in (cls.PRIMARY, cls.SECONDARY):
            names |= REGISTER_NAMES[cls.ALL_THROUGH]
        return sorted(names)


# The register's "Phase of education" values (lower case), by phase code.
REGISTER_NAMES = {
    Phase.NURSERY: {"nursery"},
    Phase.PRIMARY: {"primary", "middle deemed primary"},
    Phase.SECONDARY: {"secondary", "middle deemed secondary"},
    Phase.ALL_THROUGH: {"all-through", "all through"},
    Phase.POST_16: {"16 plus", "16+"},
    Phase.OTHER: {"not applicable"},
}


class RequestKind(models.TextChoices):
    """The kinds of support the consortium brokers (seed 004, "The Role of the Consortium")."""

    LEARNING_VISIT = "learning_visit", "A school to visit (learning visit)"
    SPECIALIST_CONSULTANCY = "specialist_consultancy", "Specialist consultancy"
    PEER_CONSULTANCY = "peer_consultancy", "Peer consultancy from another school"
    BARRIER_SUPPORT = "barrier_support", "Support with a barrier in a network"
    KNOWLEDGE_EXCHANGE = "knowledge_exchange", "Knowledge exchange with another network"

    @property
    def candidate_kinds(self) -> tuple[str, ...]:
        """Which candidates the match offers: schools, specialists, or both."""
        return {
            "learning_visit": ("school",),
            "specialist_consultancy": ("specialist", "school"),
            "peer_consultancy": ("school",),
            "barrier_support": ("specialist", "school"),
            "knowledge_exchange": ("school",),
        }[self.value]


class RequestStatus(models.TextChoices):
    SUBMITTED = "submitted", "Submitted"
    TRIAGED = "triaged", "Triaged"
    PROPOSED = "proposed", "Proposed"
    ACCEPTED = "accepted", "Accepted"
    BOOKED = "booked", "Booked"
    COMPLETED = "completed", "Completed"
    REVIEWED = "reviewed", "Reviewed"
    WITHDRAWN = "withdrawn", "Withdrawn"


OPEN_REQUEST_STATUSES = (
    RequestStatus.SUBMITTED,
    RequestStatus.TRIAGED,
    RequestStatus.PROPOSED,
    RequestStatus.ACCEPTED,
    RequestStatus.BOOKED,
)


class ProposalStatus(models.TextChoices):
    PROPOSED = "proposed", "Waiting for an answer"
    ACCEPTED = "accepted", "Accepted"
    DECLINED = "declined", "Declined"
    SUPERSEDED = "superseded", "Not needed: another was accepted"
    WITHDRAWN = "withdrawn", "Withdrawn"


class EngagementStatus(models.TextChoices):
    PLANNED = "planned", "Planned"
    BOOKED = "booked", "Booked"
    COMPLETED = "completed", "Completed"
    REVIEWED = "reviewed", "Reviewed"
    CANCELLED = "cancelled", "Cancelled"


# Engagements that hold their days and count against a host's capacity.
LIVE_ENGAGEMENT_STATUSES = (
    EngagementStatus.BOOKED,
    EngagementStatus.COMPLETED,
    EngagementStatus.REVIEWED,
)


class Source(models.TextChoices):
    MANUAL = "manual", "Entered by consortium staff"
    CSV = "csv", "Imported from a spreadsheet"
    ENQUIRY = "enquiry", "A shared enquiry"
    ACTIVITY = "activity", "An activity the school hosted"
    ENGAGEMENT = "engagement", "The outcome of a brokered engagement"


class AvailabilityKind(models.TextChoices):
    OFFERED = "offered", "Offered"
    BLOCKED = "blocked", "Blocked"


class DigestFrequency(models.TextChoices):
    WEEKLY = "weekly", "Every week"
    FORTNIGHTLY = "fortnightly", "Every two weeks"
    MONTHLY = "monthly", "Every month"
    OFF = "off", "Not sent"
