"""Tiling arithmetic: sheet counts, orientation choice, exact overlap, margins, labels."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mallette_print.board.tiling import (
    BOARD_SIZES,
    MARGIN,
    OVERLAP,
    PAPERS,
    default_board_size,
    plan_orientation,
    plan_tiles,
    row_letter,
)
from mallette_print.core.units import mm, to_mm


def test_a3_on_a4_takes_four_landscape_sheets_instead_of_six_portrait():
    portrait = plan_orientation(*BOARD_SIZES["a3"], *PAPERS["a4"])
    assert (portrait.rows, portrait.cols, portrait.sheets) == (2, 3, 6)
    plan = plan_tiles(*BOARD_SIZES["a3"], PAPERS["a4"])
    assert plan.landscape
    assert (plan.rows, plan.cols, plan.sheets) == (2, 2, 4)
    assert [t.label for t in plan.tiles] == ["A1 (1/4)", "A2 (2/4)", "B1 (3/4)", "B2 (4/4)"]


def test_a2_on_letter_takes_six_portrait_sheets():
    plan = plan_tiles(*BOARD_SIZES["a2"], PAPERS["letter"])
    assert not plan.landscape
    assert (plan.rows, plan.cols, plan.sheets) == (2, 3, 6)
    assert plan_orientation(*BOARD_SIZES["a2"], 792, 612).sheets == 9
    assert plan.tiles[3].label == "B1 (4/6)"


def test_row_letters_go_past_z():
    assert [row_letter(i) for i in (0, 1, 25, 26, 27)] == ["A", "B", "Z", "AA", "AB"]


def _check_plan(bw: float, bh: float, paper: tuple[float, float]) -> None:
    plan = plan_tiles(bw, bh, paper)
    win = plan.window
    for t in plan.tiles:
        # The window stays inside the printer margins.
        assert t.dest_x >= MARGIN - 1e-6 and t.dest_y >= MARGIN + plan.strip - 1e-6
        assert t.dest_x + t.src.w <= plan.sheet_w - MARGIN + 1e-6
        assert t.dest_y + t.src.h <= plan.sheet_h - MARGIN + 1e-6
        assert t.src.w <= win.w + 1e-6 and t.src.h <= win.h + 1e-6
    # Neighbours share exactly the overlap; the tiles reach every edge of the board.
    for r in range(plan.rows):
        row = plan.tiles[r * plan.cols : (r + 1) * plan.cols]
        assert row[0].src.x == 0
        assert row[-1].src.x + row[-1].src.w == pytest.approx(bw)
        for a, b in zip(row, row[1:]):
            assert a.src.x + a.src.w - b.src.x == pytest.approx(OVERLAP)
    for c in range(plan.cols):
        col = plan.tiles[c :: plan.cols]
        assert col[0].src.y + col[0].src.h == pytest.approx(bh)
        assert col[-1].src.y == pytest.approx(0)
        for a, b in zip(col, col[1:]):
            assert (b.src.y + b.src.h) - a.src.y == pytest.approx(OVERLAP)


@pytest.mark.parametrize("board", sorted(BOARD_SIZES))
@pytest.mark.parametrize("paper", sorted(PAPERS))
def test_every_board_size_is_covered_with_exact_overlap(board, paper):
    _check_plan(*BOARD_SIZES[board], PAPERS[paper])


@settings(max_examples=60, deadline=None)
@given(st.floats(50, 1200), st.floats(50, 900), st.sampled_from(sorted(PAPERS)))
def test_any_board_is_covered_and_fewest_sheets_win(w_mm, h_mm, paper):
    bw, bh = mm(w_mm), mm(h_mm)
    _check_plan(bw, bh, PAPERS[paper])
    plan = plan_tiles(bw, bh, PAPERS[paper])
    short, long_ = sorted(PAPERS[paper])
    other = plan_orientation(bw, bh, *((short, long_) if plan.landscape else (long_, short)))
    assert plan.sheets <= other.sheets
    # One sheet fewer along either side would leave part of the board uncovered.
    win = plan.window
    assert plan.cols * win.w - (plan.cols - 1) * OVERLAP >= bw - 1e-6
    assert (plan.cols - 1) * win.w - (plan.cols - 2) * OVERLAP < bw or plan.cols == 1


def test_margins_and_overlap_defaults_are_the_promised_millimetres():
    assert to_mm(MARGIN) == pytest.approx(5)
    assert to_mm(OVERLAP) == pytest.approx(10)


@pytest.mark.parametrize("board", sorted(BOARD_SIZES))
@pytest.mark.parametrize("paper", sorted(PAPERS))
def test_no_sheet_carries_a_sliver(board, paper):
    # The board is shared evenly: every column is as wide as the others, every row as tall, and each sheet
    # adds at least 130 mm of new board both ways (A2 on A4 used to end on two sheets of 14 mm).
    plan = plan_tiles(*BOARD_SIZES[board], PAPERS[paper])
    assert len({round(t.src.w, 6) for t in plan.tiles}) == 1
    assert len({round(t.src.h, 6) for t in plan.tiles}) == 1
    assert to_mm(plan.least_new) >= 130


def test_a2_on_a4_shares_the_board_over_four_columns():
    plan = plan_tiles(*BOARD_SIZES["a2"], PAPERS["a4"])
    assert (plan.rows, plan.cols, plan.sheets, plan.landscape) == (2, 4, 8, False)
    assert to_mm(plan.tiles[0].src.w) == pytest.approx((594 + 3 * 10) / 4)
    assert to_mm(plan.least_new) == pytest.approx(146)


@settings(max_examples=60, deadline=None)
@given(st.floats(50, 1200), st.floats(50, 900), st.sampled_from(sorted(PAPERS)))
def test_any_board_shares_its_sheets_evenly(w_mm, h_mm, paper):
    plan = plan_tiles(mm(w_mm), mm(h_mm), PAPERS[paper])
    for n, length, size in ((plan.cols, w_mm, plan.tiles[0].src.w), (plan.rows, h_mm, plan.tiles[0].src.h)):
        # The fewest sheets along a side, each showing the same length: no sheet holds less than its share.
        assert to_mm(size) == pytest.approx((length + (n - 1) * 10) / n)


def test_tabloid_and_ledger_are_the_same_landscape_sheet_and_the_letter_default():
    assert BOARD_SIZES["tabloid"] == BOARD_SIZES["ledger"] == (17 * 72, 11 * 72)
    assert default_board_size("letter") == "tabloid" and default_board_size("a4") == "a3"
    plan = plan_tiles(*BOARD_SIZES["tabloid"], PAPERS["letter"])
    assert (plan.rows, plan.cols, plan.landscape) == (2, 2, True)
