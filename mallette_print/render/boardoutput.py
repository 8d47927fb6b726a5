"""The board producer for the pipeline: board.pdf (whole) and board-tiles.pdf (home printer)."""

from __future__ import annotations

from ..boardlayout import layout_board
from ..model import GameData
from ..pipeline import BuildOptions, Output
from .board import board_pdf
from .boardtiles import tiles_pdf


def board_outputs(data: GameData, opts: BuildOptions) -> list[Output]:
    """board.pdf and board-tiles.pdf, or nothing when the game has no cards/board.yaml."""
    if data.board is None:
        return []
    lay = layout_board(data, opts.lang, opts.board_size, opts.card_size)
    whole, pages = board_pdf(data, lay, opts.lang)
    tiles, tile_pages, plan = tiles_pdf(data, lay, opts.lang, opts.paper)
    size = opts.board_size.upper()
    paper = "A4" if opts.paper == "a4" else "Letter"
    orient = "landscape" if plan.landscape else "portrait"
    return [
        Output("board.pdf", whole, pages, f"{size} landscape, at 100% (a copy shop can print it whole)"),
        Output("board-tiles.pdf", tiles, tile_pages,
               f"{plan.sheets} {paper} sheets {orient} + assembly map, at 100%, single-sided; "
               f"{plan.rows}×{plan.cols} tiles, {round(plan.overlap / 2.8346)} mm overlap"),
    ]
