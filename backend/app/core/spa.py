"""Serves the built SPA at / for the embedded default; docker-compose uses nginx instead."""

from pathlib import Path

from fastapi import FastAPI, Request
from fastapi.responses import FileResponse, HTMLResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException

PLACEHOLDER = """<!doctype html><html lang="zh-CN"><meta charset="utf-8"><title>招商引资管理平台</title>
<body style="font-family:sans-serif;max-width:40em;margin:4em auto">
<h1>招商引资管理平台</h1><p>前端尚未构建。API 文档：<a href="/docs">/docs</a>、<a href="/redoc">/redoc</a>。</p>
</body></html>"""


# probe and scrape paths a monitoring system tries: a 404 there, not the SPA's page answering 200
NOT_SPA = frozenset({"healthz", "readyz", "livez", "metrics", "health", "ready", "status"})


def install_spa(app: FastAPI, dist: Path) -> None:
    index = dist / "index.html"
    if (dist / "assets").is_dir():
        app.mount("/assets", StaticFiles(directory=dist / "assets"), name="spa-assets")

    @app.get("/{path:path}", include_in_schema=False)
    def spa(path: str, request: Request) -> Response:
        if path == "api" or path.startswith("api/") or path.rstrip("/") in NOT_SPA:
            raise StarletteHTTPException(404)
        candidate = (dist / path).resolve()
        if path and candidate.is_file() and dist.resolve() in candidate.parents:
            return FileResponse(candidate)
        if index.is_file():
            return FileResponse(index, headers={"Cache-Control": "no-cache"})
        return HTMLResponse(PLACEHOLDER)
