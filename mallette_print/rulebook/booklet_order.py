"""Saddle-stitch page order for a booklet: pure arithmetic on page numbers.

A booklet of n pages (padded to a multiple of 4 with blank pages) is printed on
n/4 sheets, two pages per side. Folding the stack in half and stapling on the
fold gives pages 1..n in order. Sheet s (0-based) carries on its front the pages
(n - 2s, 2s + 1) and on its back (2s + 2, n - 2s - 1), left then right, for
printers that flip on the short edge of a landscape sheet.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Side:
    """One side of a sheet: the left and right page numbers (1-based; pages > the real count are blank)."""

    left: int
    right: int


@dataclass(frozen=True)
class Sheet:
    """One sheet of the booklet: its front and its back."""

    front: Side
    back: Side


def padded(pages: int) -> int:
    """The page count rounded up to a multiple of 4 (at least 4)."""
    return max(4, -(-pages // 4) * 4)


def saddle_stitch(pages: int) -> list[Sheet]:
    """The sheets of a saddle-stitched booklet of `pages` pages, outermost sheet first."""
    if pages < 1:
        raise ValueError("a booklet needs at least one page")
    n = padded(pages)
    return [Sheet(Side(n - 2 * s, 2 * s + 1), Side(2 * s + 2, n - 2 * s - 1)) for s in range(n // 4)]


def imposed_order(pages: int) -> list[int]:
    """The page numbers in the order they are laid on the sides: front L, front R, back L, back R, ..."""
    return [p for sh in saddle_stitch(pages) for p in (sh.front.left, sh.front.right, sh.back.left, sh.back.right)]
