"""Every table model, imported in one place so Alembic and the session hooks (app/hooks.py) see them all."""

from app.assessment.models import ScoringScheme, Veto
from app.attachments.models import Attachment, EvidenceRuleVersion
from app.audit.models import AuditEvent
from app.auth.models import LoginThrottle, RefreshToken, SignIn, TokenFamily
from app.clients.models import ApiClient
from app.conflicts.models import ConflictDecision
from app.coordination.models import CoordinationItem, CoordinationReply
from app.enterprises.models import Enterprise
from app.events.models import Event, EventEnterprise
from app.feed.models import FeedChange
from app.funds.models import FundsReport
from app.idempotency.models import IdempotencyRecord
from app.leads.models import Lead
from app.notices.models import Notice, NoticeMute
from app.progress.models import ProgressRollup, ProgressRollupMonth, ProgressRollupServing, ProgressRollupSlice
from app.projects.models import Project, ProjectCredit, ProjectEnterprise
from app.quarters.models import Adjustment, Snapshot
from app.targets.models import RuleVersion, Target, TargetSet
from app.units.models import Cluster, Unit, UnitCluster, UnitLink
from app.users.models import User
from app.visits.models import Visit
from app.webhooks.models import WebhookDelivery, WebhookSubscription

__all__ = [
    "Adjustment",
    "ApiClient",
    "Attachment",
    "AuditEvent",
    "Cluster",
    "ConflictDecision",
    "CoordinationItem",
    "CoordinationReply",
    "Enterprise",
    "Event",
    "EventEnterprise",
    "EvidenceRuleVersion",
    "FeedChange",
    "FundsReport",
    "IdempotencyRecord",
    "Lead",
    "LoginThrottle",
    "Notice",
    "NoticeMute",
    "ProgressRollup",
    "ProgressRollupMonth",
    "ProgressRollupServing",
    "ProgressRollupSlice",
    "Project",
    "ProjectCredit",
    "ProjectEnterprise",
    "RefreshToken",
    "RuleVersion",
    "SignIn",
    "ScoringScheme",
    "Snapshot",
    "Target",
    "TargetSet",
    "TokenFamily",
    "Unit",
    "UnitCluster",
    "UnitLink",
    "User",
    "Veto",
    "Visit",
    "WebhookDelivery",
    "WebhookSubscription",
]
