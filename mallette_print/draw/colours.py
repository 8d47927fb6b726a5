"""Colours: '#RRGGBB' parsing, mixing, contrast, and the palette of an output (RGB, or CMYK for the print shop)."""

from __future__ import annotations

from dataclasses import dataclass

from reportlab.lib.colors import CMYKColor, Color, HexColor

INK = "#1A1A1A"  # the near-black of every text and icon (pure black is harsher and costs more ink)


def _rgb(hex_colour: str) -> tuple[float, float, float]:
    c = HexColor(hex_colour)
    return c.red, c.green, c.blue


def _blend(a: tuple[float, float, float], b: tuple[float, float, float], t: float) -> tuple[float, float, float]:
    """The colour t of the way from a to b, channel by channel (0..1)."""
    return a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t, a[2] + (b[2] - a[2]) * t


def colour(hex_colour: str) -> Color:
    """A reportlab RGB colour from '#RRGGBB'."""
    return HexColor(hex_colour)


def to_cmyk(hex_colour: str) -> CMYKColor:
    """A naive (uncalibrated) RGB -> CMYK conversion; greys go to the black plate only."""
    r, g, b = _rgb(hex_colour)
    if abs(r - g) < 1e-3 and abs(g - b) < 1e-3:
        return CMYKColor(0, 0, 0, round(1 - r, 4))
    k = 1 - max(r, g, b)
    c, m, y = ((1 - v - k) / (1 - k) for v in (r, g, b))
    return CMYKColor(round(c, 4), round(m, 4), round(y, 4), round(k, 4))


def mix(hex_a: str, hex_b: str, t: float) -> str:
    """The colour t of the way from a to b, as #RRGGBB (rounded to 8 bits a channel)."""
    return "#" + "".join(f"{round(255 * v):02X}" for v in _blend(_rgb(hex_a), _rgb(hex_b), t))


def tint(hex_colour: str, amount: float) -> Color:
    """The colour mixed with white, unrounded: amount 0 = white, 1 = the colour."""
    return Color(*_blend((1.0, 1.0, 1.0), _rgb(hex_colour), amount))


def shade(hex_colour: str, amount: float) -> Color:
    """The colour mixed with black, unrounded: amount 0 = the colour, 1 = black."""
    r, g, b = _rgb(hex_colour)
    return Color(r * (1 - amount), g * (1 - amount), b * (1 - amount))


def luminance(hex_colour: str) -> float:
    """Relative luminance (WCAG), 0 black .. 1 white."""

    def lin(v: float) -> float:
        return v / 12.92 if v <= 0.03928 else ((v + 0.055) / 1.055) ** 2.4

    r, g, b = _rgb(hex_colour)
    return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b)


def ink_on(hex_background: str) -> str:
    """Black or white text, whichever contrasts more with the background."""
    lum = luminance(hex_background)
    return INK if (lum + 0.05) / (0.0103 + 0.05) >= (1.05) / (lum + 0.05) else "#FFFFFF"


@dataclass(frozen=True)
class Palette:
    """Turns #RRGGBB into the colour objects of the output's colour space."""

    cmyk: bool = False

    @property
    def space(self) -> str:
        """The colour space's name ('rgb' or 'cmyk'), as cache keys hold it."""
        return "cmyk" if self.cmyk else "rgb"

    def __call__(self, hex_colour: str) -> Color:
        """The colour for reportlab."""
        return to_cmyk(hex_colour) if self.cmyk else HexColor(hex_colour)
