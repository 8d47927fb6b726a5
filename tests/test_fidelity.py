"""Print fidelity on a home printer, measured on the built PDFs: embedded fonts only, no tiny text on cards,
readable calibration scales, visible fold lines, backs that bleed wherever they have no neighbour."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pdfplumber
import pypdf
import pypdfium2 as pdfium
import pytest
from click.testing import CliRunner
from pypdf.generic import ContentStream

from mallette_print.cards.imposition import plan_sheet
from mallette_print.cli import main
from mallette_print.core.cardsize import parse_card_size

REPO = Path(__file__).resolve().parent.parent
MM = 72 / 25.4

# Option sets covering both languages and papers, every duplex mode, ink saver, guides, print shop, card sizes
# and board sizes; every PDF of each build is checked.
OPTION_SETS = {
    "default": (),
    "en": ("--lang", "en", "--paper", "letter", "--size", "bridge", "--duplex", "short", "--guides", "--ink-saver"),
    "fold": ("--duplex", "fold", "--board-size", "a2", "--print-shop", "--offset", "1,-0.5"),
    "none": ("--duplex", "none", "--size", "tarot", "--paper", "letter", "--board-size", "a2"),
    "letter-fold": ("--paper", "letter", "--lang", "en", "--ink-saver", "--duplex", "fold"),
}


def build(out: Path, *args: str) -> None:
    result = CliRunner().invoke(main, ["build", "--game", str(REPO), "--out", str(out), *args])
    assert result.exit_code == 0, result.output


@pytest.fixture(scope="module")
def builds(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    out = {}
    for name, args in OPTION_SETS.items():
        folder = tmp_path_factory.mktemp(name)
        build(folder, *args)
        out[name] = folder
    return out


def unembedded_fonts(path: Path) -> set[str]:
    """Every font a PDF refers to (pages and forms, nested) that carries no font file."""
    reader = pypdf.PdfReader(path)
    bad: set[str] = set()
    seen: set[int] = set()

    def walk(res: Any) -> None:
        res = res.get_object() if hasattr(res, "get_object") else res
        for font in (res.get("/Font") or {}).values():
            f = font.get_object()
            desc = f.get("/FontDescriptor")
            if f.get("/Subtype") == "/Type0":
                desc = f["/DescendantFonts"][0].get_object().get("/FontDescriptor")
            files = desc.get_object() if desc is not None else {}
            if not any(k in files for k in ("/FontFile", "/FontFile2", "/FontFile3")):
                bad.add(str(f.get("/BaseFont")))
        for x in (res.get("/XObject") or {}).values():
            if hasattr(x, "idnum"):
                if x.idnum in seen:
                    continue
                seen.add(x.idnum)
            x = x.get_object()
            if "/Resources" in x:
                walk(x["/Resources"])

    for page in reader.pages:
        walk(page["/Resources"])
    return bad


def test_every_pdf_of_every_build_embeds_every_font_it_uses(builds: dict[str, Path]) -> None:
    checked = 0
    for name, folder in builds.items():
        for pdf in sorted(folder.glob("*.pdf")):
            assert unembedded_fonts(pdf) == set(), f"{name}/{pdf.name}"
            checked += 1
    assert checked >= 25


def test_rulebook_bullets_questions_and_steps_are_in_the_embedded_font(builds: dict[str, Path]) -> None:
    with pdfplumber.open(builds["default"] / "rulebook.pdf") as pdf:
        fonts = {ch["fontname"] for p in pdf.pages for ch in p.chars}
        markers = [ch for p in pdf.pages for ch in p.chars if ch["text"] in ("•", "?")]
    assert markers
    assert all("Atkinson" in f for f in fonts), fonts


def rings(page: pdfplumber.page.Page) -> list[dict]:
    """The badges' rings: 10 mm circles (centre line), 1 pt wide."""
    return [c for c in page.curves if abs(c["width"] - 10 * MM) < 0.5 and abs(c["height"] - 10 * MM) < 0.5]


def font_size(ch: dict) -> float:
    """A character's font size; pdfminer's `size` of a quarter-turned character is its advance, not its size."""
    return float(ch["size"] if ch["upright"] else ch["x1"] - ch["x0"])


def card_pages(folder: Path) -> list[tuple[str, pdfplumber.page.Page, pdfplumber.PDF]]:
    out = []
    for name in ("cards.pdf", "cards-printshop.pdf"):
        if (folder / name).exists():
            pdf = pdfplumber.open(folder / name)
            out += [(name, p, pdf) for p in pdf.pages if rings(p)]
    return out


def test_no_text_under_5_5_pt_on_cards_and_badge_captions_clear_their_ring(builds: dict[str, Path]) -> None:
    captions = 0
    for name in ("default", "en", "fold"):
        pages = card_pages(builds[name])
        assert pages
        for file, page, _ in pages:
            smallest = min(font_size(ch) for ch in page.chars)
            assert smallest >= 5.5 - 1e-6, (name, file, page.page_number, smallest)
            for ring in rings(page):
                cx, cy = (ring["x0"] + ring["x1"]) / 2, (ring["top"] + ring["bottom"]) / 2
                inner = ring["width"] / 2 - ring["linewidth"] / 2
                for ch in page.chars:
                    mx, my = (ch["x0"] + ch["x1"]) / 2, (ch["top"] + ch["bottom"]) / 2
                    # The caption is the 5.5 pt text whose centre is inside the ring.
                    if abs(font_size(ch) - 5.5) > 0.01 or (mx - cx) ** 2 + (my - cy) ** 2 > inner**2:
                        continue
                    # The caption's whole box (font ascent to descent) inside the ring's inner edge.
                    captions += 1
                    far = max(
                        ((x - cx) ** 2 + (y - cy) ** 2) ** 0.5
                        for x in (ch["x0"], ch["x1"])
                        for y in (ch["top"], ch["bottom"])
                    )
                    assert far <= inner - 0.2, (name, file, page.page_number, ch["text"], inner - far)
        for _, _, pdf in {id(p[2]): p for p in pages}.values():
            pdf.close()
    assert captions > 500


def ink_labels(path: Path, index: int) -> list[tuple[str, list[float]]]:
    """The words of a page with their glyphs' tight boxes (pdfium), split at spaces and at gaps over 1.5 pt."""
    page = pdfium.PdfDocument(path)[index]
    tp = page.get_textpage()
    out: list[tuple[str, list[float]]] = []
    cur: list[Any] | None = None
    for i in range(tp.count_chars()):
        ch = tp.get_text_range(i, 1)
        if not ch.strip():
            cur = None
            continue
        box = list(tp.get_charbox(i, loose=False))
        if cur is None or box[0] - cur[1][2] > 1.5 or abs(box[1] - cur[1][1]) > 3:
            cur = [ch, box]
            out.append((ch, box))
            continue
        cur[0] += ch
        b = cur[1]
        cur[1] = [min(b[0], box[0]), min(b[1], box[1]), max(b[2], box[2]), max(b[3], box[3])]
        out[-1] = (cur[0], cur[1])
    return out


@pytest.mark.parametrize(
    ("build_name", "file", "index"),
    [
        ("default", "duplex-calibration.pdf", 1),
        ("default", "cards.pdf", 1),
        ("en", "duplex-calibration.pdf", 1),
    ],
)
def test_calibration_labels_do_not_overlap(builds: dict[str, Path], build_name: str, file: str, index: int) -> None:
    labels = ink_labels(builds[build_name] / file, index)
    scale = [t for t, _ in labels if t.lstrip("\u2212").isdigit()]
    assert len(scale) == 18  # -8 to 8 every 2 mm, on both scales
    for a, (ta, A) in enumerate(labels):
        for tb, B in labels[a + 1 :]:
            dx = min(A[2], B[2]) - max(A[0], B[0])
            dy = min(A[3], B[3]) - max(A[1], B[1])
            assert dx < -0.3 or dy < -0.3, f"{ta!r} and {tb!r} overlap by {dx / MM:.2f} x {dy / MM:.2f} mm"


def fold_lines(page: pdfplumber.page.Page) -> list[dict]:
    """The black fold lines drawn on the pairs (0.6 pt; the margin dashes are 0.5 pt)."""
    return [
        ln
        for ln in page.lines
        if abs(ln["linewidth"] - 0.6) < 0.01 and tuple(ln["stroking_color"] or ()) in ((0,), (0, 0, 0), (0, 0, 0, 1))
    ]


@pytest.mark.parametrize(("build_name", "paper"), [("fold", "a4"), ("letter-fold", "letter")])
def test_fold_line_is_on_every_pair_and_shows_on_ink_saver_backs(
    builds: dict[str, Path], build_name: str, paper: str
) -> None:
    path = builds[build_name] / "cards.pdf"
    doc = pdfium.PdfDocument(path)
    with pdfplumber.open(path) as pdf:
        sheets = pdf.pages[1:]
        for index, page in enumerate(sheets, 1):
            lines = fold_lines(page)
            assert lines, f"page {index + 1} has no fold line on its pairs"
            # The first sheet of each deck is full: one fold per card (a front and its back beside or below it).
            lengths = {round(max(ln["x1"] - ln["x0"], ln["bottom"] - ln["top"]) / MM, 2) for ln in lines}
            assert lengths <= {63.0, 88.0}, lengths
            if index == 1:
                assert len(lines) == plan_sheet(paper, parse_card_size("63x88"), "fold").per_sheet
            scale = 200 / 72
            img = doc[index].render(scale=scale, grayscale=True).to_pil()
            for ln in lines:
                # Sample the line itself, away from its ends: dark dashes over every kind of back.
                xs = [ln["x0"] + (ln["x1"] - ln["x0"]) * t / 40 for t in range(4, 37)]
                ys = [ln["top"] + (ln["bottom"] - ln["top"]) * t / 40 for t in range(4, 37)]
                dark = sum(img.getpixel((int(x * scale), int(y * scale))) < 100 for x, y in zip(xs, ys))
                assert dark >= len(xs) * 0.3, (build_name, index + 1, dark, len(xs))


@pytest.mark.parametrize(("build_name", "steps"), [("default", 4), ("fold", 3), ("none", 3), ("en", 4)])
def test_instruction_steps_are_numbered_without_a_gap(builds: dict[str, Path], build_name: str, steps: int) -> None:
    with pdfplumber.open(builds[build_name] / "cards.pdf") as pdf:
        lines = [ln["text"] for ln in pdf.pages[0].extract_text_lines()]
    numbers = [int(t.split(".")[0]) for t in lines if t[:1].isdigit() and t[1:3] == ". "]
    assert numbers == list(range(1, steps + 1)), lines


def bare_back_edges(path: Path, paper: str, size: str, duplex: str) -> tuple[int, int]:
    """(back edges without a printed neighbour, those of them that stop at the trim), from the clip rectangle each
    back is drawn in (`re W* n` before its form) against the sheet plan's trim boxes."""
    card = parse_card_size(size)
    plan = plan_sheet(paper, card, duplex)
    slots = [s.box for s in plan.backs]
    reader = pypdf.PdfReader(path)
    edges = bare = 0
    first = 2  # the instruction page and the calibration back come first
    for index in range(first + 1, len(reader.pages), 2):  # the back pages
        ops = ContentStream(reader.pages[index].get_contents(), reader).operations
        clips = [[float(v) for v in args] for (args, op), (_, nxt) in zip(ops, ops[1:]) if op == b"re" and nxt == b"W*"]
        clips = [(x, y, x + w, y + h) for x, y, w, h in clips]
        printed = [
            b
            for b in slots
            if any(
                c[0] <= b[0] + 0.01 and b[2] <= c[2] + 0.01 and c[1] <= b[1] + 0.01 and b[3] <= c[3] + 0.01
                for c in clips
            )
        ]
        assert len(printed) == len(clips) > 0
        for box, clip in zip(sorted(printed), sorted(clips)):
            x0, y0, x1, y1 = box
            for edge, probe in (
                (0, (x0 - 1, (y0 + y1) / 2)),
                (1, ((x0 + x1) / 2, y0 - 1)),
                (2, (x1 + 1, (y0 + y1) / 2)),
                (3, ((x0 + x1) / 2, y1 + 1)),
            ):
                if any(b[0] < probe[0] < b[2] and b[1] < probe[1] < b[3] for b in printed):
                    assert abs(clip[edge] - box[edge]) < 0.01  # never into a printed neighbour
                    continue
                edges += 1
                bare += abs(clip[edge] - box[edge]) < card.bleed - 0.01
    return edges, bare


@pytest.mark.parametrize(
    ("build_name", "paper", "size", "duplex"),
    [("default", "a4", "63x88", "long"), ("en", "letter", "57x89", "short")],
)
def test_backs_bleed_next_to_the_empty_slots_of_partial_sheets(
    builds: dict[str, Path], build_name: str, paper: str, size: str, duplex: str
) -> None:
    edges, bare = bare_back_edges(builds[build_name] / "cards.pdf", paper, size, duplex)
    assert edges > 0
    assert bare == 0, f"{bare} of {edges} back edges without a neighbour stop at the trim"
