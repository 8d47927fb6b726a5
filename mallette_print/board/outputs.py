"""The board producer for the pipeline: board.pdf (whole) and board-tiles.pdf (home printer)."""

from __future__ import annotations

from mallette_print.board.draw import board_pdf
from mallette_print.board.layout import layout_board
from mallette_print.board.tiles import tiles_pdf
from mallette_print.core.model import GameData
from mallette_print.core.phrasebook import Phrases
from mallette_print.pipeline.context import BuildContext
from mallette_print.pipeline.options import BuildOptions, Output, paper_label

# tabloid and ledger are the same 11×17 in sheet; the board is landscape on it (board/tiling.py).
_SIZE_LABELS = {"tabloid": "Tabloid (11×17 in)", "ledger": "Ledger (11×17 in)"}


def board_outputs(data: GameData, opts: BuildOptions, ctx: BuildContext | None = None) -> list[Output]:
    """board.pdf and board-tiles.pdf, or nothing when the game has no cards/board.yaml."""
    if data.board is None:
        return []
    ctx = ctx or BuildContext()
    lay = layout_board(data, opts.lang, opts.board_size, opts.card_size)
    whole, pages = board_pdf(data, lay, opts.lang, ctx.svgs)
    tiles, tile_pages, plan = tiles_pdf(data, lay, opts.lang, opts.paper, ctx.svgs, whole)
    size = _SIZE_LABELS.get(opts.board_size, opts.board_size.upper())
    words = Phrases(opts.lang, data.game.default_language)
    paper = paper_label(opts.paper, opts.lang, data.game.default_language)
    mm_overlap = round(plan.overlap * 25.4 / 72)
    orient = words("common.landscape" if plan.landscape else "common.portrait")
    whole_how = words("print.board_whole", size=size)
    tiles_how = words(
        "print.board_tiles",
        sheets=plan.sheets,
        paper=paper,
        orient=orient,
        rows=plan.rows,
        cols=plan.cols,
        overlap=mm_overlap,
    )
    # Sheets count home printing only: board.pdf goes to a copy shop, the tiles to the home printer.
    return [
        Output("board.pdf", whole, pages, whole_how),
        Output("board-tiles.pdf", tiles, tile_pages, tiles_how, sheets=tile_pages),
    ]
