"""OpenAPI links from each create to what can be done with the record it made.

Another system's engineer (and a stateful API tester) reads from the spec that the `id` in a 201 answer of
`POST /api/v1/visits` is the `visit_id` of `GET /api/v1/visits/{visit_id}`, its transitions, history and so on.
Derived from the paths, so a new record kind gets its links without writing them.
"""

import re
from collections.abc import Callable
from typing import Any

from fastapi import FastAPI

METHODS = ("get", "put", "patch", "delete", "post")


def add_links(schema: dict[str, Any]) -> dict[str, Any]:
    paths: dict[str, dict[str, Any]] = schema.get("paths", {})
    for path, operations in paths.items():
        created = operations.get("post", {}).get("responses", {}).get("201")
        if created is None:
            continue
        links: dict[str, Any] = {}
        item = re.compile(re.escape(path) + r"/\{(\w+)\}(/[^{}]*)?")
        for other, other_operations in paths.items():
            match = item.fullmatch(other)
            if match is None:
                continue
            for method in METHODS:
                operation_id = other_operations.get(method, {}).get("operationId")
                if operation_id:
                    links[operation_id] = {"operationId": operation_id,
                                           "parameters": {match.group(1): "$response.body#/id"}}
        if links:
            created["links"] = dict(sorted(links.items()))
    return schema


def install_links(app: FastAPI) -> None:
    """Wraps the app's own (cached) OpenAPI builder so every document it serves or exports carries the links."""
    build: Callable[[], dict[str, Any]] = app.openapi
    setattr(app, "openapi", lambda: add_links(build()))  # noqa: B010 - FastAPI's documented way to extend it
