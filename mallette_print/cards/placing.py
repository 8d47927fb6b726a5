"""Elements at fixed places (a template's `elements:`): each fitted in its box, in millimetres from the trim.

A template with elements makes the whole face from them instead of the flowing layout (cards/faces.py): texts are
fitted in their boxes, shrunk down to their style's min_size, and a text that still does not fit is a located
overflow like the flowing layout's; an image or icon is placed in its box, whole (contain) or filling it (cover).
cards/placed.py draws them.
"""

from __future__ import annotations

import html
import re
import unicodedata
from dataclasses import dataclass, replace
from pathlib import Path

from mallette_print.cards.body import field_markup
from mallette_print.cards.located import card_location, overflow_problem
from mallette_print.core.cardsize import CardSize
from mallette_print.core.errors import Problem, problem
from mallette_print.core.manifest import FontFiles
from mallette_print.core.model import BODY_FLOOR_PT, TEXT_FLOOR_PT, Card, Deck, Element, GameData, Template, TextStyle
from mallette_print.core.units import mm, parse_length
from mallette_print.draw.fonts import FontFamily
from mallette_print.draw.gamefonts import family_coverage, game_family
from mallette_print.draw.shapes import SHAPED, box_inside
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
    fam: FontFamily | None = None  # a text's or badge's own font family (game.yaml `fonts: {families: ...}`)
    pattern: str = ""
    spacing: float = 0.0


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
        elif el.kind not in ("band", "pattern") and y < keep - 1e-6:
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
            own = el.font or tpl.font
            family = data.game.fonts.families.get(own) if own else None
            el_fam = game_family(Path(data.root), family.files()) if family else fam
            got = _text(ctx, data, deck, card, el, lang, el_fam, w, h)
            if isinstance(got, Problem):
                problems.append(got)
                continue
            if got is not None and family is not None and own is not None:
                markup = "".join(b.markup for b in got.blocks)
                found = glyph_problems(data, deck, card, lang, own, family, [(el.field or "", markup)])
                if found:
                    problems += found
                    continue
            placed = replace(placed, fitted=got, fam=el_fam if family else None)
        elif el.kind == "pattern":
            placed = replace(placed, pattern=el.pattern or "", spacing=mm(float(el.spacing)))
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


def template_family(data: GameData, tpl: Template) -> tuple[str, FontFiles, FontFamily] | None:
    """A template's own font family (its `font:`): its name, its files and the registered family; None without."""
    family = data.game.fonts.families.get(tpl.font) if tpl.font else None
    if family is None or tpl.font is None:
        return None
    return tpl.font, family, game_family(Path(data.root), family.files())


def glyph_problems(
    data: GameData, deck: Deck, card: Card, lang: str, name: str, family: FontFiles, texts: list[tuple[str, str]]
) -> list[Problem]:
    """The texts (field, markup) of a card set in a game's font family that have characters it cannot draw, each
    located at the card's field."""
    covered = family_coverage(Path(data.root), family.files())
    out: list[Problem] = []
    for field, markup in texts:
        missing = _missing_glyphs(markup, covered)
        if missing:
            path, line, col, sheet = card_location(deck, card.id, field, lang)
            message = _glyph_message(field, name, family, missing, lang)
            out.append(problem(path, line, col, f"card '{card.id}'", message, sheet))
    return out


def _missing_glyphs(markup: str, covered: frozenset[int]) -> list[str]:
    """The characters of a text (as printed: tags and icons aside) that the font cannot draw."""
    text = html.unescape(re.sub(r"<[^>]*>", "", markup))
    return sorted({ch for ch in text if ord(ch) >= 32 and ch not in "\u00ad" and ord(ch) not in covered})


def _glyph_message(field: str, name: str, family: FontFiles, missing: list[str], lang: str) -> str:
    shown = ", ".join(f"'{ch}' U+{ord(ch):04X} ({unicodedata.name(ch, 'unnamed')})" for ch in missing[:5])
    more = f" and {len(missing) - 5} more" if len(missing) > 5 else ""
    files = ", ".join(Path(p).name for p in family.files().values())
    return (
        f"the {lang} text of '{field}' has characters the font family '{name}' ({files}) cannot draw: "
        f"{shown}{more} (they would print as empty boxes: write them otherwise, or choose another font)"
    )


def shape_warnings(data: GameData, size: CardSize) -> list[Problem]:
    """Placed elements whose box pokes out of a shaped card's safe area (the outline shrunk by the safe margin),
    located at the element in templates.yaml; bands and patterns are meant to run to the edge (clipped)."""
    from mallette_print.core.yamlio import YamlError, load_file

    found: list[Problem] = []
    try:
        doc = load_file(Path(data.root) / "cards" / data.game.templates)
    except YamlError:
        return found
    raw = doc.data.get("templates", {}) if isinstance(doc.data, dict) else {}
    for name, tpl in data.templates.items():
        tpl = tpl.at(size.name, size.w, size.h)
        if tpl.shape in ("circle", "hexagon") and not tpl.elements:
            line, col = doc.where(("templates", name, "shape") if "shape" in raw.get(name, {}) else ("templates", name))
            found.append(
                problem(
                    doc.path,
                    line,
                    col,
                    f"template '{name}'",
                    f"a {tpl.shape} card with the flowing layout: its texts are set in the rectangle and the outline "
                    "cuts into them; place them with `elements:` inside the shape",
                )
            )
        if tpl.shape not in SHAPED or not tpl.elements:
            continue
        radius = parse_length(tpl.corner_radius) if tpl.shape == "rounded" else 0.0
        own = raw.get(name, {}) if isinstance(raw, dict) else {}
        for i, el in enumerate(tpl.elements):
            if el.kind in ("band", "pattern"):
                continue
            x, top, w, h = (mm(float(v)) for v in el.box)
            if box_inside(tpl.shape, size.w, size.h, radius, size.safe, (x, size.h - top - h, w, h)):
                continue
            loc: tuple[object, ...] = ("templates", name, "elements", i) if "elements" in own else ("templates", name)
            line, col = doc.where(loc)
            found.append(
                problem(
                    doc.path,
                    line,
                    col,
                    f"template '{name}'",
                    f"element {i + 1} ({el.kind}) has its box {list(el.box)} mm outside the safe area of the "
                    f"{tpl.shape} {size.w_mm:g} x {size.h_mm:g} mm card (its outline less {size.safe_mm:g} mm): "
                    "it may be cut into",
                )
            )
    return found
