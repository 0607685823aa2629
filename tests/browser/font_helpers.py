"""Which fonts Chromium really drew a page's text with, and a Chromium without Myanmar fonts."""

from __future__ import annotations

import re
from pathlib import Path

from playwright.sync_api import BrowserContext, Page

MYANMAR_SCRIPT = re.compile(r"[\u1000-\u109F\uA9E0-\uA9FF\uAA60-\uAA7F]")
MYANMAR_FONT = "Noto Sans Myanmar"
TEXT_ELEMENTS = "main h1, main h2, main h3, main h4, main p, main li"
# Ask for both faces (a phone with its own font answers from it; one without downloads),
# then let the page lay out again with them: an event, not a timer.
WAIT_FOR_FONTS = """async () => {
  await document.fonts.load('400 16px "famplan Myanmar"', "\u1000\u1062");
  await document.fonts.load('700 16px "famplan Myanmar"', "\u1000\u1062");
  await document.fonts.ready;
  await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
  return true;
}"""


def fonts_drawn(context: BrowserContext, page: Page) -> list[tuple[str, list[dict]]]:
    """For each text element with Myanmar-script text: its text and the platform fonts
    Chromium used for it (CSS.getPlatformFontsForNode: family, custom or not, glyph count)."""
    page.evaluate(WAIT_FOR_FONTS)
    texts = page.evaluate(f"[...document.querySelectorAll({TEXT_ELEMENTS!r})].map((element) => element.textContent)")
    session = context.new_cdp_session(page)
    session.send("DOM.enable")
    session.send("CSS.enable")
    root = session.send("DOM.getDocument", {"depth": -1})["root"]["nodeId"]
    found = []
    node_ids = session.send("DOM.querySelectorAll", {"nodeId": root, "selector": TEXT_ELEMENTS})["nodeIds"]
    assert len(node_ids) == len(texts)
    for node_id, text in zip(node_ids, texts):
        if MYANMAR_SCRIPT.search(text):
            fonts = session.send("CSS.getPlatformFontsForNode", {"nodeId": node_id})["fonts"]
            if fonts:  # hidden elements are not drawn at all
                found.append((text, fonts))
    session.detach()
    return found


def tofu(found: list[tuple[str, list[dict]]]) -> list[str]:
    """Elements whose Myanmar-script letters were not all drawn by a Myanmar font.

    A letter no font has is drawn as a box by some other font. So every glyph drawn by a
    font other than the Myanmar one must stand for a non-Myanmar character (space, digit,
    Latin, punctuation), plus two for a list item's marker ("• "): more than that means boxes."""
    problems = []
    for text, fonts in found:
        myanmar = [font for font in fonts if font["familyName"] == MYANMAR_FONT]
        others = sum(font["glyphCount"] for font in fonts if font["familyName"] != MYANMAR_FONT)
        non_myanmar_chars = len(MYANMAR_SCRIPT.sub("", text))
        if not myanmar or others > non_myanmar_chars + 2:
            problems.append(f"{text[:40]!r}: {fonts}")
    return problems


def fontconfig_without_myanmar(tmp: Path) -> dict[str, str]:
    """Environment for a Chromium that sees only DejaVu: like a phone with no Myanmar font."""
    conf = tmp / "fonts.conf"
    conf.write_text(
        '<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "fonts.dtd">\n<fontconfig>\n'
        "  <dir>/usr/share/fonts/truetype/dejavu</dir>\n"
        f"  <cachedir>{tmp / 'fontcache'}</cachedir>\n</fontconfig>\n",
        encoding="utf-8",
    )
    return {"FONTCONFIG_FILE": str(conf)}
