"""The famplan command: defaults, the static build, and a quiet log."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
from pathlib import Path

import httpx

from server.cli import DEFAULT_HOST, DEFAULT_PORT, build_parser, main

ROOT = Path(__file__).resolve().parents[2]


def test_serve_defaults() -> None:
    args = build_parser().parse_args(["serve"])
    assert (args.host, args.port, args.workers, args.access_log) == (DEFAULT_HOST, DEFAULT_PORT, 1, False)
    assert (DEFAULT_HOST, DEFAULT_PORT) == ("127.0.0.1", 8000)


def test_build_writes_a_complete_static_site(tmp_path: Path) -> None:
    assert main(["build", "--out", str(tmp_path)]) == 0
    for code in ("en", "ar", "ksw"):
        assert (tmp_path / code / "index.html").is_file()
        assert (tmp_path / code / "index.html.br").is_file()
        assert (tmp_path / code / "manifest.webmanifest").is_file()
    assert "/*BUILD*/" not in (tmp_path / "sw.js").read_text()
    # What a server would answer, a static host gets as files.
    root = (tmp_path / "index.html").read_text()
    assert all(f'href="/{code}/"' in root for code in ("en", "es", "ar", "hmn", "so", "my", "ksw"))
    assert "Page not found" in (tmp_path / "404.html").read_text()


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _read_until(process: subprocess.Popen, marker: str) -> str:
    """Reads the server's output until a line holds the marker (an event, not a
    clock: a loaded machine may take its time to build and start)."""
    seen = []
    for line in process.stdout:  # type: ignore[union-attr]
        seen.append(line.decode())
        if marker in seen[-1]:
            return "".join(seen)
    raise AssertionError(f"the server stopped before {marker!r}:\n{''.join(seen)}")


def test_serve_logs_no_requests_and_no_addresses(tmp_path: Path) -> None:
    port = _free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "server", "serve", "--port", str(port)],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
    )
    try:
        started = _read_until(process, "Application startup complete")
        response = httpx.get(f"http://127.0.0.1:{port}/en/secret-canary-path?q=canary", timeout=None)
        assert response.status_code == 404
        httpx.get(f"http://127.0.0.1:{port}/es/", timeout=None)
    finally:
        process.send_signal(signal.SIGINT)
        rest = process.communicate()[0].decode()
    output = started + rest
    assert f"http://127.0.0.1:{port}/" in output  # the URL to open is printed
    assert "canary" not in output
    assert "GET" not in output
    assert "127.0.0.1:" not in output.replace(f"http://127.0.0.1:{port}", "")


def test_file_commands_are_part_of_famplan(capsys) -> None:  # type: ignore[no-untyped-def]
    vector = ROOT / "tests" / "vectors" / "v1-full-es.famplan"
    assert main(["inspect", str(vector)]) == 0
    assert '"iterations"' in capsys.readouterr().out
