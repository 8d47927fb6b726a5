"""A reportlab canvas set up the same way for every output: reproducible, fonts embedded, metadata."""

from __future__ import annotations

import io

from reportlab.pdfgen.canvas import Canvas

from ..fonts import FontFamily, register_family
from ..licensing import PdfMeta


def new_canvas(buffer: io.BytesIO, pagesize: tuple[float, float], meta: PdfMeta,
               cmyk: bool = False) -> tuple[Canvas, FontFamily]:
    """A canvas that writes byte-identical PDFs for the same input, with embedded subset fonts."""
    fam = register_family()
    c = Canvas(buffer, pagesize=pagesize, invariant=1, initialFontName=fam.regular, initialFontSize=10,
               lang=meta.lang, pageCompression=1, enforceColorSpace="cmyk" if cmyk else None)
    c.setTitle(meta.title)
    c.setAuthor(meta.author)
    c.setSubject(meta.subject)
    c.setKeywords(", ".join(meta.keywords))
    c.setCreator("mallette-print")
    c.setProducer("mallette-print (reportlab)")
    return c, fam
