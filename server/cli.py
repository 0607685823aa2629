"""The ``famplan`` command."""

from __future__ import annotations

import argparse
import logging
import os
import sys
from pathlib import Path
from typing import NoReturn

from server.config import Config
from server.content import ContentError
from server.error_line import print_error
from server.file_commands import EXIT_USAGE_ERROR, add_file_commands, run_file_command

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8000
# uvicorn's own default and environment variable.
DEFAULT_TRUSTED_PROXIES = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")
DEFAULT_GRACEFUL_TIMEOUT = 10
# No "server" header (it only helps attackers). X-Forwarded-Proto sets the
# scheme (so HSTS is sent behind a TLS proxy), but only from the addresses
# given with --forwarded-allow-ips: anyone else could claim HTTPS.
# httptools (and uvloop, picked by "auto") for speed, with a bound on request heads.
SERVER_OPTIONS = {
    "server_header": False,
    "proxy_headers": True,
    "http": "server.http_protocol:BoundedHttpToolsProtocol",
}


class _Parser(argparse.ArgumentParser):
    """A command-line mistake is one error line too, like every other error."""

    def error(self, message: str) -> NoReturn:
        print_error("usage", f"{message} (see: {self.prog} --help)")
        sys.exit(EXIT_USAGE_ERROR)


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="famplan", description="The Family Preparedness Plan app.")
    commands = parser.add_subparsers(dest="command", required=True)
    serve = commands.add_parser("serve", help="serve the app with uvicorn")
    serve.add_argument("--host", default=DEFAULT_HOST, help=f"address to listen on (default {DEFAULT_HOST})")
    serve.add_argument("--port", type=int, default=DEFAULT_PORT, help=f"port (default {DEFAULT_PORT})")
    serve.add_argument("--workers", type=int, default=1, help="worker processes (default 1; about one per core)")
    serve.add_argument("--access-log", action="store_true", help="log each request (off by default: no IPs, no paths)")
    serve.add_argument(
        "--build-dir",
        type=Path,
        help="build the site into this folder and keep it (default: a temporary folder, removed on exit)",
    )
    serve.add_argument(
        "--forwarded-allow-ips",
        default=DEFAULT_TRUSTED_PROXIES,
        help="proxies whose X-Forwarded-Proto is trusted, comma-separated (default 127.0.0.1, or env FORWARDED_ALLOW_IPS; '*' trusts anyone)",
    )
    serve.add_argument(
        "--graceful-timeout",
        type=int,
        default=DEFAULT_GRACEFUL_TIMEOUT,
        help=f"on SIGTERM or Ctrl+C, seconds to let open requests finish (default {DEFAULT_GRACEFUL_TIMEOUT})",
    )
    serve.add_argument(
        "--deployment", type=Path, help="a district's deployment file (default: the built-in Milwaukee one; env FAMPLAN_DEPLOYMENT)"
    )
    build = commands.add_parser("build", help="write the whole site to a folder for a static host or CDN")
    build.add_argument("--out", type=Path, required=True, help="folder to write")
    build.add_argument("--deployment", type=Path, help="a district's deployment file (default: Milwaukee)")
    add_file_commands(commands)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    if getattr(args, "deployment", None):
        # The build reads it from the environment (FAMPLAN_DEPLOYMENT), as a plain ASGI server would.
        os.environ["FAMPLAN_DEPLOYMENT"] = str(args.deployment.resolve())
    if args.command == "serve":
        return serve(args)
    if args.command == "build":
        from server.site import build_site

        try:
            site = build_site(Config(), args.out, static_host=True)
        except ContentError as error:
            # The deployment's own files: every problem is listed, one per line, with file and line.
            print(f"famplan: error: bad-content: {error}", file=sys.stderr)
            return 2
        print(f"Wrote version {site.version} to {args.out}")
        return 0
    if getattr(args, "file_command", None):
        return run_file_command(args)
    return 2


def serve(args: argparse.Namespace) -> int:
    """Build the site once, then serve that folder from every worker."""
    import signal
    import tempfile

    import uvicorn

    from server import serve_build
    from server.app import BUILD_DIR_ENV

    logging.basicConfig(level=logging.INFO, format="%(levelname)s %(message)s")
    with tempfile.TemporaryDirectory(prefix="famplan-site-") as temporary:
        folder = args.build_dir.resolve() if args.build_dir else Path(temporary)
        try:
            site = serve_build.build(Config(), folder)
        except (serve_build.BuildDirError, ContentError) as error:
            # Before any worker starts: a bad deployment file stops here, with its key and line.
            code = "bad-content" if isinstance(error, ContentError) else "bad-build-dir"
            print(f"famplan: error: {code}: {error}", file=sys.stderr)
            return 2
        os.environ[BUILD_DIR_ENV] = str(folder)  # the workers load it instead of building
        # uvicorn stops gracefully on SIGINT or SIGTERM, then sends the signal to
        # itself again to exit with it. Let that one pass, so the build folder
        # is removed and a requested stop exits 0.
        for stop in (signal.SIGINT, signal.SIGTERM):
            signal.signal(stop, lambda *_: None)
        print(f"famplan {site.version} is running at http://{args.host}:{args.port}/  (Ctrl+C to stop)", flush=True)
        uvicorn.run(
            "server.asgi:app",
            host=args.host,
            port=args.port,
            workers=args.workers,
            access_log=args.access_log,
            log_level="info",
            forwarded_allow_ips=args.forwarded_allow_ips,
            timeout_graceful_shutdown=args.graceful_timeout,
            **SERVER_OPTIONS,
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
