"""Lengths with units, parsed in one place."""

from __future__ import annotations

import pytest

from mallette_print.core.units import mm, parse_length, to_mm


@pytest.mark.parametrize("text, points", [("63mm", 63 * 72 / 25.4), ("2.5in", 180.0), ("9pt", 9.0), ("1cm", 72 / 2.54)])
def test_parse_length(text: str, points: float) -> None:
    assert parse_length(text) == pytest.approx(points)


@pytest.mark.parametrize("text", ["63", "63 px", "mm", "", "6,3mm"])
def test_parse_length_refuses(text: str) -> None:
    with pytest.raises(ValueError, match="expected a length with a unit"):
        parse_length(text)


def test_round_trip() -> None:
    assert to_mm(mm(88)) == pytest.approx(88)
