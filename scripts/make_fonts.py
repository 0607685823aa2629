"""Make the app's own Myanmar-script fonts: subsets of Debian's Noto Sans Myanmar (OFL).

    python scripts/make_fonts.py          # needs fonts-noto-core (apt) and fonttools (pip)

Burmese and S'gaw Karen pages name these in app.css with `local()` first and a
`unicode-range`, so a phone that has Noto Sans Myanmar (or Padauk) never downloads them,
and a page without Myanmar-script text never asks for them. The subset keeps the whole
Myanmar block and both extensions (what a family may type, not only what the content
uses) and every OpenType layout feature, which Myanmar shaping needs. See docs/fonts.md.
"""

from __future__ import annotations

import os
import re
import sys
from pathlib import Path

from fontTools import subset

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "frontend" / "static" / "fonts"
NOTO_DIR = Path(os.environ.get("FAMPLAN_NOTO_DIR", "/usr/share/fonts/truetype/noto"))
DEBIAN_COPYRIGHT = Path("/usr/share/doc/fonts-noto-core/copyright")

# Myanmar, Myanmar Extended-B, Myanmar Extended-A: Burmese and S'gaw Karen letters.
MYANMAR_RANGES = ((0x1000, 0x109F), (0xA9E0, 0xA9FF), (0xAA60, 0xAA7F))
# Shaping helpers the layout tables refer to: space, no-break space, zero-width
# (non-)joiners and space, and the dotted circle shown under a lone combining mark.
HELPERS = (0x0020, 0x00A0, 0x200B, 0x200C, 0x200D, 0x25CC)
FACES = {400: "NotoSansMyanmar-Regular.ttf", 700: "NotoSansMyanmar-Bold.ttf"}


def codepoints() -> list[int]:
    points = [c for start, end in MYANMAR_RANGES for c in range(start, end + 1)]
    return points + list(HELPERS)


def make_face(source: Path, target: Path) -> int:
    options = subset.Options()
    options.flavor = "woff2"
    options.layout_features = ["*"]  # Myanmar needs its reordering and stacking features
    options.name_IDs = ["*"]  # keeps the copyright and OFL notice inside the font
    options.name_legacy = True
    options.name_languages = ["*"]
    options.hinting = False  # phones render unhinted outlines; hints are bytes for nothing
    options.notdef_outline = True
    font = subset.load_font(str(source), options)
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=codepoints())
    subsetter.subset(font)
    subset.save_font(font, str(target), options)
    return target.stat().st_size


def licence_text() -> str:
    """The OFL 1.1 text as Debian ships it with fonts-noto-core, with Google's notice."""
    text = DEBIAN_COPYRIGHT.read_text(encoding="utf-8")
    # The stand-alone licence paragraph, not the "License: OFL-1.1" lines of each Files block.
    body = " PREAMBLE" + text.split("\nLicense: OFL-1.1\n PREAMBLE", 1)[1].split("\nLicense: ", 1)[0]
    lines = [re.sub(r"^ ", "", line) for line in body.splitlines()]
    lines = ["" if line == "." else line for line in lines]
    notice = (
        "Noto Sans Myanmar: Copyright 2010, 2012-2020 Google Inc. and 2015-2020 Google LLC.\n"
        "The files noto-sans-myanmar-*.woff2 beside this file are subsets of it, made by\n"
        "scripts/make_fonts.py from Debian's fonts-noto-core package.\n\n"
        "This Font Software is licensed under the SIL Open Font License, Version 1.1.\n\n"
    )
    return notice + "\n".join(lines).strip() + "\n"


def main() -> int:
    OUT.mkdir(parents=True, exist_ok=True)
    missing = [name for name in FACES.values() if not (NOTO_DIR / name).is_file()]
    if missing:
        print(f"missing {', '.join(missing)} in {NOTO_DIR}: apt-get install fonts-noto-core", file=sys.stderr)
        return 1
    for weight, name in FACES.items():
        source = NOTO_DIR / name
        target = OUT / f"noto-sans-myanmar-{weight}.woff2"
        size = make_face(source, target)
        print(f"{target.relative_to(ROOT)}: {size} bytes (from {source.stat().st_size} bytes of {name})")
    (OUT / "OFL.txt").write_text(licence_text(), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
