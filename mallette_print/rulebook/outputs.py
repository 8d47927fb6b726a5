"""The rulebook producer: rulebook.pdf at the chosen paper and rulebook-booklet.pdf (A5 two-up)."""

from __future__ import annotations

import re
from pathlib import Path

from reportlab.platypus.doctemplate import LayoutError

from mallette_print.core.errors import DataError, problem
from mallette_print.core.model import GameData
from mallette_print.core.phrasebook import text
from mallette_print.pipeline.context import BuildContext
from mallette_print.pipeline.options import BuildOptions, Output, paper_label
from mallette_print.rulebook.booklet import impose
from mallette_print.rulebook.content import PrintItem
from mallette_print.rulebook.sections import anatomy
from mallette_print.rulebook.story import own_items, render_both
from mallette_print.rulebook.words import word


def rulebook_outputs(
    data: GameData, opts: BuildOptions, before: list[Output], ctx: BuildContext | None = None
) -> list[Output]:
    """Both rulebook PDFs; the print guide lists `before` (the other outputs of this build)."""
    ctx = ctx or BuildContext()
    others = [PrintItem(o.name, o.how_to_print, o.pages, o.sheets) for o in before if o.name.lower().endswith(".pdf")]
    try:
        full, n_full, small, n_small = render_both(
            data, opts.lang, opts.paper, others, lambda b: anatomy(ctx, data, opts.lang, b, opts.card_size), ctx
        )
    except LayoutError as exc:
        # The rules' own limits (rulebook/source.py) keep their blocks within a page; this names whatever else
        # grows too tall (a generated table fed by very long data) instead of a traceback.
        page = re.search(r"too large on page (\d+)", str(exc))
        where = f" (page {page.group(1)})" if page else ""
        raise DataError(
            [
                problem(
                    Path(data.root) / "rules" / f"{opts.lang}.md",
                    0,
                    0,
                    "rulebook",
                    f"a block is too tall to fit on a page{where} and cannot be cut (a table cell, a heading or a "
                    "box holding a very long text): shorten that text",
                )
            ]
        ) from None
    booklet, sides = impose(small, opts.paper)
    d = data.game.default_language
    mine = own_items(opts.lang, n_full, n_small, d)
    # The print plan names the paper too (the guide inside the rulebook is printed on it, so it need not).
    paper = paper_label(opts.paper, opts.lang, d)
    landscape = text("common.landscape", opts.lang, d)
    return [
        Output(
            "rulebook.pdf", full, n_full, f"{paper}, {_lower_first(word('how_rulebook', opts.lang, d))}", mine[0].sheets
        ),
        Output(
            "rulebook-booklet.pdf",
            booklet,
            sides,
            f"{paper} {landscape}, {_lower_first(word('how_booklet', opts.lang, d))}",
            mine[1].sheets,
            instead_of="rulebook.pdf",
        ),
    ]


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:]
