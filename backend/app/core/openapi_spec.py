"""The OpenAPI document tells generated clients what the server really sends.

FastAPI declares a `HTTPValidationError` 422 that never comes, no other errors, and none of the headers
the app reads or sets outside the route signatures. This completes each operation from its route, in one
place, so every route (and every new one) gets it without writing it:

- every error status the route can give as `application/problem+json` of one `Problem` schema (RFC 9457
  fields, `errors[]`, `request_id`): 400/422/503 always (bad URL, unknown query parameter, overload),
  401/403 behind a gate, 404 with path parameters, 409 and 413 on writes, 412/428 with `If-Match`;
- request headers: `If-Match` where the route checks it, `Idempotency-Key` where it takes one;
- response headers: `X-Request-ID` everywhere, `ETag` where the route sets it, `Idempotency-Replayed`;
- binary downloads as `format: binary` of their media type.

Which routes check `If-Match` or set `ETag` is read from the names their code (or a module-level helper it
calls) refers to, so a route only has to call `require_if_match` / `set_etag` to be documented right.
"""

import inspect
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from types import CodeType, FunctionType
from typing import Any

from fastapi import FastAPI
from fastapi.dependencies.models import Dependant
from fastapi.routing import APIRoute
from pydantic import BaseModel, ConfigDict, Field

from app.core.errors import PROBLEM_JSON, STATUS_TITLES

WRITE_METHODS = frozenset({"post", "put", "patch", "delete"})
JSON_TYPES = ("application/json", PROBLEM_JSON)
PROBLEM_REF = {"$ref": "#/components/schemas/Problem"}


class ProblemFieldError(BaseModel):
    """One field's problem (validation)."""

    model_config = ConfigDict(extra="allow")
    field: str = Field(description="字段路径，如 items.0.amount")
    message: str = Field(description="中文说明")
    location: str | None = Field(default=None, description="body、query、path 或 header")
    type: str | None = Field(default=None, description="错误类别，如 missing、unknown_query_parameter")


class Problem(BaseModel):
    """RFC 9457 problem details, as every error of this API is answered. `type` ends with the error's code
    (`/problems/precondition-failed`); some errors add their own members (e.g. `candidates`, `current_etag`)."""

    model_config = ConfigDict(extra="allow")
    type: str = Field(description="/problems/{code}")
    title: str
    status: int
    detail: str = Field(description="中文说明，可直接显示")
    instance: str | None = None
    request_id: str | None = Field(default=None, description="与响应头 X-Request-ID 相同，报障时请提供")
    errors: list[ProblemFieldError] | None = None


def _header(description: str, *, required: bool = False) -> dict[str, Any]:
    return {"description": description, "required": required, "schema": {"type": "string"}}


REQUEST_ID = _header("请求编号（也在 problem 的 request_id 中）")
ETAG = _header("记录的版本；修改时作为 If-Match 发回")
REPLAYED = _header("为 true 时，这是同一 Idempotency-Key 先前请求的原样答复")
IF_MATCH = {"name": "If-Match", "in": "header", "required": True, "schema": {"type": "string"},
            "description": "读取记录时得到的 ETag；缺少答 428，记录已被修改答 412"}
IDEMPOTENCY_KEY = {"name": "Idempotency-Key", "in": "header", "required": False,
                   "schema": {"type": "string", "minLength": 1, "maxLength": 200},
                   "description": "重试安全：同一键和同一内容在 48 小时内返回原答复"}


def _names(code: CodeType) -> Iterator[str]:
    """The global names and string constants in the code (and its nested functions)."""
    yield from code.co_names
    for const in code.co_consts:
        if isinstance(const, CodeType):
            yield from _names(const)
        elif isinstance(const, str):
            yield const


def refers_to(func: Callable[..., Any], names: frozenset[str], depth: int = 3) -> bool:
    """Whether the function's code — or a function of our app it refers to, a few calls deep — names one of
    `names` (e.g. calls `require_if_match`, or writes an `"ETag"` header)."""
    func = inspect.unwrap(func)
    if not isinstance(func, FunctionType) or depth < 0:
        return False
    seen = set(_names(func.__code__))
    if seen & names:
        return True
    module_globals = func.__globals__
    return any(refers_to(module_globals[name], names, depth - 1) for name in seen
               if isinstance(module_globals.get(name), FunctionType)
               and module_globals[name].__module__.startswith("app."))


def depends_on(dependant: Dependant, call: Callable[..., Any]) -> bool:
    """Whether the route (or a dependency of it) depends on `call`."""
    return any(sub.call is call or depends_on(sub, call) for sub in dependant.dependencies)


@dataclass(frozen=True)
class RouteTraits:
    """What the spec needs to know of a route that only the domains know (core imports none of them)."""

    public: Callable[[APIRoute], bool]
    takes_idempotency_key: Callable[[APIRoute], bool]


def _error(status: int, description: str | None = None) -> dict[str, Any]:
    return {"description": description or STATUS_TITLES.get(status, "错误"),
            "content": {PROBLEM_JSON: {"schema": PROBLEM_REF}},
            "headers": {"X-Request-ID": REQUEST_ID}}


def _statuses(public: bool, method: str, if_match: bool, path_params: bool) -> set[int]:
    statuses = {400, 422, 503}
    if not public:
        statuses |= {401, 403}
    if path_params:
        statuses.add(404)
    if method in WRITE_METHODS:
        statuses.add(409)
        if method != "delete":
            statuses.add(413)
    if if_match:
        statuses |= {412, 428}
    return statuses


def _is_validation_error(response: dict[str, Any]) -> bool:
    content = response.get("content") or {}
    return any("HTTPValidationError" in str(media.get("schema", {})) for media in content.values())


def complete_operation(operation: dict[str, Any], route: APIRoute, method: str, traits: RouteTraits) -> None:
    if_match = method in WRITE_METHODS and refers_to(route.endpoint, frozenset({"require_if_match"}))
    sets_etag = refers_to(route.endpoint, frozenset({"set_etag", "etag_of", "ETag"}))
    idempotent = method == "post" and traits.takes_idempotency_key(route)
    parameters: list[dict[str, Any]] = operation.setdefault("parameters", [])
    declared = {(p.get("in"), str(p.get("name", "")).lower()) for p in parameters}
    if if_match and ("header", "if-match") not in declared:
        parameters.append(IF_MATCH)
    if idempotent and ("header", "idempotency-key") not in declared:
        parameters.append(IDEMPOTENCY_KEY)
    if not parameters:
        operation.pop("parameters")

    responses: dict[str, Any] = operation.setdefault("responses", {})
    path_params = any(p.get("in") == "path" for p in parameters)
    declared_errors = {int(s) for s in responses if s[0] in "45"}
    for status in sorted(_statuses(traits.public(route), method, if_match, path_params) | declared_errors):
        existing = responses.get(str(status))
        if existing is None or _is_validation_error(existing):
            responses[str(status)] = _error(status)
        elif not existing.get("content"):
            responses[str(status)] = _error(status, existing.get("description"))
    for code, response in responses.items():
        headers = response.setdefault("headers", {})
        headers.setdefault("X-Request-ID", REQUEST_ID)
        if code.startswith("2"):
            if sets_etag:
                headers.setdefault("ETag", ETAG)
            if idempotent:
                headers.setdefault("Idempotency-Replayed", REPLAYED)
            for media_type, media in (response.get("content") or {}).items():
                if media_type not in JSON_TYPES and not media_type.startswith("text/"):
                    media["schema"] = {"type": "string", "format": "binary"}


def _drop_unused(schema: dict[str, Any], names: tuple[str, ...]) -> None:
    components = schema.get("components", {}).get("schemas", {})
    for name in names:
        component = components.pop(name, None)
        if component is not None and f"#/components/schemas/{name}" in str(schema):
            components[name] = component


def complete_spec(schema: dict[str, Any], routes: list[APIRoute], traits: RouteTraits) -> dict[str, Any]:
    components = schema.setdefault("components", {}).setdefault("schemas", {})
    problem = Problem.model_json_schema(ref_template="#/components/schemas/{model}")
    components.update(problem.pop("$defs", {}))
    components["Problem"] = problem
    by_operation = {(route.path_format, method.lower()): route for route in routes for method in route.methods or ()}
    for path, operations in schema.get("paths", {}).items():
        for method, operation in operations.items():
            route = by_operation.get((path, method))
            if route is not None:
                complete_operation(operation, route, method, traits)
    _drop_unused(schema, ("HTTPValidationError", "ValidationError"))
    return schema


def install_spec(app: FastAPI, routes: list[APIRoute], traits: RouteTraits) -> None:
    """Wraps the app's OpenAPI builder (like `install_links`); the document is completed once."""
    build: Callable[[], dict[str, Any]] = app.openapi
    done: list[dict[str, Any]] = []

    def completed() -> dict[str, Any]:
        if not done:
            done.append(complete_spec(build(), routes, traits))
        return done[0]

    setattr(app, "openapi", completed)  # noqa: B010 - FastAPI's documented way to extend it
