"""The fiches producer: fiches.pdf on the build's paper, in the build's language."""

from __future__ import annotations

from pathlib import Path

from mallette_print.board.tiling import PAPERS
from mallette_print.core.licensing import pdf_meta
from mallette_print.core.model import GameData
from mallette_print.core.phrasebook import Phrases
from mallette_print.fiches.content import fiche_pages
from mallette_print.fiches.pdf import fiches_pdf
from mallette_print.pipeline.context import BuildContext
from mallette_print.pipeline.options import BuildOptions, Output, paper_label


def fiches_outputs(data: GameData, opts: BuildOptions, ctx: BuildContext | None = None) -> list[Output]:
    """fiches.pdf: one page per fiche (two at most), printed single-sided, one fiche per sheet."""
    ctx = ctx or BuildContext()
    d = data.game.default_language
    words = Phrases(opts.lang, d)
    pages = fiche_pages(data, opts.lang)
    first = pages[0] if pages else None
    foot = f"{first.companion}\n{first.licence} — {first.licence_url}" if first else ""
    pdf, n = fiches_pdf(
        pages,
        PAPERS[opts.paper],
        pdf_meta(data, opts.lang, words("pdf.fiches")),
        opts.lang,
        d,
        ctx.qr_code,
        Path(data.root),
        foot,
    )
    how = words("fiche.print", paper=paper_label(opts.paper, opts.lang, d))
    return [Output("fiches.pdf", pdf, n, how, n)]
