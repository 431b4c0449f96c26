"""Every table model, imported in one place so Alembic and the audit hook see them all."""

from app.audit.models import AuditEvent
from app.auth.models import LoginThrottle, RefreshToken
from app.clients.models import ApiClient
from app.units.models import Cluster, Unit, UnitCluster, UnitLink
from app.users.models import User

__all__ = ["ApiClient", "AuditEvent", "Cluster", "LoginThrottle", "RefreshToken", "Unit", "UnitCluster",
           "UnitLink", "User"]
