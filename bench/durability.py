"""Kill rounds against the vault's two copies: how often a kill tears the
IndexedDB log, how often Chromium then discards the database, how often the
app restores it from the second copy, and whether any completed save is lost.

    .venv/bin/python bench/durability.py [--rounds 1000] [--delay-ms 30] [--no-widen] [--without-copy] [--seed 1]

Each round opens the browser on one profile, unlocks, starts saving a large
plan back to back, waits for the first completed save, and kills every
browser process (SIGKILL) at a random moment in the saves that follow. It
then waits until the dead browser has let go of the profile, and reads the
primary's LevelDB log for a torn record.

A kill lands between the two write() calls of a log record only rarely (the
window is microseconds wide), so by default the round widens it: strace,
attached to the browser's root process (where IndexedDB writes), delays the return of every write()
to the log by --delay-ms (../shared/testing/STORAGE-FAULTS.md). This is a
benchmark, not a test: it prints figures and asserts nothing.

--without-copy hides the origin's private file system from the page, so the
app keeps no second copy: what a family's plan faced before it had one. A
vault lost then is counted, and a new one is made so the rounds go on.

Needs Debian's strace (apt-get install strace) for the widened window.
"""

from __future__ import annotations

import argparse
import datetime
import os
import platform
import random
import shutil
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

from playwright.sync_api import sync_playwright

from _common import ROOT, launch_args, start_server

sys.path.insert(0, str(ROOT / "scripts"))
from make_large_plan import make_large_plan  # noqa: E402
from tests.browser.browser_process import browser_pids, kill_browser  # noqa: E402
from tests.browser.storage_faults import indexeddb_logs, log_records  # noqa: E402
from tests.browser.test_vault_durability import SAVE_FOREVER, WATCH_DATA_LOSS  # noqa: E402
from tests.browser.vault_helpers import KEEP_SESSION, PASSPHRASE, ui_string  # noqa: E402
from tests.conftest import DEFAULT_DEVICE  # noqa: E402

UNLOCKED = "#plan-editor > *"
NO_PRIVATE_FILE_SYSTEM = "delete StorageManager.prototype.getDirectory;"


def widen(profile: Path, delay_ms: int) -> subprocess.Popen | None:
    """strace on the browser's root process (where Chromium's IndexedDB writes
    its LevelDB log), delaying the return of each write() to the log."""
    logs = [log for log in indexeddb_logs(profile) if log.parent.name.endswith(".indexeddb.leveldb")]
    if not logs:
        return None
    root = browser_pids(profile)[0]
    paths = [arg for log in logs for arg in ("-P", str(log))]
    return subprocess.Popen(
        ["strace", "-f", "-qq", "-p", str(root), *paths, "-e", "trace=write", "-e", f"inject=write:delay_exit={delay_ms * 1000}", "-o", "/dev/null"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )


def torn_tail(profile: Path) -> bool:
    for log in indexeddb_logs(profile):
        records = log_records(log.read_bytes())
        if records and not records[-1].whole:
            return True
    return False


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=1000)
    parser.add_argument("--delay-ms", type=int, default=30)
    parser.add_argument("--no-widen", action="store_true")
    parser.add_argument("--without-copy", action="store_true")
    parser.add_argument("--seed", type=int, default=1)
    options = parser.parse_args()
    if not options.no_widen and not shutil.which("strace"):
        sys.exit("strace is needed to widen the window (apt-get install strace), or pass --no-widen")

    rng = random.Random(options.seed)
    plan = make_large_plan()
    server = start_server()
    profile = Path(tempfile.mkdtemp(prefix="famplan-durability-")) / "profile"
    counts: Counter[str] = Counter()
    started_at = time.monotonic()
    with sync_playwright() as playwright:
        device = {**playwright.devices[DEFAULT_DEVICE]}
        device.pop("default_browser_type", None)

        def launch():  # type: ignore[no-untyped-def]
            return playwright.chromium.launch_persistent_context(profile, **device, **launch_args())

        def create_vault(page) -> None:  # type: ignore[no-untyped-def]
            page.locator("#setup-passphrase").fill(PASSPHRASE)
            page.locator("#vault-setup button[type=submit]").click()
            page.locator(UNLOCKED).first.wait_for()

        context = launch()
        if options.without_copy:
            context.add_init_script(NO_PRIVATE_FILE_SYSTEM)
        page = context.pages[0]
        page.goto(f"{server.url}/en/plan/")
        create_vault(page)
        context.close()

        confirmed = 0
        for round_ in range(options.rounds + 1):
            context = launch()
            saved: list[int] = []
            context.expose_function("__saved", lambda n: saved.append(n))
            context.add_init_script(KEEP_SESSION)
            context.add_init_script(WATCH_DATA_LOSS)
            if options.without_copy:
                context.add_init_script(NO_PRIVATE_FILE_SYSTEM)
            page = context.pages[0]
            page.goto(f"{server.url}/en/plan/")
            page.locator("#vault-unlock:visible, #vault-setup:visible").first.wait_for()
            counts["data loss reported by Chromium"] += len(page.evaluate("window.__dataLoss"))
            if page.locator("#vault-setup").is_visible():
                counts["vaults lost"] += 1
                counts["completed saves lost"] += confirmed
                print(f"round {round_}: no vault; {confirmed} completed saves lost", file=sys.stderr)
                create_vault(page)
                confirmed = 0
            else:
                page.locator("#unlock-passphrase").fill(PASSPHRASE)
                page.locator("#vault-unlock button[type=submit]").click()
                page.locator(UNLOCKED).first.wait_for()
            if page.locator("#vault-notice").text_content() == ui_string(page, "storageRestored"):
                counts["restored from the second copy"] += 1
            loaded = (page.evaluate("window.__session.load()") or {"meta": {"n": 0}})["meta"]["n"]
            if loaded < confirmed:
                counts["completed saves lost"] += confirmed - loaded
                print(f"round {round_}: save {confirmed} had completed, the vault opened at {loaded}", file=sys.stderr)
            if round_ == options.rounds:
                context.close()
                break
            page.evaluate(SAVE_FOREVER, [plan, loaded + 1])
            page.wait_for_function("() => window.__completedSaves >= 1", timeout=120_000)
            tracer = None if options.no_widen else widen(profile, options.delay_ms)
            page.wait_for_timeout(rng.randint(0, 300))
            kill_browser(context, profile)
            if tracer:
                tracer.wait(timeout=60)
            counts["kills"] += 1
            counts["torn log tails found after a kill"] += torn_tail(profile)
            counts["completed saves"] += len(saved)
            confirmed = max([confirmed, *saved])
            if round_ % 50 == 49:
                print(f"{round_ + 1} rounds: {dict(counts)}", file=sys.stderr)
    server.stop()
    minutes = (time.monotonic() - started_at) / 60
    print(f"famplan durability benchmark, {datetime.date.today()}, {platform.node()} ({os.cpu_count()} cores)")
    print(f"Chromium, {DEFAULT_DEVICE} emulation; window widened: {'no' if options.no_widen else f'{options.delay_ms} ms per log write'}; "
          f"second copy: {'hidden from the app' if options.without_copy else 'kept'}")
    for name in ("kills", "completed saves", "torn log tails found after a kill", "data loss reported by Chromium",
                 "restored from the second copy", "vaults lost", "completed saves lost"):
        print(f"  {name}: {counts[name]}")
    print(f"  time: {minutes:.1f} min")


if __name__ == "__main__":
    main()
