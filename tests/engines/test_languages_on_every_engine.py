"""The resource pages in Arabic (right to left) and Burmese, as a phone shows
them: laid out in the language's direction, no page wider than the screen, and
the script drawn by a font that has it (not as empty boxes)."""

from __future__ import annotations

from server.languages import LANGUAGES
from tests.engines.conftest import Launch
from tests.live_server import LiveServer

DIRECTION = {language.code: language.direction for language in LANGUAGES}

# Where the first line of the heading starts, against the heading's own box:
# at the right edge in a right-to-left page, at the left edge otherwise.
LAYOUT = """() => {
  const heading = document.querySelector("h1");
  const range = document.createRange();
  range.selectNodeContents(heading);
  const line = range.getClientRects()[0];
  const box = heading.getBoundingClientRect();
  return {
    direction: getComputedStyle(document.body).direction,
    startsRight: Math.abs(line.right - box.right) < 2,
    startsLeft: Math.abs(line.left - box.left) < 2,
    overflow: document.documentElement.scrollWidth - window.innerWidth,
  };
}"""

# Widths, in the page's own font, of a letter alone and of text built on it.
# Shaped by a font that has the script, Burmese vowel signs stack on their
# consonant and Arabic letters join; drawn as missing-glyph boxes, each character
# takes a box of its own and the text is as wide as the count of its characters.
WIDTHS = """(texts) => texts.map((text) => {
  const probe = document.createElement("span");
  probe.textContent = text;
  document.querySelector("main").append(probe);
  const width = probe.getBoundingClientRect().width;
  probe.remove();
  return width;
})"""
SHAPING = {"my": ("က", "ကို"), "ar": ("ب", "ببب")}


def test_resource_pages_in_arabic_and_burmese(engine: str, launch: Launch, live_server: LiveServer) -> None:
    phone = launch(engine)
    for code in ("ar", "my"):
        pages = [path for path in live_server.site.pages[code] if path.startswith(f"/{code}/resources/")]
        assert len(pages) > 5
        for path in pages:
            phone.goto(f"{live_server.url}{path}")
            assert phone.attribute("html", "lang") == code
            assert phone.attribute("html", "dir") == DIRECTION[code]
            phone.wait_visible("h1")
            layout = phone.evaluate(LAYOUT)
            assert layout["direction"] == DIRECTION[code], f"{engine} {path}: {layout}"
            assert layout["startsRight" if DIRECTION[code] == "rtl" else "startsLeft"], f"{engine} {path}: heading not at the start side: {layout}"
            assert layout["overflow"] <= 0, f"{engine} {path}: the page is {layout['overflow']} px wider than the screen"
        letter, text = phone.evaluate(WIDTHS, list(SHAPING[code]))
        assert letter > 0 and text < 1.6 * letter if code == "my" else text < 2.6 * letter, (
            f"{engine}: {SHAPING[code][1]!r} is {text:.1f} px wide against {letter:.1f} px for {SHAPING[code][0]!r}: "
            "the script is not drawn by a font that has it (Debian: apt-get install fonts-noto-core)"
        )
    phone.assert_private(live_server.url)
