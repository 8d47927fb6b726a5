"""Board layout: board.yaml geometry (mm, top-left origin) -> frozen shapes in PDF points for one board size.

Pure arithmetic, no reportlab. The design box is scaled uniformly to fit the
chosen board paper (landscape) and centred on it; text sizes scale with it
(they are chosen for A3, never below 9 pt). Deck spaces keep the real card
size at every scale, centred on their design point, and are checked against
the other blocks for the card size of this build.
"""

from __future__ import annotations

from dataclasses import dataclass

from mallette_print.board.tiling import BOARD_SIZES, Box
from mallette_print.core.board import (
    DECK_SPACE_MIN_PAD_MM,
    DECK_SPACE_PAD_MM,
    BoardData,
    board_qr_url,
    box_mm,
    card_size_mm,
    deck_space_problems,
    point_mm,
)
from mallette_print.core.errors import DataError
from mallette_print.core.i18n import tr
from mallette_print.core.licensing import box_notice, short_attribution
from mallette_print.core.model import GameData
from mallette_print.core.phrasebook import Phrases
from mallette_print.core.units import MM

# Text sizes at A3 (pt). The smallest is 9 pt, as the board must be read from across a table.
SIZES = {
    "title": 26.0,
    "subtitle": 12.0,
    "info": 10.0,
    "zone": 13.0,
    "zone_text": 9.0,
    "track": 10.5,
    "number": 11.0,
    "note": 9.0,
    "legend_title": 11.0,
    "legend": 9.0,
    "deck": 11.0,
    "deck_role": 9.0,
    "small": 9.0,
}


@dataclass(frozen=True)
class ZoneShape:
    id: str
    label: str
    description: str
    colour: str
    pattern: str
    icon: str | None
    shape: str  # polygon | ellipse | rect
    points: tuple[tuple[float, float], ...]  # polygon corners (pt)
    box: Box | None  # ellipse / rect bounds (pt)
    label_at: tuple[float, float]  # centre of the label plate (pt)


@dataclass(frozen=True)
class Space:
    box: Box
    number: int
    start: bool
    danger: bool
    end: bool  # reaching it ends the game (the last space of the fragility track)


@dataclass(frozen=True)
class TrackRow:
    id: str
    label: str
    note: str  # what the danger threshold means, printed beside the label
    colour: str
    icon: str | None
    box: Box
    header: Box
    spaces: tuple[Space, ...]


@dataclass(frozen=True)
class DeckSlot:
    deck: str
    title: str
    role: str  # draw | discard
    role_text: str
    icon: str | None
    outline: Box
    card: Box


@dataclass(frozen=True)
class LegendLine:
    symbol: str
    text: str


@dataclass(frozen=True)
class BoardLayout:
    """Everything the board renderer draws, already placed in points."""

    page_w: float
    page_h: float
    scale: float  # 1.0 at A3
    fonts: dict[str, float]
    lang: str
    title: str
    subtitle: str
    info: str
    title_box: Box
    map_box: Box
    zones: tuple[ZoneShape, ...]
    tracks: tuple[TrackRow, ...]
    rounds: TrackRow
    decks: tuple[DeckSlot, ...]
    legend_box: Box
    legend_title: str
    legend: tuple[LegendLine, ...]
    qr_box: Box
    qr_url: str
    qr_caption: str
    notice: str
    attribution: str


class _Frame:
    """Design mm (top-left origin) -> page points (bottom-left origin)."""

    def __init__(self, design_w: float, design_h: float, page_w: float, page_h: float) -> None:
        self.k = min(page_w / (design_w * MM), page_h / (design_h * MM)) * MM  # points per design mm
        self.ox = (page_w - design_w * self.k) / 2
        self.oy = (page_h - design_h * self.k) / 2
        self.design_h = design_h

    def pt(self, x: float, y: float) -> tuple[float, float]:
        return self.ox + x * self.k, self.oy + (self.design_h - y) * self.k

    def box(self, x: float, y: float, w: float, h: float) -> Box:
        px, py = self.pt(x, y + h)
        return Box(px, py, w * self.k, h * self.k)


def _track_row(
    fr: _Frame,
    box_mm_: tuple[float, float, float, float],
    values: list[int],
    start: int,
    danger: set[int],
    end: int | None,
    **fields: str | None,
) -> TrackRow:
    x, y, w, h = box_mm_
    header_h = min(8.0, h * 0.4)
    header = fr.box(x, y, w, header_h)
    n = len(values)
    cell = w / n
    gap = min(1.2, cell * 0.1)
    row_y, row_h = y + header_h + 0.5, h - header_h - 0.5
    spaces = tuple(
        Space(
            box=fr.box(x + i * cell + gap / 2, row_y, cell - gap, row_h),
            number=v,
            start=v == start,
            danger=v in danger,
            end=v == end,
        )
        for i, v in enumerate(values)
    )
    return TrackRow(box=fr.box(x, y, w, h), header=header, spaces=spaces, **fields)  # type: ignore[arg-type]


def layout_board(data: GameData, lang: str, board_size: str = "a3", card_size: str = "poker") -> BoardLayout:
    """Place every part of the board for a board size, or raise DataError (located in board.yaml)."""
    bd: BoardData = data.board
    b = bd.board
    g = data.game
    dl = g.default_language
    page_w, page_h = BOARD_SIZES[board_size]
    dw, dh = point_mm(b.size)
    fr = _Frame(dw, dh, page_w, page_h)
    scale = fr.k / MM
    card = card_size_mm(card_size)
    problems = deck_space_problems(bd, card, card_size, scale)
    deck_pad = DECK_SPACE_PAD_MM
    if problems and scale < 1:  # a board drawn smaller than designed: a closer outline may make room
        for deck_pad in (1.5, DECK_SPACE_MIN_PAD_MM):
            if not deck_space_problems(bd, card, card_size, scale, "", deck_pad):
                problems = []
                break
    if problems:
        # The board never grows by itself (a larger board is more paper, or a print shop): the message names the
        # smallest board size whose deck spaces hold these cards, or says that none does.
        def holds(size: str) -> bool:
            k = _Frame(dw, dh, *BOARD_SIZES[size]).k / MM
            pads = (DECK_SPACE_PAD_MM, *((1.5, DECK_SPACE_MIN_PAD_MM) if k < 1 else ()))
            return any(not deck_space_problems(bd, card, card_size, k, "", pad) for pad in pads)

        fits = [s for s in BOARD_SIZES if BOARD_SIZES[s][0] > page_w and holds(s)]
        if fits:
            hint = f" (add --board-size {fits[0]} for {card_size} cards, or move the space in board.yaml)"
        else:
            hint = " (no board size holds these cards here: move the space in board.yaml)"
        raise DataError(deck_space_problems(bd, card, card_size, scale, hint, deck_pad))

    def t(text: dict[str, str] | None) -> str:
        return tr(text, lang, dl)

    words = Phrases(lang, dl)

    zones_by_id = {z.id: z for z in g.zones}
    zones: list[ZoneShape] = []
    for zp in b.map.zones:
        z = zones_by_id[zp.zone]
        pts = tuple(fr.pt(*point_mm(p)) for p in (zp.points or []))
        zb = box_mm(zp.box) if zp.box else None
        zones.append(
            ZoneShape(
                id=z.id,
                label=t(z.label),
                description=t(z.description),
                colour=z.colour,
                pattern=z.pattern,
                icon=_asset(data, z.icon),
                shape=zp.shape,
                points=pts,
                box=fr.box(zb.x, zb.y, zb.w, zb.h) if zb else None,
                label_at=fr.pt(*point_mm(zp.label_at)),
            )
        )

    tracks_by_id = {tr_.id: tr_ for tr_ in g.tracks}
    rows: list[TrackRow] = []
    for tp in b.tracks:
        tk = tracks_by_id[tp.track]
        r = box_mm(tp.box)
        fragile = tk.id == g.fragility_track
        values = list(range(tk.min, tk.max + 1))
        if tk.danger is None:
            danger: set[int] = set()
            note = ""
        elif fragile:
            danger = {v for v in values if v >= tk.danger}
            note = words("board.note_fragility", d=tk.danger, m=tk.max)
        else:
            danger = {v for v in values if v <= tk.danger}
            note = words("board.note_shared", d=tk.danger)
        rows.append(
            _track_row(
                fr,
                (r.x, r.y, r.w, r.h),
                values,
                tk.start,
                danger,
                tk.max if fragile else None,
                id=tk.id,
                label=t(tk.label),
                note=note,
                colour=tk.colour,
                icon=_asset(data, tk.icon),
            )
        )
    rt = box_mm(b.round_track.box)
    n = g.parameters.rounds
    rounds = _track_row(
        fr,
        (rt.x, rt.y, rt.w, rt.h),
        list(range(1, n + 1)),
        1,
        set(),
        None,
        id="rounds",
        label=t(b.round_track.label),
        note=words("board.note_round", n=n),
        colour="#000000",
        icon=_asset(data, "assets/icons/track-tours.svg"),
    )

    decks_by_id = {d.id: d for d in data.decks}
    slots: list[DeckSlot] = []
    for space in b.deck_spaces:
        deck = decks_by_id[space.deck]
        cw, ch = card
        if space.rotate:
            cw, ch = ch, cw
        cx, cy = fr.pt(*point_mm(space.at))
        pad = deck_pad * MM
        card_box = Box(cx - cw * MM / 2, cy - ch * MM / 2, cw * MM, ch * MM)
        outline = Box(card_box.x - pad, card_box.y - pad, card_box.w + 2 * pad, card_box.h + 2 * pad)
        title = t(space.label) if space.label else t(deck.title)
        slots.append(
            DeckSlot(
                deck=deck.id,
                title=title,
                role=space.role,
                role_text=words(f"board.{space.role}_pile"),
                icon=_asset(data, f"assets/icons/deck-{deck.type}.svg"),
                outline=outline,
                card=card_box,
            )
        )

    def place(box: list[str]) -> Box:
        r = box_mm(box)
        return fr.box(r.x, r.y, r.w, r.h)

    p = g.parameters
    info = words(
        "board.info", players=f"{p.players_min}–{p.players_max}", play=p.play_minutes, debrief=p.debrief_minutes
    )
    return BoardLayout(
        page_w=page_w,
        page_h=page_h,
        scale=scale,
        fonts={k: v * scale for k, v in SIZES.items()},
        lang=lang,
        title=t(b.title),
        subtitle=t(b.subtitle),
        info=info,
        title_box=place(b.title_box),
        map_box=place(b.map.box),
        zones=tuple(zones),
        tracks=tuple(rows),
        rounds=rounds,
        decks=tuple(slots),
        legend_box=place(b.legend.box),
        legend_title=t(b.legend.title),
        legend=tuple(LegendLine(i.symbol, t(i.text)) for i in b.legend.items),
        qr_box=place(b.qr.box),
        qr_url=qr_target(data),
        qr_caption=t(b.qr.caption),
        notice=box_notice(data, lang),
        attribution=short_attribution(data, lang),
    )


def qr_target(data: GameData) -> str:
    """The URL the board's QR code opens."""
    return board_qr_url(data)


def _asset(data: GameData, rel: str | None) -> str | None:
    """Absolute path of an asset when the file exists (icons are optional decoration beside the labels)."""
    if not rel:
        return None
    from pathlib import Path

    path = Path(data.root) / rel
    return str(path) if path.is_file() else None
