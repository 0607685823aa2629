"""What the benchmarks share: a live server and Debian's Chromium."""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.conftest import CHROMIUM_ARGS, chromium_path  # noqa: E402
from tests.live_server import LiveServer  # noqa: E402
from server.config import Config  # noqa: E402


def start_server() -> LiveServer:
    server = LiveServer(Config(), Path(tempfile.mkdtemp(prefix="famplan-bench-")))
    server.start()
    return server


def launch_args() -> dict:
    args: dict = {"args": CHROMIUM_ARGS}
    if chromium_path():
        args["executable_path"] = chromium_path()
    return args
