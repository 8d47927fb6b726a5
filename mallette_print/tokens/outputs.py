"""The tokens producer: tokens.pdf, every piece the table needs besides the cards and the board."""

from __future__ import annotations

from mallette_print.core.model import GameData
from mallette_print.core.phrasebook import Phrases
from mallette_print.core.units import mm
from mallette_print.pipeline.context import BuildContext
from mallette_print.pipeline.options import BuildOptions, Output, paper_label
from mallette_print.tokens.counts import actor_pawns, deadline_count
from mallette_print.tokens.draw import Pieces, asset, tokens_pdf
from mallette_print.tokens.layout import DEADLINE_MM, MARKER, PAWN, Request, TokenLayout, lay_out


def token_requests(data: GameData) -> list[Request]:
    """The pieces of the game, by kind: pawns, then track and round markers, then deadline tokens."""
    pawns = tuple(("pawn", c.id) for c in actor_pawns(data))
    markers = tuple(("track", t.id) for t in data.game.tracks) + (("round", "rounds"),)
    tokens = tuple(("deadline", str(i)) for i in range(deadline_count(data).total))
    return [
        Request("pawns", pawns, mm(PAWN.length), mm(PAWN.width)),
        Request("markers", markers, mm(MARKER.length), mm(MARKER.width)),
        Request("deadline", tokens, mm(DEADLINE_MM), mm(DEADLINE_MM)),
    ]


def token_layout(data: GameData, paper: str) -> TokenLayout:
    """Where every piece goes on `paper`."""
    return lay_out(paper, token_requests(data))


def tokens_outputs(data: GameData, opts: BuildOptions, ctx: BuildContext | None = None) -> list[Output]:
    """tokens.pdf, printed one-sided on the build's paper."""
    ctx = ctx or BuildContext()
    d = data.game.default_language
    words = Phrases(opts.lang, d)
    g = data.game
    pieces = Pieces(
        actors={c.id: c for c in actor_pawns(data)},
        families={f.id: f for f in g.families},
        tracks={t.id: t for t in g.tracks},
        rounds_icon=asset(data, "assets/icons/track-tours.svg"),
    )
    dl = deadline_count(data)
    how_tent = words("tokens.how_tent")
    headings = {
        "pawns": f"{words('tokens.pawns', n=len(actor_pawns(data)))} · {how_tent}",
        "markers": f"{words('tokens.markers', n=len(g.tracks))} · {how_tent}",
        "deadline": f"{words('tokens.deadline', n=dl.total, table=dl.on_table, spare=dl.spares)} · "
        + words("tokens.how_flat"),
    }
    lay = token_layout(data, opts.paper)
    if not lay.sheets:  # a game without actors, tracks or challenges has nothing to cut out
        return []
    pdf, pages = tokens_pdf(data, lay, opts.lang, ctx.svgs, pieces, headings)
    how = words("print.tokens", paper=paper_label(opts.paper, opts.lang, d))
    return [Output("tokens.pdf", pdf, pages, how, sheets=pages)]
