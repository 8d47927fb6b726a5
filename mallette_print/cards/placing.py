"""Elements at fixed places (a template's `elements:`): each fitted in its box, in millimetres from the trim.

A template with elements makes the whole face from them instead of the flowing layout (cards/faces.py): texts are
fitted in their boxes, shrunk down to their style's min_size, and a text that still does not fit is a located
overflow like the flowing layout's; an image or icon is placed in its box, whole (contain) or filling it (cover).
cards/placed.py draws them.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from mallette_print.cards.body import field_markup
from mallette_print.cards.located import card_location, overflow_problem
from mallette_print.core.cardsize import CardSize
from mallette_print.core.errors import Problem, problem
from mallette_print.core.model import BODY_FLOOR_PT, TEXT_FLOOR_PT, Card, Deck, Element, GameData, Template, TextStyle
from mallette_print.core.units import mm
from mallette_print.draw.fonts import FontFamily
from mallette_print.draw.textfit import Block, Fitted, Overflow, Style, fit_blocks, text_style
from mallette_print.pipeline.context import BuildContext

_DEFAULT_STYLE = TextStyle(size="9pt", min_size="7pt")


@dataclass(frozen=True)
class Placed:
    """One element, ready to draw: its box in points (card coordinates, from the lower left) and what goes in it."""

    kind: str
    x: float
    y: float
    w: float
    h: float
    fitted: Fitted | None = None
    path: str | None = None
    fit: str = "contain"
    colour: str | None = None
    text: str = ""
    url: str | None = None


def _style(ts: TextStyle, floor: float) -> Style:
    style = text_style(ts)
    return replace(style, min_size=max(style.min_size, floor))


def layout_elements(
    ctx: BuildContext,
    data: GameData,
    deck: Deck,
    card: Card,
    tpl: Template,
    lang: str,
    size: CardSize,
    fam: FontFamily,
    keep: float = 0.0,
) -> tuple[Placed, ...] | list[Problem]:
    """The template's elements for one card, fitted; or the located problems (a box off the card, a text that
    does not fit in its box at its smallest size, a box over the small print: `keep` points from the bottom)."""
    out: list[Placed] = []
    problems: list[Problem] = []
    ctx_name = f"card '{card.id}'"
    for i, el in enumerate(tpl.elements):
        x, top, w, h = (mm(float(v)) for v in el.box)
        y = size.h - top - h
        where = (
            f"element {i + 1} ({el.kind}) of template '{card.template or deck.template}' has its box {list(el.box)} mm"
        )
        why = ""
        if x < -1e-6 or y < -1e-6 or x + w > size.w + 1e-6 or top < -1e-6:
            why = f"outside the {size.w / mm(1):g} x {size.h / mm(1):g} mm card"
        elif el.kind != "band" and y < keep - 1e-6:
            why = (
                f"over the licence notice and card id at the bottom: keep the lowest {keep / mm(1):.1f} mm of the "
                f"{size.h / mm(1):g} mm card free (boxes ending at y + height <= {(size.h - keep) / mm(1):.1f})"
            )
        if why:
            path, line, col, sheet = card_location(deck, card.id, "template", lang)
            problems.append(problem(path, line, col, ctx_name, f"{where} {why}", sheet))
            continue
        placed = Placed(el.kind, x, y, w, h, fit=el.fit, colour=el.colour)
        if el.kind in ("text", "badge"):
            got = _text(ctx, data, deck, card, el, lang, fam, w, h)
            if isinstance(got, Problem):
                problems.append(got)
                continue
            placed = replace(placed, fitted=got)
        elif el.kind == "image":
            value = getattr(card, el.field or "", None)
            if not isinstance(value, str):
                continue  # an optional image the card does not have: its box stays empty
            placed = replace(placed, path=value)
        elif el.kind == "icon":
            placed = replace(placed, path=el.icon)
        elif el.kind == "qr":
            if not card.fiche:
                continue
            placed = replace(placed, url=data.fiche_url(card.fiche))
        out.append(placed)
    return problems if problems else tuple(out)


def _text(
    ctx: BuildContext,
    data: GameData,
    deck: Deck,
    card: Card,
    el: Element,
    lang: str,
    fam: FontFamily,
    w: float,
    h: float,
) -> Fitted | Problem | None:
    field = el.field or ""
    markup = field_markup(ctx, data, deck, card, lang, field, el.label)
    if not markup:
        return None
    floor = TEXT_FLOOR_PT if field == "title" or el.kind == "badge" else BODY_FLOOR_PT
    style = _style(el.style or _DEFAULT_STYLE, floor)
    if el.kind == "badge":
        markup = f"<b>{markup}</b>"
        style = replace(style, align="centre")
    got = fit_blocks(fam, [Block(field, markup)], style, w, h, lang)
    if isinstance(got, Overflow):
        return overflow_problem(deck, card, got, " in its box")
    return got
