"""The brokerage desk's vocabularies: kinds of request, their states, strength of evidence, phases."""

from __future__ import annotations

from decimal import Decimal

from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from enquiry.models import Strength

# The strength of evidence of impact is the enquiry app's scale, so entries fed from enquiries
# keep their strength.
EvidenceStrength = Strength


class Phase(models.TextChoices):
    """Phases of education as the register names them, folded to what matching compares."""

    NURSERY = "nursery", _("Nursery")
    PRIMARY = "primary", _("Primary")
    SECONDARY = "secondary", _("Secondary")
    ALL_THROUGH = "all_through", _("All-through")
    POST_16 = "post_16", _("16 plus")
    OTHER = "other", _("Special and other")

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

    LEARNING_VISIT = "learning_visit", _("A school to visit (learning visit)")
    SPECIALIST_CONSULTANCY = "specialist_consultancy", _("Specialist consultancy")
    PEER_CONSULTANCY = "peer_consultancy", _("Peer consultancy from another school")
    BARRIER_SUPPORT = "barrier_support", _("Support with a barrier in a network")
    KNOWLEDGE_EXCHANGE = "knowledge_exchange", _("Knowledge exchange with another network")

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
    SUBMITTED = "submitted", _("Submitted")
    TRIAGED = "triaged", _("Triaged")
    PROPOSED = "proposed", _("Proposed")
    ACCEPTED = "accepted", _("Accepted")
    BOOKED = "booked", _("Booked")
    COMPLETED = "completed", _("Completed")
    REVIEWED = "reviewed", _("Reviewed")
    WITHDRAWN = "withdrawn", _("Withdrawn")


OPEN_REQUEST_STATUSES = (
    RequestStatus.SUBMITTED,
    RequestStatus.TRIAGED,
    RequestStatus.PROPOSED,
    RequestStatus.ACCEPTED,
    RequestStatus.BOOKED,
)


class ProposalStatus(models.TextChoices):
    PROPOSED = "proposed", _("Waiting for an answer")
    ACCEPTED = "accepted", _("Accepted")
    DECLINED = "declined", _("Declined")
    SUPERSEDED = "superseded", _("Not needed: another was accepted")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class EngagementStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    BOOKED = "booked", _("Booked")
    COMPLETED = "completed", _("Completed")
    REVIEWED = "reviewed", _("Reviewed")
    CANCELLED = "cancelled", _("Cancelled")


# Engagements that hold their days and count against a host's capacity.
LIVE_ENGAGEMENT_STATUSES = (
    EngagementStatus.BOOKED,
    EngagementStatus.COMPLETED,
    EngagementStatus.REVIEWED,
)


class Source(models.TextChoices):
    MANUAL = "manual", _("Entered by consortium staff")
    CSV = "csv", _("Imported from a spreadsheet")
    ENQUIRY = "enquiry", _("A shared enquiry")
    ACTIVITY = "activity", _("An activity the school hosted")
    ENGAGEMENT = "engagement", _("The outcome of a brokered engagement")


class AvailabilityKind(models.TextChoices):
    OFFERED = "offered", _("Offered")
    BLOCKED = "blocked", _("Blocked")


class DigestFrequency(models.TextChoices):
    WEEKLY = "weekly", _("Every week")
    FORTNIGHTLY = "fortnightly", _("Every two weeks")
    MONTHLY = "monthly", _("Every month")
    OFF = "off", _("Not sent")


def days_count(days) -> int:
    """A number of days (0.5, 1, 2.5) as the whole number a plural form is chosen by: itself when
    whole, else 3, which every language here counts as plural (gettext takes only integers)."""
    return int(days) if days == int(days) else 3


class CountsDays:
    """Mixin for a model with `days` (a support request, an engagement): `days_count`, for the
    templates that say "1 day", "2.5 days"."""

    @property
    def days_count(self) -> int:
        """The days as a whole number for choosing a plural form (1.5 days takes the plural)."""
        return days_count(self.days)


def pounds_field(verbose_name, *, max_digits: int, **options) -> models.DecimalField:
    """An amount in GBP, to the penny and never below nothing: a day rate, a budget. `options` are
    the field's own (`null`, `blank`, `default`, `help_text`)."""
    return models.DecimalField(
        verbose_name,
        max_digits=max_digits,
        decimal_places=2,
        validators=[MinValueValidator(Decimal("0"))],
        **options,
    )
