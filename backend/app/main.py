"""The application factory: middleware, error handlers, routers, docs and the SPA."""

from typing import Literal

from fastapi import APIRouter, FastAPI, Request
from fastapi.responses import JSONResponse
from fastapi.routing import APIRoute
from pydantic import BaseModel
from sqlalchemy import Engine

from app.assessment.routes import router as assessment_router
from app.attachments.routes import UPLOAD_OVERHEAD
from app.attachments.routes import router as attachments_router
from app.audit.routes import router as audit_router
from app.auth.oauth import install_oauth
from app.auth.routes import router as auth_router
from app.auth.service import principal_from_access_token
from app.authz.deps import api_routes, assert_all_routes_gated, install_principal_resolver, is_public, public
from app.clients.routes import router as clients_router
from app.conflicts.routes import router as conflicts_router
from app.coordination.routes import router as coordination_router
from app.core import jobs
from app.core.config import Settings, get_settings
from app.core.db import SQLITE_CONNECTIONS, get_engine, session_factory
from app.core.dbfaults import AdmissionMiddleware, RetryMiddleware, install_database_errors
from app.core.docs import install_docs
from app.core.errors import install_error_handlers
from app.core.logging import configure as configure_logging
from app.core.middleware import RequestContextMiddleware
from app.core.observability import ObservabilityMiddleware, collect_state, metrics_endpoint
from app.core.openapi_links import install_links
from app.core.openapi_spec import RouteTraits, depends_on, install_spec
from app.core.query_params import RejectUnknownQuery
from app.core.readiness import readiness
from app.core.security_headers import SecurityHeadersMiddleware
from app.core.spa import install_spa
from app.enterprises.routes import router as enterprises_router
from app.events.routes import router as events_router
from app.feed.routes import router as feed_router
from app.funds.routes import router as funds_router
from app.hooks import install_session_hooks
from app.idempotency.service import idempotency, install_replay
from app.imports.routes import router as imports_router
from app.leads.routes import router as leads_router
from app.notices.routes import router as notices_router
from app.progress import cache as progress_cache
from app.progress.routes import router as progress_router
from app.progress.target_routes import router as targets_router
from app.projects.routes import router as projects_router
from app.quarters.routes import router as quarters_router
from app.units.routes import router as units_router
from app.users.routes import router as users_router
from app.verification.routes import router as verification_router
from app.visits.routes import router as visits_router
from app.webhooks.routes import router as webhooks_router

meta_router = APIRouter(prefix="/api/v1", tags=["meta"])


class HealthOut(BaseModel):
    status: Literal["ok"]


class ReadyOut(BaseModel):
    status: Literal["ready"]
    checks: dict[str, str]


@meta_router.get("/health", dependencies=[public])
def health() -> HealthOut:
    """Liveness: the process answers. Touches nothing else (see /api/v1/ready)."""
    return HealthOut(status="ok")


@meta_router.get("/ready", dependencies=[public], response_model=ReadyOut,
                 responses={503: {"description": "not ready: a failed check (problem+json, Retry-After)"}})
async def ready(request: Request) -> JSONResponse:
    """Readiness: the database answers, its schema is at the migrations' head, Redis answers when it is the
    job backend. 503 problem+json with the failed checks otherwise."""
    return await readiness(request)


ROUTERS = [
    meta_router,
    auth_router,
    units_router,
    users_router,
    clients_router,
    audit_router,
    visits_router,
    enterprises_router,
    leads_router,
    events_router,
    projects_router,
    funds_router,
    verification_router,
    conflicts_router,
    targets_router,
    progress_router,
    quarters_router,
    feed_router,
    webhooks_router,
    assessment_router,
    attachments_router,
    notices_router,
    coordination_router,
    imports_router,
]


def operation_id(route: APIRoute) -> str:
    """Clean operation ids (`listUnits`), so the generated SPA client reads naturally."""
    head, *rest = route.name.split("_")
    return head + "".join(p.capitalize() for p in rest)


def _connections(settings: Settings, engine: Engine) -> int:
    """Requests admitted at once: a few, never more than the pool's connections (SQLite: one writer anyway,
    readers are cheap). A process runs its Python on one core; measured by hand with 16 writers on one worker,
    admitting 20 at once cost more CPU per write than admitting 4, the rest spent contending for the GIL."""
    if engine.dialect.name != "postgresql":
        return SQLITE_CONNECTIONS
    return min(settings.requests_at_once, settings.db_pool_size + settings.db_max_overflow)


def create_app(settings: Settings | None = None, engine: Engine | None = None) -> FastAPI:
    settings = settings or get_settings()
    install_session_hooks()
    configure_logging("json" if settings.json_logs else "plain")
    app = FastAPI(
        title="招商引资管理平台 API (Zhaoshang)",
        version="0.1.0",
        description="聊城市新旧动能转换重大工程招商引资管理平台。Errors are RFC 9457 problem+json.",
        docs_url=None, redoc_url=None, openapi_url=None,  # app.core.docs serves them (or hides them)
        generate_unique_id_function=operation_id,
    )
    app.state.settings = settings
    app.state.engine = engine or get_engine()
    app.state.session_factory = session_factory(app.state.engine)
    jobs.configure(settings.jobs_url)
    progress_cache.configure(settings.progress_cache_entries)
    # outermost last: security headers, request id and body limit, access log and metrics, admission, retries, the app
    app.add_middleware(RetryMiddleware)
    sqlite = app.state.engine.dialect.name == "sqlite"
    app.add_middleware(AdmissionMiddleware, limit=_connections(settings, app.state.engine),
                       queue_seconds=settings.queue_seconds, retry_after_s=settings.retry_after_s,
                       write_queue_seconds=settings.sqlite_write_wait_s if sqlite else None)
    app.add_middleware(ObservabilityMiddleware)
    app.add_middleware(RequestContextMiddleware, max_body_bytes=settings.max_body_bytes,
                       upload_max_bytes=settings.attachment_max_bytes + UPLOAD_OVERHEAD,
                       trusted_proxies=settings.trusted_proxies, keepalive_requests=settings.keepalive_requests)
    app.add_middleware(SecurityHeadersMiddleware)
    install_error_handlers(app)
    install_replay(app)
    install_principal_resolver(app, principal_from_access_token)
    install_links(app)
    install_oauth(app)
    install_spec(app, api_routes(ROUTERS), RouteTraits(
        public=is_public, takes_idempotency_key=lambda route: depends_on(route.dependant, idempotency)))
    install_database_errors(app, settings.retry_after_s)

    assert_all_routes_gated(ROUTERS)
    for router in ROUTERS:
        app.include_router(router, dependencies=[RejectUnknownQuery])
    engine_for_metrics = app.state.engine
    app.add_route("/metrics", metrics_endpoint(enabled=settings.metrics_enabled, allow=settings.metrics_allow,
                                               collect=lambda: collect_state(engine_for_metrics)),
                  include_in_schema=False)
    install_docs(app, public=settings.docs_open)
    install_spa(app, settings.frontend_dist)
    return app
