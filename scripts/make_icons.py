"""Generate famplan's app icons (PWA, Apple touch icon, favicon) with Pillow only.

The motif -- a house sheltering an adult and a child -- is drawn from plain
shapes so the output never depends on fonts installed on the machine.
Everything is rendered at 4x and downscaled with LANCZOS for anti-aliasing.
Output is deterministic: no metadata chunks, fixed palette conversion, so
running the script twice yields byte-identical PNGs.

Usage: python scripts/make_icons.py [--out DIR]
"""

from __future__ import annotations

import argparse
from pathlib import Path

from PIL import Image, ImageDraw

THEME = (11, 93, 91)  # #0b5d5b -- calm deep teal; also the manifest theme_color
INK = (255, 255, 255)
SUPERSAMPLE = 4
LEVEL_STEP = 3  # anti-aliasing levels 0,3,6..255: invisible banding, <=256 colours
DEFAULT_OUT = Path(__file__).resolve().parent.parent / "frontend" / "static" / "icons"

# name: (size, shape, motif width as a fraction of the icon)
# "rounded" = rounded square with transparent corners (purpose "any");
# "square"  = full bleed (maskable / Apple, which apply their own mask).
# Maskable motif must fit the central 80% safe-zone circle, hence smaller.
ICONS = {
    "icon-192.png": (192, "rounded", 0.62),
    "icon-512.png": (512, "rounded", 0.62),
    "icon-maskable-512.png": (512, "square", 0.56),
    "apple-touch-icon.png": (180, "square", 0.60),
    "favicon-32.png": (32, "rounded", 0.78),
    # The header logo: 24 CSS px, sharp up to a 3x screen.
    "logo-72.png": (72, "rounded", 0.7),
}


def hex_colour(rgb: tuple[int, int, int]) -> str:
    return "#{:02x}{:02x}{:02x}".format(*rgb)


def draw_motif(draw: ImageDraw.ImageDraw, x0: float, y0: float, w: float) -> None:
    """Draw the house + family motif in a w-by-w box whose top-left is (x0, y0).

    Coordinates below are fractions of that box, so one design serves every size.
    """

    def p(u: float, v: float) -> tuple[float, float]:
        return (x0 + u * w, y0 + v * w)

    def box(u0: float, v0: float, u1: float, v1: float) -> list[float]:
        return [*p(u0, v0), *p(u1, v1)]

    stroke = round(0.085 * w)
    half = stroke / 2

    # Walls + floor as one polyline; wall tops tuck under the roof stroke so
    # the joint looks welded rather than showing round caps.
    walls = [p(0.16, 0.40), p(0.16, 0.92), p(0.84, 0.92), p(0.84, 0.40)]
    roof = [p(0.0, 0.54), p(0.50, 0.08), p(1.0, 0.54)]
    for line in (walls, roof):
        draw.line(line, fill=255, width=stroke, joint="curve")
        for end in (line[0], line[-1]):  # round caps so ends aren't chopped
            draw.ellipse([end[0] - half, end[1] - half, end[0] + half, end[1] + half], fill=255)

    # Adult (left, taller) and child (right, shorter) standing on the floor.
    # Bodies: rounded shoulders on top, square bottom merging into the floor.
    top_only = (True, True, False, False)
    draw.ellipse(box(0.305, 0.395, 0.445, 0.535), fill=255)  # adult head
    draw.rounded_rectangle(box(0.270, 0.570, 0.480, 0.92), radius=0.105 * w, fill=255, corners=top_only)
    draw.ellipse(box(0.570, 0.550, 0.680, 0.660), fill=255)  # child head
    draw.rounded_rectangle(box(0.540, 0.685, 0.710, 0.92), radius=0.085 * w, fill=255, corners=top_only)


def motif_mask(size: int, fraction: float) -> Image.Image:
    """Return an L-mode mask (255 = white ink) of the motif centred in the icon."""
    mask = Image.new("L", (size, size), 0)
    w = size * fraction
    # Nudge down slightly: the roof apex makes the optical centre sit high.
    draw_motif(ImageDraw.Draw(mask), (size - w) / 2, (size - w) / 2 + 0.01 * size, w)
    return mask


def background_mask(size: int) -> Image.Image:
    """Opaque area of an "any" icon: a rounded square (~22% corner radius)."""
    mask = Image.new("L", (size, size), 0)
    ImageDraw.Draw(mask).rounded_rectangle([0, 0, size - 1, size - 1], radius=0.22 * size, fill=255)
    return mask


def smooth(mask: Image.Image, size: int) -> Image.Image:
    """Downscale a 4x mask with LANCZOS, then snap to LEVEL_STEP so the icon
    needs few enough colours for an exact (lossless) palette PNG."""
    small = mask.resize((size, size), Image.Resampling.LANCZOS)
    return small.point(lambda v: min(255, round(v / LEVEL_STEP) * LEVEL_STEP))


def render(size: int, shape: str, fraction: float) -> Image.Image:
    """Render one icon: white motif over the theme colour, clipped to its shape."""
    big = size * SUPERSAMPLE
    ink = smooth(motif_mask(big, fraction), size)
    img = Image.composite(Image.new("RGB", (size, size), INK), Image.new("RGB", (size, size), THEME), ink)
    if shape == "rounded":
        # Masks are scaled separately, so corner pixels stay pure teal (no dark fringe).
        img.putalpha(smooth(background_mask(big), size))
    return img  # "square" icons stay RGB: guaranteed opaque for Apple/maskable


def to_palette(img: Image.Image) -> Image.Image:
    """Convert to an exact palette image (one entry per distinct colour).

    Pillow's own quantizers are lossy for RGBA; ours is lossless and,
    because the palette is sorted, deterministic.
    """
    colours = sorted({c for _, c in img.getcolors(maxcolors=256) or []})
    if not colours:
        raise ValueError("icon has more than 256 colours; raise LEVEL_STEP")
    index = {c: i for i, c in enumerate(colours)}
    raw = img.tobytes()
    pixels = zip(*[iter(raw)] * len(img.getbands()))  # (r, g, b[, a]) tuples
    pal = Image.frombytes("P", img.size, bytes(index[c] for c in pixels))
    pal.putpalette([v for c in colours for v in c], rawmode=img.mode)
    return pal


def save(img: Image.Image, path: Path) -> None:
    # No pnginfo/exif/icc passed, so Pillow writes no timestamp or text chunks.
    img.save(path, format="PNG", optimize=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="output directory")
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)

    print(f"theme colour: {hex_colour(THEME)}")
    for name, (size, shape, fraction) in ICONS.items():
        path = args.out / name
        save(to_palette(render(size, shape, fraction)), path)
        print(f"{path}  {size}x{size}  {path.stat().st_size} bytes")


if __name__ == "__main__":
    main()
