"""draw/colours.py: mixing, contrast and the output's colour space."""

from __future__ import annotations

import pytest
from reportlab.lib.colors import CMYKColor

from mallette_print.draw.colours import INK, Palette, colour, ink_on, mix, shade, tint


def test_mix_goes_from_one_colour_to_the_other() -> None:
    assert mix("#000000", "#FFFFFF", 0) == "#000000"
    assert mix("#000000", "#FFFFFF", 0.5) == "#808080"
    assert mix("#0072B2", "#FFFFFF", 1) == "#FFFFFF"


def test_tint_mixes_with_white_and_shade_with_black() -> None:
    assert tint("#0072B2", 0).rgb() == (1, 1, 1)
    assert tint("#0072B2", 1).rgb() == pytest.approx(colour("#0072B2").rgb())
    assert shade("#0072B2", 0).rgb() == pytest.approx(colour("#0072B2").rgb())
    assert shade("#0072B2", 1).rgb() == (0, 0, 0)
    # Unrounded: a tint is not snapped to 8 bits a channel as mix() is.
    assert tint("#0072B2", 0.32).green != colour(mix("#FFFFFF", "#0072B2", 0.32)).green


def test_text_on_a_colour_is_whichever_of_ink_and_white_reads_better() -> None:
    assert ink_on("#FFFFFF") == INK
    assert ink_on("#F0E442") == INK  # yellow
    assert ink_on("#1A1A1A") == "#FFFFFF"
    assert ink_on("#0072B2") == "#FFFFFF"


def test_a_cmyk_palette_gives_cmyk_colours_and_greys_on_black_only() -> None:
    red = Palette(cmyk=True)("#FF0000")
    grey = Palette(cmyk=True)("#808080")
    assert isinstance(red, CMYKColor) and isinstance(grey, CMYKColor)
    assert (red.cyan, red.magenta, red.yellow, red.black) == (0, 1, 1, 0)
    assert (grey.cyan, grey.magenta, grey.yellow) == (0, 0, 0) and 0.49 < grey.black < 0.51
    assert Palette().space == "rgb" and Palette(cmyk=True).space == "cmyk"
