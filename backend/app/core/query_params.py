"""An unknown query parameter answers 422 instead of being ignored.

A misspelt or unsupported filter (`updated_since=`) silently returning everything is worse than an error:
the caller believes it filtered. Added once, to every API router, by the app factory.
"""

from fastapi import Depends, Request
from fastapi.dependencies.models import Dependant
from fastapi.routing import APIRoute

from app.core.errors import Unprocessable

DECLARED_ATTR = "__declared_query__"


def _query_names(dependant: Dependant) -> set[str]:
    names = {param.alias for param in dependant.query_params}
    for sub in dependant.dependencies:
        names |= _query_names(sub)
    return names


def declared_query(route: APIRoute) -> frozenset[str]:
    """The query parameter names the route (and its dependencies) declare, worked out once per route."""
    names: frozenset[str] | None = getattr(route, DECLARED_ATTR, None)
    if names is None:
        names = frozenset(_query_names(route.dependant))
        setattr(route, DECLARED_ATTR, names)
    return names


async def reject_unknown_query(request: Request) -> None:
    route = request.scope.get("route")
    if not isinstance(route, APIRoute) or not request.query_params:
        return
    unknown = sorted(set(request.query_params) - declared_query(route))
    if unknown:
        raise Unprocessable(f"不支持的查询参数：{'、'.join(unknown)}", code="unknown-query-parameter",
                            errors=[{"field": name, "location": "query", "message": f"不支持的查询参数 {name}",
                                     "type": "unknown_query_parameter"} for name in unknown])


RejectUnknownQuery = Depends(reject_unknown_query)
