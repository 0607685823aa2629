"""One visit with a connection installs the worker; then, with the server
stopped, every page of the language opens and a family makes its plan."""

from __future__ import annotations

from tests.engines.conftest import Launch
from tests.engines.flows import create_vault, install_worker, notes, open_page, type_notes, unlock
from tests.live_server import LiveServer


def test_the_app_works_with_the_server_stopped(engine: str, launch: Launch, stoppable_server: LiveServer) -> None:
    phone = launch(engine)
    pages = stoppable_server.site.pages["es"]
    install_worker(phone, f"{stoppable_server.url}/es/", pages)

    stoppable_server.stop()

    for path in [path for path in pages if path.endswith("/")]:
        open_page(phone, f"{stoppable_server.url}{path}")
        assert phone.attribute("html", "lang") == "es", f"{engine}: {path} did not open offline"
    create_vault(phone, stoppable_server.url, lang="es")
    type_notes(phone, "La abuela Inés tiene las llaves")
    phone.reload()
    unlock(phone)
    assert notes(phone) == "La abuela Inés tiene las llaves"
    phone.assert_private(stoppable_server.url)
