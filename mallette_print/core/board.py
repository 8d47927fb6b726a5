"""The board as data (cards/board.yaml): typed, frozen models and their validation with located errors.

Zones and tracks are defined once in game.yaml; board.yaml refers to them by id
and gives geometry (millimetres from the top-left corner of the design box),
plus what exists on the board alone: round track, deck spaces, legend, QR code.
Geometry is checked here (inside the board, no overlaps, readable track
spaces) so a designer gets `cards/board.yaml:LINE:COL` instead of a crowded
drawing. Card sizes come from the build (see `card_size_mm`), so deck spaces are
checked again at build time by `boardlayout.py` with the same located messages (card sizes are the
presets and 'WxH' sizes of `cardsize.py`, shared with the card sheets).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, StrictBool, ValidationError

from mallette_print.core.cardsize import PRESETS, parse_card_size
from mallette_print.core.diagnostics import closest, from_validation
from mallette_print.core.errors import Problem, problem
from mallette_print.core.model import Game, GameData, Id, Length, Text
from mallette_print.core.units import parse_length, to_mm
from mallette_print.core.yamlio import YamlError, load_file

BOARD_FILE = Path("cards") / "board.yaml"
Point = Annotated[list[Length], Field(min_length=2, max_length=2)]
Box = Annotated[list[Length], Field(min_length=4, max_length=4)]

DECK_SPACE_PAD_MM = 2.0  # outline drawn this far around the card
# On a board drawn smaller than its design (tabloid is 279.4 mm tall, the design 297 mm) the outline may hug the
# card closer, down to this, so that spaces placed for A3 still fit at the real card size.
DECK_SPACE_MIN_PAD_MM = 1.0
MIN_TRACK_SPACE_MM = 9.0  # narrower spaces cannot hold a marker and a 9 pt number


def card_size_mm(name: str) -> tuple[float, float]:
    """Width and height (mm) of a card size: a preset name or 'WxH' (see cardsize.py); poker when unreadable."""
    try:
        size = parse_card_size(name)
    except ValueError:
        size = PRESETS["poker"]
    return size.w_mm, size.h_mm


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class ZonePlace(_Strict):
    """Where a zone of game.yaml lies on the map."""

    zone: Id
    shape: Literal["polygon", "ellipse", "rect"]
    points: list[Point] | None = None
    box: Box | None = None
    label_at: Point


class TrackPlace(_Strict):
    """Where a track of game.yaml is drawn: its label on top, its spaces in a row below."""

    track: Id
    box: Box


class RoundTrack(_Strict):
    label: Text
    box: Box


class DeckSpace(_Strict):
    """A place for a deck (draw pile) or its discard pile, at the real card size."""

    deck: Id
    role: Literal["draw", "discard"] = "draw"
    at: Point
    label: Text | None = None
    rotate: StrictBool = False


class LegendItem(_Strict):
    symbol: Literal["track", "danger", "zone", "deck", "round", "none"] = "none"
    text: Text


class Legend(_Strict):
    box: Box
    title: Text
    items: list[LegendItem] = Field(min_length=1, max_length=8)


class QrBlock(_Strict):
    """The QR code block (with the licence notice below it)."""

    target: Literal["fiches", "rules", "source", "url"] = "fiches"
    url: str | None = None
    box: Box
    caption: Text


class MapPlace(_Strict):
    box: Box
    zones: list[ZonePlace] = Field(min_length=1)


class Board(_Strict):
    """cards/board.yaml."""

    title: Text
    subtitle: Text | None = None
    size: Point
    title_box: Box
    map: MapPlace
    tracks: list[TrackPlace] = Field(min_length=1)
    round_track: RoundTrack
    deck_spaces: list[DeckSpace] = []
    legend: Legend
    qr: QrBlock


@dataclass(frozen=True)
class Rect:
    """A rectangle in mm, top-left origin (design coordinates)."""

    x: float
    y: float
    w: float
    h: float

    def overlaps(self, other: Rect) -> bool:
        """True when the two rectangles share some area (touching edges do not count)."""
        eps = 0.01
        return (
            self.x + eps < other.x + other.w
            and other.x + eps < self.x + self.w
            and self.y + eps < other.y + other.h
            and other.y + eps < self.y + self.h
        )

    def inside(self, other: Rect) -> bool:
        """True when this rectangle lies within `other`."""
        eps = 0.01
        return (
            self.x >= other.x - eps
            and self.y >= other.y - eps
            and self.x + self.w <= other.x + other.w + eps
            and self.y + self.h <= other.y + other.h + eps
        )


def box_mm(box: list[str]) -> Rect:
    """A validated `[x, y, w, h]` list of lengths as a Rect in mm."""
    x, y, w, h = (to_mm(parse_length(v)) for v in box)
    return Rect(x, y, w, h)


def point_mm(point: list[str]) -> tuple[float, float]:
    """A validated `[x, y]` list of lengths in mm."""
    return to_mm(parse_length(point[0])), to_mm(parse_length(point[1]))


@dataclass(frozen=True)
class BoardData:
    """A validated board with the file it came from and where its parts are written (for later messages)."""

    board: Board
    source: str
    where: dict[tuple[Any, ...], tuple[int, int]] = field(default_factory=dict)

    def problem(self, loc: tuple[Any, ...], context: str, message: str) -> Problem:
        """A Problem located at a path inside board.yaml (or its closest located parent)."""
        line, col = self.where.get(loc, (0, 0))
        probe = loc
        while (line, col) == (0, 0) and probe:
            probe = probe[:-1]
            line, col = self.where.get(probe, (0, 0))
        return problem(self.source, line, col, context, message)


def board_qr_url(data: GameData) -> str:
    """The URL the board's QR code opens."""
    q = data.board.board.qr
    g = data.game
    if q.target == "url" and q.url:
        return str(q.url)
    if q.target == "rules" and g.rules_url:
        return g.rules_url
    if q.target == "source":
        return g.source_url
    return g.fiches.base_url


def deck_space_rect(
    space: DeckSpace, card: tuple[float, float], scale: float = 1.0, pad: float = DECK_SPACE_PAD_MM
) -> Rect:
    """The outline of a deck space in design mm: the real card size plus `pad` mm around it, centred on `at`."""
    cw, ch = card
    if space.rotate:
        cw, ch = ch, cw
    w = (cw + 2 * pad) / scale
    h = (ch + 2 * pad) / scale
    cx, cy = point_mm(space.at)
    return Rect(cx - w / 2, cy - h / 2, w, h)


def blocks(board: Board) -> list[tuple[tuple[Any, ...], str, Rect]]:
    """The rectangular blocks that must not overlap, in file order: (yaml path, name, rect)."""
    out: list[tuple[tuple[Any, ...], str, Rect]] = [
        (("title_box",), "the title", box_mm(board.title_box)),
        (("map", "box"), "the map", box_mm(board.map.box)),
    ]
    for i, t in enumerate(board.tracks):
        out.append((("tracks", i, "box"), f"track '{t.track}'", box_mm(t.box)))
    out += [
        (("round_track", "box"), "the round track", box_mm(board.round_track.box)),
        (("legend", "box"), "the legend", box_mm(board.legend.box)),
        (("qr", "box"), "the QR block", box_mm(board.qr.box)),
    ]
    return out


def deck_space_problems(
    data: BoardData,
    card: tuple[float, float],
    card_name: str,
    scale: float = 1.0,
    hint: str = "",
    pad: float = DECK_SPACE_PAD_MM,
) -> list[Problem]:
    """Deck spaces that leave the board or overlap another block or space at this card size (one per space)."""
    board = data.board
    w, h = point_mm(board.size)
    page = Rect(0, 0, w, h)
    others = blocks(board)
    found: list[Problem] = []
    placed: list[tuple[str, Rect]] = []
    for i, space in enumerate(board.deck_spaces):
        r = deck_space_rect(space, card, scale, pad)
        name = f"deck space '{space.deck}' ({space.role})"
        size = f"{card[0]:g}×{card[1]:g} mm {card_name} cards"
        what: list[str] = []
        if not r.inside(page):
            what.append(f"leaves the board ({_fmt(r)} is not inside {w:g}×{h:g} mm)")
        what += [
            f"({_fmt(r)}) overlaps {other_name} ({_fmt(other)})" for _, other_name, other in others if r.overlaps(other)
        ]
        what += [f"({_fmt(r)}) overlaps {other_name}" for other_name, other in placed if r.overlaps(other)]
        if what:
            # The first clash is enough to act on; listing every neighbour of every space only adds noise.
            found.append(data.problem(("deck_spaces", i, "at"), name, f"with {size} the space {what[0]}{hint}"))
        placed.append((name, r))
    return found


def _fmt(r: Rect) -> str:
    return f"x {r.x:.1f}–{r.x + r.w:.1f} mm, y {r.y:.1f}–{r.y + r.h:.1f} mm"


def _check(board: Board, game: Game, deck_ids: list[str], data: BoardData) -> list[Problem]:
    """Cross-references and geometry of a board that has the right shape."""
    found: list[Problem] = []
    add = found.append
    w, h = point_mm(board.size)
    page = Rect(0, 0, w, h)
    if w <= 0 or h <= 0:
        return [data.problem(("size",), "", f"expected a positive width and height, got {w:g}×{h:g} mm")]

    zone_ids = [z.id for z in game.zones]
    placed_zones: dict[str, int] = {}
    for i, zp in enumerate(board.map.zones):
        ctx = f"zone '{zp.zone}'"
        if zp.zone not in zone_ids:
            add(data.problem(("map", "zones", i, "zone"), ctx, f"unknown zone '{zp.zone}'{_hint(zp.zone, zone_ids)}"))
        elif zp.zone in placed_zones:
            first = data.where.get(("map", "zones", placed_zones[zp.zone]), (0, 0))[0]
            add(data.problem(("map", "zones", i, "zone"), ctx, f"zone placed twice (first on line {first})"))
        placed_zones.setdefault(zp.zone, i)
        if zp.shape == "polygon":
            if zp.points is None or len(zp.points) < 3:
                add(data.problem(("map", "zones", i), ctx, "a polygon needs 'points' (at least 3 [x, y] points)"))
            if zp.box is not None:
                add(data.problem(("map", "zones", i, "box"), ctx, "a polygon takes 'points', not 'box'"))
        else:
            if zp.box is None:
                add(data.problem(("map", "zones", i), ctx, f"a {zp.shape} needs 'box: [x, y, width, height]'"))
            if zp.points is not None:
                add(data.problem(("map", "zones", i, "points"), ctx, f"a {zp.shape} takes 'box', not 'points'"))
        map_box = box_mm(board.map.box)
        for j, pt in enumerate(zp.points or []):
            x, y = point_mm(pt)
            if not Rect(x, y, 0, 0).inside(map_box):
                add(
                    data.problem(
                        ("map", "zones", i, "points", j), ctx, f"point ({x:g}, {y:g}) mm is outside the map box"
                    )
                )
        if zp.box is not None and not box_mm(zp.box).inside(map_box):
            add(data.problem(("map", "zones", i, "box"), ctx, "the shape goes outside the map box"))
        lx, ly = point_mm(zp.label_at)
        if not Rect(lx, ly, 0, 0).inside(map_box):
            add(data.problem(("map", "zones", i, "label_at"), ctx, "the label is outside the map box"))
    missing = [z for z in zone_ids if z not in placed_zones]
    if missing:
        add(data.problem(("map", "zones"), "", f"zone(s) of game.yaml not placed on the map: {', '.join(missing)}"))

    track_ids = [t.id for t in game.tracks]
    seen_tracks: set[str] = set()
    for i, tp in enumerate(board.tracks):
        ctx = f"track '{tp.track}'"
        track = next((t for t in game.tracks if t.id == tp.track), None)
        if track is None:
            add(data.problem(("tracks", i, "track"), ctx, f"unknown track '{tp.track}'{_hint(tp.track, track_ids)}"))
            continue
        if tp.track in seen_tracks:
            add(data.problem(("tracks", i, "track"), ctx, "track placed twice"))
        seen_tracks.add(tp.track)
        n = track.max - track.min + 1
        width = box_mm(tp.box).w / n
        if width < MIN_TRACK_SPACE_MM:
            add(
                data.problem(
                    ("tracks", i, "box"),
                    ctx,
                    f"{n} spaces in {box_mm(tp.box).w:g} mm are {width:.1f} mm wide; "
                    f"expected at least {MIN_TRACK_SPACE_MM:g} mm each (make the box wider)",
                )
            )
    missing = [t for t in track_ids if t not in seen_tracks]
    if missing:
        add(data.problem(("tracks",), "", f"track(s) of game.yaml not placed on the board: {', '.join(missing)}"))
    rounds = game.parameters.rounds
    rw = box_mm(board.round_track.box).w / rounds
    if rw < MIN_TRACK_SPACE_MM:
        add(
            data.problem(
                ("round_track", "box"),
                "round track",
                f"{rounds} rounds in {box_mm(board.round_track.box).w:g} mm are {rw:.1f} mm wide; "
                f"expected at least {MIN_TRACK_SPACE_MM:g} mm each",
            )
        )

    for i, space in enumerate(board.deck_spaces):
        if space.deck not in deck_ids:
            add(
                data.problem(
                    ("deck_spaces", i, "deck"),
                    f"deck space #{i + 1}",
                    f"unknown deck '{space.deck}'{_hint(space.deck, deck_ids)}",
                )
            )
    roles = [(s.deck, s.role) for s in board.deck_spaces]
    for i, key in enumerate(roles):
        if key in roles[:i]:
            add(data.problem(("deck_spaces", i), f"deck space '{key[0]}' ({key[1]})", "this space is given twice"))

    if board.qr.target == "url" and not board.qr.url:
        add(data.problem(("qr",), "QR code", "target 'url' needs 'url: https://...'"))
    if board.qr.target != "url" and board.qr.url:
        add(
            data.problem(
                ("qr", "url"), "QR code", f"'url' is only read with target 'url', got target '{board.qr.target}'"
            )
        )
    if board.qr.target == "rules" and not game.rules_url:
        add(data.problem(("qr", "target"), "QR code", "target 'rules' needs 'rules_url' in game.yaml"))
    if board.qr.url and not board.qr.url.startswith(("http://", "https://")):
        add(data.problem(("qr", "url"), "QR code", f"expected an http(s) URL, got '{board.qr.url[:60]}'"))

    all_blocks = blocks(board)
    for k, (loc, name, r) in enumerate(all_blocks):
        if not r.inside(page):
            add(data.problem(loc, name, f"{_fmt(r)} is not inside the board ({w:g}×{h:g} mm)"))
        for loc2, name2, r2 in all_blocks[:k]:
            if r.overlaps(r2):
                line2 = data.where.get(loc2, (0, 0))[0]
                add(data.problem(loc, name, f"overlaps {name2} (line {line2}: {_fmt(r2)})"))
    found.extend(deck_space_problems(data, card_size_mm("poker"), "poker"))
    return found


def _hint(value: str, known: list[str]) -> str:
    near = closest(value, known)
    return f" (closest: {', '.join(repr(n) for n in near)})" if near else f" (known: {', '.join(known[:8])})"


def load_board(
    root: Path, game: Game, deck_ids: list[str], context: dict[str, Any]
) -> tuple[BoardData | None, list[Problem]]:
    """Load and check cards/board.yaml if it exists: (board or None, problems)."""
    path = root / BOARD_FILE
    if not path.exists():
        return None, []
    try:
        doc = load_file(path)
    except YamlError as exc:
        return None, list(exc.problems)
    if not isinstance(doc.data, dict):
        line, col = doc.where(())
        return None, [problem(doc.path, line, col, "", "expected a mapping of board settings (title, size, map, ...)")]
    try:
        board = Board.model_validate(doc.data, context=context)
    except ValidationError as exc:
        return None, from_validation(exc, doc, Board)
    where = dict(doc.value_at)
    data = BoardData(board=board, source=str(doc.path), where=where)
    return (data, []) if not (found := _check(board, game, deck_ids, data)) else (None, found)
