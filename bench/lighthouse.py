"""Lighthouse 12.2.3 mobile scores (performance, accessibility, best practices) for each page.

    (cd bench && npm ci)   # once: Lighthouse 12.2.3 from package-lock.json; needs Node 18 or 20
    .venv/bin/python bench/lighthouse.py [--lang en] [--lang ar]

Lighthouse's default mobile profile: a Moto G Power viewport, 4x CPU slowdown
and simulated slow 4G.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import tempfile
from pathlib import Path

from _common import ROOT, start_server
from tests.conftest import CHROMIUM_ARGS, chromium_path

LIGHTHOUSE = ROOT / "bench" / "node_modules" / ".bin" / "lighthouse"
CATEGORIES = ("performance", "accessibility", "best-practices")


def run(url: str, attempts: int = 3) -> dict[str, int]:
    # Lighthouse sometimes fails to record a trace (NO_NAVSTART) on a busy machine: try again.
    for attempt in range(attempts):
        try:
            return _run_once(url)
        except subprocess.CalledProcessError:
            if attempt == attempts - 1:
                raise
    raise AssertionError("unreachable")


def _run_once(url: str) -> dict[str, int]:
    with tempfile.TemporaryDirectory() as folder:
        report = Path(folder) / "report.json"
        subprocess.run(
            [
                str(LIGHTHOUSE),
                url,
                "--quiet",
                f"--only-categories={','.join(CATEGORIES)}",
                "--output=json",
                f"--output-path={report}",
                f"--chrome-flags=--headless=new {' '.join(CHROMIUM_ARGS)}",
            ],
            check=True,
            env={**os.environ, "CHROME_PATH": chromium_path() or ""},
        )
        data = json.loads(report.read_text())
    return {name: round(data["categories"][name]["score"] * 100) for name in CATEGORIES}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--lang", action="append", help="language code (repeatable; default en and ar)")
    languages = parser.parse_args().lang or ["en", "ar"]
    if not LIGHTHOUSE.exists():
        raise SystemExit("Lighthouse is not installed: (cd bench && npm ci)")
    server = start_server()
    try:
        print(f"{'page':<28} {'perf':>5} {'a11y':>5} {'best':>5}")
        for code in languages:
            for path in [p for p in server.site.pages[code] if p.endswith("/")] + ([ "/clock/"] if code == languages[0] else []):
                scores = run(f"{server.url}{path}")
                print(f"{path:<28} {scores['performance']:>5} {scores['accessibility']:>5} {scores['best-practices']:>5}", flush=True)
    finally:
        server.stop()


if __name__ == "__main__":
    main()
