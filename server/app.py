"""The ASGI application: the built site, the language redirect and a localized 404."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response
from starlette.routing import Route
from starlette.types import ASGIApp

from server.config import Config
from server.languages import BY_CODE, negotiate
from server.middleware.read_only_methods import ReadOnlyMethodsMiddleware
from server.middleware.security_headers import SecurityHeadersMiddleware
from server import serve_build
from server.site import Site, build_site
from server.static_files import StaticFirst

# Set by `famplan serve`: the folder it built once, which every worker serves.
BUILD_DIR_ENV = "FAMPLAN_BUILD_DIR"


def create_app(config: Config | None = None, site_dir: Path | None = None) -> ASGIApp:
    """Build the site and serve it. Without ``site_dir``, the build goes to a
    temporary folder that is removed when the app is dropped or the process ends."""
    config = config or Config()
    temporary = None
    if site_dir is None:
        temporary = tempfile.TemporaryDirectory(prefix="famplan-site-")
        site_dir = Path(temporary.name)
    app = wrap(build_site(config, site_dir))
    app.build_dir = temporary  # type: ignore[attr-defined]  # lives as long as the app
    return app


def app_from_environment() -> ASGIApp:
    """``server.asgi:app``: the folder `famplan serve` built, else a build of its own."""
    folder = os.environ.get(BUILD_DIR_ENV)
    if folder:
        return wrap(serve_build.load(Path(folder)))
    return create_app()


def wrap(site: Site) -> ASGIApp:
    app = Starlette(routes=[Route("/", _language_redirect)])
    app.add_exception_handler(404, _not_found_handler(site))
    app.state.site = site
    # Files are answered first, with their own headers; what is left (the
    # redirect, 404, 405) gets the page headers from the middleware.
    dynamic: ASGIApp = ReadOnlyMethodsMiddleware(app)
    dynamic = SecurityHeadersMiddleware(dynamic)
    outer: ASGIApp = StaticFirst(dynamic, site.out_dir)
    outer.site = site  # type: ignore[attr-defined]  # tests read the build from here
    return outer


async def _language_redirect(request: Request) -> Response:
    code = negotiate(request.headers.get("accept-language"))
    return RedirectResponse(
        f"/{code}/", status_code=302, headers={"Cache-Control": "no-cache", "Vary": "Accept-Language"}
    )


def _not_found_handler(site: Site):  # type: ignore[no-untyped-def]
    async def not_found(request: Request, exc: Exception) -> Response:
        first = request.url.path.split("/")[1]
        code = first if first in BY_CODE else negotiate(request.headers.get("accept-language"))
        return Response(
            site.not_found[code],
            status_code=404,
            media_type="text/html; charset=utf-8",
            headers={"Cache-Control": "no-cache", "Vary": "Accept-Language"},
        )

    return not_found
