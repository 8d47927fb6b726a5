"""`mallette check`'s rehearsal of a build: every stage that can refuse the data, run without drawing a page."""

from __future__ import annotations

from collections.abc import Callable

from mallette_print.core.errors import DataError, Problem
from mallette_print.core.model import GameData
from mallette_print.pipeline.context import BuildContext
from mallette_print.pipeline.options import BuildOptions
from mallette_print.pipeline.verify import verify_build


def rehearse(data: GameData, opts: BuildOptions, ctx: BuildContext) -> list[Problem]:
    """Everything a build with these options would refuse, found without drawing a page (`mallette check`).

    The build's own stages, in its order: the QR codes at its sizes, the characters and rules of its language,
    every card fitted at its card size (texts that overflow, unknown inline icons), the board's deck spaces at
    its board size. Each stage's problems are collected, so one run lists them all.
    """
    from mallette_print.board.layout import layout_board
    from mallette_print.cards.layouts import lay_out_cards
    from mallette_print.pipeline.run import check_qr_codes

    problems: list[Problem] = []
    stages: list[Callable[[], object]] = [
        lambda: check_qr_codes(data, opts, "check's sizes"),
        lambda: verify_build(data, opts, ctx),
        lambda: lay_out_cards(data, opts, ctx),
    ]
    if data.board is not None:  # a game without board.yaml has no board to print
        stages.append(lambda: layout_board(data, opts.lang, opts.board_size, opts.card_size))
    for stage in stages:
        try:
            stage()
        except DataError as exc:
            problems.extend(exc.problems)
    return problems
