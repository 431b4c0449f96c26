"""Security headers on every answer the app gives — the SPA's page, API JSON, problem+json errors, the docs —
so they hold whether or not nginx stands in front (the embedded default serves the SPA itself).

- `Content-Security-Policy`: scripts only from our own origin, never inline (the SPA's index.html and the
  docs pages load every script by `src=`); styles may be inline because antd writes its CSS-in-JS into
  `<style>` elements at run time (frontend/e2e/csp.test.mjs: the SPA, Swagger UI and ReDoc render in Chromium
  with no violation; without 'unsafe-inline' styles every page reports them); `frame-ancestors 'none'` (and
  `X-Frame-Options: DENY` for older browsers)
  so no foreign page can frame the app (clickjacking). ReDoc runs its search in a `blob:` worker; the attachments
  panel previews a PDF the SPA fetched itself in a `blob:` frame.
- `X-Content-Type-Options: nosniff`, `Referrer-Policy: no-referrer` (record ids in URLs stay here).
- `Cache-Control: no-store` on `/api` answers: they carry personal data and must not stay in a browser's or a
  shared proxy's cache. A route that sets its own Cache-Control keeps it.
"""

from starlette.types import ASGIApp, Message, Receive, Scope, Send

CSP = ("default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; "
       "font-src 'self' data:; connect-src 'self'; frame-src 'self' blob:; worker-src 'self' blob:; object-src 'none'; "
       "base-uri 'self'; form-action 'self'; frame-ancestors 'none'")

HEADERS: tuple[tuple[bytes, bytes], ...] = (
    (b"content-security-policy", CSP.encode()),
    (b"x-frame-options", b"DENY"),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
    (b"cross-origin-opener-policy", b"same-origin"),
)
NO_STORE = (b"cache-control", b"no-store")


def _private(path: str) -> bool:
    return path == "/api" or path.startswith("/api/v1/") or path == "/metrics"


class SecurityHeadersMiddleware:
    """Adds the headers above to each response start, keeping any the app already set."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        extra = (*HEADERS, NO_STORE) if _private(scope["path"]) else HEADERS

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers") or [])
                present = {k.lower() for k, _ in headers}
                headers += [(k, v) for k, v in extra if k not in present]
                message = {**message, "headers": headers}
            await send(message)

        await self.app(scope, receive, send_with_headers)
