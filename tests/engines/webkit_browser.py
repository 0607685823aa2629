#!/usr/bin/python3
"""A WebKitGTK browser for the tests, started by WebKitWebDriver (Selenium).

Run by Debian's /usr/bin/python3, which has PyGObject (python3-gi), not by the
project's virtual environment. It exists because WebKitGTK's own MiniBrowser
differs from Safari in ways that matter to famplan:
- MiniBrowser keeps nothing on disk in an automation session. Here the website
  data lives in --data-dir, so a plan survives quitting or killing the browser,
  as on a phone.
- WebKitGTK ships the Storage API and the Origin Private File System switched
  off; Safari ships them on. They are switched on here.
- Scripts given with --init-script run in every page before the page's own, and
  can report to the test through the "famplan" message handler.
- Downloads are saved in --downloads at once.
- All traffic but loopback goes to --proxy, which records requests to other hosts.
Everything it has to tell the test goes, one JSON object a line, to --report."""

import argparse
import json
import os
import sys

import gi

gi.require_version("Gtk", "3.0")
gi.require_version("WebKit2", "4.1")
from gi.repository import Gtk, WebKit2  # noqa: E402

# Features Safari ships switched on that WebKitGTK 2.50 ships switched off.
SAFARI_FEATURES = ("StorageAPI", "StorageAPIEstimate", "FileSystem", "FileSystemWritableStream", "AccessHandle")
LOOPBACK = ["127.0.0.1", "localhost", "::1"]


def main() -> None:
    parser = argparse.ArgumentParser()
    for option in ("--data-dir", "--report", "--downloads", "--proxy", "--init-script", "--user-agent"):
        parser.add_argument(option, required=option != "--user-agent")
    parser.add_argument("--size", default="390x844")
    parser.add_argument("--automation", action="store_true")  # WebKitWebDriver may pass it; automation is always allowed here
    options, _ = parser.parse_known_args()
    report = open(options.report, "a", buffering=1, encoding="utf-8")

    def tell(**fields: object) -> None:
        report.write(json.dumps(fields) + "\n")

    data = WebKit2.WebsiteDataManager(base_data_directory=options.data_dir, base_cache_directory=os.path.join(options.data_dir, "cache"))
    data.set_network_proxy_settings(WebKit2.NetworkProxyMode.CUSTOM, WebKit2.NetworkProxySettings.new(options.proxy, LOOPBACK))
    context = WebKit2.WebContext(website_data_manager=data)
    context.set_automation_allowed(True)

    settings = WebKit2.Settings()
    if options.user_agent:
        settings.set_user_agent(options.user_agent)
    features = WebKit2.Settings.get_all_features()
    known = {features.get(i).get_identifier(): features.get(i) for i in range(features.get_length())}
    missing = [name for name in SAFARI_FEATURES if name not in known]
    if missing:
        tell(event="error", text=f"this WebKitGTK does not know the features {missing}")
        sys.exit(2)
    for name in SAFARI_FEATURES:
        settings.set_feature_enabled(known[name], True)

    scripts = WebKit2.UserContentManager()
    scripts.register_script_message_handler("famplan")
    scripts.connect("script-message-received::famplan", lambda _, result: tell(event="page", text=result.get_js_value().to_string()))
    with open(options.init_script, encoding="utf-8") as source:
        scripts.add_script(WebKit2.UserScript.new(
            source.read(), WebKit2.UserContentInjectedFrames.ALL_FRAMES, WebKit2.UserScriptInjectionTime.START, None, None,
        ))

    def download_started(_, download: WebKit2.Download) -> None:
        def decide(download: WebKit2.Download, name: str) -> bool:
            download.set_destination(os.path.join(options.downloads, os.path.basename(name)))
            return True

        download.connect("decide-destination", decide)
        download.connect("finished", lambda download: tell(event="download", path=download.get_destination()))
        download.connect("failed", lambda download, error: tell(event="error", text=f"download failed: {error}"))

    context.connect("download-started", download_started)

    width, height = (int(part) for part in options.size.split("x"))
    windows: list[Gtk.Window] = []

    def new_view(_session: WebKit2.AutomationSession) -> WebKit2.WebView:
        view = WebKit2.WebView(web_context=context, settings=settings, user_content_manager=scripts, is_controlled_by_automation=True)
        window = Gtk.Window()
        window.set_default_size(width, height)
        window.add(view)
        window.connect("destroy", lambda closed: windows.remove(closed) or (windows or Gtk.main_quit()))
        # WebDriver's "close window" and a page's window.close() both end here.
        view.connect("close", lambda _view: window.destroy())
        window.show_all()
        windows.append(window)
        return view

    def automation_started(_, session: WebKit2.AutomationSession) -> None:
        info = WebKit2.ApplicationInfo()
        info.set_name("famplan-webkit")
        info.set_version(WebKit2.get_major_version(), WebKit2.get_minor_version(), WebKit2.get_micro_version())
        session.set_application_info(info)
        session.connect("create-web-view", new_view)
        # The WebDriver session is over (Selenium's quit): quit too, as MiniBrowser does.
        session.weak_ref(Gtk.main_quit)

    context.connect("automation-started", automation_started)
    tell(event="started", pid=os.getpid(), webkit=f"{WebKit2.get_major_version()}.{WebKit2.get_minor_version()}.{WebKit2.get_micro_version()}")
    Gtk.main()


if __name__ == "__main__":
    main()
