"""Tabletop Simulator export (`--tts`): deck sheets, backs, import numbers and saved objects in OUT/tts/.

TTS builds a deck from one image holding a grid of card faces (at most 10
columns × 7 rows, at most 4096 px a side) and one back image. With "Back is
hidden" on, TTS shows the last slot of the grid to the other players when a
card is in someone's hand, so every sheet keeps its last slot free and puts the
deck's back there. Each distinct card is drawn once; copies are repeated card
ids in the saved object, which is how TTS itself stores decks. A deck of more
than 69 distinct cards goes on several sheets. Faces are rendered from the same
drawing as cards.pdf, at the trim (no bleed).

A deck of one distinct card and one copy is saved as a "Card" (TTS refuses a
"Deck" of one). Besides one saved object per deck, tts/<game>.json holds every
deck and the board (a "Custom_Board" of the board's image, tts/board.jpg) laid
out on the table. TTS loads images from URLs only (http(s) or file://, no path
relative to the saved object), so the URLs start with --tts-url when given (a
web host, or a file:///C:/... folder on a Windows computer), else with the
file:// address of OUT/tts/ on the computer that built it; tts/README.txt says
how to re-point them.
"""

from __future__ import annotations

import io
import json
import math
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from mallette_print.cards.outputs import card_pages_pdf
from mallette_print.cards.painter import CardLook
from mallette_print.cards.sheets import expand
from mallette_print.core.cardsize import CardSize, parse_card_size
from mallette_print.core.i18n import tr
from mallette_print.core.licensing import attribution
from mallette_print.core.model import Card, Deck, GameData
from mallette_print.core.phrasebook import Phrases
from mallette_print.draw.raster import page_images
from mallette_print.pipeline.context import BuildContext
from mallette_print.pipeline.options import BuildOptions, Output, partial_name

MAX_COLS, MAX_ROWS, MAX_PX = 10, 7, 4096
PER_SHEET = MAX_COLS * MAX_ROWS - 1  # the last slot is the hidden card
MAX_DPI = 250  # small decks would otherwise get huge cards
BOARD_DPI = 150
DECKS_Z = -12.0  # the decks lie in a row in front of the board (TTS table units)


@dataclass(frozen=True)
class SheetGrid:
    """A TTS deck sheet: its grid, the cards on it and the pixel size of one card."""

    cols: int
    rows: int
    count: int
    card_px: tuple[int, int]

    @property
    def size_px(self) -> tuple[int, int]:
        """The sheet image's width and height in pixels."""
        return self.cols * self.card_px[0], self.rows * self.card_px[1]


def plan_grid(count: int, size: CardSize) -> SheetGrid:
    """The smallest grid (at least 2×2, as TTS asks) holding `count` cards and the hidden slot, within 4096 px."""
    if not 1 <= count <= PER_SHEET:
        raise ValueError(f"a TTS sheet holds 1 to {PER_SHEET} cards, not {count}")
    rows = max(2, math.ceil((count + 1) / MAX_COLS))
    cols = max(2, math.ceil((count + 1) / rows))
    w_px = min(MAX_PX // cols, int(MAX_PX // rows * size.w_mm / size.h_mm), int(size.w_mm / 25.4 * MAX_DPI))
    h_px = min(int(w_px * size.h_mm / size.w_mm), MAX_PX // rows)
    return SheetGrid(cols, rows, count, (w_px, h_px))


def _chunks(cards: list[Card]) -> list[list[Card]]:
    return [cards[i : i + PER_SHEET] for i in range(0, len(cards), PER_SHEET)]


def _render(
    ctx: BuildContext,
    data: GameData,
    lang: str,
    look: CardLook,
    jobs: list[tuple[Deck, Card | None]],
    px: list[tuple[int, int]],
) -> list[Any]:
    """PIL images of faces (or the deck's back when the card is None), at the pixel sizes asked."""
    pdf = card_pages_pdf(data, lang, look, jobs, "Tabletop Simulator", ctx)
    scales = [w / look.size.w for w, _ in px]
    return [img.convert("RGB").resize(size) for img, size in zip(page_images(pdf, scales), px)]


def _json(obj: dict[str, Any]) -> bytes:
    return (json.dumps(obj, indent=1, ensure_ascii=False) + "\n").encode("utf-8")


def _jpeg(img: Any) -> bytes:
    out = io.BytesIO()
    img.save(out, format="JPEG", quality=92, subsampling=0, optimize=True)
    return out.getvalue()


def _transform(x: float = 0.0, z: float = 0.0, face_down: bool = True, scale: float = 1.0) -> dict[str, float]:
    return {
        "posX": x,
        "posY": 1.0,
        "posZ": z,
        "rotX": 0.0,
        "rotY": 180.0,
        "rotZ": 180.0 if face_down else 0.0,
        "scaleX": scale,
        "scaleY": 1.0,
        "scaleZ": scale,
    }


def save_file(objects: list[dict[str, Any]]) -> dict[str, Any]:
    """A TTS saved object (a save file) holding `objects`."""
    return {
        "SaveName": "",
        "GameMode": "",
        "Date": "",
        "Table": "",
        "Sky": "",
        "Note": "",
        "Rules": "",
        "XmlUI": "",
        "LuaScript": "",
        "LuaScriptState": "",
        "ObjectStates": objects,
    }


def _deck_object(
    data: GameData,
    deck: Deck,
    lang: str,
    sheets: list[tuple[str, SheetGrid, list[Card]]],
    printed: list[Card],
    back_url: str,
    base: str,
) -> dict[str, Any]:
    """The deck as TTS saves it: a "Deck" of its cards (copies repeated), or a "Card" when it holds only one."""
    g = data.game
    custom: dict[str, Any] = {}
    ids: dict[str, int] = {}
    for n, (name, grid, cards) in enumerate(sheets, start=1):
        custom[str(n)] = {
            "FaceURL": base + name,
            "BackURL": back_url,
            "NumWidth": grid.cols,
            "NumHeight": grid.rows,
            "BackIsHidden": True,
            "UniqueBack": False,
            "Type": 0,
        }
        for i, card in enumerate(cards):
            ids[card.id] = n * 100 + i
    transform = _transform()
    contained = []
    for card in printed:
        cid = ids[card.id]
        contained.append(
            {
                "Name": "Card",
                "Nickname": tr(card.title, lang, g.default_language),
                "Description": card.id,
                "CardID": cid,
                "SidewaysCard": False,
                "CustomDeck": {str(cid // 100): custom[str(cid // 100)]},
                "Transform": transform,
            }
        )
    if len(contained) == 1:
        return {**contained[0], "Description": attribution(data, lang), "HideWhenFaceDown": True}
    return {
        "Name": "Deck",
        "Nickname": tr(deck.title, lang, g.default_language),
        "Description": attribution(data, lang),
        "Transform": transform,
        "HideWhenFaceDown": True,
        "SidewaysCard": False,
        "DeckIDs": [o["CardID"] for o in contained],
        "CustomDeck": custom,
        "ContainedObjects": contained,
    }


def _board(data: GameData, opts: BuildOptions, ctx: BuildContext) -> Any | None:
    """The board as one image (at most 4096 px a side, 150 dpi at most), or None without a board."""
    if data.board is None:
        return None
    from mallette_print.board.draw import board_pdf
    from mallette_print.board.layout import layout_board

    lay = layout_board(data, opts.lang, opts.board_size, opts.card_size)
    pdf, _ = board_pdf(data, lay, opts.lang, ctx.svgs)
    scale = min(MAX_PX / lay.page_w, MAX_PX / lay.page_h, BOARD_DPI / 72)
    return next(page_images(pdf, [scale])).convert("RGB")


def _board_object(data: GameData, lang: str, url: str) -> dict[str, Any]:
    """The board as a TTS "Custom_Board" in the middle of the table: TTS gives it the image's aspect ratio
    (WidthScale 0); it is locked, face up."""
    return {
        "Name": "Custom_Board",
        "Nickname": tr(data.game.title, lang, data.game.default_language),
        "Description": attribution(data, lang),
        "Transform": _transform(face_down=False),
        "Locked": True,
        "CustomImage": {"ImageURL": url, "ImageSecondaryURL": "", "WidthScale": 0.0},
    }


def _slug(text: str) -> str:
    out = "".join(ch if ch.isalnum() else "-" for ch in unicodedata.normalize("NFKD", text.lower()) if ord(ch) < 128)
    return "-".join(p for p in out.split("-") if p) or "game"


def tts_base(opts: BuildOptions) -> str:
    """The start of every image URL: --tts-url (ending in /), else the file:// address of the output's tts folder."""
    if opts.tts_url:
        return opts.tts_url if opts.tts_url.endswith("/") else opts.tts_url + "/"
    folder = partial_name("tts/") if opts.partial else "tts/"
    return (Path(opts.out).resolve() / folder).as_uri() + "/"


def tts_outputs(data: GameData, opts: BuildOptions, ctx: BuildContext | None = None) -> list[Output]:
    """The tts/ folder: per deck, sheets of at most 10×7 cards, a back image, a saved object; and README.txt."""
    ctx = ctx or BuildContext()
    size = parse_card_size(opts.card_size)
    look = CardLook(size=size, ink_saver=opts.ink_saver)
    lang = opts.lang
    base = tts_base(opts)
    words = Phrases(lang, data.game.default_language)
    title = tr(data.game.title, lang, data.game.default_language)
    decks = [deck.id for deck, _ in expand(data, opts.cards)]
    table = _slug(title) + ("-table" if _slug(title) in decks else "")
    lines = [words("tts.head", title=title, base=base, table=f"{table}.json")]
    outputs: list[Output] = []
    objects: list[dict[str, Any]] = []
    for deck, printed in expand(data, opts.cards):
        unique = list({card.id: card for card in printed}.values())
        sheets = []
        for k, chunk in enumerate(_chunks(unique), start=1):
            sheets.append((f"{deck.id}-{k}.jpg", plan_grid(len(chunk), size), chunk))
        back_px = sheets[0][1].card_px
        jobs: list[tuple[Deck, Card | None]] = [(deck, None)]
        px = [back_px]
        for _, grid, chunk in sheets:
            jobs += [(deck, card) for card in chunk] + [(deck, None)]
            px += [grid.card_px] * (len(chunk) + 1)
        images = _render(ctx, data, lang, look, jobs, px)
        from PIL import Image

        back_name = f"{deck.id}-back.jpg"
        outputs.append(Output(f"tts/{back_name}", _jpeg(images[0])))
        at = 1
        for name, grid, chunk in sheets:
            sheet = Image.new("RGB", grid.size_px, "white")
            for i in range(len(chunk)):
                sheet.paste(images[at + i], ((i % grid.cols) * grid.card_px[0], (i // grid.cols) * grid.card_px[1]))
            last = grid.cols * grid.rows - 1
            sheet.paste(
                images[at + len(chunk)], ((last % grid.cols) * grid.card_px[0], (last // grid.cols) * grid.card_px[1])
            )
            at += len(chunk) + 1
            outputs.append(Output(f"tts/{name}", _jpeg(sheet)))
            lines.append(
                words("tts.sheet", face=name, back=back_name, cols=grid.cols, rows=grid.rows, count=grid.count)
            )
        obj = _deck_object(data, deck, lang, sheets, list(printed), base + back_name, base)
        objects.append(obj)
        outputs.append(Output(f"tts/{deck.id}.json", _json(save_file([obj]))))
    # The whole table: the board in the middle, the decks in a row in front of it, 3 units apart.
    board = None if opts.partial else _board(data, opts, ctx)
    laid = [{**o, "Transform": _transform((i - (len(objects) - 1) / 2) * 3.0, DECKS_Z)} for i, o in enumerate(objects)]
    if board is not None:
        outputs.append(Output("tts/board.jpg", _jpeg(board)))
        laid.insert(0, _board_object(data, lang, base + "board.jpg"))
    outputs.append(Output(f"tts/{table}.json", _json(save_file(laid))))
    lines.append(words("tts.foot", credit=attribution(data, lang)))
    outputs.append(Output("tts/README.txt", "".join(lines).encode("utf-8")))
    return outputs
