"""Colour-blind-safe colour scales for violence and a categorical palette for chart lines."""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass

Colour = tuple[int, int, int]

# Upper edges (homicides per 100,000 a year) of every bin but the last, which is open-ended.
# Chosen so the classroom scenarios land in distinct bins: Mexico's national rate (~29) in the
# third, Culiacán/Acapulco (~50-110) in the fourth/fifth, Juárez 2010 (~280) in the last.
BIN_EDGES: tuple[float, ...] = (10.0, 25.0, 50.0, 100.0, 200.0)
BIN_COUNT = len(BIN_EDGES) + 1

STANDARD = "standard"
COLOURBLIND = "colourblind"
PALETTES: tuple[str, ...] = (STANDARD, COLOURBLIND)

# Spellings the settings screen or a save file might use for the same two palettes.
_ALIASES: dict[str, str] = {
    "standard": STANDARD,
    "default": STANDARD,
    "normal": STANDARD,
    "colourblind": COLOURBLIND,
    "colorblind": COLOURBLIND,
    "colour-blind": COLOURBLIND,
    "color-blind": COLOURBLIND,
    "cb": COLOURBLIND,
    "high-contrast": COLOURBLIND,
    "high_contrast": COLOURBLIND,
}

# Standard ramp: samples of matplotlib's "inferno" (pale yellow -> orange -> red -> purple),
# read light-to-dark so more violence is darker. Lightness falls monotonically, so the order
# survives every kind of colour-vision deficiency and greyscale projection. The fourth sample
# is darkened a little (inferno's is (212, 72, 66)) so its white bin number reaches 4.5:1.
_INFERNO: tuple[Colour, ...] = (
    (252, 255, 164),
    (250, 194, 40),
    (245, 125, 21),
    (200, 60, 60),
    (159, 42, 99),
    (101, 21, 110),
)

# Colour-blind / high-contrast ramp: samples of "viridis" (yellow -> green -> teal -> blue ->
# violet), which avoids relying on red-versus-green at all and spans a wider lightness range
# in larger, more equal steps than the standard ramp.
_VIRIDIS: tuple[Colour, ...] = (
    (253, 231, 37),
    (122, 209, 81),
    (34, 168, 132),
    (42, 120, 142),
    (65, 68, 135),
    (36, 0, 60),
)

_RAMPS: dict[str, tuple[Colour, ...]] = {STANDARD: _INFERNO, COLOURBLIND: _VIRIDIS}

# Okabe & Ito (2008) categorical palette, distinguishable under the common colour-vision
# deficiencies. Black is left out because it is reserved for text and axes.
OKABE_ITO: tuple[Colour, ...] = (
    (230, 159, 0),  # orange
    (86, 180, 233),  # sky blue
    (0, 158, 115),  # bluish green
    (213, 94, 0),  # vermillion
    (0, 114, 178),  # blue
    (204, 121, 167),  # reddish purple
    (240, 228, 66),  # yellow (last: weak contrast on light backgrounds)
)


@dataclass(frozen=True)
class LegendEntry:
    """One bin of the violence scale: its range in homicides per 100k a year and its colour."""

    bin_index: int
    lower: float
    upper: float | None
    colour: Colour

    @property
    def cue(self) -> str:
        """Return the non-colour cue drawn inside map markers for this bin (1-based number)."""
        return str(self.bin_index + 1)


def normalise_palette(palette: str) -> str:
    """Return the canonical palette name for any accepted spelling; unknown names fall back."""
    # A stale or hand-edited settings file must never crash drawing, so fall back to standard.
    return _ALIASES.get(palette.strip().lower(), STANDARD)


def violence_bin(rate_per_100k: float) -> int:
    """Return the 0-based bin of an annual homicide rate per 100,000 (negative counts as 0)."""
    if rate_per_100k != rate_per_100k:  # NaN: treat as "no data" in the lowest bin
        return 0
    return bisect_right(BIN_EDGES, max(0.0, rate_per_100k))


def bin_colour(bin_index: int, palette: str = STANDARD) -> Colour:
    """Return the colour of a bin (clamped into range) in the given palette."""
    ramp = _RAMPS[normalise_palette(palette)]
    return ramp[min(max(bin_index, 0), BIN_COUNT - 1)]


def violence_colour(rate_per_100k: float, palette: str = STANDARD) -> Colour:
    """Return the fill colour for an annual homicide rate per 100,000 in the given palette."""
    return bin_colour(violence_bin(rate_per_100k), palette)


def legend_entries(palette: str = STANDARD) -> list[LegendEntry]:
    """Return every bin of the violence scale, lowest first, with its bounds and colour."""
    lowers = (0.0, *BIN_EDGES)
    uppers: tuple[float | None, ...] = (*BIN_EDGES, None)
    return [
        LegendEntry(i, lo, hi, bin_colour(i, palette))
        for i, (lo, hi) in enumerate(zip(lowers, uppers, strict=True))
    ]


GROUP_COLOURS: tuple[Colour, ...] = (
    *OKABE_ITO[:6],  # yellow left out: too weak on the map's light states
    (136, 34, 85),  # wine (Tol)
    (68, 170, 153),  # teal (Tol)
    (153, 153, 51),  # olive (Tol)
    (51, 34, 136),  # indigo (Tol)
    (170, 68, 153),  # purple (Tol)
    (120, 120, 120),  # grey
)
"""Criminal groups' colours: Okabe-Ito's, then Paul Tol's muted ones, so the national
scenario's eleven cartels each keep their own (names are always written beside them)."""


def group_colour(index: int) -> Colour:
    """A criminal group's colour by its cartel's place in the scenario (cycling)."""
    return GROUP_COLOURS[index % len(GROUP_COLOURS)]


def lighter(colour: Colour, amount: float = 0.45) -> Colour:
    """A colour mixed with white (a breakaway faction beside its cartel)."""
    return (round(colour[0] + (255 - colour[0]) * amount),
            round(colour[1] + (255 - colour[1]) * amount),
            round(colour[2] + (255 - colour[2]) * amount))


def categorical_colour(index: int) -> Colour:
    """Return the Okabe-Ito colour for series number `index` (cycling when exhausted)."""
    return OKABE_ITO[index % len(OKABE_ITO)]


def relative_luminance(colour: Colour) -> float:
    """Return the WCAG relative luminance of an sRGB colour, in [0, 1]."""

    def channel(value: int) -> float:
        c = value / 255.0
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = colour
    return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)


def contrast_ratio(a: Colour, b: Colour) -> float:
    """Return the WCAG contrast ratio between two colours (1 to 21)."""
    la, lb = relative_luminance(a), relative_luminance(b)
    hi, lo = max(la, lb), min(la, lb)
    return (hi + 0.05) / (lo + 0.05)


def ink_on(fill: Colour) -> Colour:
    """Return black or white, whichever reads better on top of `fill`."""
    black, white = (20, 20, 20), (255, 255, 255)
    return black if contrast_ratio(fill, black) >= contrast_ratio(fill, white) else white
