"""Route gates. Every /api route declares exactly one: `allow(Action.x)` or `public`.

`assert_all_routes_gated` runs at app start-up, so a route without a declared rule cannot ship.
"""

from collections.abc import Callable
from typing import Annotated, Any

from fastapi import APIRouter, Depends, FastAPI, Request
from fastapi.dependencies.models import Dependant
from fastapi.openapi.models import OAuthFlowClientCredentials, OAuthFlowPassword, OAuthFlows
from fastapi.routing import APIRoute
from fastapi.security import OAuth2
from fastapi.security.utils import get_authorization_scheme_param
from sqlmodel import Session
from starlette.requests import HTTPConnection

from app.authz.policy import Action, ensure_allowed
from app.authz.principal import Principal
from app.authz.roles import Scope
from app.core.config import Settings
from app.core.deps import SessionDep, SettingsDep
from app.core.errors import Unauthorized

TOKEN_URL = "/api/v1/auth/token"
SCOPE_TEXT = {Scope.records_read: "读取记录 (read records)", Scope.records_write: "录入和修改记录 (write records)",
              Scope.feed_read: "读取变更流 (read the change feed)"}


class BearerToken(OAuth2):
    """The bearer token of either flow: the SPA's password sign-in or another system's client credentials."""

    async def __call__(self, request: HTTPConnection) -> str | None:
        scheme, token = get_authorization_scheme_param(request.headers.get("Authorization"))
        return token if scheme.lower() == "bearer" and token else None


oauth2_scheme = BearerToken(flows=OAuthFlows(
    password=OAuthFlowPassword(tokenUrl=TOKEN_URL, scopes={}),
    clientCredentials=OAuthFlowClientCredentials(tokenUrl=TOKEN_URL, scopes={s.value: SCOPE_TEXT[s] for s in Scope}),
), auto_error=False, description="访问令牌：人员用 password 流程，其他系统用 client_credentials 流程")
GATE_ATTR = "__authz_gate__"
PrincipalResolver = Callable[[Session, Settings, str], Principal]


def install_principal_resolver(app: FastAPI, resolver: PrincipalResolver) -> None:
    """The app factory names how a bearer token becomes a Principal (app.auth does it, above authz): the
    gates only ask, so authorization depends on no domain."""
    app.state.principal_resolver = resolver


def current_principal(
    request: Request, session: SessionDep, settings: SettingsDep,
    token: Annotated[str | None, Depends(oauth2_scheme)],
) -> Principal:
    if not token:
        raise Unauthorized()
    resolver: PrincipalResolver = request.app.state.principal_resolver
    principal = resolver(session, settings, token)
    session.info["actor"] = principal
    request.state.principal = principal  # for the access log line
    return principal


def allow(action: Action) -> Any:
    # async: a table lookup, run on the event loop rather than as one more hop through the threadpool
    async def gate(principal: Annotated[Principal, Depends(current_principal)]) -> Principal:
        ensure_allowed(principal, action)
        return principal

    setattr(gate, GATE_ATTR, action.value)
    gate.__name__ = f"allow_{action.name}"
    return Depends(gate)


def _public() -> None:
    return None


setattr(_public, GATE_ATTR, "public")
public = Depends(_public)


def _gates(dependant: Dependant) -> list[str]:
    found: list[str] = []
    for dep in dependant.dependencies:
        call: Callable[..., Any] | None = dep.call
        if call is not None and hasattr(call, GATE_ATTR):
            found.append(getattr(call, GATE_ATTR))
        found.extend(_gates(dep))
    return found


def is_public(route: APIRoute) -> bool:
    return "public" in _gates(route.dependant)


def api_routes(routers: list[APIRouter]) -> list[APIRoute]:
    """The routes of the API routers (full paths: each router carries its own prefix)."""
    return [route for router in routers for route in router.routes if isinstance(route, APIRoute)]


def route_gates(routers: list[APIRouter]) -> dict[tuple[str, str], list[str]]:
    return {(method, route.path): _gates(route.dependant) for route in api_routes(routers)
            for method in route.methods or ()}


def assert_all_routes_gated(routers: list[APIRouter]) -> None:
    ungated = [f"{m} {p}" for (m, p), gates in route_gates(routers).items() if len(set(gates)) != 1]
    if ungated:
        raise RuntimeError(f"routes without exactly one authorization gate: {ungated}")
