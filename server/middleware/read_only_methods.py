"""Only GET and HEAD exist: the server never reads a request body."""

from __future__ import annotations

from starlette.types import ASGIApp, Receive, Scope, Send

ALLOWED = frozenset({"GET", "HEAD"})


class ReadOnlyMethodsMiddleware:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] in ALLOWED:
            await self.app(scope, receive, send)
            return
        body = b"Method Not Allowed\n"
        await send(
            {
                "type": "http.response.start",
                "status": 405,
                "headers": [
                    (b"allow", b"GET, HEAD"),
                    (b"content-type", b"text/plain; charset=utf-8"),
                    (b"content-length", str(len(body)).encode()),
                    (b"cache-control", b"no-store"),
                ],
            }
        )
        await send({"type": "http.response.body", "body": body})
