"""What was saved is there after a reload, after the browser is closed and opened
again, and after the browser process is killed in the middle of saving: the
vault always opens to the last completed save (or one in flight), never to a
broken state."""

from __future__ import annotations

import fcntl
import json
import os
import random
import shutil
import signal
import socket
import sys
import time
from pathlib import Path
from typing import Any, Iterator

import pytest
from playwright.sync_api import BrowserContext, BrowserType, Page, expect

from tests.browser.vault_helpers import KEEP_SESSION, OTHER_PASSPHRASE, PASSPHRASE, create_vault, notes, type_notes, ui_string, unlock
from tests.live_server import LiveServer

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "scripts"))
from make_large_plan import make_large_plan  # noqa: E402

KILLS_DURING_SAVES = 20
KILLS_DURING_PASSPHRASE_CHANGE = 4
# Saves plan number n, n+1, ... back to back until the browser dies, reporting each completed save.
SAVE_FOREVER = """([plan, first]) => {
  (async () => {
    for (let n = first; ; n++) {
      plan.meta.n = n;
      plan.sections.notes = { text: `save ${n}` };
      await window.__session.save(plan);
      window.__saved(n);
    }
  })();
}"""


def launch(browser_type: BrowserType, profile: Path, launch_args: dict[str, Any], device: dict[str, Any]) -> BrowserContext:
    options = {**device, **launch_args}
    options.pop("default_browser_type", None)
    return browser_type.launch_persistent_context(profile, **options)


def browser_pids(profile: Path) -> list[int]:
    """The browser started on `profile` and all its descendants (renderers, storage and network services)."""
    target = os.readlink(profile / "SingletonLock")  # "hostname-PID", written by Chromium itself
    host, _, pid = target.rpartition("-")
    assert host == socket.gethostname()
    root = int(pid)
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            parent = int(stat.rsplit(")", 1)[1].split()[1])
            children.setdefault(parent, []).append(int(entry.name))
    found, queue = [], [root]
    while queue:
        current = queue.pop()
        found.append(current)
        queue.extend(children.get(current, []))
    return found


def is_dead(pid: int) -> bool:
    """Gone, or a zombie whose every thread has exited. (A leader can be a zombie
    while another of its threads still sits in fsync, holding the process's files.)"""
    try:
        tasks = list(Path(f"/proc/{pid}/task").iterdir())
        states = [(task / "stat").read_text().rsplit(")", 1)[1].split()[0] for task in tasks]
    except OSError:
        return True
    return all(state in ("Z", "X") for state in states)


def indexeddb_unlocked(profile: Path) -> bool:
    """No process holds a LevelDB lock of the profile's IndexedDB (Chromium takes it with fcntl)."""
    for lock in (profile / "Default" / "IndexedDB").glob("*/LOCK"):
        with lock.open("rb+") as handle:
            try:
                fcntl.lockf(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except OSError:
                return False
            fcntl.lockf(handle, fcntl.LOCK_UN)
    return True


def kill_browser(context: BrowserContext, profile: Path) -> None:
    pids = browser_pids(profile)
    for pid in pids:
        try:
            os.kill(pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
    # A process killed inside fsync (every save is a "strict" transaction) lives on
    # until the disk answers, still holding its IndexedDB lock. A phone never starts
    # the browser again on a profile its dead predecessor still holds, so neither do we.
    deadline = time.monotonic() + 60
    while not (all(is_dead(pid) for pid in pids) and indexeddb_unlocked(profile)):
        assert time.monotonic() < deadline, "the killed browser did not let go of its profile within 60 s"
        time.sleep(0.02)
    try:
        context.close()
    except Exception:  # the browser is gone: Playwright may say so
        pass


def vault_is_there(page: Page, profile: Path, where: str) -> None:
    """The page offers to unlock; if not, the failure says what is on disk and whether a reload finds the vault."""
    try:
        expect(page.locator("#vault-unlock")).to_be_visible()
    except AssertionError:
        files = indexeddb_files(profile)
        page.reload()
        try:
            expect(page.locator("#vault-unlock")).to_be_visible()
            after = "a reload found it"
        except AssertionError:
            after = "a reload did not find it either"
        raise AssertionError(f"{where}: the page found no vault; {after}. On disk: {files}") from None


def indexeddb_files(profile: Path) -> str:
    """What is on disk, for a failure message."""
    folder = profile / "Default" / "IndexedDB"
    if not folder.exists():
        return "no IndexedDB folder"
    return ", ".join(f"{path.relative_to(folder)} {path.stat().st_size} B" for path in sorted(folder.rglob("*")) if path.is_file())


@pytest.fixture
def profile(tmp_path: Path) -> Path:
    return tmp_path / "profile"


@pytest.fixture
def opener(browser_type: BrowserType, browser_type_launch_args: dict[str, Any], device_descriptor: dict[str, Any], profile: Path) -> Iterator:
    opened: list[BrowserContext] = []

    def open_browser() -> BrowserContext:
        context = launch(browser_type, profile, browser_type_launch_args, device_descriptor)
        opened.append(context)
        return context

    yield open_browser
    for context in opened:
        try:
            context.close()
        except Exception:
            pass


def test_saved_plan_survives_a_reload_and_closing_the_browser(opener, live_server: LiveServer) -> None:  # type: ignore[no-untyped-def]
    context = opener()
    page = first_page(context)
    create_vault(page, live_server.url)
    type_notes(page, "Abuela Inés tiene las llaves")
    page.reload()
    unlock(page)
    expect(notes(page)).to_have_value("Abuela Inés tiene las llaves")
    type_notes(page, "Abuela Inés tiene las llaves y la carpeta azul")
    context.close()

    context = opener()
    page = first_page(context)
    page.goto(f"{live_server.url}/en/plan/")
    unlock(page)
    expect(notes(page)).to_have_value("Abuela Inés tiene las llaves y la carpeta azul")
    context.close()


def test_a_vault_the_browser_discarded_is_reported_not_passed_off_as_a_new_phone(opener, profile: Path, live_server: LiveServer) -> None:  # type: ignore[no-untyped-def]
    """Chromium deletes an IndexedDB database it cannot open and starts an empty one.
    The family must be told their plan is gone and how to restore it, not greeted as new."""
    context = opener()
    page = first_page(context)
    create_vault(page, live_server.url, lang="es")
    type_notes(page, "La abuela Inés tiene las llaves")
    context.close()
    # What Chromium's clean-up leaves: the origin's IndexedDB folders gone, everything else kept.
    for folder in (profile / "Default" / "IndexedDB").iterdir():
        shutil.rmtree(folder)

    context = opener()
    page = first_page(context)
    for path in ("/es/plan/", "/es/open/"):
        page.goto(f"{live_server.url}{path}")
        expect(page.locator("#vault-setup")).to_be_visible()
        expect(page.locator("#vault-notice")).to_have_text(ui_string(page, "vaultMissing"))
        assert "abuela" not in json.dumps(page.evaluate("({...localStorage})"))

    # A new plan ends the warning.
    page.goto(f"{live_server.url}/es/plan/")
    create_vault(page, live_server.url, lang="es")
    page.reload()
    expect(page.locator("#vault-unlock")).to_be_visible()
    expect(page.locator("#vault-notice")).to_be_empty()
    context.close()


def test_killing_the_browser_during_saves_never_loses_a_completed_save(opener, profile: Path, live_server: LiveServer) -> None:  # type: ignore[no-untyped-def]
    rng = random.Random(20260101)
    base = make_large_plan()
    expected_rest = {key: value for key, value in base["sections"].items() if key != "notes"}

    context = opener()
    page = first_page(context)
    create_vault(page, live_server.url)
    context.close()

    confirmed = 0  # the last save the page reported as complete
    started = 0  # the first save number of the latest run
    for round_ in range(KILLS_DURING_SAVES + 1):
        context = opener()
        saved: list[int] = []
        context.expose_function("__saved", lambda n: saved.append(n))
        context.add_init_script(KEEP_SESSION)
        page = first_page(context)
        page.goto(f"{live_server.url}/en/plan/")
        vault_is_there(page, profile, f"round {round_}")
        unlock(page)
        plan = page.evaluate("window.__session.load()")
        if round_ == 0:
            assert plan is None
            loaded = 0
        else:
            assert plan is not None, f"round {round_}: the plan is gone"
            loaded = plan["meta"]["n"]
            assert plan["sections"]["notes"] == {"text": f"save {loaded}"}
            # Whole, not a mix of two saves: everything else is the plan as written.
            assert {key: value for key, value in plan["sections"].items() if key != "notes"} == expected_rest
            assert loaded >= confirmed, f"round {round_}: save {confirmed} completed, but the vault opened at {loaded}"
            assert loaded == 0 or loaded >= started - 1
        if round_ == KILLS_DURING_SAVES:
            context.close()
            break
        started = loaded + 1
        page.evaluate(SAVE_FOREVER, [base, started])
        page.wait_for_timeout(rng.randint(40, 500))
        kill_browser(context, profile)
        confirmed = max([confirmed, *saved])
    assert confirmed > KILLS_DURING_SAVES, "the saves were too slow to test anything"


def test_killing_the_browser_during_a_passphrase_change_leaves_one_passphrase_that_works(opener, profile: Path, live_server: LiveServer) -> None:  # type: ignore[no-untyped-def]
    rng = random.Random(7)
    context = opener()
    page = first_page(context)
    create_vault(page, live_server.url)
    type_notes(page, "Tía Rosa: (414) 555-0101")
    context.close()
    current, other = PASSPHRASE, OTHER_PASSPHRASE
    for _ in range(KILLS_DURING_PASSPHRASE_CHANGE):
        context = opener()
        page = first_page(context)
        page.goto(f"{live_server.url}/en/settings/")
        page.evaluate(
            "([url, current, next]) => { import(url).then((vault) => vault.changePassphrase(current, next)); }",
            [live_server.asset("js/vault/vault.js"), current, other],
        )
        # Calibration and two key derivations take a few hundred ms: kill somewhere in or after them.
        page.wait_for_timeout(rng.randint(100, 900))
        kill_browser(context, profile)

        context = opener()
        page = first_page(context)
        page.goto(f"{live_server.url}/en/plan/")
        outcomes = page.evaluate(
            """async ([url, passphrases]) => {
              const vault = await import(url);
              const out = [];
              for (const passphrase of passphrases) {
                try { const session = await vault.unlock(passphrase); out.push((await session.load()).sections.notes.text); session.lock(); }
                catch (error) { out.push(error.code); }
              }
              return out;
            }""",
            [live_server.asset("js/vault/vault.js"), [current, other]],
        )
        # Exactly one passphrase opens the vault, and the plan is intact.
        assert sorted(outcomes) == ["Tía Rosa: (414) 555-0101", "wrong-passphrase"], outcomes
        if outcomes[1] != "wrong-passphrase":
            current, other = other, current
        # Reset the failure count so the next round is not made to wait.
        unlock(page, current)
        context.close()


def first_page(context: BrowserContext) -> Page:
    return context.pages[0] if context.pages else context.new_page()
