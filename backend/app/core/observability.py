"""Per-request access log and Prometheus metrics.

`ObservabilityMiddleware` (outermost but one) times each request and, when it is done, writes one access
line — method, route template, status, milliseconds, request id, user and unit — and counts it by route
template (never the raw path: ids would make a series per record). `/metrics` serves the Prometheus text
format when `ZS_METRICS_ENABLED` and the caller's direct address is in `ZS_METRICS_ALLOW`; otherwise 404.
With several uvicorn workers set `PROMETHEUS_MULTIPROC_DIR` (prometheus_client's multiprocess mode) so a
scrape sums every worker.
"""

import ipaddress
import logging
import os
import time
from collections.abc import Callable
from typing import Any

from prometheus_client import CONTENT_TYPE_LATEST, CollectorRegistry, Counter, Gauge, Histogram, generate_latest
from prometheus_client import multiprocess as prom_multiprocess
from starlette.requests import Request
from starlette.responses import Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from app.core.errors import problem
from app.core.logging import request_id_var

access_log = logging.getLogger("zhaoshang.access")

REQUESTS = Counter("zs_http_requests_total", "API requests answered", ["method", "route", "status"])
LATENCY = Histogram("zs_http_request_duration_seconds", "Time to answer (until the last byte)", ["method", "route"],
                    buckets=(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30))
IN_FLIGHT = Gauge("zs_http_requests_in_flight", "Requests being handled", multiprocess_mode="livesum")
DB_POOL_IN_USE = Gauge("zs_db_pool_connections_in_use", "Database connections checked out of the pool",
                       multiprocess_mode="livesum")
JOBS_PENDING = Gauge("zs_jobs_pending", "Background jobs waiting in the queue", multiprocess_mode="max")
JOB_FAILURES = Gauge("zs_job_failures", "Background jobs that raised, since the queue was created", ["task"],
                     multiprocess_mode="max")
UPKEEP = Histogram("zs_rollup_upkeep_seconds", "Rollup upkeep at a write's commit",
                   buckets=(0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1))


def _route_of(scope: Scope) -> str:
    route = scope.get("route")
    path = getattr(route, "path", None)
    return path if isinstance(path, str) else "unmatched"


class ObservabilityMiddleware:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        state = scope.setdefault("state", {})
        token = request_id_var.set(state.get("request_id"))
        started = time.perf_counter()
        status = 500  # until an answer starts: a crash with nothing sent is a 500 to the client
        IN_FLIGHT.inc()

        async def watch(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
            await send(message)

        try:
            await self.app(scope, receive, watch)
        finally:
            IN_FLIGHT.dec()
            took = time.perf_counter() - started
            route = _route_of(scope)
            if route != "/metrics":
                REQUESTS.labels(scope["method"], route, str(status)).inc()
                LATENCY.labels(scope["method"], route).observe(took)
            principal = state.get("principal")
            access_log.info("%s %s %s %.1fms", scope["method"], route, status, took * 1000, extra={
                "method": scope["method"], "route": route, "path": scope.get("path"), "status": status,
                "ms": round(took * 1000, 1), "user": getattr(principal, "name", None),
                "user_id": getattr(principal, "id", None), "unit_id": getattr(principal, "unit_id", None),
                "client": state.get("client_addr")})
            request_id_var.reset(token)


def collect_state(engine: Any) -> None:
    """Gauges read at scrape time: the pool, the job queue."""
    from app.core import jobs

    checked_out = getattr(engine.pool, "checkedout", None)
    if callable(checked_out):
        DB_POOL_IN_USE.set(checked_out())
    try:
        JOBS_PENDING.set(jobs.pending())
        for task, count in jobs.failures().items():
            JOB_FAILURES.labels(task).set(count)
    except Exception:  # noqa: BLE001 - a queue that cannot be read must not break the scrape
        logging.getLogger(__name__).warning("job queue unreadable for metrics", exc_info=True)


def metrics_endpoint(*, enabled: bool, allow: list[str], collect: Callable[[], None]) -> Callable[..., Any]:
    networks = [ipaddress.ip_network(n, strict=False) for n in allow]

    def allowed(request: Request) -> bool:
        peer = request.client.host if request.client else None
        try:
            return peer is not None and any(ipaddress.ip_address(peer) in n for n in networks)
        except ValueError:
            return False

    async def metrics(request: Request) -> Response:
        if not enabled or not allowed(request):
            return problem(404, "找不到该地址", request=request)
        collect()
        if "PROMETHEUS_MULTIPROC_DIR" in os.environ:
            registry = CollectorRegistry()
            prom_multiprocess.MultiProcessCollector(registry)  # type: ignore[no-untyped-call]  # prometheus_client leaves it unannotated
            return Response(generate_latest(registry), media_type=CONTENT_TYPE_LATEST)
        return Response(generate_latest(), media_type=CONTENT_TYPE_LATEST)

    return metrics
