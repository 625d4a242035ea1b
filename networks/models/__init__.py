"""Models of the networks app: people and places, and what each person wants emailed."""

from .audit import ACTIONS_WITH_SUBJECT, AuditAction, AuditEvent, AuditTrailReadOnly
from .outbox import OutboxTask
from .places import (
    CONSORTIUM_ROLES,
    LEADER_ROLES,
    NETWORK_ROLES,
    SCHOOL_ROLE_CHOICES,
    SCHOOL_ROLES,
    Consortium,
    InList,
    Invitation,
    Membership,
    Network,
    NetworkSchool,
    PracticeArea,
    ReviewCadence,
    Role,
    School,
    SchoolImport,
    TimeStamped,
    User,
    UserManager,
    count_subquery,
    default_reminder_days,
)
from .preferences import EmailPreference
from .privacy import DataExport
from .sign_in import SignInDomain, SignInProvider, email_domain
from .sweeps import SweepRun

__all__ = [
    "ACTIONS_WITH_SUBJECT",
    "CONSORTIUM_ROLES",
    "LEADER_ROLES",
    "NETWORK_ROLES",
    "SCHOOL_ROLE_CHOICES",
    "SCHOOL_ROLES",
    "AuditAction",
    "AuditEvent",
    "AuditTrailReadOnly",
    "Consortium",
    "DataExport",
    "EmailPreference",
    "Invitation",
    "Membership",
    "Network",
    "NetworkSchool",
    "OutboxTask",
    "PracticeArea",
    "ReviewCadence",
    "Role",
    "School",
    "SchoolImport",
    "SignInDomain",
    "SignInProvider",
    "SweepRun",
    "TimeStamped",
    "User",
    "UserManager",
    "InList",
    "count_subquery",
    "default_reminder_days",
    "email_domain",
]
