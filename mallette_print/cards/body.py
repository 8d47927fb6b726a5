"""The body text of a card face: its paragraphs in the template's order, with labels, inline icons and numbers.

faces.py fits these blocks into the card; the words of the game (families, kinds, zones, tracks, card titles)
are made once per game and language on the build's context.
"""

from __future__ import annotations

from typing import Any

from mallette_print.cards.labels import label
from mallette_print.core.cardtypes import FieldDef
from mallette_print.core.i18n import tr
from mallette_print.core.model import (
    ActorCard,
    Card,
    ChallengeCard,
    CooperationCard,
    CustomCard,
    Deck,
    EventCard,
    GameData,
    NotionCard,
    ResourceCard,
)
from mallette_print.core.typography import colon
from mallette_print.core.units import mm
from mallette_print.draw.icons import icon_index
from mallette_print.draw.markup import escape
from mallette_print.draw.textfit import NBSP, Block, icon_markup, to_markup
from mallette_print.pipeline.context import BuildContext

BLOCK_GAP = mm(1.2)
MINUS = "\u2212"


def _lbl(key: str, w: Words) -> str:
    return f"<b>{escape(w.label(key), quotes=False)}{colon(w.lang)}</b> "


def _signed(n: int) -> str:
    return f"+{n}" if n > 0 else f"{MINUS}{-n}"


def words_for(ctx: BuildContext, data: GameData, lang: str) -> Words:
    """The words of the game in one language, made once per game and context."""
    return ctx.per_game(data, ("words", lang), lambda: Words(data, lang))


def known_icons(ctx: BuildContext, data: GameData) -> dict[str, str]:
    """The game's icon index, listed once per game and context."""
    return ctx.per_game(data, "icon_index", lambda: icon_index(data))


class Words:
    """Labels of the game's named things in one language, with their inline icons (made once per game)."""

    def __init__(self, data: GameData, lang: str) -> None:
        g = data.game
        self.lang, self.default = lang, g.default_language
        things: list[Any] = [*g.families, *g.resource_kinds, *g.zones, *g.tracks]
        self.things = {x.id: x for x in things}
        self.cards = {c.id: c for _, c in data.cards()}

    def t(self, text: dict[str, str] | None) -> str:
        return tr(text, self.lang, self.default)

    def label(self, key: str) -> str:
        return label(key, self.lang, self.default)

    def named(self, thing_id: str) -> str:
        thing = self.things[thing_id]
        icon = icon_markup(thing_id) if getattr(thing, "icon", None) else ""
        return icon + escape(self.t(thing.label), quotes=False)

    def card_title(self, card_id: str) -> str:
        return escape(self.t(self.cards[card_id].title), quotes=False)


def body_blocks(ctx: BuildContext, data: GameData, deck: Deck, card: Card, lang: str, show: list[str]) -> list[Block]:
    """The body paragraphs of a card face, in the order of the template's `show`."""
    w = words_for(ctx, data, lang)
    out: list[Block] = []
    sep = " · "

    def add(field: str, markup: str, **kw: object) -> None:
        out.append(Block(field, markup, gap_before=BLOCK_GAP if out else 0.0, **kw))  # type: ignore[arg-type]

    for name in show:
        if name == "flavour":
            if card.flavour:
                add("flavour", f"<i>{to_markup(w.t(card.flavour), lang)}</i>")
        elif name in card.added:  # a field the game adds to a built-in type: printed as a field of its own types
            _own(card.added[name], name, getattr(card, name, None), w, lang, add)
        elif isinstance(card, ActorCard):
            if name == "description":
                add(name, to_markup(w.t(card.description), lang))
            elif name == "resources":
                items = [icon_markup(getattr(w.cards[r], "kind", "")) + w.card_title(r) for r in card.resources]
                add(name, _lbl("brings", w) + sep.join(items))
            elif name == "ability":
                add(name, _lbl("ability", w) + to_markup(w.t(card.ability), lang), boxed=True)
            elif name == "zone":
                add(name, _lbl("zone", w) + w.named(card.zone))
        elif isinstance(card, ResourceCard):
            if name == "description":
                add(name, to_markup(w.t(card.description), lang))
            elif name == "fragile" and card.fragile:
                add(
                    name,
                    icon_markup("fragilite") + f"<b>{escape(w.label('fragile'), quotes=False)}</b>{colon(lang)} "
                    f"{escape(w.label('fragile_text'), quotes=False)}",
                    boxed=True,
                )
        elif isinstance(card, CooperationCard):
            if name == "families":
                add(name, _lbl("families", w) + sep.join(w.named(f) for f in card.families))
            elif name == "resources":
                add(
                    name,
                    _lbl("resources", w) + sep.join(f"{n}{NBSP}×{NBSP}{w.named(k)}" for k, n in card.resources.items()),
                )
            elif name == "effects":
                add(
                    name,
                    _lbl("effects", w)
                    + sep.join(f"<b>{_signed(n)}</b>{NBSP}{w.named(t)}" for t, n in card.effects.items()),
                    boxed=True,
                )
            elif name == "description":
                add(name, to_markup(w.t(card.description), lang))
            elif name == "example":
                add(name, _lbl("example", w) + f"<i>{to_markup(w.t(card.example), lang)}</i>")
        elif isinstance(card, ChallengeCard):
            if name == "zone":
                add(name, _lbl("zone", w) + w.named(card.zone))
            elif name == "description":
                add(name, to_markup(w.t(card.description), lang))
            elif name == "solved_by":
                add(name, _lbl("solved_by", w) + sep.join(f"<b>{w.card_title(c)}</b>" for c in card.solved_by))
            elif name == "reward" and card.reward:
                add(
                    name,
                    _lbl("reward", w)
                    + sep.join(f"<b>{_signed(n)}</b>{NBSP}{w.named(t)}" for t, n in card.reward.items()),
                    boxed=True,
                )
            elif name == "question":
                add(name, _lbl("question", w) + f"<i>{to_markup(w.t(card.question), lang)}</i>")
        elif isinstance(card, EventCard):
            if name == "effect":
                add(name, to_markup(w.t(card.effect), lang), boxed=True)
            elif name == "zones" and card.zones:
                add(
                    name, _lbl("zones" if len(card.zones) > 1 else "zone", w) + sep.join(w.named(z) for z in card.zones)
                )
            elif name == "tracks" and card.tracks:
                add(
                    name,
                    _lbl("tracks", w)
                    + sep.join(f"<b>{_signed(n)}</b>{NBSP}{w.named(t)}" for t, n in card.tracks.items()),
                )
            elif name == "fragility" and card.fragility:
                add(name, f"<b>{_signed(card.fragility)}</b>{NBSP}{w.named(data.game.fragility_track)}")
            elif name == "question":
                add(name, _lbl("question", w) + f"<i>{to_markup(w.t(card.question), lang)}</i>")
        elif isinstance(card, CustomCard) and card.type_def is not None:
            f = card.type_def.fields.get(name)
            if f is not None:
                _own(f, name, getattr(card, name, None), w, lang, add)
        elif isinstance(card, NotionCard):
            if name == "definition":
                add(name, to_markup(w.t(card.definition), lang))
            elif name == "question":
                add(name, _lbl("question", w) + f"<i>{to_markup(w.t(card.question), lang)}</i>")
    return out


def _own(f: FieldDef, name: str, value: Any, w: Words, lang: str, add: Any) -> None:
    """A paragraph for a field of a game's own definition: its label, then its value."""
    if f.kind == "flag":  # a flag prints its label when it is set, nothing otherwise
        if value is True and f.label:
            add(name, f"<b>{escape(w.t(f.label), quotes=False)}</b>")
    elif f.kind != "image" and value not in (None, [], {}):
        head = f"<b>{escape(w.t(f.label), quotes=False)}{colon(lang)}</b> " if f.label else ""
        add(name, head + _value(f, value, w, lang))


def _value(f: FieldDef, value: Any, w: Words, lang: str) -> str:
    """A field of a card type of the game's own, as markup, by its kind."""
    if f.kind == "list" and f.of is not None:
        kind = f.of
        return " · ".join(_value(kind, v, w, lang) for v in value)
    if f.kind == "rich":
        return to_markup(w.t(value), lang)
    if f.kind == "text":
        return escape(w.t(value), quotes=False)
    if f.kind == "number":
        return f"<b>{value}</b>"
    if f.kind == "choice":
        return escape(w.t(f.choices[value]), quotes=False)
    if f.kind == "ref":
        if f.among == "fiches":
            return escape(value, quotes=False)
        return w.named(value) if f.among else w.card_title(value)
    if f.kind == "amounts":
        return " · ".join(f"{n}{NBSP}×{NBSP}{w.named(k)}" for k, n in value.items())
    if f.kind == "flag":
        return escape(w.t(f.label), quotes=False) if value else ""
    return escape(str(value), quotes=False)


def field_markup(ctx: BuildContext, data: GameData, deck: Deck, card: Card, lang: str, name: str, label: bool) -> str:
    """One field of a card as markup, for an element placed at a fixed place: the title, a field of a game's own
    type (its label before it when `label`), or a built-in type's field as the flowing layout writes it."""
    w = words_for(ctx, data, lang)
    if name == "title":
        return to_markup(w.t(card.title), lang)
    own = card.type_def.fields if isinstance(card, CustomCard) and card.type_def is not None else card.added
    if name in own:
        f = own[name]
        value = getattr(card, name, None)
        if value in (None, []):
            return ""
        head = f"<b>{escape(w.t(f.label), quotes=False)}{colon(lang)}</b> " if label and f.label else ""
        return head + _value(f, value, w, lang)
    value = getattr(card, name, None)
    if not isinstance(card, CustomCard) and isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    return "<br/>".join(b.markup for b in body_blocks(ctx, data, deck, card, lang, [name]))
