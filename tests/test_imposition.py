"""Sheet layouts measured in millimetres: cards per sheet, margins, cut marks, mirrored backs."""

from __future__ import annotations

import pytest

from mallette_print.cards.imposition import DUPLEX_MODES, apply, parse_offset, plan_sheet
from mallette_print.core.cardsize import PRESETS, parse_card_size
from mallette_print.core.units import to_mm

POKER = PRESETS["poker"]


def mmbox(box: tuple[float, float, float, float]) -> tuple[float, ...]:
    return tuple(round(to_mm(v), 2) for v in box)


@pytest.mark.parametrize("paper", ["a4", "letter"])
def test_poker_is_2x4_turned_on_both_papers(paper: str) -> None:
    # 3x3 upright needs 189 x 264 mm plus 12.5 mm margins for printable cut marks: more than A4's width (210 mm)
    # and Letter's height (279.4 mm); turned a quarter, 8 cards fit with room for the marks.
    plan = plan_sheet(paper, POKER, "long")
    assert (plan.cols, plan.rows, plan.per_sheet, plan.rotated) == (2, 4, 8, True)
    for slot in plan.fronts:
        x0, y0, x1, y1 = mmbox(slot.box)
        assert (round(x1 - x0, 2), round(y1 - y0, 2)) == (88.0, 63.0)


@pytest.mark.parametrize("paper", ["a4", "letter"])
@pytest.mark.parametrize("name", list(PRESETS))
@pytest.mark.parametrize("duplex", DUPLEX_MODES)
def test_every_card_and_back_keeps_the_margins_of_printable_cut_marks(paper: str, name: str, duplex: str) -> None:
    plan = plan_sheet(paper, PRESETS[name], duplex)
    W, H = to_mm(plan.page_w), to_mm(plan.page_h)
    for slot in plan.fronts + plan.backs:
        x0, y0, x1, y1 = mmbox(slot.box)
        # the 6.35 mm border a printer may leave blank, 3 mm of mark, the 3 mm bleed
        assert min(x0, y0, W - x1, H - y1) >= 6.35 + 3 + 3 - 1e-6


@pytest.mark.parametrize(
    "paper,name,count",
    [
        ("a4", "bridge", 9),
        ("a4", "tarot", 4),
        ("a4", "square", 6),
        ("a4", "mini", 16),
        ("letter", "square", 6),
        ("letter", "bridge", 8),
        ("letter", "mini", 12),
    ],
)
def test_cards_per_sheet_match_print_production_table(paper: str, name: str, count: int) -> None:
    assert plan_sheet(paper, PRESETS[name], "long").per_sheet == count


@pytest.mark.parametrize("name", list(PRESETS))
def test_cut_marks_stay_outside_the_cards_and_reach_the_paper_edge(name: str) -> None:
    plan = plan_sheet("a4", PRESETS[name], "long")
    gx0, gy0, gx1, gy1 = plan.grid
    assert plan.cut_marks
    for s in plan.cut_marks:
        for x, y in ((s.x0, s.y0), (s.x1, s.y1)):
            assert not (gx0 < x < gx1 and gy0 < y < gy1)
            assert not (gx0 - 0.1 < x < gx1 + 0.1 and gy0 - 0.1 < y < gy1 + 0.1)
        ends = (s.x0, s.y0, s.x1, s.y1)
        assert 0.0 in ends or plan.page_w in ends or plan.page_h in ends
    # one mark at each end of every cut line: (cols + 1) + (rows + 1) lines, 2 marks each
    assert len(plan.cut_marks) == 2 * ((plan.cols + 1) + (plan.rows + 1))


def test_long_edge_backs_are_mirrored_left_right() -> None:
    plan = plan_sheet("a4", PRESETS["bridge"], "long")  # 3x3, upright
    for front, back in zip(plan.fronts, plan.backs):
        fx0, fy0, fx1, fy1 = mmbox(front.box)
        bx0, by0, bx1, by1 = mmbox(back.box)
        assert bx0 == pytest.approx(210 - fx1, abs=0.1) and by0 == pytest.approx(fy0, abs=0.1)
        # drawn upright, not mirrored: the card's origin maps to its lower-left corner
        assert back.matrix[:4] == (1.0, 0.0, 0.0, 1.0)
    # cards turned a quarter on the sheet: the back turned the other way (its top towards the same long edge)
    turned = plan_sheet("a4", POKER, "long")
    for front, back in zip(turned.fronts, turned.backs):
        assert front.matrix[:4] == (0.0, 1.0, -1.0, 0.0) and back.matrix[:4] == (0.0, -1.0, 1.0, 0.0)


def test_short_edge_backs_are_mirrored_top_bottom_and_turned() -> None:
    plan = plan_sheet("letter", PRESETS["tarot"], "short")  # 2x2, upright
    for front, back in zip(plan.fronts, plan.backs):
        fx0, fy0, fx1, fy1 = mmbox(front.box)
        bx0, by0, bx1, by1 = mmbox(back.box)
        assert bx0 == pytest.approx(fx0, abs=0.1) and by0 == pytest.approx(279.4 - fy1, abs=0.1)
        assert back.matrix[:4] == (-1.0, 0.0, 0.0, -1.0)


def test_offset_moves_every_back_and_no_front() -> None:
    plain = plan_sheet("a4", POKER, "long")
    moved = plan_sheet("a4", POKER, "long", offset_mm=(1.5, -0.5))
    assert [f.box for f in plain.fronts] == [f.box for f in moved.fronts]
    for a, b in zip(plain.backs, moved.backs):
        assert to_mm(b.box[0] - a.box[0]) == pytest.approx(1.5, abs=0.01)
        assert to_mm(b.box[1] - a.box[1]) == pytest.approx(-0.5, abs=0.01)


def test_fold_puts_each_back_beside_its_front_across_a_fold_line() -> None:
    plan = plan_sheet("a4", POKER, "fold")
    assert plan.per_sheet == 4 and plan.fold_marks
    fold_xs = {round(m.x0, 3) for m in plan.fold_marks}
    for front, back in zip(plan.fronts, plan.backs):
        assert back.box[1] == pytest.approx(front.box[1]) and back.box[3] == pytest.approx(front.box[3])
        assert back.box[0] == pytest.approx(front.box[2])  # butted on the fold line
        assert round(front.box[2], 3) in fold_xs
    # folding maps a front corner onto the matching back corner: mirror across the fold line
    front, back = plan.fronts[0], plan.backs[0]
    xf = front.box[2]
    fx, fy = apply(front.matrix, 10.0, 20.0)  # a point on the front, in card coordinates
    bx, by = apply(back.matrix, POKER.w - 10.0, 20.0)  # the same point seen from the back
    assert (2 * xf - fx, fy) == pytest.approx((bx, by))


def test_none_has_no_backs() -> None:
    assert plan_sheet("a4", POKER, "none").backs == ()


def test_sizes_and_offsets_parse_or_say_what_was_expected() -> None:
    assert parse_card_size("63x88").w_mm == 63 and parse_card_size("Tarot").h_mm == 120
    with pytest.raises(ValueError, match="poker"):
        parse_card_size("huge")
    assert parse_offset("1.5,-0.5") == (1.5, -0.5)
    with pytest.raises(ValueError, match="DX,DY"):
        parse_offset("1.5")
    with pytest.raises(ValueError, match="does not fit"):
        plan_sheet("letter", parse_card_size("200x200"), "fold")
