"""Models of the activities app: templates, planned activities, costs, facilitation tools."""

from .activity import (
    Activity,
    ActivityQuerySet,
    ActivityStatus,
    Attendance,
    CalendarFeed,
    ChecklistItem,
    Evaluation,
    Participant,
    new_feed_token,
)
from .budget import NetworkBudget
from .costs import PENNY, CostCategory, CostLine, CostStatus, Rate, line_amount
from .templates import (
    ActivityType,
    ActivityTypeStep,
    CollaborationLevel,
    InnovationPhase,
    KindOfCollaboration,
    ParticipantRole,
)
from .tools import (
    AgreedAction,
    FishboneCause,
    Force,
    ForceDirection,
    ForceFieldAnalysis,
    JigsawPlan,
    ProblemSolvingRecord,
    WhyStep,
)

__all__ = [
    "PENNY",
    "Activity",
    "ActivityQuerySet",
    "ActivityStatus",
    "ActivityType",
    "ActivityTypeStep",
    "AgreedAction",
    "Attendance",
    "CalendarFeed",
    "ChecklistItem",
    "CollaborationLevel",
    "CostCategory",
    "CostLine",
    "CostStatus",
    "Evaluation",
    "FishboneCause",
    "Force",
    "ForceDirection",
    "ForceFieldAnalysis",
    "InnovationPhase",
    "JigsawPlan",
    "KindOfCollaboration",
    "NetworkBudget",
    "Participant",
    "ParticipantRole",
    "ProblemSolvingRecord",
    "Rate",
    "WhyStep",
    "line_amount",
    "new_feed_token",
]
