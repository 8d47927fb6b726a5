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


def _xmp(pdf: Path) -> bytes:
    with pikepdf.open(pdf) as doc:
        return bytes(doc.Root.Metadata.read_bytes())


def _dates(pdf: Path) -> tuple[str, str, str, str]:
    with pikepdf.open(pdf) as doc:
        meta = doc.open_metadata()
        info = doc.docinfo
        return (
            str(info["/CreationDate"]),
            str(info["/ModDate"]),
            str(meta["xmp:CreateDate"]),
            str(meta["xmp:ModifyDate"]),
        )


def test_control_characters_never_reach_the_packet(sample_game: Path, runner, tmp_path: Path) -> None:
    import xml.dom.minidom

    game = sample_game / "cards" / "game.yaml"
    original = text = game.read_text(encoding="utf-8")
    text = text.replace("  fr: Territoires en coopération", '  fr: "Terri\\x01toires \\x1b[0m<b>&\\ufffe\\n\\tx"', 1)
    text = text.replace("licensor: Mouvement", 'licensor: "\\x00\\x07\\x85Mouvement', 1)
    text = text.replace("Solidaire (MES)\n", 'Solidaire (MES)"\n', 1)
    clean = load_game(sample_game)
    game.write_text(text, encoding="utf-8")
    # In the data they are refused where they are written (file and line)...
    result = runner.invoke(main, ["build", "--out", "out"])
    assert result.exit_code == 1 and "cards/game.yaml:" in result.output and "U+0001" in result.output
    # ...and a game made in code with them still gets a well-formed packet: the packet drops what XML cannot hold.
    game.write_text(original, encoding="utf-8")
    g = clean.game
    dirty = clean.model_copy(
        update={
            "game": g.model_copy(
                update={
                    "title": {**g.title, "fr": "Terri\x01toires \x1b[0m<b>&\ufffe\n\tx"},
                    "licensor": "\x00\x07\x85" + g.licensor,
                }
            )
        }
    )
    opts = BuildOptions(out=tmp_path / "out", lang="fr")
    run_build(dirty, opts, default_registry(opts))
    pdfs = sorted((tmp_path / "out").rglob("*.pdf"))
    assert len(pdfs) >= 3
    for pdf in pdfs:
        packet = _xmp(pdf)
        xml.dom.minidom.parseString(packet)  # well-formed XML
        body = packet.decode("utf-8")
        assert not [ch for ch in body if ord(ch) < 32 and ch not in "\n"], pdf.name
        assert "\x85" not in body and "\ufffe" not in body
        assert "Territoires [0m<b>&  x" in licence_fields(pdf)["dc:title"] or pdf.name.startswith("duplex")


def test_dates_agree_without_source_date_epoch(sample_game: Path, runner, monkeypatch) -> None:
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    assert runner.invoke(main, ["build", "--out", "out"]).exit_code == 0
    for pdf in Path("out").glob("*.pdf"):
        assert _dates(pdf) == (
            "D:20000101000000+00'00'",
            "D:20000101000000+00'00'",
            "2000-01-01T00:00:00+00:00",
            "2000-01-01T00:00:00+00:00",
        ), pdf.name


def test_source_date_epoch_dates_both_and_stays_reproducible(sample_game: Path, runner, monkeypatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1764115200")  # 2025-11-26T00:00:00Z
    assert runner.invoke(main, ["build", "--out", "one"]).exit_code == 0
    assert runner.invoke(main, ["build", "--out", "two"]).exit_code == 0
    pdfs = sorted(p.name for p in Path("one").glob("*.pdf"))
    assert pdfs
    for name in pdfs:
        assert _dates(Path("one") / name) == (
            "D:20251126000000+00'00'",
            "D:20251126000000+00'00'",
            "2025-11-26T00:00:00+00:00",
            "2025-11-26T00:00:00+00:00",
        ), name
        assert (Path("one") / name).read_bytes() == (Path("two") / name).read_bytes()


def test_an_unreadable_source_date_epoch_is_a_clear_error(sample_game: Path, runner, monkeypatch) -> None:
    for bad in ("yesterday", "-5", "1e9", "99999999999999"):
        monkeypatch.setenv("SOURCE_DATE_EPOCH", bad)
        result = runner.invoke(main, ["build", "--out", "out"])
        assert result.exit_code == 2, result.output
        assert "SOURCE_DATE_EPOCH must be a whole number of seconds" in result.output
        assert not Path("out").exists()


def test_a_stamped_pdf_gets_a_well_formed_packet_too(sample_game: Path, tmp_path: Path) -> None:
    import xml.dom.minidom

    from reportlab.pdfgen.canvas import Canvas

    # Control characters are refused in the data files; a game made in code can still carry them.
    clean = load_game(sample_game)
    data = clean.model_copy(
        update={"game": clean.game.model_copy(update={"licensor": "\x01\x1b" + clean.game.licensor + "\n"})}
    )

    def bare(d, opts, ctx):  # type: ignore[no-untyped-def]
        buf = io.BytesIO()
        c = Canvas(buf, pagesize=(595, 842), invariant=1)
        c.setTitle("a\x02b\nc")
        c.showPage()
        c.save()
        return [Output("bare.pdf", buf.getvalue(), 1)]

    reg = default_registry()
    reg.steps = []
    reg.add("bare", bare)
    run_build(data, BuildOptions(out=tmp_path / "o", lang="fr"), reg)
    packet = _xmp(tmp_path / "o" / "bare.pdf")
    xml.dom.minidom.parseString(packet)
    assert not [ch for ch in packet.decode("utf-8") if ord(ch) < 32 and ch not in "\n"]
