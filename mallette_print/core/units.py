"""Physical lengths: "63mm", "2.5in", "9pt", "1.2cm" -> PDF points, in one place."""

from __future__ import annotations

import re

MM = 72.0 / 25.4
PER_UNIT = {"mm": MM, "cm": 10 * MM, "in": 72.0, "pt": 1.0}
_LENGTH = re.compile(r"^\s*(-?\d+(?:\.\d+)?)\s*(mm|cm|in|pt)\s*$")


def parse_length(text: str) -> float:
    """Parse a length with its unit into points; raise ValueError naming what was expected."""
    m = _LENGTH.match(text)
    if not m:
        raise ValueError(f"expected a length with a unit such as '63mm', '2.5in' or '9pt', got {text!r}")
    return float(m.group(1)) * PER_UNIT[m.group(2)]


def mm(value: float) -> float:
    """Millimetres to points."""
    return value * MM


def to_mm(points: float) -> float:
    """Points to millimetres."""
    return points / MM
