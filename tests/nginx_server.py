"""Debian's nginx on loopback, serving a `famplan build` folder with the `_nginx.conf` the build wrote."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import time
from pathlib import Path

from server.host_config import NGINX_FILE
from tests.live_server import _accepts, _free_port

NGINX_CANDIDATES = ("/usr/sbin/nginx", "/usr/bin/nginx")

CONFIG = """\
daemon off;
worker_processes {workers};
{user}
pid {state}/nginx.pid;
error_log {state}/error.log warn;
events {{ worker_connections 4096; }}
http {{
    access_log off;
    sendfile on;
    tcp_nopush on;
    keepalive_requests 100000;
    client_body_temp_path {state}/body;
    proxy_temp_path {state}/proxy;
    fastcgi_temp_path {state}/fastcgi;
    uwsgi_temp_path {state}/uwsgi;
    scgi_temp_path {state}/scgi;
    server {{
        listen 127.0.0.1:{port};
        root {site};
        include {site}/{snippet};
    }}
}}
"""


def nginx_path() -> str | None:
    return shutil.which("nginx") or next((p for p in NGINX_CANDIDATES if Path(p).exists()), None)


class NginxServer:
    def __init__(self, site: Path, state: Path, workers: int = 1) -> None:
        self.site = site.resolve()
        self.state = state
        self.workers = workers
        self.port = _free_port()
        self.process: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> None:
        executable = nginx_path()
        if executable is None:
            raise RuntimeError("nginx is not installed (scripts/test.sh installs Debian's nginx when run as root)")
        self.state.mkdir(parents=True, exist_ok=True)
        config = self.state / "nginx.conf"
        # As root, nginx's workers would switch to an account that cannot read a private temporary folder.
        user = "user root;" if os.geteuid() == 0 else ""
        config.write_text(
            CONFIG.format(
                workers=self.workers, user=user, state=self.state, port=self.port, site=self.site, snippet=NGINX_FILE
            )
        )
        check = subprocess.run([executable, "-t", "-q", "-c", str(config), "-e", str(self.state / "error.log")], capture_output=True)
        if check.returncode != 0:
            raise RuntimeError(f"nginx refused the configuration:\n{check.stderr.decode()}")
        self.process = subprocess.Popen(
            [executable, "-c", str(config), "-e", str(self.state / "error.log")],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )
        deadline = time.monotonic() + 20
        while not _accepts(self.port):
            if self.process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"nginx did not start: {self.process.stderr.read().decode() if self.process.stderr else ''}")
            time.sleep(0.05)

    def master_pid(self) -> int:
        assert self.process is not None
        return self.process.pid

    def stop(self) -> None:
        if self.process is None:
            return
        self.process.send_signal(signal.SIGQUIT)  # graceful: finish open requests
        try:
            self.process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        self.process = None

