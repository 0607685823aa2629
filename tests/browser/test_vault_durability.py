"""What was saved is there after a reload, after the browser is closed and
opened again, after the browser is killed in the middle of saving, and after
the browser's own storage loses it: the vault keeps a second copy in the
origin's private file system, and each copy is put back from the other
(docs/vault-format.md, section 12). The faults are injected into the closed
profile's files, as ../shared/testing/STORAGE-FAULTS.md describes: no timing."""

from __future__ import annotations

import json
import random
import shutil
import sys
from pathlib import Path
from typing import Any, Iterator

import pytest
from playwright.sync_api import BrowserContext, BrowserType, Page, expect

from tests.browser.browser_process import kill_browser
from tests.browser.storage_faults import copy_files, newest_copy_file, newest_primary_log, tear_last_record, torn_records
from tests.browser.vault_helpers import KEEP_SESSION, OTHER_PASSPHRASE, PASSPHRASE, create_vault, notes, type_notes, ui_string, unlock
from tests.live_server import LiveServer

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "scripts"))
from make_large_plan import make_large_plan  # noqa: E402

KILLS_DURING_SAVES = 20
KILLS_DURING_PASSPHRASE_CHANGE = 4
# Saves plan number n, n+1, ... back to back until the browser dies; each completed save is counted.
SAVE_FOREVER = """([plan, first]) => {
  window.__completedSaves = 0;
  (async () => {
    for (let n = first; ; n++) {
      plan.meta.n = n;
      plan.sections.notes = { text: `save ${n}` };
      await window.__session.save(plan);
      window.__completedSaves += 1;
      window.__saved(n);
    }
  })();
}"""
# Chromium's own report, on the upgrade event, of a database it threw away (`dataLoss` is its own property).
WATCH_DATA_LOSS = """(() => {
  const open = IDBFactory.prototype.open;
  window.__dataLoss = [];
  IDBFactory.prototype.open = function (...args) {
    const request = open.apply(this, args);
    request.addEventListener("upgradeneeded", (event) => {
      if (event.dataLoss && event.dataLoss !== "none") window.__dataLoss.push(`${event.dataLoss}: ${event.dataLossMessage}`);
    });
    return request;
  };
})();"""


def launch(browser_type: BrowserType, profile: Path, launch_args: dict[str, Any], device: dict[str, Any]) -> BrowserContext:
    options = {**device, **launch_args}
    options.pop("default_browser_type", None)
    return browser_type.launch_persistent_context(profile, **options)


def vault_is_there(page: Page, profile: Path, where: str) -> None:
    """The page offers to unlock; if not, the failure says what is on disk and whether a reload finds the vault."""
    try:
        expect(page.locator("#vault-unlock")).to_be_visible()
    except AssertionError:
        files = storage_files(profile)
        page.reload()
        try:
            expect(page.locator("#vault-unlock")).to_be_visible()
            after = "a reload found it"
        except AssertionError:
            after = "a reload did not find it either"
        raise AssertionError(f"{where}: the page found no vault; {after}. On disk: {files}") from None


def storage_files(profile: Path) -> str:
    """What is on disk, for a failure message."""
    found = []
    for name in ("IndexedDB", "File System"):
        folder = profile / "Default" / name
        found += [f"{path.relative_to(profile / 'Default')} {path.stat().st_size} B" for path in sorted(folder.rglob("*")) if path.is_file()]
    return ", ".join(found) or "nothing"


def lose_primary(profile: Path) -> None:
    """What Chromium's clean-up of a database it cannot open leaves: the origin's IndexedDB folders gone."""
    for folder in (profile / "Default" / "IndexedDB").iterdir():
        shutil.rmtree(folder)


def lose_copy(profile: Path) -> None:
    shutil.rmtree(profile / "Default" / "File System")


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


def open_plan(opener, live_server: LiveServer, lang: str = "en") -> tuple[BrowserContext, Page]:  # type: ignore[no-untyped-def]
    context = opener()
    context.add_init_script(WATCH_DATA_LOSS)
    page = first_page(context)
    page.goto(f"{live_server.url}/{lang}/plan/")
    return context, page


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

    context, page = open_plan(opener, live_server)
    unlock(page)
    expect(notes(page)).to_have_value("Abuela Inés tiene las llaves y la carpeta azul")
    expect(page.locator("#vault-notice")).to_be_empty()
    context.close()


@pytest.mark.parametrize("keep_payload", [0, 3], ids=["header-only", "part-of-the-payload"])
def test_a_torn_log_that_makes_chromium_discard_the_database_is_restored_from_the_copy(  # type: ignore[no-untyped-def]
    opener, profile: Path, live_server: LiveServer, keep_payload: int
) -> None:
    context = opener()
    page = first_page(context)
    create_vault(page, live_server.url, lang="es")
    type_notes(page, "Primera versión")
    context.close()
    # A kill between the two write() calls of the log's last record.
    tear_last_record(newest_primary_log(profile), keep_payload)

    # LevelDB reopens the log, ignores the torn tail, and writes the next save after it.
    context, page = open_plan(opener, live_server, "es")
    unlock(page)
    type_notes(page, "La abuela Inés tiene las llaves")
    context.close()
    log = newest_primary_log(profile)
    assert torn_records(log), "the torn record should now sit inside the log"

    # The next open meets it mid-log: Chromium discards the whole database. The copy puts it back.
    context, page = open_plan(opener, live_server, "es")
    expect(page.locator("#vault-unlock")).to_be_visible()
    expect(page.locator("#vault-notice")).to_have_text(ui_string(page, "storageRestored"))
    reports = page.evaluate("window.__dataLoss")
    assert any(report.startswith("total") for report in reports), reports
    unlock(page)
    expect(notes(page)).to_have_value("La abuela Inés tiene las llaves")
    expect(page.locator("#vault-notice")).to_have_text(ui_string(page, "storageRestored"))
    context.close()

    # The primary holds the plan again by itself: without the copy it still opens, with no notice.
    lose_copy(profile)
    context, page = open_plan(opener, live_server, "es")
    unlock(page)
    expect(notes(page)).to_have_value("La abuela Inés tiene las llaves")
    expect(page.locator("#vault-notice")).to_be_empty()
    assert page.evaluate("window.__dataLoss") == []
    context.close()


@pytest.mark.parametrize("fault", ["newest-slot-cut", "copy-deleted"])
def test_a_cut_or_deleted_copy_is_rebuilt_from_the_primary(opener, profile: Path, live_server: LiveServer, fault: str) -> None:  # type: ignore[no-untyped-def]
    context = opener()
    page = first_page(context)
    create_vault(page, live_server.url)
    type_notes(page, "First: Tía Rosa")
    type_notes(page, "Then: Tía Rosa and Mr. Lee")
    context.close()
    if fault == "newest-slot-cut":
        newest = newest_copy_file(profile, "record-plan")
        assert newest.value["revision"] == 2
        with newest.path.open("r+b") as handle:
            handle.truncate(newest.path.stat().st_size // 2)
    else:
        lose_copy(profile)

    context, page = open_plan(opener, live_server)
    unlock(page)
    expect(notes(page)).to_have_value("Then: Tía Rosa and Mr. Lee")
    expect(page.locator("#vault-notice")).to_be_empty()
    context.close()
    assert newest_copy_file(profile, "record-plan").value["revision"] == 2

    # Rebuilt: with the primary gone, the copy alone brings the plan back.
    lose_primary(profile)
    context, page = open_plan(opener, live_server)
    expect(page.locator("#vault-notice")).to_have_text(ui_string(page, "storageRestored"))
    unlock(page)
    expect(notes(page)).to_have_value("Then: Tía Rosa and Mr. Lee")
    context.close()


def test_with_both_copies_gone_the_family_is_told_and_pointed_to_the_backup(opener, profile: Path, live_server: LiveServer) -> None:  # type: ignore[no-untyped-def]
    """The last resort: the note outside both copies says a vault was made here.
    The family is told their plan is gone and how to restore it, not greeted as new."""
    context = opener()
    page = first_page(context)
    create_vault(page, live_server.url, lang="es")
    type_notes(page, "La abuela Inés tiene las llaves")
    context.close()
    lose_primary(profile)
    lose_copy(profile)

    context = opener()
    page = first_page(context)
    for path in ("/es/plan/", "/es/open/"):
        page.goto(f"{live_server.url}{path}")
        if path == "/es/plan/":
            expect(page.locator("#vault-setup")).to_be_visible()
        else:
            # The open page asks for a passphrase of one's own only when a file is kept (issue 13).
            expect(page.locator("#shared-none-yet")).to_be_visible()
            expect(page.locator("#vault-setup")).to_be_hidden()
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
    """True at any speed: each round waits until a save has completed (an event,
    not a time), kills the browser somewhere in the saves that follow, and then
    requires a vault that opens, at least as new as the last completed save."""
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
        if plan is None:
            assert confirmed == 0, f"round {round_}: save {confirmed} completed, but the plan is gone"
            loaded = 0
        else:
            loaded = plan["meta"]["n"]
            assert plan["sections"]["notes"] == {"text": f"save {loaded}"}
            # Whole, not a mix of two saves: everything else is the plan as written.
            assert {key: value for key, value in plan["sections"].items() if key != "notes"} == expected_rest
            assert loaded >= confirmed, f"round {round_}: save {confirmed} completed, but the vault opened at {loaded}"
            assert loaded >= started - 1, f"round {round_}: the plan went back from {started - 1} to {loaded}"
        if round_ == KILLS_DURING_SAVES:
            context.close()
            break
        started = loaded + 1
        page.evaluate(SAVE_FOREVER, [base, started])
        page.wait_for_function("() => window.__completedSaves >= 1", timeout=120_000)  # a guard against a hang, not a speed check
        page.wait_for_timeout(rng.randint(0, 200))  # where in the next saves the kill lands; any value is right
        kill_browser(context, profile)
        confirmed = max([confirmed, *saved])
    assert confirmed >= KILLS_DURING_SAVES


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
        # Somewhere in or after calibration and the two key derivations; any value is right.
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
        # Both copies hold the entry that works: the primary alone opens with it.
        copied = [file.value for file in copy_files(profile) if file.item == "vault"]
        assert copied, "the second copy has no vault entry"
    assert current in (PASSPHRASE, OTHER_PASSPHRASE)


def first_page(context: BrowserContext) -> Page:
    return context.pages[0] if context.pages else context.new_page()
