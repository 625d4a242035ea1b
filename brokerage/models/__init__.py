"""Models of the brokerage desk: specialists, the record of schools' practice, requests and their
proposals, engagements and their booked days, the desk's settings, and the digest."""

from .desk import FACTORS, MAX_WEIGHT, BrokerageSettings
from .digest import DigestDelivery, DigestRun, DigestSubscription
from .engagements import Engagement, EngagementDay
from .practice import DEFAULT_VISITS_PER_TERM, RECORD_YEARS, HostCapacity, PracticeEntry, record_cutoff
from .requests import Proposal, RequestEvent, SupportRequest
from .specialists import AvailabilityBlock, PastEngagement, Specialist, SpecialistPhase, SpecialistTravelArea
from .vocab import (
    LIVE_ENGAGEMENT_STATUSES,
    OPEN_REQUEST_STATUSES,
    AvailabilityKind,
    DigestFrequency,
    EngagementStatus,
    EvidenceStrength,
    Phase,
    ProposalStatus,
    RequestKind,
    RequestStatus,
    Source,
)

__all__ = [
    "DEFAULT_VISITS_PER_TERM",
    "FACTORS",
    "LIVE_ENGAGEMENT_STATUSES",
    "MAX_WEIGHT",
    "OPEN_REQUEST_STATUSES",
    "RECORD_YEARS",
    "AvailabilityBlock",
    "AvailabilityKind",
    "BrokerageSettings",
    "DigestDelivery",
    "DigestFrequency",
    "DigestRun",
    "DigestSubscription",
    "Engagement",
    "EngagementDay",
    "EngagementStatus",
    "EvidenceStrength",
    "HostCapacity",
    "PastEngagement",
    "Phase",
    "PracticeEntry",
    "Proposal",
    "ProposalStatus",
    "RequestEvent",
    "RequestKind",
    "RequestStatus",
    "Source",
    "Specialist",
    "SpecialistPhase",
    "SpecialistTravelArea",
    "SupportRequest",
    "record_cutoff",
]
