"""What browser tests share: waiting for the worker, and watching what a page does."""

from __future__ import annotations

from dataclasses import dataclass, field
from urllib.parse import urlsplit

from playwright.sync_api import BrowserContext, Page

WAIT_FOR_WORKER = """async () => {
  const registration = await navigator.serviceWorker.ready;
  const worker = registration.active;
  if (worker.state !== "activated") {
    await new Promise((resolve) => worker.addEventListener("statechange", () => {
      if (worker.state === "activated") resolve();
    }));
  }
  if (!navigator.serviceWorker.controller) {
    await new Promise((resolve) => navigator.serviceWorker.addEventListener("controllerchange", resolve, { once: true }));
  }
  return registration.active.state;
}"""

# Runs before any page script; reports each CSP violation to the test.
REPORT_VIOLATIONS = """
document.addEventListener("securitypolicyviolation", (event) => {
  window.__famplanReportViolation(`${event.violatedDirective} ${event.blockedURI} ${event.sourceFile}:${event.lineNumber}`);
});
"""


def wait_for_worker(page: Page) -> str:
    return page.evaluate(WAIT_FOR_WORKER)


@dataclass
class Watcher:
    """Records every request (pages and workers), CSP violation and console error of a context."""

    requests: list[str] = field(default_factory=list)
    violations: list[str] = field(default_factory=list)
    console_errors: list[str] = field(default_factory=list)

    def attach(self, context: BrowserContext) -> "Watcher":
        context.on("request", lambda request: self.requests.append(request.url))
        context.expose_function("__famplanReportViolation", lambda text: self.violations.append(text))
        context.add_init_script(REPORT_VIOLATIONS)
        context.on("console", self._console)
        return self

    def _console(self, message) -> None:  # type: ignore[no-untyped-def]
        if message.type == "error":
            self.console_errors.append(message.text)

    def foreign_hosts(self, own_origin: str) -> set[str]:
        own = urlsplit(own_origin).netloc
        return {urlsplit(url).netloc for url in self.requests if urlsplit(url).scheme in ("http", "https") and urlsplit(url).netloc != own} | {
            url for url in self.requests if urlsplit(url).scheme not in ("http", "https", "data", "blob", "chrome-extension")
        }


def translate(code: str, message: str) -> str:
    """The text a person reading ``code`` sees for an English msgid."""
    from server.config import Config
    from server.i18n import load_translations

    return load_translations(Config().translations_dir)[code].gettext(message)
