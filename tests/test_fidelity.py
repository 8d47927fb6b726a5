"""Print fidelity on a home printer, measured on the built PDFs: embedded fonts only, no tiny text on cards,
readable calibration scales, visible fold lines, backs that bleed wherever they have no neighbour."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pdfplumber
import pypdf
import pytest
from click.testing import CliRunner

from mallette_print.cli import main

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
