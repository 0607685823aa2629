"""The security headers, set on every response from one place."""

from __future__ import annotations

from starlette.types import ASGIApp, Message, Receive, Scope, Send

PAGE_CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; "
    "font-src 'self'; manifest-src 'self'; worker-src 'self'; connect-src 'none'; "
    "form-action 'none'; base-uri 'none'; frame-ancestors 'none'; object-src 'none'; "
    "require-trusted-types-for 'script'"
)
# The service worker fetches the app's own files to cache them; nothing else may.
WORKER_CSP = PAGE_CSP.replace("connect-src 'none'", "connect-src 'self'")
WORKER_PATH = "/sw.js"

COMMON_HEADERS: tuple[tuple[str, str], ...] = (
    ("referrer-policy", "no-referrer"),
    ("permissions-policy", "camera=(), microphone=(), geolocation=(), payment=(), usb=()"),
    ("cross-origin-opener-policy", "same-origin"),
    ("cross-origin-resource-policy", "same-origin"),
    ("x-content-type-options", "nosniff"),
    ("x-frame-options", "DENY"),
)
HSTS = ("strict-transport-security", "max-age=63072000; includeSubDomains")


def headers_for(path: str, scheme: str) -> list[tuple[str, str]]:
    csp = WORKER_CSP if path == WORKER_PATH else PAGE_CSP
    headers = [("content-security-policy", csp), *COMMON_HEADERS]
    if scheme == "https":
        headers.append(HSTS)
    return headers


class SecurityHeadersMiddleware:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        extra = [(name.encode(), value.encode()) for name, value in headers_for(scope["path"], scope["scheme"])]
        names = {name for name, _ in extra} | {b"set-cookie", b"server"}

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                kept = [(n, v) for n, v in message.get("headers", []) if n.lower() not in names]
                message = {**message, "headers": kept + extra}
            await send(message)

        await self.app(scope, receive, send_with_headers)
