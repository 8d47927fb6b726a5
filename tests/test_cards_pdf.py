"""cards.pdf and friends, measured from the files a user gets: millimetres, QR codes, text, boxes."""

from __future__ import annotations

import shutil
from pathlib import Path

import pdfplumber
import pypdf
import pypdfium2 as pdfium
import pytest
import zxingcpp
from click.testing import CliRunner

from mallette_print.cli import main
from mallette_print.core.validate import load_game

REPO = Path(__file__).resolve().parent.parent
MM = 72 / 25.4
NOTICE = "© MES · CC BY-SA 4.0"


def build(out: Path, *args: str, game: Path = REPO) -> CliRunner:
    result = CliRunner().invoke(main, ["build", "--game", str(game), "--out", str(out), *args])
    assert result.exit_code == 0, result.output
    return result


@pytest.fixture(scope="module")
def long_a4(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("long")
    build(out, "--print-shop", "--png", "100")
    return out


def cut_marks(page: pdfplumber.page.Page) -> list[dict]:
    return [ln for ln in page.lines if abs(ln["linewidth"] - 0.25) < 0.01]


def test_card_size_cards_per_page_and_margins_from_the_cut_marks(long_a4: Path) -> None:
    with pdfplumber.open(long_a4 / "cards.pdf") as pdf:
        page = pdf.pages[4]  # a full sheet: 8 cards turned a quarter, 2 across and 4 down
        marks = cut_marks(page)
        xs = sorted({round(ln["x0"] / MM, 2) for ln in marks if ln["x0"] == ln["x1"]})
        ys = sorted({round(ln["top"] / MM, 2) for ln in marks if ln["top"] == ln["bottom"]})
        assert [round(b - a, 2) for a, b in zip(xs, xs[1:])] == [88.0] * 2
        assert [round(b - a, 2) for a, b in zip(ys, ys[1:])] == [63.0] * 4
        W, H = page.width / MM, page.height / MM
        # room for the printer's blank border (6.35 mm), 3 mm of mark and the 3 mm bleed
        assert min(xs[0], ys[0], W - xs[-1], H - ys[-1]) >= 12.35
    text = pdfium.PdfDocument(long_a4 / "cards.pdf")[4].get_textpage().get_text_range()
    assert text.count(NOTICE) == 8


def test_cut_marks_are_only_in_the_margins(long_a4: Path) -> None:
    with pdfplumber.open(long_a4 / "cards.pdf") as pdf:
        for page in pdf.pages[2::2]:  # front sheets
            marks = cut_marks(page)
            assert len(marks) == 16
            gx0 = min(ln["x0"] for ln in marks if ln["x0"] == ln["x1"])
            gx1 = max(ln["x0"] for ln in marks if ln["x0"] == ln["x1"])
            gy0 = min(ln["top"] for ln in marks if ln["top"] == ln["bottom"])
            gy1 = max(ln["top"] for ln in marks if ln["top"] == ln["bottom"])
            for ln in marks:
                inside_x = gx0 + 0.5 < (ln["x0"] + ln["x1"]) / 2 < gx1 - 0.5 and ln["x0"] != ln["x1"]
                inside_y = gy0 + 0.5 < (ln["top"] + ln["bottom"]) / 2 < gy1 - 0.5 and ln["top"] != ln["bottom"]
                assert not inside_x and not inside_y
                # a mark never enters the grid of cards
                assert (
                    ln["bottom"] <= gy0 + 0.01
                    or ln["top"] >= gy1 - 0.01
                    or ln["x1"] <= gx0 + 0.01
                    or ln["x0"] >= gx1 - 0.01
                )


def _card_centres(page: pdfplumber.page.Page) -> list[tuple[float, float]]:
    """Centres of the card backgrounds (drawn 3 mm into the bleed: 69 × 94 mm, upright or turned)."""
    return sorted(
        {
            (round((r["x0"] + r["x1"]) / 2 / MM, 1), round((r["top"] + r["bottom"]) / 2 / MM, 1))
            for r in page.rects
            if sorted((round(r["width"] / MM, 1), round(r["height"] / MM, 1))) == [69.0, 94.0]
        }
    )


@pytest.mark.parametrize("duplex,offset", [("long", (0.0, 0.0)), ("short", (0.0, 0.0)), ("long", (1.5, -0.8))])
def test_backs_sit_behind_their_fronts(tmp_path: Path, duplex: str, offset: tuple[float, float]) -> None:
    build(tmp_path, "--duplex", duplex, "--offset", f"{offset[0]},{offset[1]}", "--paper", "letter")
    with pdfplumber.open(tmp_path / "cards.pdf") as pdf:
        W, H = pdf.pages[0].width / MM, pdf.pages[0].height / MM
        for front, back in ((pdf.pages[2], pdf.pages[3]), (pdf.pages[4], pdf.pages[5])):
            fronts = _card_centres(front)
            backs = _card_centres(back)
            assert len(fronts) == len(backs) > 0
            # pdfplumber's y grows downwards: an offset DY up the page is -DY here
            if duplex == "long":
                expected = sorted((round(W - x + offset[0], 1), round(y - offset[1], 1)) for x, y in fronts)
            else:
                expected = sorted((round(x + offset[0], 1), round(H - y - offset[1], 1)) for x, y in fronts)
            assert len(backs) == len(expected)
            for (bx, by), (ex, ey) in zip(backs, expected):
                assert abs(bx - ex) <= 0.1 and abs(by - ey) <= 0.1


def test_fold_sheets_hold_front_and_back_side_by_side(tmp_path: Path) -> None:
    build(tmp_path, "--duplex", "fold")
    with pdfplumber.open(tmp_path / "cards.pdf") as pdf:
        data = load_game(REPO)
        per_deck = [-(-deck.total // 4) for deck in data.decks]  # ceil(n/4) fold sheets per deck
        assert len(pdf.pages) == 1 + sum(per_deck)  # the instruction page, then each deck on its own sheets
        page = pdf.pages[1]
        dashed = [ln for ln in page.lines if abs(ln["linewidth"] - 0.5) < 0.01]
        assert dashed, "fold lines"
        assert sum(1 for ch in page.chars if ch["text"] == "©") == 4  # four faces (turned a quarter)
        sides = [r for r in page.rects if {round(r["width"] / MM), round(r["height"] / MM)} == {69, 94}]
        assert len(sides) == 8  # four faces and their four backs
        # each back is the mirror of its face across a fold line, on the same sheet
        centres = sorted(((r["x0"] + r["x1"]) / 2 / MM, (r["top"] + r["bottom"]) / 2 / MM) for r in sides)
        folds = sorted({round(ln["x0"] / MM, 2) for ln in dashed})
        for x, y in centres:
            assert any(abs((2 * f - x) - x2) < 0.1 and abs(y - y2) < 0.1 for f in folds for x2, y2 in centres)


def test_none_has_no_back_pages(tmp_path: Path) -> None:
    build(tmp_path, "--duplex", "none")
    assert not (tmp_path / "duplex-calibration.pdf").exists()
    # The back of every card carries the game's title; without backs no page after the instructions does.
    # (pdfium reads the text: pdfplumber took 20 s over these pages.)
    pdf = pdfium.PdfDocument(tmp_path / "cards.pdf")
    texts = [pdf[i].get_textpage().get_text_range() for i in range(1, len(pdf))]
    pdf.close()
    assert texts and all(texts)
    assert not any("TERRITOIRES EN COOPÉRATION" in t for t in texts)


def test_every_qr_code_decodes_to_its_fiche_url(long_a4: Path) -> None:
    data = load_game(REPO)
    expected = sorted(data.fiche_url(c.fiche) for d, c in data.cards() for _ in range(c.quantity) if c.fiche)
    decoded = []
    pdf = pdfium.PdfDocument(long_a4 / "cards.pdf")
    for i in range(2, len(pdf), 2):
        img = pdf[i].render(scale=150 / 72).to_pil()
        decoded += [r.text for r in zxingcpp.read_barcodes(img) if r.format == zxingcpp.BarcodeFormat.QRCode]
    pdf.close()
    assert sorted(decoded) == expected


def test_qr_codes_are_vector_at_least_20mm(long_a4: Path) -> None:
    reader = pypdf.PdfReader(long_a4 / "cards.pdf")
    for page in reader.pages:
        xobjects = page["/Resources"].get("/XObject", {})
        for name, ref in xobjects.items():
            assert ref.get_object()["/Subtype"] == "/Form", f"{name} is an image"
    with pdfplumber.open(long_a4 / "cards.pdf") as pdf:
        chars = pdf.pages[2].chars  # the QR quiet zone is a white square in the QR form: 20 mm
        squares = [r for r in pdf.pages[2].rects if abs(r["width"] - r["height"]) < 0.01 and r["width"] / MM >= 20]
        assert len(squares) >= 4 and chars


def test_licence_notice_on_every_face_at_least_5pt(long_a4: Path) -> None:
    data = load_game(REPO)
    total = sum(c.quantity for _, c in data.cards())
    doc = pdfium.PdfDocument(long_a4 / "cards.pdf")  # reads turned text in its own direction
    text = "".join(doc[i].get_textpage().get_text_range() for i in range(2, len(doc), 2))
    doc.close()
    assert text.count(NOTICE) == total
    with pdfplumber.open(long_a4 / "cards.pdf") as pdf:
        sizes = {
            round(float(ch["size"] if ch["upright"] else ch["x1"] - ch["x0"]), 2)  # a turned card's text: its width
            for p in pdf.pages[2::2]
            for ch in p.chars
            if ch["text"] == "©"
        }
        assert min(sizes) >= 5.0


def test_fonts_embedded_and_metadata(long_a4: Path) -> None:
    reader = pypdf.PdfReader(long_a4 / "cards.pdf")
    fonts = set()

    def walk(res: object) -> None:
        res = res.get_object() if hasattr(res, "get_object") else res
        for font in (res.get("/Font") or {}).values():
            f = font.get_object()
            fonts.add(f["/BaseFont"])
            assert f["/Subtype"] == "/TrueType", f["/BaseFont"]
            assert "/FontFile2" in f["/FontDescriptor"].get_object(), f["/BaseFont"]
        for x in (res.get("/XObject") or {}).values():
            x = x.get_object()
            if "/Resources" in x:
                walk(x["/Resources"])

    for page in reader.pages:
        walk(page["/Resources"])
    assert fonts and all("Atkinson" in f for f in fonts)
    meta = reader.metadata
    assert "Cartes" in meta.title and "MES" in meta.author and "CC BY-SA 4.0" in meta["/Keywords"]
    assert reader.trailer["/Root"]["/Lang"] == "fr-FR"


def test_two_builds_are_byte_identical(long_a4: Path, tmp_path: Path) -> None:
    build(tmp_path, "--print-shop")
    for name in ("cards.pdf", "cards-printshop.pdf", "duplex-calibration.pdf"):
        assert (tmp_path / name).read_bytes() == (long_a4 / name).read_bytes(), name


def test_print_shop_pages_are_trim_plus_bleed_with_boxes_in_cmyk(long_a4: Path) -> None:
    reader = pypdf.PdfReader(long_a4 / "cards-printshop.pdf")
    data = load_game(REPO)
    assert len(reader.pages) == 2 * sum(c.quantity for _, c in data.cards())
    for page in reader.pages[:4]:
        assert [round(float(v) / MM, 2) for v in page.mediabox] == [0, 0, 69, 94]
        assert [round(float(v) / MM, 2) for v in page.trimbox] == [3, 3, 66, 91]
        assert [round(float(v) / MM, 2) for v in page.bleedbox] == [0, 0, 69, 94]
    streams = []
    for page in reader.pages[:2]:
        for x in page["/Resources"]["/XObject"].values():
            streams.append(x.get_object().get_data())
    ops = b" ".join(streams)
    assert b" k" in ops and b" rg" not in ops and b" RG" not in ops


def test_png_previews_one_per_distinct_face(long_a4: Path) -> None:
    from PIL import Image

    data = load_game(REPO)
    pngs = sorted((long_a4 / "png").glob("*.png"))
    assert len(pngs) == len(data.cards())
    with Image.open(pngs[0]) as img:  # 63 × 88 mm at 100 dpi (pdfium rounds up)
        assert abs(img.size[0] - 63 / 25.4 * 100) <= 1 and abs(img.size[1] - 88 / 25.4 * 100) <= 1


def test_instruction_page_says_how_to_print_with_a_50mm_square(long_a4: Path) -> None:
    with pdfplumber.open(long_a4 / "cards.pdf") as pdf:
        first = pdf.pages[0]
        text = first.extract_text()
        assert "100" in text and "bord long" in text and "--offset" in text
        squares = [r for r in first.rects if abs(r["width"] / MM - 50) < 0.01 and abs(r["height"] / MM - 50) < 0.01]
        assert len(squares) == 1


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_real_game_fits_in_both_languages_at_poker_size(tmp_path: Path, lang: str) -> None:
    build(tmp_path, "--lang", lang, "--duplex", "none")


def test_ink_saver_and_guides_build(tmp_path: Path) -> None:
    build(tmp_path, "--ink-saver", "--guides", "--size", "tarot", "--board-size", "a2")
    with pdfplumber.open(tmp_path / "cards.pdf") as pdf:
        marks = cut_marks(pdf.pages[2])
        xs = sorted({round(ln["x0"] / MM, 2) for ln in marks if ln["x0"] == ln["x1"]})
        assert [round(b - a, 2) for a, b in zip(xs, xs[1:])] == [70.0, 70.0]


def test_text_overflow_names_card_field_language_and_amount(tmp_path: Path) -> None:
    game = tmp_path / "game"
    shutil.copytree(REPO / "tests" / "data" / "sample", game)  # stable texts, whatever the real game becomes
    shutil.copytree(REPO / "assets", game / "assets")
    path = game / "cards" / "events.yaml"
    text = path.read_text(encoding="utf-8")
    long = "Un texte bien trop long pour la carte, répété sans fin. " * 12
    text = text.replace('fr: "La *Vitalité sociale* monte de 1."', f'fr: "{long}"')
    path.write_text(text, encoding="utf-8")
    result = CliRunner().invoke(main, ["build", "--game", str(game), "--out", str(tmp_path / "out")])
    assert result.exit_code == 1
    line = next(i for i, ln in enumerate(text.splitlines(), 1) if long[:30] in ln)
    assert f"events.yaml:{line}:" in result.output
    assert "card 'appel-projets'" in result.output and "the fr texts do not fit together" in result.output
    assert "too tall at 7 pt" in result.output and "the longest is effect" in result.output
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize(
    "args,message",
    [
        (["--size", "huge"], "--size"),
        (["--offset", "1"], "--offset"),
        (["--duplex", "both"], "--duplex"),
        (["--png", "0"], "--png"),
    ],
)
def test_bad_options_exit_2(tmp_path: Path, args: list[str], message: str) -> None:
    result = CliRunner().invoke(main, ["build", "--game", str(REPO), "--out", str(tmp_path), *args])
    assert result.exit_code == 2 and message in result.output


def test_calibrate_command_writes_the_calibration_sheet(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["calibrate", "--game", str(REPO), "--out", str(tmp_path), "--paper", "letter"])
    assert result.exit_code == 0, result.output
    with pdfplumber.open(tmp_path / "duplex-calibration.pdf") as pdf:
        assert len(pdf.pages) == 2 and "DX" in pdf.pages[1].extract_text()
    # What to do next, in the game's language (French here).
    assert "imprimez les pages 1 et 2 en recto verso" in result.output and "--offset DX,DY" in result.output


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_real_game_fits_bridge_cards(tmp_path: Path, lang: str) -> None:
    # Narrow cards: a notion's 26 mm QR code gives up room (down to 20 mm) and long ids wrap their version.
    build(tmp_path, "--size", "bridge", "--lang", lang)
    with pdfplumber.open(tmp_path / "cards.pdf") as pdf:
        text = pdf.pages[-2].extract_text() or ""  # bridge cards are turned a quarter: text may read backwards
        assert "notion-utilite-sociale" in text or "notion-utilite-sociale"[::-1] in text
