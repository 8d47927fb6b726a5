"""Card sizes: named presets and custom 'WxH' sizes in millimetres, with bleed and safe area."""

from __future__ import annotations

import re
from dataclasses import dataclass

from mallette_print.core.units import mm

BLEED_MM = 3.0
SAFE_MM = 4.0


@dataclass(frozen=True)
class CardSize:
    """A card's trim size in millimetres, its bleed and its safe margin inside the trim."""

    name: str
    w_mm: float
    h_mm: float
    bleed_mm: float = BLEED_MM
    safe_mm: float = SAFE_MM

    @property
    def w(self) -> float:
        """Trim width in points."""
        return mm(self.w_mm)

    @property
    def h(self) -> float:
        """Trim height in points."""
        return mm(self.h_mm)

    @property
    def bleed(self) -> float:
        """Bleed in points."""
        return mm(self.bleed_mm)

    @property
    def safe(self) -> float:
        """Safe margin inside the trim, in points."""
        return mm(self.safe_mm)


PRESETS: dict[str, CardSize] = {
    "poker": CardSize("poker", 63, 88),
    "bridge": CardSize("bridge", 57, 89),
    "tarot": CardSize("tarot", 70, 120),
    "mini": CardSize("mini", 44, 68),
    "square": CardSize("square", 70, 70),
}
_CUSTOM = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*[x×X]\s*(\d+(?:\.\d+)?)\s*(?:mm)?\s*$")
MIN_MM, MAX_MM = 25.0, 200.0  # 25 mm: tokens (with a template of placed elements)


def parse_card_size(text: str) -> CardSize:
    """A preset name or 'WxH' in millimetres (e.g. '63x88'); ValueError says what was expected."""
    key = text.strip().lower()
    if key in PRESETS:
        return PRESETS[key]
    m = _CUSTOM.match(key)
    if not m:
        raise ValueError(f"expected one of {', '.join(PRESETS)} or a size in millimetres such as '63x88', got {text!r}")
    w, h = float(m.group(1)), float(m.group(2))
    for v in (w, h):
        if not MIN_MM <= v <= MAX_MM:
            raise ValueError(f"card sides must be between {MIN_MM:g} and {MAX_MM:g} mm, got {text!r}")
    return CardSize(f"{w:g}x{h:g}", w, h)
