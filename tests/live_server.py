"""A real uvicorn server in a background thread, that tests can stop and restart."""

from __future__ import annotations

import socket
import threading
import time
from pathlib import Path

import uvicorn

from server.app import create_app
from server.cli import SERVER_OPTIONS
from server.config import Config


class LiveServer:
    def __init__(self, config: Config, site_dir: Path) -> None:
        self.config = config
        self.site_dir = site_dir
        self.port = _free_port()
        self.app = None
        self._server: uvicorn.Server | None = None
        self._thread: threading.Thread | None = None
        self.builds = 0

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def site(self):  # type: ignore[no-untyped-def]
        return self.app.site

    @property
    def running(self) -> bool:
        return self._server is not None

    def start(self, rebuild: bool = True) -> None:
        """Serves a fresh build of the site, or with rebuild=False the last one again."""
        if rebuild or self.app is None:
            self.builds += 1
            self.app = create_app(self.config, self.site_dir / f"build-{self.builds}")
        config = uvicorn.Config(
            self.app, host="127.0.0.1", port=self.port, log_level="warning", access_log=False, lifespan="off",
            **SERVER_OPTIONS,
        )
        self._server = uvicorn.Server(config)
        self._thread = threading.Thread(target=self._server.run, daemon=True)
        self._thread.start()
        deadline = time.monotonic() + 20
        while not self._server.started:
            if not self._thread.is_alive() or time.monotonic() > deadline:
                raise RuntimeError("live server did not start")
            time.sleep(0.02)

    def stop(self) -> None:
        if self._server is None:
            return
        self._server.should_exit = True
        self._thread.join(timeout=10)
        self._server = None
        # The port must refuse connections now, as a stopped server's would.
        deadline = time.monotonic() + 5
        while _accepts(self.port) and time.monotonic() < deadline:
            time.sleep(0.05)

    def restart(self) -> None:
        self.stop()
        self.start()

    def asset(self, name: str) -> str:
        return self.site.assets.url(name)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _accepts(port: int) -> bool:
    with socket.socket() as sock:
        sock.settimeout(0.2)
        return sock.connect_ex(("127.0.0.1", port)) == 0
