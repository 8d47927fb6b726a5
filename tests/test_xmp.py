"""Licence metadata in every PDF the build writes, and builds that stay byte-identical."""

from __future__ import annotations

import io
from pathlib import Path

import pikepdf
from pypdf import PdfReader

from mallette_print.cli import main
from mallette_print.core.licensing import pdf_meta
from mallette_print.core.validate import load_game
from mallette_print.draw.pdf import new_canvas
from mallette_print.pipeline.options import BuildOptions, Output
from mallette_print.pipeline.registry import default_registry
from mallette_print.pipeline.run import run_build

REPO = Path(__file__).resolve().parent.parent
DEED = "https://creativecommons.org/licenses/by-sa/4.0/"


def licence_fields(pdf: Path) -> dict[str, str]:
    with pikepdf.open(pdf) as doc:
        meta = doc.open_metadata()
        return {
            k: str(meta.get(k, ""))
            for k in ("dc:rights", "xmpRights:Marked", "xmpRights:WebStatement", "dc:title", "dc:creator")
        }


def test_every_pdf_of_a_real_build_carries_the_licence(project: Path, runner) -> None:
    result = runner.invoke(main, ["build", "--out", "out"])
    assert result.exit_code == 0, result.output
    pdfs = sorted(Path("out").glob("*.pdf"))
    assert {"rulebook.pdf", "rulebook-booklet.pdf"} <= {p.name for p in pdfs}
    for pdf in pdfs:
        xmp = licence_fields(pdf)
        assert "CC BY-SA 4.0" in xmp["dc:rights"], pdf.name
        assert "Mouvement pour l'Économie Solidaire (MES)" in xmp["dc:rights"]
        assert xmp["xmpRights:Marked"] == "True"
        assert xmp["xmpRights:WebStatement"] == DEED
        assert "Territoires en coopération" in xmp["dc:title"]
        info = PdfReader(pdf).metadata
        assert info is not None and "CC BY-SA 4.0" in (info.subject or "") and info.title == xmp["dc:title"]


def test_rebuilds_are_byte_identical(project: Path, runner) -> None:
    for out in ("a", "b"):
        assert runner.invoke(main, ["build", "--out", out]).exit_code == 0
    names = sorted(p.name for p in Path("a").iterdir())
    assert names
    for name in names:
        assert (Path("a") / name).read_bytes() == (Path("b") / name).read_bytes(), name


def test_pipeline_stamps_pdfs_of_any_producer(project: Path, tmp_path: Path) -> None:
    # A stand-in for the cards or board producer: whatever it writes gets the XMP licence.
    data = load_game(project)

    def other(d, opts, ctx):  # type: ignore[no-untyped-def]
        buf = io.BytesIO()
        c, _ = new_canvas(buf, (595, 842), pdf_meta(d, opts.lang, "Cartes"))
        c.drawString(72, 72, "carte")
        c.showPage()
        c.save()
        return [Output("cards.pdf", buf.getvalue(), 1), Output("notes.txt", b"not a pdf")]

    reg = default_registry()
    reg.add("cards", other)
    out = tmp_path / "o"
    run_build(data, BuildOptions(out=out, lang="fr"), reg)
    assert licence_fields(out / "cards.pdf")["xmpRights:WebStatement"] == DEED
    assert (out / "notes.txt").read_bytes() == b"not a pdf"
    # The rulebook's print guide lists the other producer's file.
    text = " ".join(p.extract_text() for p in PdfReader(out / "rulebook.pdf").pages)
    assert "cards.pdf" in text


def test_a_pdf_made_without_the_packet_is_stamped_by_the_pipeline(project: Path, tmp_path: Path) -> None:
    # new_canvas writes the XMP itself; a producer using a bare reportlab canvas still gets it from the pipeline.
    from reportlab.pdfgen.canvas import Canvas

    data = load_game(project)

    def bare(d, opts, ctx):  # type: ignore[no-untyped-def]
        buf = io.BytesIO()
        c = Canvas(buf, pagesize=(595, 842), invariant=1)
        c.showPage()
        c.save()
        assert b"/Metadata" not in buf.getvalue()
        return [Output("cards.pdf", buf.getvalue(), 1)]

    reg = default_registry()
    reg.add("cards", bare)
    out = tmp_path / "o"
    run_build(data, BuildOptions(out=out, lang="fr"), reg)
    fields = licence_fields(out / "cards.pdf")
    assert fields["xmpRights:WebStatement"] == DEED and "CC BY-SA 4.0" in fields["dc:rights"]
