"""Requests per second of `famplan serve` (1 and 2 workers) and of nginx over
the same build, side by side, with Debian's wrk on loopback.

    apt-get install wrk nginx          # once (Debian's packages)
    .venv/bin/python bench/serve.py [--duration 10] [--connections 50 200]

For each server, path (`/en/` and a content-hashed script) and number of
connections, one wrk run (one thread, keep-alive, `Accept-Encoding: br, gzip`)
prints requests per second, the 99th-percentile latency, socket errors,
non-2xx/3xx answers and the server's memory (resident set of all its
processes) after the run. Memory is also read once before the first run, so
growth over the whole series shows. Every run is bounded by --duration, and
only 127.0.0.1 is ever contacted.

nginx runs one worker, so "per core" compares it with one famplan worker.
wrk needs a core too: on a 2-core machine, the 2-worker figures share the
machine with wrk and are not twice the 1-worker ones.
"""

from __future__ import annotations

import argparse
import os
import platform
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from server.config import Config  # noqa: E402
from server.site import build_site  # noqa: E402
from tests.live_server import _free_port  # noqa: E402
from tests.nginx_server import NginxServer, nginx_path  # noqa: E402

ASSET = "js/app.js"


@dataclass
class Result:
    requests_per_second: float
    p99_ms: float
    socket_errors: int
    bad_status: int
    memory_mib: float


class FamplanServe:
    def __init__(self, workers: int, tmp: Path) -> None:
        self.workers = workers
        self.port = _free_port()
        self.log = open(tmp / f"serve-{workers}.log", "wb")  # noqa: SIM115
        self.process = subprocess.Popen(
            [sys.executable, "-m", "server", "serve", "--port", str(self.port), "--workers", str(workers)],
            cwd=ROOT,
            stdout=self.log,
            stderr=subprocess.STDOUT,
        )
        _wait_for(self.port, self.process)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def pid(self) -> int:
        return self.process.pid

    def stop(self) -> None:
        self.process.send_signal(signal.SIGTERM)
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        self.log.close()


class Nginx:
    def __init__(self, site: Path, tmp: Path) -> None:
        self.server = NginxServer(site, tmp / "nginx", workers=1)
        self.server.start()

    @property
    def url(self) -> str:
        return self.server.url

    def pid(self) -> int:
        return self.server.master_pid()

    def stop(self) -> None:
        self.server.stop()


def wrk(url: str, connections: int, duration: int) -> tuple[float, float, int, int]:
    command = [
        "wrk", "-t1", f"-c{connections}", f"-d{duration}s", "--timeout", "5s", "--latency",
        "-H", "Accept-Encoding: br, gzip", url,
    ]
    output = subprocess.run(command, capture_output=True, text=True, timeout=duration + 60, check=True).stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))  # type: ignore[union-attr]
    p99 = _milliseconds(re.search(r"99%\s+([\d.]+\w+)", output).group(1))  # type: ignore[union-attr]
    errors = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", output)
    socket_errors = sum(int(n) for n in errors.groups()) if errors else 0
    bad = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    return rps, p99, socket_errors, int(bad.group(1)) if bad else 0


def _milliseconds(text: str) -> float:
    value, unit = float(re.match(r"[\d.]+", text).group()), re.sub(r"[\d.]+", "", text)  # type: ignore[union-attr]
    return value * {"us": 0.001, "ms": 1, "s": 1000, "m": 60_000}[unit]


def memory_mib(pid: int) -> float:
    """Resident memory of a process and all its descendants."""
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                parent = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
            children.setdefault(parent, []).append(int(entry.name))
    total, stack = 0, [pid]
    while stack:
        current = stack.pop()
        stack.extend(children.get(current, []))
        try:
            status = Path(f"/proc/{current}/status").read_text()
        except OSError:
            continue
        match = re.search(r"VmRSS:\s+(\d+) kB", status)
        total += int(match.group(1)) if match else 0
    return total / 1024


def _wait_for(port: int, process: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + 120
    while True:
        with socket.socket() as sock:
            if sock.connect_ex(("127.0.0.1", port)) == 0:
                return
        if process.poll() is not None or time.monotonic() > deadline:
            raise RuntimeError("famplan serve did not start")
        time.sleep(0.1)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--duration", type=int, default=10, help="seconds per wrk run (default 10)")
    parser.add_argument("--connections", type=int, nargs="+", default=[50, 200])
    args = parser.parse_args()
    missing = [tool for tool in ("wrk",) if shutil.which(tool) is None] + ([] if nginx_path() else ["nginx"])
    if missing:
        print(f"Missing: {', '.join(missing)}. Install Debian's packages: apt-get install {' '.join(missing)}", file=sys.stderr)
        return 1

    with tempfile.TemporaryDirectory(prefix="famplan-bench-serve-") as tmp_name:
        tmp = Path(tmp_name)
        site = build_site(Config(), tmp / "site", static_host=True)  # what `famplan build` writes
        paths = {"/en/": "/en/", "asset": site.assets.url(ASSET)}
        print(f"{time.strftime('%Y-%m-%d')}, {platform.machine()}, {os.cpu_count()} cores, "
              f"load average {os.getloadavg()[0]:.1f}; wrk -t1 -d{args.duration}s, asset = {paths['asset']}")
        print(f"{'server':<26}{'path':<8}{'conns':>6}{'req/s':>10}{'p99 ms':>9}{'sock err':>9}{'non-2xx':>9}{'MiB':>8}")
        results: dict[tuple[str, str, int], Result] = {}
        servers = [
            ("famplan serve, 1 worker", lambda: FamplanServe(1, tmp)),
            ("famplan serve, 2 workers", lambda: FamplanServe(2, tmp)),
            ("nginx, 1 worker", lambda: Nginx(site.out_dir, tmp)),
        ]
        for name, start in servers:
            server = start()
            try:
                # One short run first: the first requests warm caches and code paths.
                wrk(server.url + paths["/en/"], 10, 1)
                before = memory_mib(server.pid())
                for label, path in paths.items():
                    for connections in args.connections:
                        rps, p99, socket_errors, bad = wrk(server.url + path, connections, args.duration)
                        result = Result(rps, p99, socket_errors, bad, memory_mib(server.pid()))
                        results[(name, label, connections)] = result
                        print(f"{name:<26}{label:<8}{connections:>6}{rps:>10,.0f}{p99:>9.1f}"
                              f"{socket_errors:>9}{bad:>9}{result.memory_mib:>8.1f}", flush=True)
                print(f"{name:<26}memory {before:.1f} MiB after warm-up, {memory_mib(server.pid()):.1f} MiB after the runs")
            finally:
                server.stop()
        print("\nfamplan serve (1 worker) / nginx (1 worker), per core:")
        for label in paths:
            for connections in args.connections:
                ours = results[("famplan serve, 1 worker", label, connections)].requests_per_second
                theirs = results[("nginx, 1 worker", label, connections)].requests_per_second
                print(f"  {label:<8}{connections:>4} connections: {ours / theirs:.3f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
