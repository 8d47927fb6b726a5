"""A reportlab canvas set up the same way for every output: reproducible, fonts embedded, metadata."""

from __future__ import annotations

import io
from typing import Any

from reportlab.pdfbase.pdfdoc import PDFDictionary, PDFName, PDFStream
from reportlab.pdfbase.pdfdoc import format as pdf_format
from reportlab.pdfgen.canvas import Canvas

from mallette_print.core.licensing import PdfMeta
from mallette_print.draw.fonts import FontFamily, register_family
from mallette_print.draw.xmp import packet


class _Metadata(PDFStream):
    """The XMP packet as the catalog's /Metadata stream, uncompressed (as PDF/A and metadata readers expect)."""

    def __init__(self, xmp: bytes) -> None:
        super().__init__(PDFDictionary({"Type": PDFName("Metadata"), "Subtype": PDFName("XML")}), xmp)

    def format(self, document: Any) -> bytes:
        d = PDFDictionary(self.dictionary.dict.copy())
        content = document.encrypt.encode(self.content)
        d["Length"] = len(content)
        return pdf_format(d, document) + b"\nstream\n" + pdf_format(content, document) + b"endstream\n"


def doc_settings(meta: PdfMeta, fam: FontFamily) -> dict[str, Any]:
    """The settings every platypus document of ours shares (rulebook, fiches): metadata, reproducibility, font."""
    return {
        "title": meta.title,
        "author": meta.author,
        "subject": meta.subject,
        "keywords": list(meta.keywords),
        "creator": "mallette-print",
        "producer": "mallette-print (reportlab)",
        "invariant": 1,
        "pageCompression": 1,
        "lang": meta.lang,
        "initialFontName": fam.regular,
        "initialFontSize": 10,
    }


def add_xmp(c: Canvas, meta: PdfMeta) -> None:
    """Give the canvas's document the XMP packet with the licence fields (see xmp.py)."""
    c.setCatalogEntry("Metadata", _Metadata(packet(meta)))


def new_canvas(
    buffer: io.BytesIO, pagesize: tuple[float, float], meta: PdfMeta, cmyk: bool = False
) -> tuple[Canvas, FontFamily]:
    """A canvas that writes byte-identical PDFs for the same input, with embedded subset fonts."""
    fam = register_family()
    # The stub types initialFontName as a float; reportlab takes a font name (its default is "Helvetica").
    c = Canvas(
        buffer,
        pagesize=pagesize,
        invariant=1,
        initialFontName=fam.regular,  # type: ignore[arg-type]
        initialFontSize=10,
        lang=meta.lang,
        pageCompression=1,
        enforceColorSpace="cmyk" if cmyk else None,
    )
    c.setTitle(meta.title)
    c.setAuthor(meta.author)
    c.setSubject(meta.subject)
    c.setKeywords(", ".join(meta.keywords))
    c.setCreator("mallette-print")
    c.setProducer("mallette-print (reportlab)")
    add_xmp(c, meta)
    return c, fam
