"""The ``famplan`` command."""

from __future__ import annotations

import argparse
import logging
import os
import sys
from pathlib import Path
from typing import NoReturn

from server.config import Config
from server.error_line import print_error
from server.file_commands import EXIT_USAGE_ERROR, add_file_commands, run_file_command

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8000
# No "server" header (it only helps attackers); X-Forwarded-Proto from a local proxy
# sets the scheme, so HSTS is sent when a TLS proxy is in front.
SERVER_OPTIONS = {"server_header": False, "proxy_headers": True}


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
    serve.add_argument("--workers", type=int, default=1, help="worker processes (default 1)")
    serve.add_argument("--access-log", action="store_true", help="log each request (off by default: no IPs, no paths)")
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
        # Every uvicorn worker builds its own site; the environment reaches them all.
        os.environ["FAMPLAN_DEPLOYMENT"] = str(args.deployment.resolve())
    if args.command == "serve":
        return serve(args.host, args.port, args.workers, args.access_log)
    if args.command == "build":
        from server.site import build_site

        site = build_site(Config(), args.out, static_host=True)
        print(f"Wrote version {site.version} to {args.out}")
        return 0
    if getattr(args, "file_command", None):
        return run_file_command(args)
    return 2


def serve(host: str, port: int, workers: int, access_log: bool) -> int:
    import uvicorn

    logging.basicConfig(level=logging.INFO, format="%(levelname)s %(message)s")
    print(f"famplan is running at http://{host}:{port}/  (Ctrl+C to stop)", flush=True)
    uvicorn.run(
        "server.asgi:app",
        host=host,
        port=port,
        workers=workers,
        access_log=access_log,
        log_level="info",
        **SERVER_OPTIONS,
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
