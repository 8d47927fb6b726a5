"""Saddle-stitch order: folding the printed stack gives pages 1..n in reading order."""

from __future__ import annotations

import pytest

from mallette_print.rulebook.booklet_order import imposed_order, padded, saddle_stitch


def fold(pages: int) -> list[int]:
    """Simulate the user: stack the sheets, fold in half, read the booklet page by page."""
    sheets = saddle_stitch(pages)
    n = padded(pages)
    # Reading a folded stack: sheet s gives page 2s+1 (front right), 2s+2 (back left) in the first half,
    # and n-2s-1 (back right), n-2s (front left) in the second half; collect them by position.
    read: dict[int, int] = {}
    for s, sh in enumerate(sheets):
        read[2 * s + 1] = sh.front.right
        read[2 * s + 2] = sh.back.left
        read[n - 2 * s - 1] = sh.back.right
        read[n - 2 * s] = sh.front.left
    return [read[i] for i in range(1, n + 1)]


@pytest.mark.parametrize(
    "pages,expected",
    [
        (8, [8, 1, 2, 7, 6, 3, 4, 5]),
        (12, [12, 1, 2, 11, 10, 3, 4, 9, 8, 5, 6, 7]),
        (16, [16, 1, 2, 15, 14, 3, 4, 13, 12, 5, 6, 11, 10, 7, 8, 9]),
    ],
)
def test_order_for_8_12_16_pages(pages: int, expected: list[int]) -> None:
    assert imposed_order(pages) == expected
    assert len(saddle_stitch(pages)) == pages // 4
    assert fold(pages) == list(range(1, pages + 1))


def test_each_sheet_side_pairs_sum_to_n_plus_one() -> None:
    # On a saddle-stitched sheet the two facing pages always add up to n + 1.
    for sh in saddle_stitch(16):
        assert sh.front.left + sh.front.right == 17
        assert sh.back.left + sh.back.right == 17


@pytest.mark.parametrize("pages,n", [(1, 4), (4, 4), (5, 8), (13, 16), (16, 16)])
def test_padding_to_a_multiple_of_four(pages: int, n: int) -> None:
    assert padded(pages) == n
    assert sorted(imposed_order(pages)) == list(range(1, n + 1))


def test_no_pages_is_refused() -> None:
    with pytest.raises(ValueError):
        saddle_stitch(0)
