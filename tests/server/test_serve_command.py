"""`famplan serve` for production: one build shared by every worker, removed on exit;
a fixed build folder on request; a bad deployment file stops it before any worker starts."""

from __future__ import annotations

import os
import re
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

from server.serve_build import MARKER

ROOT = Path(__file__).resolve().parents[2]
MILWAUKEE = ROOT / "server" / "deployments" / "milwaukee.toml"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Serve:
    """`python -m server serve ...` in a process of its own, with its own temporary folder."""

    def __init__(self, tmp: Path, *args: str) -> None:
        self.port = _free_port()
        self.tmp = tmp
        tmp.mkdir(exist_ok=True)
        self.process = subprocess.Popen(
            [sys.executable, "-m", "server", "serve", "--port", str(self.port), *args],
            cwd=ROOT,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            env={**os.environ, "PYTHONUNBUFFERED": "1", "TMPDIR": str(tmp)},
        )
        self.output = ""

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def wait_ready(self) -> None:
        deadline = time.monotonic() + 120  # the build takes a few seconds on a loaded machine
        while True:
            assert self.process.poll() is None, self.stop()
            try:
                httpx.get(f"{self.url}/en/")
                return
            except httpx.TransportError:
                assert time.monotonic() < deadline, "famplan serve did not start"
                time.sleep(0.2)

    def stop(self, sig: int = signal.SIGTERM) -> int:
        if self.process.poll() is None:
            self.process.send_signal(sig)
        self.output += self.process.communicate(timeout=60)[0].decode()
        return self.process.returncode

    def builds(self) -> list[Path]:
        return sorted(self.tmp.glob("famplan-site-*"))


def test_builds_once_serves_from_every_worker_and_removes_the_build_on_exit(tmp_path: Path) -> None:
    server = Serve(tmp_path / "tmp", "--workers", "2")
    try:
        server.wait_ready()
        # One build for all workers: the workers load it, none builds its own.
        assert len(server.builds()) == 1
        build = server.builds()[0]
        assert (build / MARKER).is_file() and (build / "site" / "en" / "index.html").is_file()
        with httpx.Client(base_url=server.url) as client:
            assert [client.get("/en/").status_code for _ in range(20)] == [200] * 20
            # What a worker needs besides files comes from the build too.
            missing = client.get("/es/no-such-page/")
            assert missing.status_code == 404 and '<html lang="es"' in missing.text
    finally:
        code = server.stop(signal.SIGTERM)
    assert code == 0, server.output
    assert len(re.findall(r"Started server process \[\d+\]", server.output)) == 2
    assert server.builds() == []  # removed on exit


def test_ctrl_c_stops_a_single_worker_and_removes_the_build(tmp_path: Path) -> None:
    server = Serve(tmp_path / "tmp")
    try:
        server.wait_ready()
        assert len(server.builds()) == 1
    finally:
        code = server.stop(signal.SIGINT)
    assert code == 0, server.output
    assert server.builds() == []
    with pytest.raises(httpx.ConnectError):
        httpx.get(f"{server.url}/en/")


def test_a_fixed_build_folder_is_kept_and_rebuilt_on_the_next_start(tmp_path: Path) -> None:
    folder = tmp_path / "build"
    first = Serve(tmp_path / "tmp", "--build-dir", str(folder))
    try:
        first.wait_ready()
    finally:
        assert first.stop() == 0, first.output
    assert (folder / MARKER).is_file() and (folder / "site" / "sw.js").is_file()
    stale = folder / "site" / "static" / "stale.js"
    stale.write_text("left from an older build")
    second = Serve(tmp_path / "tmp", "--build-dir", str(folder))
    try:
        second.wait_ready()
        assert not stale.exists()  # emptied before the new build
        assert httpx.get(f"{second.url}/static/stale.js").status_code == 404
    finally:
        assert second.stop() == 0, second.output
    assert first.builds() == []  # no temporary folder either time


def test_a_folder_famplan_did_not_make_is_never_emptied(tmp_path: Path) -> None:
    folder = tmp_path / "mine"
    folder.mkdir()
    (folder / "notes.txt").write_text("keep me")
    server = Serve(tmp_path / "tmp", "--build-dir", str(folder))
    assert server.process.wait(timeout=60) == 2
    server.stop()
    assert "not empty and was not made by famplan serve" in server.output
    assert (folder / "notes.txt").read_text() == "keep me"


def test_an_invalid_deployment_file_stops_start_up_with_its_key_and_line(tmp_path: Path) -> None:
    bad = tmp_path / "district.toml"
    text = MILWAUKEE.read_text(encoding="utf-8")
    match = re.search(r'^tel = "[^"]+"', text, re.MULTILINE)
    assert match
    line = text[: match.start()].count("\n") + 1
    bad.write_text(text[: match.start()] + 'tel = "414-555-0100"' + text[match.end() :], encoding="utf-8")
    server = Serve(tmp_path / "tmp", "--deployment", str(bad))
    assert server.process.wait(timeout=120) == 2
    server.stop()
    assert f"{bad}:{line}: 'tel' = '414-555-0100' is not dialable" in server.output
    assert "Started server process" not in server.output  # no worker ever started
    assert server.builds() == []


def test_many_clients_at_once_get_only_right_answers(tmp_path: Path) -> None:
    """A bounded burst from 50 clients: every answer is the right one, none is a 5xx or a dropped connection.
    (How fast, and how memory behaves over a long run, is bench/serve.py's to measure.)"""
    from concurrent.futures import ThreadPoolExecutor

    server = Serve(tmp_path / "tmp", "--workers", "2")
    try:
        server.wait_ready()
        asset = re.search(r'src="(/static/js/app\.[0-9a-f]+\.js)"', httpx.get(f"{server.url}/en/").text)
        assert asset
        requests = [
            ("GET", "/en/", {"accept-encoding": "br, gzip"}, 200),
            ("GET", asset.group(1), {"accept-encoding": "gzip"}, 200),
            ("HEAD", "/ar/plan/", {}, 200),
            ("GET", asset.group(1), {"range": "bytes=0-99", "accept-encoding": "identity"}, 206),
            ("GET", "/en/no-such-page/", {}, 404),
            ("POST", "/en/", {}, 405),
            ("GET", "/", {"accept-language": "so"}, 302),
        ]

        def client_run(_: int) -> list[tuple[int, int]]:
            seen = []
            with httpx.Client(base_url=server.url, timeout=60) as client:
                for _round in range(8):
                    for index, (method, path, headers, _status) in enumerate(requests):
                        seen.append((index, client.request(method, path, headers=headers).status_code))
            return seen

        with ThreadPoolExecutor(max_workers=50) as pool:
            answers = [answer for batch in pool.map(client_run, range(50)) for answer in batch]
    finally:
        assert server.stop() == 0, server.output
    assert len(answers) == 50 * 8 * len(requests)
    assert [(requests[index], status) for index, status in answers if status != requests[index][3]] == []
    assert "Traceback" not in server.output and "ERROR" not in server.output


@pytest.mark.parametrize(("trusted", "hsts"), [(None, True), ("192.0.2.1", False)])
def test_only_a_trusted_proxy_can_say_the_request_came_over_https(tmp_path: Path, trusted: str | None, hsts: bool) -> None:
    # The client here is 127.0.0.1: trusted by default, not when only another address is.
    server = Serve(tmp_path / "tmp", *(["--forwarded-allow-ips", trusted] if trusted else []))
    try:
        server.wait_ready()
        response = httpx.get(f"{server.url}/en/", headers={"x-forwarded-proto": "https"})
    finally:
        assert server.stop() == 0, server.output
    assert ("strict-transport-security" in response.headers) is hsts
