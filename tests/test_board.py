"""The board: board.yaml validation, board.pdf and board-tiles.pdf as a user would measure them."""

from __future__ import annotations

import io
import shutil
from pathlib import Path

import numpy as np
import pdfplumber
import pypdfium2 as pdfium
import pytest
import zxingcpp
from click.testing import CliRunner
from pypdf import PdfReader
from pypdf.generic import ContentStream

from mallette_print.board.outputs import board_outputs
from mallette_print.board.tiling import PAPERS, plan_tiles
from mallette_print.cli import main
from mallette_print.core.errors import DataError
from mallette_print.core.units import mm, to_mm
from mallette_print.core.validate import load_game
from mallette_print.pipeline.options import BuildOptions
from mallette_print.pipeline.printplan import plan_lines
from mallette_print.pipeline.run import run_build

ROOT = Path(__file__).resolve().parents[1]
BAD = Path(__file__).parent / "data" / "bad-board"
DPI = 100


@pytest.fixture(scope="module")
def game():
    return load_game(ROOT)


@pytest.fixture(scope="module")
def built(game, tmp_path_factory):
    """board.pdf and board-tiles.pdf for A3 on A4, in French."""
    out = tmp_path_factory.mktemp("out")
    outputs = board_outputs(game, BuildOptions(out=out, lang="fr"))
    return {o.name: o.content for o in outputs}


def _render(pdf: bytes, page: int, dpi: int = DPI, grey: bool = False):
    doc = pdfium.PdfDocument(pdf)
    img = doc[page].render(scale=dpi / 72, grayscale=grey).to_pil().convert("L")
    return np.asarray(img, dtype=np.int16)


def _copy_game(tmp_path: Path) -> Path:
    shutil.copytree(ROOT / "cards", tmp_path / "cards")
    shutil.copytree(ROOT / "assets", tmp_path / "assets")
    return tmp_path


# --- board.yaml -----------------------------------------------------------------------------------------


def test_real_board_is_valid_and_references_the_game(game):
    board = game.board.board
    assert {z.zone for z in board.map.zones} == {z.id for z in game.game.zones}
    assert {t.track for t in board.tracks} == {t.id for t in game.game.tracks}
    deck_ids = {d.id for d in game.decks}
    assert {s.deck for s in board.deck_spaces} <= deck_ids


BAD_CASES = {
    "unknown-key.yaml": [
        "cards/board.yaml:89:3: in 'qr': missing required key 'caption'",
        "cards/board.yaml:91:3: unknown key 'captoin' (did you mean 'caption'?)",
    ],
    "unknown-zone.yaml": [
        "cards/board.yaml:21:5: zone(s) of game.yaml not placed on the map: campagne",
        "cards/board.yaml:31:13: zone 'campagn': unknown zone 'campagn' (closest: 'campagne')",
    ],
    "unknown-deck.yaml": [
        "cards/board.yaml:64:12: deck space #4: unknown deck 'cooperation' (closest: 'cooperations', 'notions')",
    ],
    "overlap.yaml": [
        "cards/board.yaml:68:8: the legend: overlaps track 'fragilite' (line 52: x 276.0–412.0 mm, y 114.0–133.0 mm)",
    ],
    "deck-space-overlap.yaml": [
        "cards/board.yaml:65:39: deck space 'resources' (draw): with 63×88 mm poker cards the space "
        "(x 306.5–373.5 mm, y 198.0–290.0 mm) overlaps the QR block (x 370.0–410.0 mm, y 198.0–291.0 mm)",
    ],
    "narrow-track.yaml": [
        "cards/board.yaml:50:26: track 'emploi': 11 spaces in 90 mm are 8.2 mm wide; expected at least 9 mm each "
        "(make the box wider)",
    ],
    "rules-without-url.yaml": [
        "cards/board.yaml:89:11: QR code: target 'rules' needs 'rules_url' in game.yaml",
    ],
}


@pytest.mark.parametrize("case", sorted(BAD_CASES))
def test_bad_board_is_reported_with_file_line_col(case, tmp_path, monkeypatch):
    root = _copy_game(tmp_path)
    shutil.copy(BAD / case, root / "cards" / "board.yaml")
    monkeypatch.chdir(root)
    result = CliRunner().invoke(main, ["check"])
    assert result.exit_code == 1
    lines = result.output.strip().splitlines()
    assert lines[:-1] == BAD_CASES[case]
    assert lines[-1].endswith("nothing was written.")


def test_game_without_board_file_builds_no_board(tmp_path):
    root = _copy_game(tmp_path)
    (root / "cards" / "board.yaml").unlink()
    data = load_game(root)
    assert data.board is None
    assert board_outputs(data, BuildOptions(out=tmp_path / "out", lang="fr")) == []


def test_cards_too_big_for_the_deck_spaces_are_a_located_error(game, tmp_path):
    with pytest.raises(DataError) as exc:
        board_outputs(game, BuildOptions(out=tmp_path, lang="fr", card_size="tarot"))
    text = str(exc.value)
    assert text.startswith(
        "cards/board.yaml:62:36: deck space 'events' (draw): with 70×120 mm tarot cards the space leaves the board"
    )
    assert "(add --board-size a2 for tarot cards, or move the space in board.yaml)" in text
    assert len(exc.value.problems) == 5  # one per deck space, not one per neighbour
    # The same spaces fit on an A2 board, where the drawing grows and cards do not.
    outs = board_outputs(game, BuildOptions(out=tmp_path, lang="fr", card_size="tarot", board_size="a2"))
    assert [o.name for o in outs] == ["board.pdf", "board-tiles.pdf"]


# --- board.pdf ------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "size,expect",
    [("a3", (420, 297)), ("a2", (594, 420)), ("a1", (841, 594)), ("tabloid", (432, 279)), ("ledger", (432, 279))],
)
def test_board_page_size(game, tmp_path, size, expect):
    outs = {o.name: o for o in board_outputs(game, BuildOptions(out=tmp_path, lang="fr", board_size=size))}
    reader = PdfReader(io.BytesIO(outs["board.pdf"].content))
    assert len(reader.pages) == 1
    box = reader.pages[0].mediabox
    assert (round(to_mm(float(box.width))), round(to_mm(float(box.height)))) == expect


def test_board_text_is_at_least_9pt_and_in_the_right_language(game, built, tmp_path):
    with pdfplumber.open(io.BytesIO(built["board.pdf"])) as pdf:
        chars = pdf.pages[0].chars
        text = pdf.pages[0].extract_text()
    assert len(chars) > 500
    assert min(c["size"] for c in chars) >= 9 - 0.01
    for word in (
        "Territoires en coopération",
        "Centre-bourg",
        "Friche et tiers-lieu",
        "Zone d'activités",
        "Vitalité sociale",
        "Fragilité",
        "Tours",
        "Comment lire le plateau",
        "Événements",
        "Défausse, face visible",
        "© MES · CC BY-SA 4.0",
        "CC BY-SA 4.0",
    ):
        assert word in text, word
    en = {o.name: o for o in board_outputs(game, BuildOptions(out=tmp_path, lang="en"))}["board.pdf"].content
    en_text = PdfReader(io.BytesIO(en)).pages[0].extract_text()
    assert "How to read the board" in en_text and "Town centre" in en_text and "Comment lire" not in en_text


def test_round_track_has_one_space_per_round(built, game):
    with pdfplumber.open(io.BytesIO(built["board.pdf"])) as pdf:
        words = pdf.pages[0].extract_words()
    tours = next(w for w in words if w["text"] == "Tours")
    # Numbers on the same band as the round track, just below its label.
    nums = sorted(
        int(w["text"])
        for w in words
        if w["text"].isdigit()
        and tours["bottom"] < w["top"] < tours["bottom"] + mm(16)
        and w["x0"] > tours["x0"] - mm(10)
    )
    assert nums == list(range(1, game.game.parameters.rounds + 1))


def test_board_qr_code_opens_the_fiches(built, game):
    img = pdfium.PdfDocument(built["board.pdf"])[0].render(scale=150 / 72).to_pil()
    found = zxingcpp.read_barcodes(img)
    assert [r.text for r in found] == [game.game.fiches.base_url]


def test_zones_differ_in_greyscale(built, game):
    """Each zone's texture, printed in grey, differs from every other zone's (not only by colour)."""
    lay_zones = [(z.zone, z.label_at) for z in game.board.board.map.zones]
    grey = _render(built["board.pdf"], 0, dpi=100, grey=True)
    from mallette_print.board.layout import layout_board

    lay = layout_board(game, "fr")
    k = DPI / 72
    feats = {}
    for z in lay.zones:
        # A patch beside the label plate, inside the zone.
        x = int((z.label_at[0]) * k)
        y = int((lay.page_h - z.label_at[1]) * k)
        dy = int(mm(16) * k)
        patch = (
            grey[y + dy : y + dy + 40, x - 20 : x + 20]
            if z.id != "centre-bourg"
            else grey[y + dy - 4 : y + dy + 6, x - 20 : x + 20]
        )
        feats[z.id] = (
            patch.mean(),
            patch.std(),
            np.abs(np.diff(patch, axis=0)).mean(),
            np.abs(np.diff(patch, axis=1)).mean(),
        )
    ids = sorted(feats)
    assert len(ids) == len(lay_zones) == 5
    for i, a in enumerate(ids):
        for b in ids[i + 1 :]:
            distance = max(abs(p - q) for p, q in zip(feats[a], feats[b]))
            assert distance > 5, (a, b, feats[a], feats[b])


# --- board-tiles.pdf ------------------------------------------------------------------------------------


def _tile_ops(pdf: bytes, page: int) -> tuple[list[float], list[float]]:
    """The clip rectangle and the translation used to show the board form on a tile page."""
    reader = PdfReader(io.BytesIO(pdf))
    ops = ContentStream(reader.pages[page].get_contents(), reader).operations
    clip = cm = None
    for i, (args, op) in enumerate(ops):
        if op == b"re" and ops[i + 1][1] in (b"W", b"W*"):
            clip = [float(a) for a in args]
        if op == b"cm" and clip is not None and cm is None:
            cm = [float(a) for a in args]
        if op == b"Do":
            break
    assert clip is not None and cm is not None
    return clip, cm


def test_tiles_a3_on_a4_pages_labels_and_metadata(built):
    reader = PdfReader(io.BytesIO(built["board-tiles.pdf"]))
    assert len(reader.pages) == 1 + 4
    first = reader.pages[0].extract_text()
    assert "Assembler le plateau : 4 feuilles A4 paysage" in first
    for label in ("A1 (1/4)", "A2 (2/4)", "B1 (3/4)", "B2 (4/4)"):
        assert label in first
    for page, label in zip(reader.pages[1:], ("A1 (1/4)", "A2 (2/4)", "B1 (3/4)", "B2 (4/4)")):
        assert round(to_mm(float(page.mediabox.width))) == 297
        assert label in page.extract_text()
    assert "Coupez au ras de l'image : bord gauche et bord haut" in reader.pages[4].extract_text()
    for name in ("board.pdf", "board-tiles.pdf"):
        meta = PdfReader(io.BytesIO(built[name])).metadata
        assert meta.title.startswith("Territoires en coopération – Plateau")
        assert meta.author == "Mouvement pour l'Économie Solidaire (MES)"
        assert "CC BY-SA 4.0" in meta.subject and "https://creativecommons.org/licenses/by-sa/4.0/" in meta.keywords


def test_tiles_a2_on_letter(game, tmp_path):
    outs = {
        o.name: o for o in board_outputs(game, BuildOptions(out=tmp_path, lang="en", paper="letter", board_size="a2"))
    }
    reader = PdfReader(io.BytesIO(outs["board-tiles.pdf"].content))
    assert len(reader.pages) == 1 + 6
    assert (float(reader.pages[1].mediabox.width), float(reader.pages[1].mediabox.height)) == (612, 792)
    assert "B1 (4/6)" in reader.pages[4].extract_text()
    assert "Assembling the board: 6 Letter sheets, portrait" in reader.pages[0].extract_text()


def test_tile_margins_and_overlap_measured_in_the_pdf(built):
    pdf = built["board-tiles.pdf"]
    sheet_w, sheet_h = mm(297), mm(210)
    regions = {}
    for page in range(1, 5):
        (x, y, w, h), (_, _, _, _, tx, ty) = _tile_ops(pdf, page)
        # Printer margins: the board window keeps at least 5 mm from every edge of the sheet.
        assert to_mm(x) >= 5 - 1e-3 and to_mm(sheet_w - x - w) >= 5 - 1e-3
        assert to_mm(y) >= 5 - 1e-3 and to_mm(sheet_h - y - h) >= 5 - 1e-3
        regions[page] = (x - tx, y - ty, w, h)  # the part of the board shown, in board coordinates
        # Nothing at all is printed in the 5 mm margin (rendered pixels).
        img = _render(pdf, page)
        edge = int(mm(5) * DPI / 72) - 1
        for band in (img[:edge, :], img[-edge:, :], img[:, :edge], img[:, -edge:]):
            assert band.min() >= 250
    a1, a2, b1 = regions[1], regions[2], regions[3]
    assert to_mm(a1[0] + a1[2] - a2[0]) == pytest.approx(10, abs=0.01)  # A1 | A2
    assert to_mm(b1[1] + b1[3] - a1[1]) == pytest.approx(10, abs=0.01)  # A1 over B1


def _window_vs_board(tiles_pdf: bytes, board_pdf: bytes, page: int, shift_mm: float = 0.0) -> float:
    """Share of pixels that differ between a tile's inner window and the matching crop of the board."""
    plan = plan_tiles(mm(420), mm(297), PAPERS["a4"])
    t = plan.tiles[page - 1]
    k = DPI / 72
    tile = _render(tiles_pdf, page)
    board = _render(board_pdf, 0)
    band = plan.overlap + mm(1)
    # Inside the overlap bands (crosses, glue hints) the tile differs on purpose: compare the rest.
    left = band if t.has_left else mm(1)
    right = band if t.has_right else mm(1)
    top = band if t.has_top else mm(1)
    bottom = band if t.has_bottom else mm(1)
    w, h = t.src.w - left - right, t.src.h - top - bottom
    tx, ty = t.dest_x + left, plan.sheet_h - (t.dest_y + t.src.h) + top
    bx, by = t.src.x + left + mm(shift_mm), plan.board_h - (t.src.y + t.src.h) + top
    iw, ih = int(w * k), int(h * k)
    a = tile[round(ty * k) : round(ty * k) + ih, round(tx * k) : round(tx * k) + iw]
    # The two renders sit at different sub-pixel phases: soften both by a 3×3 box blur before comparing, and
    # take the best of the board crops one pixel (0.25 mm) either way (a 1 mm shift still shows).
    best = 1.0
    for dy in (-1, 0, 1):
        for dx in (-1, 0, 1):
            y0, x0 = round(by * k) + dy, round(bx * k) + dx
            b = board[y0 : y0 + ih, x0 : x0 + iw]
            assert a.shape == b.shape and a.size > 10_000
            best = min(best, float((np.abs(_blur(a) - _blur(b)) > 40).mean()))
    return best


def _blur(a):
    p = np.pad(a.astype(float), 1, mode="edge")
    return sum(p[i : i + a.shape[0], j : j + a.shape[1]] for i in range(3) for j in range(3)) / 9


@pytest.mark.parametrize("page", [1, 2, 3, 4])
def test_tile_matches_the_board_crop_at_100_dpi(built, page):
    assert _window_vs_board(built["board-tiles.pdf"], built["board.pdf"], page) < 0.015


def test_pixel_comparison_catches_a_1mm_shift(built):
    assert _window_vs_board(built["board-tiles.pdf"], built["board.pdf"], 1, shift_mm=1.0) > 0.03


def test_board_is_drawn_once_as_a_form(built):
    reader = PdfReader(io.BytesIO(built["board-tiles.pdf"]))
    names = set()
    for page in reader.pages:
        xobjects = page["/Resources"].get("/XObject", {})
        names |= {str(n) for n in xobjects}
        for _, obj in xobjects.items():
            assert obj.get_object()["/Subtype"] == "/Form"
    assert names == {"/FormXob.board"}
    # One shared board: the tiles file is barely larger than the board itself.
    assert len(built["board-tiles.pdf"]) < len(built["board.pdf"]) * 1.3


# --- build ----------------------------------------------------------------------------------------------


def test_build_is_byte_identical_and_honours_board_size(tmp_path, monkeypatch):
    root = _copy_game(tmp_path / "game")
    monkeypatch.chdir(root)
    runner = CliRunner()
    r1 = runner.invoke(main, ["build", "--out", "o1", "--board-size", "a2", "--paper", "letter"])
    r2 = runner.invoke(main, ["build", "--out", "o2", "--board-size", "a2", "--paper", "letter"])
    assert r1.exit_code == 0 and r2.exit_code == 0, r1.output
    for name in ("board.pdf", "board-tiles.pdf"):
        assert (root / "o1" / name).read_bytes() == (root / "o2" / name).read_bytes()
    box = PdfReader(root / "o1" / "board.pdf").pages[0].mediabox
    assert (round(to_mm(float(box.width))), round(to_mm(float(box.height)))) == (594, 420)
    assert "board-tiles.pdf" in r1.output and "6 feuilles Letter portrait" in r1.output
    bad = runner.invoke(main, ["build", "--out", "o3", "--board-size", "a5"])
    assert bad.exit_code == 2 and "a5" in bad.output
    # With Letter paper and no --board-size the board is tabloid (11×17 in, landscape).
    us = runner.invoke(main, ["build", "--out", "o4", "--paper", "letter", "--lang", "en"])
    assert us.exit_code == 0, us.output
    box = PdfReader(root / "o4" / "board.pdf").pages[0].mediabox
    assert (float(box.width), float(box.height)) == (17 * 72, 11 * 72)
    assert "Tabloid (11×17 in) landscape" in us.output and "4 Letter sheets landscape" in us.output


def test_run_build_writes_both_board_files(game, tmp_path):
    lines = plan_lines(run_build(game, BuildOptions(out=tmp_path, lang="fr")))
    assert (tmp_path / "board.pdf").is_file() and (tmp_path / "board-tiles.pdf").is_file()
    assert any("board-tiles.pdf" in line and "4 feuilles A4 paysage" in line for line in lines)
