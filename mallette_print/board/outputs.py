"""The board producer for the pipeline: board.pdf (whole) and board-tiles.pdf (home printer)."""

from __future__ import annotations

from mallette_print.board.layout import layout_board
from mallette_print.core.model import GameData
from mallette_print.build.context import BuildContext
from mallette_print.build.options import BuildOptions, Output, paper_label
from mallette_print.board.draw import board_pdf
from mallette_print.board.tiles import tiles_pdf


def board_outputs(data: GameData, opts: BuildOptions, ctx: BuildContext | None = None) -> list[Output]:
    """board.pdf and board-tiles.pdf, or nothing when the game has no cards/board.yaml."""
    if data.board is None:
        return []
    lay = layout_board(data, opts.lang, opts.board_size, opts.card_size)
    whole, pages = board_pdf(data, lay, opts.lang)
    tiles, tile_pages, plan = tiles_pdf(data, lay, opts.lang, opts.paper)
    size = opts.board_size.upper()
    paper = paper_label(opts.paper)
    mm_overlap = round(plan.overlap * 25.4 / 72)
    if opts.lang == "fr":
        orient = "paysage" if plan.landscape else "portrait"
        whole_how = f"{size} paysage, à 100 %, recto seul (chez un reprographe)"
        tiles_how = (f"{plan.sheets} feuilles {paper} {orient} + plan d'assemblage, à 100 %, recto seul ; "
                     f"{plan.rows}×{plan.cols} morceaux, {mm_overlap} mm de recouvrement")
    else:
        orient = "landscape" if plan.landscape else "portrait"
        whole_how = f"{size} landscape, at 100%, single-sided (at a copy shop)"
        tiles_how = (f"{plan.sheets} {paper} sheets {orient} + assembly map, at 100%, single-sided; "
                     f"{plan.rows}×{plan.cols} tiles, {mm_overlap} mm overlap")
    # Sheets count home printing only: board.pdf goes to a copy shop, the tiles to the home printer.
    return [Output("board.pdf", whole, pages, whole_how),
            Output("board-tiles.pdf", tiles, tile_pages, tiles_how, sheets=tile_pages)]
