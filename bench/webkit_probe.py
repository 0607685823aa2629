"""Runs bench/copy_candidates.py's probe in WebKitGTK, with a persistent data
folder and the storage features Safari ships turned on (off by default in
WebKitGTK). Run with Debian's python3 (PyGObject), under xvfb-run:

    xvfb-run -a /usr/bin/python3 bench/webkit_probe.py URL '["opfs-sync-access", ...]'

Prints one JSON line: {"engine": ..., "results": {candidate: result}}.
"""

import json
import sys
import tempfile
import urllib.request

import gi

gi.require_version("Gtk", "3.0")
gi.require_version("WebKit2", "4.1")
from gi.repository import GLib, Gtk, WebKit2  # noqa: E402

SAFARI_FEATURES = ("StorageAPI", "StorageAPIEstimate", "FileSystem", "FileSystemWritableStream", "AccessHandle")


def main() -> None:
    url, candidates = sys.argv[1], json.loads(sys.argv[2])
    probe = urllib.request.urlopen(url.rsplit("/", 1)[0] + "/probe.js").read().decode()
    folder = tempfile.mkdtemp(prefix="famplan-webkit-")
    manager = WebKit2.WebsiteDataManager(base_data_directory=folder, base_cache_directory=folder + "/cache")
    settings = WebKit2.Settings()
    features = WebKit2.Settings.get_all_features()
    for index in range(features.get_length()):
        feature = features.get(index)
        if feature.get_identifier() in SAFARI_FEATURES:
            settings.set_feature_enabled(feature, True)
    view = WebKit2.WebView(web_context=WebKit2.WebContext(website_data_manager=manager), settings=settings)
    window = Gtk.Window()
    window.add(view)
    window.show_all()
    results: dict = {}

    def run(index: int) -> None:
        if index == len(candidates):
            version = f"{WebKit2.get_major_version()}.{WebKit2.get_minor_version()}.{WebKit2.get_micro_version()}"
            print(json.dumps({"engine": f"WebKitGTK {version}", "results": results}))
            Gtk.main_quit()
            return

        def done(source, result) -> None:  # type: ignore[no-untyped-def]
            try:
                results[candidates[index]] = json.loads(source.call_async_javascript_function_finish(result).to_json(0))
            except Exception as error:  # noqa: BLE001 - reported as the candidate's result
                results[candidates[index]] = {"available": False, "why": str(error)}
            run(index + 1)

        arguments = GLib.Variant("a{sv}", {"candidate": GLib.Variant("s", candidates[index])})
        view.call_async_javascript_function(f"return await ({probe})(candidate);", -1, arguments, None, None, None, done)

    view.connect("load-changed", lambda _view, event: run(0) if event == WebKit2.LoadEvent.FINISHED else None)
    view.load_uri(url)
    Gtk.main()


if __name__ == "__main__":
    main()
