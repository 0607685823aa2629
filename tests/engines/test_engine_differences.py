"""Where the engines differ, the app does the right thing on each
(docs/engines.md lists what each engine lacks and what the app does instead)."""

from __future__ import annotations

from tests.engines.conftest import Launch
from tests.engines.flows import create_vault, open_page, type_notes
from tests.live_server import LiveServer

# What the start page offers for installing: Chromium's own prompt, the Share →
# Add to Home Screen steps on an iPhone (our WebKit says it is one), and the
# browser menu elsewhere.
INSTALL_HELP = {"chromium": "#install-android", "webkit": "#install-ios", "firefox": "#install-other"}
# Engines that keep a page left with a link in the back/forward cache and show it
# again on Back. (Playwright starts Chromium with the cache switched off.)
BACK_FORWARD_CACHE = {"webkit", "firefox"}

NOTES = "Tía Rosa: (414) 555-0101"


def test_install_help_and_back_fit_the_engine(engine: str, launch: Launch, live_server: LiveServer) -> None:
    phone = launch(engine)
    open_page(phone, f"{live_server.url}/en/")
    phone.wait_visible(INSTALL_HELP[engine])
    shown = [selector for selector in ("#install-android", "#install-ios", "#install-other", "#install-done") if phone.is_visible(selector)]
    assert shown == [INSTALL_HELP[engine]], f"{engine}: {shown}"

    # Leaving the plan page locks the plan, so Back never shows it, whether the
    # page comes back from the back/forward cache or is loaded again.
    create_vault(phone, live_server.url)
    type_notes(phone, NOTES)
    phone.evaluate("() => { window.__restored = false; addEventListener('pageshow', (event) => { window.__restored ||= event.persisted; }); }")
    phone.click("a[href$='/resources/']")
    phone.wait_for("() => location.pathname.endsWith('/resources/')", what="the resources page")
    phone.back()
    phone.wait_for("() => location.pathname.endsWith('/plan/') && document.readyState === 'complete'", what="the plan page again")
    phone.wait_visible("#vault-unlock")
    restored = phone.evaluate("() => window.__restored === true")
    assert restored == (engine in BACK_FORWARD_CACHE), f"{engine}: restored from the back/forward cache: {restored}"
    assert not phone.is_visible("#plan-editor > *")
    shown_text = phone.evaluate("""() => document.documentElement.outerHTML + [...document.querySelectorAll("input, textarea")].map((field) => field.value).join("\\n")""")
    assert NOTES not in shown_text
    # The restored page's own reports are read here; Firefox's BiDi carries no
    # message from it, so a reload gives the checks below a working channel.
    phone.read_page_reports()
    phone.reload()
    phone.assert_private(live_server.url)
