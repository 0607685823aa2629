"""The app's own Myanmar-script fonts: they cover every letter the app and a family may
write in Burmese and S'gaw Karen, and app.css offers them only to phones that need them."""

from __future__ import annotations

import re
from pathlib import Path

from fontTools.ttLib import TTFont

ROOT = Path(__file__).resolve().parent.parent
FONTS = ROOT / "frontend" / "static" / "fonts"
CSS = ROOT / "frontend" / "static" / "css" / "app.css"
MYANMAR_SCRIPT = re.compile(r"[\u1000-\u109F\uA9E0-\uA9FF\uAA60-\uAA7F]")
MYANMAR_BLOCKS = [range(0x1000, 0x10A0), range(0xA9E0, 0xAA00), range(0xAA60, 0xAA80)]


def _cmap(path: Path) -> set[int]:
    return set(TTFont(str(path)).getBestCmap())


def _texts_in_myanmar_script() -> str:
    files = [*(ROOT / "content" / "resources" / "my").glob("*.toml"), *(ROOT / "content" / "resources" / "ksw").glob("*.toml")]
    files += [ROOT / "server" / "deployments" / "milwaukee.toml", ROOT / "frontend" / "templates" / "partials" / "language_picker.html"]
    files += [ROOT / "translations" / code / "LC_MESSAGES" / "messages.po" for code in ("my", "ksw")]
    return "".join(path.read_text(encoding="utf-8") for path in files)


def test_both_weights_cover_every_letter_the_app_writes_in_burmese_and_karen() -> None:
    used = {ord(c) for c in MYANMAR_SCRIPT.findall(_texts_in_myanmar_script())}
    assert {0x1062, 0x1063, 0x1064}.issubset(used), "S'gaw Karen letters are in the text"
    for weight in (400, 700):
        missing = used - _cmap(FONTS / f"noto-sans-myanmar-{weight}.woff2")
        assert not missing, f"weight {weight} lacks {sorted(hex(c) for c in missing)}"


def test_the_subset_keeps_the_whole_myanmar_script_a_family_may_type() -> None:
    # Plans hold what a family types, not only what the content uses: keep every
    # letter the original Debian font has in the three Myanmar blocks.
    source = Path("/usr/share/fonts/truetype/noto/NotoSansMyanmar-Regular.ttf")
    assert source.exists(), "install Debian's fonts-noto-core (scripts/test.sh does)"
    wanted = {c for block in MYANMAR_BLOCKS for c in block} & set(TTFont(str(source)).getBestCmap())
    assert len(wanted) > 200
    assert wanted <= _cmap(FONTS / "noto-sans-myanmar-400.woff2")
    assert "GSUB" in TTFont(str(FONTS / "noto-sans-myanmar-400.woff2")), "Myanmar shaping needs its layout tables"


def test_css_tries_the_phones_own_font_first_and_limits_the_download_to_myanmar_text() -> None:
    css = CSS.read_text(encoding="utf-8")
    faces = re.findall(r"@font-face\s*\{(.*?)\}", css, re.DOTALL)
    assert len(faces) == 2
    for face in faces:
        src = re.search(r"src:(.*?);", face, re.DOTALL).group(1)
        assert src.strip().startswith('local("Noto Sans Myanmar'), "the phone's own font comes first"
        assert src.index("url(") > src.rindex("local("), "the download is the last resort"
        assert re.search(r"unicode-range:\s*U\+1000-109F, U\+A9E0-A9FF, U\+AA60-AA7F;", face)
    assert '"famplan Myanmar"' in re.search(r"body\s*\{[^}]*font-family:([^;]*);", css).group(1)


def test_the_licence_is_beside_the_fonts() -> None:
    text = (FONTS / "OFL.txt").read_text(encoding="utf-8")
    assert "SIL Open Font License, Version 1.1" in text and "Google" in text and "PERMISSION & CONDITIONS" in text
    name_table = TTFont(str(FONTS / "noto-sans-myanmar-400.woff2"))["name"]
    assert name_table.getDebugName(0) and "Google" in name_table.getDebugName(0)  # copyright notice kept inside
