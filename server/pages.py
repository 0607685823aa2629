"""The pages every language has, and how one is rendered."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable

from babel.support import NullTranslations
from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape

from server.languages import LANGUAGES, Language
from server.plan_schema import schema_msgids
from server.ui_strings import PAGE_STRING_GROUPS, ui_strings


def N_(message: str) -> str:
    """Mark a string for extraction; it is translated where it is shown."""
    return message


@dataclass(frozen=True)
class PageSpec:
    path: str  # below the language root: "" is the home page, "resources/" a folder
    template: str
    title: str  # an English msgid
    plan_labels: bool = False  # the page shows plan fields, so it carries their translated labels
    # The page runs the vault, editor or sharing code, so it carries all their
    # strings; other pages carry only the shell's and the resources', to stay light.
    app_strings: bool = False
    # The module this page's own feature starts from (app.js imports it on demand).
    entry_module: str | None = None


CORE_PAGES: tuple[PageSpec, ...] = (
    PageSpec("", "pages/home.html", N_("Home")),
    PageSpec("plan/", "pages/plan.html", N_("My plan"), True, True, "js/pages/plan-page.js"),
    PageSpec("open/", "pages/open.html", N_("Open a shared plan"), True, True, "js/pages/open-page.js"),
    PageSpec("resources/", "pages/resources.html", N_("Resources")),
    PageSpec("settings/", "pages/settings.html", N_("Settings and privacy"), False, True, "js/pages/settings-page.js"),
    PageSpec("offline/", "pages/offline.html", N_("Offline")),
)
NOT_FOUND = PageSpec("", "pages/not_found.html", N_("Page not found"))
ROOT_PAGE = PageSpec("", "root.html", N_("Choose your language"))  # static hosts only
OFFLINE_PATH = "offline/"


def resource_page(page_id: str, title: str) -> PageSpec:
    """A page of the resource library; its title comes translated from the content files."""
    return PageSpec(f"resources/{page_id}/", "pages/resource.html", title)


def schema_labels(gettext: Callable[[str], str]) -> dict[str, str]:
    """Every label, help text and message of the plan schema that the page's
    language words differently; the page falls back to the English msgid."""
    labels = {message: gettext(message) for message in schema_msgids()}
    return {message: text for message, text in labels.items() if text != message}


def make_environment(templates_dir: Path, translations: NullTranslations) -> Environment:
    env = Environment(
        loader=FileSystemLoader(templates_dir),
        autoescape=select_autoescape(default=True, default_for_string=True),
        undefined=StrictUndefined,
        extensions=["jinja2.ext.i18n"],
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.install_gettext_translations(translations, newstyle=True)  # type: ignore[attr-defined]
    # JSON data blocks as UTF-8, not \u escapes: an Arabic or Burmese page is about
    # half the size before compression. `tojson` still escapes <, >, & and ' for the HTML.
    env.policies["json.dumps_kwargs"] = {"sort_keys": True, "ensure_ascii": False, "separators": (",", ":")}
    return env


@dataclass
class PageRenderer:
    """Renders pages of one language with the context every page shares."""

    env: Environment
    translations: NullTranslations
    language: Language
    asset: Callable[[str], str]
    module_graph: Callable[[str], list[str]]
    shared: dict[str, Any]

    def _preloads(self, spec: PageSpec) -> list[str]:
        modules = self.module_graph("js/app.js")
        if spec.entry_module:
            modules += [url for url in self.module_graph(spec.entry_module) if url not in modules]
        return modules

    def render(self, spec: PageSpec, **context: Any) -> str:
        gettext = self.translations.gettext
        template = self.env.get_template(spec.template)
        return template.render(
            lang=self.language,
            languages=LANGUAGES,
            page_path=spec.path,
            page_title=gettext(spec.title),
            asset=self.asset,
            plan_labels=schema_labels(gettext) if spec.plan_labels else None,
            preload_modules=self._preloads(spec),
            ui_strings=ui_strings(gettext, None if spec.app_strings else PAGE_STRING_GROUPS),
            **self.shared,
            **context,
        )
