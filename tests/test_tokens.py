"""tokens.pdf: pawns, markers and deadline tokens a facilitator prints, cuts with scissors, folds and glues.

Measured on the PDF as a facilitator would: page sizes, the text on each piece, the pieces' outlines, the cut
marks and dashed fold lines (vector geometry), the notice on every page; and in the build's print plan and the
rulebook.
"""

from __future__ import annotations

import io
import math
import re
from pathlib import Path
from typing import Any

import pdfplumber
import pypdf
import pypdfium2 as pdfium
import pytest
from click.testing import CliRunner

from mallette_print.cli import main
from mallette_print.core.board import box_mm, point_mm
from mallette_print.core.i18n import tr
from mallette_print.core.licensing import notice
from mallette_print.core.model import ActorCard, ChallengeCard, GameData
from mallette_print.core.typography import typeset
from mallette_print.core.units import mm, to_mm
from mallette_print.core.validate import load_game
from mallette_print.pipeline.options import BuildOptions
from mallette_print.tokens.counts import actor_pawns, deadline_count
from mallette_print.tokens.layout import MARKER, PAWN
from mallette_print.tokens.outputs import tokens_outputs

REPO = Path(__file__).resolve().parent.parent
BORDER = mm(6.35)  # what a home printer may leave unprinted on every side
PAPERS = {"a4": (210.0, 297.0), "letter": (215.9, 279.4)}


@pytest.fixture(scope="module")
def data() -> GameData:
    return load_game(REPO)


@pytest.fixture(scope="module")
def pdfs(data: GameData) -> dict[str, bytes]:
    """tokens.pdf on A4 in French and on Letter in English (the producer alone: no other output is needed)."""
    out = {}
    for paper, lang in (("a4", "fr"), ("letter", "en")):
        (o,) = tokens_outputs(data, BuildOptions(out=Path("unused"), lang=lang, paper=paper))
        assert o.name == "tokens.pdf" and o.sheets == o.pages
        out[paper] = o.content
    return out


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    """One full build of the shipped game (A4, French): its folder and what it printed."""
    out = tmp_path_factory.mktemp("full")
    result = CliRunner().invoke(main, ["build", "--game", str(REPO), "--out", str(out)])
    assert result.exit_code == 0, result.output
    return out, result.output


def _close(a: float, b: float, tol: float = 0.05) -> bool:
    return abs(a - b) <= tol


def _outlines(page: Any) -> list[tuple[float, float, float, float]]:
    """The pieces: the thin grey outlines drawn on their cut lines, as (x0, top, x1, bottom) in points."""
    return [
        (r["x0"], r["top"], r["x1"], r["bottom"])
        for r in page.rects
        if r["stroke"] and _close(r["linewidth"], 0.3) and not r["fill"]
    ]


def _marks(page: Any) -> list[tuple[float, float, float, float]]:
    """The cut marks: solid black 0.5 pt lines."""
    out = []
    for seg in page.lines:
        colour = seg["stroking_color"]
        black = colour in (0, (0,), [0]) or (isinstance(colour, (list, tuple)) and sum(colour) == 0)
        if black and _close(seg["linewidth"], 0.5) and not _dash(seg):
            out.append((seg["x0"], seg["top"], seg["x1"], seg["bottom"]))
    return out


def _dash(seg: Any) -> bool:
    """Whether a line is dashed (pdfplumber gives a solid line the pattern ([], 0))."""
    dash = seg.get("dash")
    return bool(dash and dash[0])


def _size(piece: tuple[float, float, float, float]) -> tuple[float, float]:
    x0, top, x1, bottom = piece
    return round(to_mm(x1 - x0), 1), round(to_mm(bottom - top), 1)


@pytest.fixture(scope="module")
def geometry(pdfs: dict[str, bytes]) -> dict[str, list[dict[str, list[Any]]]]:
    """Each page's pieces, cut marks, dashed lines and small regular 'p's (fold labels), read once per paper."""
    out: dict[str, list[dict[str, list[Any]]]] = {}
    for paper, pdf in pdfs.items():
        with pdfplumber.open(io.BytesIO(pdf)) as doc:
            out[paper] = [
                {
                    "pieces": _outlines(page),
                    "marks": _marks(page),
                    "dashed": [s for s in page.lines if _dash(s) and s["x0"] == s["x1"]],
                    "labels": [
                        c
                        for c in page.chars
                        if c["text"] == "p" and "Regular" in c["fontname"] and _close(max(c["width"], c["height"]), 5)
                    ],
                }
                for page in doc.pages
            ]
    return out


def _pieces(geometry: dict[str, list[dict[str, list[Any]]]], paper: str) -> list[list[Any]]:
    return [page["pieces"] for page in geometry[paper]]


@pytest.mark.parametrize("paper", ["a4", "letter"])
def test_pages_are_the_paper_and_hold_every_piece(
    pdfs: dict[str, bytes], geometry: dict[str, Any], data: GameData, paper: str
) -> None:
    reader = pypdf.PdfReader(io.BytesIO(pdfs[paper]))
    w, h = PAPERS[paper]
    # 29 pawns, 6 markers and the deadline tokens of the shipped game on three sheets, A4 or Letter.
    assert len(reader.pages) <= 3
    for page in reader.pages:
        assert (round(to_mm(float(page.mediabox.width)), 1), round(to_mm(float(page.mediabox.height)), 1)) == (w, h)
    sizes = [_size(p) for page in _pieces(geometry, paper) for p in page]
    actors = sum(c.quantity for _, c in data.cards() if isinstance(c, ActorCard))
    assert sizes.count((PAWN.length, PAWN.width)) == actors >= 25
    assert sizes.count((MARKER.length, MARKER.width)) == len(data.game.tracks) + 1  # and the round marker
    # Scissors: no piece narrower than 15 mm.
    assert min(min(s) for s in sizes) >= 15


def test_deadline_tokens_are_as_many_as_the_formula(
    pdfs: dict[str, bytes], geometry: dict[str, Any], data: GameData
) -> None:
    # (open challenges + 1) x the longest deadline + what extend-deadline abilities can add (docs/facilitators.md).
    p = data.game.parameters
    longest = max(c.deadline for _, c in data.cards() if isinstance(c, ChallengeCard))
    ext = sum(
        c.power.amount * (1 if c.power.per == "game" else p.rounds) * c.quantity
        for _, c in data.cards()
        if isinstance(c, ActorCard) and c.power is not None and c.power.type == "extend-deadline"
    )
    expected = (p.open_challenges + 1) * longest + ext
    assert (p.open_challenges, longest, ext, expected) == (3, 5, 2, 22)
    for paper in ("a4", "letter"):
        squares = [s for page in _pieces(geometry, paper) for s in map(_size, page) if s == (16.0, 16.0)]
        assert len(squares) == expected, paper
    text = "".join(page.get_textpage().get_text_range() for page in pdfium.PdfDocument(pdfs["a4"]))
    assert "22 jetons d'échéance (17 au plus sur la table + 5 de réserve)" in text


@pytest.mark.parametrize("paper", ["a4", "letter"])
def test_one_pawn_per_actor_card_with_its_title_on_both_faces(
    pdfs: dict[str, bytes], geometry: dict[str, Any], data: GameData, paper: str
) -> None:
    lang = "fr" if paper == "a4" else "en"
    titles = sorted(
        " ".join(typeset(tr(c.title, lang, "fr"), lang).split())
        for _, c in data.cards()
        if isinstance(c, ActorCard)
        for _ in range(c.quantity)
    )
    seen = []
    doc = pdfium.PdfDocument(pdfs[paper])
    for page, pieces in zip(doc, _pieces(geometry, paper)):
        H = page.get_height()
        tp = page.get_textpage()
        for x0, top, x1, bottom in pieces:
            if _size((x0, top, x1, bottom)) != (PAWN.length, PAWN.width):
                continue
            f1, apex, f2 = (x0 + mm(d) for d in PAWN.folds())
            m = mm(2.5)  # away from the fold lines and their labels
            right = " ".join(tp.get_text_bounded(apex + m, H - bottom, f2 - m, H - top).split())  # reads left to right
            left = " ".join(tp.get_text_bounded(f1 + m, H - bottom, apex - m, H - top).split())  # the other way up
            matches = [t for t in set(titles) if t in right]
            assert matches, right
            seen.append(max(matches, key=len))
            assert sorted(left.split()) == sorted(right.split())  # the same words on both faces
    assert sorted(seen) == titles


def _runs(edges: list[tuple[float, float, float]]) -> list[tuple[float, float, float]]:
    """Collinear edges (position, start, end) merged into the cut lines they make."""
    out: list[tuple[float, float, float]] = []
    for pos, a, b in sorted(edges):
        if out and _close(out[-1][0], pos, 0.01) and a <= out[-1][2] + 0.01:
            out[-1] = (out[-1][0], out[-1][1], max(out[-1][2], b))
        else:
            out.append((pos, a, b))
    return out


@pytest.mark.parametrize("paper", ["a4", "letter"])
def test_every_cut_line_is_marked_at_both_ends_outside_the_pieces(geometry: dict[str, Any], paper: str) -> None:
    W, H = (mm(v) for v in PAPERS[paper])
    for page in geometry[paper]:
        pieces, marks = page["pieces"], page["marks"]
        assert pieces and marks
        for mx0, mtop, mx1, mbottom in marks:
            # Never inside a piece: no part of it strictly inside a piece's rectangle (a mark may only touch
            # the extension of a piece's edge, which is the point of it).
            horizontal_mark = _close(mtop, mbottom, 0.01)
            for x0, top, x1, bottom in pieces:
                if horizontal_mark:
                    inside = top + 0.01 < mtop < bottom - 0.01 and min(mx1, x1) - max(mx0, x0) > 0.01
                else:
                    inside = x0 + 0.01 < mx0 < x1 - 0.01 and min(mbottom, bottom) - max(mtop, top) > 0.01
                assert not inside, (paper, (mx0, mtop, mx1, mbottom), (x0, top, x1, bottom))
            # At least 3 mm of it inside a 6.35 mm unprinted border.
            if horizontal_mark:
                visible = min(mx1, W - BORDER) - max(mx0, BORDER)
            else:
                visible = min(mbottom, H - BORDER) - max(mtop, BORDER)
            assert to_mm(visible) >= 3, (paper, (mx0, mtop, mx1, mbottom))
        vertical = _runs([e for x0, t, x1, b in pieces for e in ((x0, t, b), (x1, t, b))])
        horizontal = _runs([e for x0, t, x1, b in pieces for e in ((t, x0, x1), (b, x0, x1))])
        for x, a, b in vertical:
            on = [m for m in marks if _close(m[0], x, 0.01) and _close(m[2], x, 0.01)]
            assert any(m[3] <= a + 0.01 and a - m[3] < mm(3) for m in on), (paper, "no mark above", x, a)
            assert any(m[1] >= b - 0.01 and m[1] - b < mm(3) for m in on), (paper, "no mark below", x, b)
        for y, a, b in horizontal:
            on = [m for m in marks if _close(m[1], y, 0.01) and _close(m[3], y, 0.01)]
            assert any(m[2] <= a + 0.01 and a - m[2] < mm(3) for m in on), (paper, "no mark left", y, a)
            assert any(m[0] >= b - 0.01 and m[0] - b < mm(3) for m in on), (paper, "no mark right", y, b)


def test_each_standee_has_three_dashed_labelled_fold_lines(geometry: dict[str, Any], data: GameData) -> None:
    tents = 0
    for page in geometry["a4"]:
        dashed, labels = page["dashed"], page["labels"]
        for x0, top, x1, bottom in page["pieces"]:
            size = _size((x0, top, x1, bottom))
            tent = {(PAWN.length, PAWN.width): PAWN, (MARKER.length, MARKER.width): MARKER}.get(size)
            if tent is None:
                continue
            tents += 1
            for d in tent.folds():
                x = x0 + mm(d)
                line = [s for s in dashed if _close(s["x0"], x, 0.01) and s["top"] >= top - 0.01]
                line = [s for s in line if s["bottom"] <= bottom + 0.01]
                assert line and to_mm(sum(s["bottom"] - s["top"] for s in line)) == pytest.approx(tent.width, abs=0.01)
                # The fold's label ("pli") sits beside it, on this piece.
                near = [c for c in labels if abs((c["x0"] + c["x1"]) / 2 - x) < mm(3) and top < c["top"] < bottom]
                assert near, (size, d)
    assert tents == sum(c.quantity for _, c in data.cards() if isinstance(c, ActorCard)) + len(data.game.tracks) + 1


@pytest.mark.parametrize("paper", ["a4", "letter"])
def test_every_page_carries_the_licence_notice(pdfs: dict[str, bytes], data: GameData, paper: str) -> None:
    for page in pdfium.PdfDocument(pdfs[paper]):
        text = page.get_textpage().get_text_range()
        assert notice(data) in text and "CC BY-SA 4.0" in text


def test_fonts_are_embedded(pdfs: dict[str, bytes]) -> None:
    for paper, pdf in pdfs.items():
        reader = pypdf.PdfReader(io.BytesIO(pdf))
        fonts = set()
        for page in reader.pages:
            for font in (page["/Resources"].get("/Font") or {}).values():
                f = font.get_object()
                fonts.add(str(f["/BaseFont"]))
                assert "/FontFile2" in f["/FontDescriptor"].get_object(), (paper, f["/BaseFont"])
        assert fonts and all("Atkinson" in f for f in fonts), fonts


def _inside(poly: list[tuple[float, float]], x: float, y: float) -> bool:
    hit = False
    for (x1, y1), (x2, y2) in zip(poly, poly[1:] + poly[:1]):
        if (y1 > y) != (y2 > y) and x < x1 + (y - y1) * (x2 - x1) / (y2 - y1):
            hit = not hit
    return hit


def test_pawns_fit_every_zone_and_markers_fit_a_track_space(data: GameData) -> None:
    """Every actor at the table can stand in any one zone, even on the smallest (tabloid) board."""
    p, bd = data.game.parameters, data.board
    assert bd is not None
    board = bd.board
    actors = max(p.players_max * p.actors_per_player, p.players_min * p.small_table_actors)
    scale = min(431.8 / 420, 279.4 / 297)  # the A3 design shrunk onto tabloid (11 x 17 in)
    fw, fd = PAWN.footprint
    for zp in board.map.zones:
        if zp.shape == "polygon":
            poly = [(x * scale, y * scale) for x, y in map(point_mm, zp.points or [])]
        else:
            r = box_mm(zp.box or [])
            bx, by, bw, bh = (v * scale for v in (r.x, r.y, r.w, r.h))
            if zp.shape == "ellipse":
                cx, cy, rx, ry = bx + bw / 2, by + bh / 2, bw / 2, bh / 2
                poly = [
                    (cx + rx * math.cos(t * math.pi / 90), cy + ry * math.sin(t * math.pi / 90)) for t in range(180)
                ]
            else:
                poly = [(bx, by), (bx + bw, by), (bx + bw, by + bh), (bx, by + bh)]
        fits = False
        for cols in range(1, actors + 1):
            rows = -(-actors // cols)
            for w, h in ((cols * fw, rows * fd), (cols * fd, rows * fw)):
                xs, ys = [q[0] for q in poly], [q[1] for q in poly]
                for x in range(int(min(xs)), int(max(xs)), 2):
                    for y in range(int(min(ys)), int(max(ys)), 2):
                        corners = ((x, y), (x + w, y), (x, y + h), (x + w, y + h), (x + w / 2, y + h / 2))
                        if all(_inside(poly, *c) for c in corners):
                            fits = True
                            break
                    if fits:
                        break
                if fits:
                    break
            if fits:
                break
        assert fits, zp.zone
    # A marker stands on its foot (its depth) inside one space of a track, with room to spare.
    for tp in board.tracks:
        track = next(t for t in data.game.tracks if t.id == tp.track)
        space = box_mm(tp.box).w * scale / (track.max - track.min + 1)
        assert MARKER.foot < space - 2, (track.id, space)


def test_the_build_the_print_plan_and_the_rulebook_list_tokens(built: tuple[Path, str]) -> None:
    out, printed = built
    assert (out / "tokens.pdf").is_file()
    pages = len(pypdf.PdfReader(out / "tokens.pdf").pages)
    row = re.search(
        rf"^\s+tokens\.pdf\s+{pages} page\(s\), {pages} feuille\(s\), .* — A4, à 100\u00a0%, recto seul", printed, re.M
    )
    assert row, printed
    text = " ".join(p.get_textpage().get_text_range() for p in pdfium.PdfDocument(out / "rulebook.pdf"))
    text = " ".join(text.split())
    # The components list names the printed pieces, then only scissors, glue and the die to draw the actor set.
    data = load_game(REPO)
    pawns, deadlines = len(actor_pawns(data)), deadline_count(data).total
    assert f"{pawns} pions d’acteur, un par carte Acteur" in text and f"{deadlines} jetons d’échéance" in text
    assert "Pions, marqueurs et jetons : tokens.pdf." in text
    also = "Il vous faut aussi des ciseaux et de la colle, et un dé à six faces si vous tirez l’ensemble d’acteurs au sort."
    assert also in text and "haricots" not in text
    # The print guide: its file table and its cutting steps.
    guide = text[text.index("Guide d'impression 1.") :] if "Guide d'impression 1." in text else text
    assert "tokens.pdf A4, à 100" in guide and "Pions et jetons (tokens.pdf)" in guide
