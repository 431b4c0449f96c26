"""Swagger UI and ReDoc from the app's own static files: government intranets have no CDN.

The pages load every script by `src=` (Swagger UI's start-up script is served as /docs/swagger-init.js, not
written inline), so the app's Content-Security-Policy (`script-src 'self'`) holds on them too.

In production the docs and the OpenAPI document are not for anonymous visitors: unless `ZS_DOCS_PUBLIC=true`
they answer 404 like any unknown path. The SPA's generated client is built from scripts/export_openapi.py,
which reads the document in-process, not over HTTP.
"""

import json
from pathlib import Path

import fastapi_offline
from fastapi import FastAPI, Request
from fastapi.responses import HTMLResponse, JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException

ASSETS = Path(fastapi_offline.__file__).parent / "static"
TITLE = "招商引资管理平台 API"
DOC_PATHS = ("/docs", "/docs/swagger-init.js", "/redoc", "/openapi.json")


def _page(head: str, body: str) -> str:
    """A docs page: our favicon and title, and scripts only by src= (see the module doc)."""
    return f"""<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="icon" href="/docs-static/favicon.png">
<title>{TITLE}</title>
{head}
</head>
<body>
{body}
</body>
</html>
"""


SWAGGER_HTML = _page('<link rel="stylesheet" href="/docs-static/swagger-ui.css">',
                     '<div id="swagger-ui"></div>\n<script src="/docs-static/swagger-ui-bundle.js"></script>\n'
                     '<script src="/docs/swagger-init.js"></script>')
SWAGGER_INIT = "window.ui = SwaggerUIBundle(Object.assign(" + json.dumps({
    "url": "/openapi.json", "dom_id": "#swagger-ui", "layout": "BaseLayout", "deepLinking": True,
    "showExtensions": True, "showCommonExtensions": True, "persistAuthorization": True,
}) + ", {presets: [SwaggerUIBundle.presets.apis, SwaggerUIBundle.SwaggerUIStandalonePreset]}));\n"
REDOC_HTML = _page("<style>body { margin: 0; padding: 0; }</style>",
                   '<noscript>ReDoc 需要启用 JavaScript。</noscript>\n<redoc spec-url="/openapi.json"></redoc>\n'
                   '<script src="/docs-static/redoc.standalone.js"></script>')


def install_docs(app: FastAPI, *, public: bool) -> None:
    """The docs pages and /openapi.json when `public`; otherwise the same paths answer 404 (not the SPA)."""
    if not public:
        def hidden(request: Request) -> Response:
            raise StarletteHTTPException(404)

        for path in (*DOC_PATHS, "/docs-static/{name:path}"):
            app.add_api_route(path, hidden, include_in_schema=False, methods=["GET", "HEAD"])
        return

    app.mount("/docs-static", StaticFiles(directory=ASSETS), name="docs-static")

    @app.get("/openapi.json", include_in_schema=False)
    def openapi() -> JSONResponse:
        return JSONResponse(app.openapi())

    @app.get("/docs", include_in_schema=False)
    def swagger_ui() -> HTMLResponse:
        return HTMLResponse(SWAGGER_HTML)

    @app.get("/docs/swagger-init.js", include_in_schema=False)
    def swagger_init() -> Response:
        return Response(SWAGGER_INIT, media_type="text/javascript")

    @app.get("/redoc", include_in_schema=False)
    def redoc() -> HTMLResponse:
        return HTMLResponse(REDOC_HTML)
