"""Tabletop Simulator export (`--tts`): deck sheets, backs, import numbers and saved objects in OUT/tts/.

TTS builds a deck from one image holding a grid of card faces (at most 10
columns × 7 rows, at most 4096 px a side) and one back image. With "Back is
hidden" on, TTS shows the last slot of the grid to the other players when a
card is in someone's hand, so every sheet keeps its last slot free and puts the
deck's back there. Each distinct card is drawn once; copies are repeated card
ids in the saved object, which is how TTS itself stores decks. A deck of more
than 69 distinct cards goes on several sheets. Faces are rendered from the same
drawing as cards.pdf, at the trim (no bleed).
"""

from __future__ import annotations

import io
import json
import math
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
from mallette_print.pipeline.options import BuildOptions, Output

MAX_COLS, MAX_ROWS, MAX_PX = 10, 7, 4096
PER_SHEET = MAX_COLS * MAX_ROWS - 1  # the last slot is the hidden card
MAX_DPI = 250  # small decks would otherwise get huge cards


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


def _jpeg(img: Any) -> bytes:
    out = io.BytesIO()
    img.save(out, format="JPEG", quality=92, subsampling=0, optimize=True)
    return out.getvalue()


def _deck_object(
    data: GameData,
    deck: Deck,
    lang: str,
    sheets: list[tuple[str, SheetGrid, list[Card]]],
    printed: list[Card],
    back_url: str,
    base: str,
) -> dict[str, Any]:
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
    transform = {
        "posX": 0.0,
        "posY": 1.0,
        "posZ": 0.0,
        "rotX": 0.0,
        "rotY": 180.0,
        "rotZ": 180.0,
        "scaleX": 1.0,
        "scaleY": 1.0,
        "scaleZ": 1.0,
    }
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
    deck_obj = {
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
        "ObjectStates": [deck_obj],
    }


def tts_outputs(data: GameData, opts: BuildOptions, ctx: BuildContext | None = None) -> list[Output]:
    """The tts/ folder: per deck, sheets of at most 10×7 cards, a back image, a saved object; and README.txt."""
    ctx = ctx or BuildContext()
    size = parse_card_size(opts.card_size)
    look = CardLook(size=size, ink_saver=opts.ink_saver)
    lang = opts.lang
    base = Path(opts.out).resolve().as_uri() + "/tts/"
    words = Phrases(lang, data.game.default_language)
    lines = [words("tts.head", title=tr(data.game.title, lang, data.game.default_language))]
    outputs: list[Output] = []
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
        outputs.append(
            Output(f"tts/{deck.id}.json", (json.dumps(obj, indent=1, ensure_ascii=False) + "\n").encode("utf-8"))
        )
    lines.append(words("tts.foot", credit=attribution(data, lang)))
    outputs.append(Output("tts/README.txt", "".join(lines).encode("utf-8")))
    return outputs
