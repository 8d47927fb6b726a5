"""The checks of cards that need the whole game: every card's fields against its type's definition (the names
it refers to exist: game.yaml's families, kinds, zones, tracks and fiches, other decks' cards; its image paths stay
in the game folder), a game's `card_types:` themselves, and the rules of this game that a field's definition
cannot say (game-level checks, listed in rules()).

Cards of every type, built in (core/builtin_types.yaml) or the game's own, go through the same code here.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any

from mallette_print.core.cardtypes import LIST_ITEMS, CardTypeDef, FieldDef
from mallette_print.core.cardviews import CardBase, CooperationCard, EventCard
from mallette_print.core.checks import ASSET_SUFFIXES, Collector, data_path
from mallette_print.core.custom import builtin_types
from mallette_print.core.diagnostics import closest, suggest
from mallette_print.core.manifest import Game
from mallette_print.core.powers import Power
from mallette_print.core.yamlio import Located


class Refs:
    """Checks that names used by cards exist, with the closest ones as suggestions."""

    def __init__(self, col: Collector) -> None:
        self.col = col

    def check(
        self,
        value: str,
        known: Iterable[str],
        what: str,
        doc: Located,
        loc: tuple[Any, ...],
        ctx: str,
        key: bool = False,
    ) -> None:
        known = list(known)
        if value not in known:
            near = closest(value, known)
            hint = f" (closest: {', '.join(repr(n) for n in near)})" if near else f" (known: {', '.join(known[:8])})"
            self.col.add(doc, loc, ctx, f"unknown {what} '{value}'{hint}", key=key)


def game_lists(game: Game) -> dict[str, list[str]]:
    """The ids of each game.yaml list a field may refer to (`among`)."""
    named = {n: [x.id for x in getattr(game, n)] for n in ("families", "resource_kinds", "zones", "tracks")}
    return {**named, "fiches": [f.id for f in game.fiches.items]}


def check_type_defs(game: Game, doc: Located, col: Collector) -> None:
    """A game's `card_types:`: the card types its references name, what a new type needs, what an entry named
    after a built-in type may do (add fields, not change them), the fields `show` names."""
    built_in = builtin_types()
    types = [*built_in, *game.card_types]
    for name, d in game.card_types.items():
        at, ctx = ("card_types", name), f"card type '{name}'"
        base = built_in.get(name)
        if base is None:
            for key, what in (("label", "its name on the cards"), ("fields", "the fields its cards have")):
                if not getattr(d, key):
                    col.add(doc, at, ctx, f"a card type of the game's own needs '{key}' ({what})")
        for field, fd in d.fields.items():
            if base is not None and field in base.fields:
                col.add(
                    doc,
                    (*at, "fields", field),
                    ctx,
                    f"'{field}' is already a field of the built-in card type '{name}': a game adds fields to a "
                    "built-in type, it does not change them (or give your own type another name)",
                    True,
                )
            ref, loc = (fd.of, ("of",)) if fd.kind == "list" and fd.of is not None else (fd, ())
            if ref.kind == "ref" and ref.card_type is not None and ref.card_type not in types:
                hint = suggest(str(ref.card_type), types)
                col.add(
                    doc, (*at, "fields", field, *loc, "card_type"), ctx, f"unknown card type '{ref.card_type}'{hint}"
                )
        known = [*(base.fields if base else ()), *d.fields, "flavour"]
        for i, shown in enumerate(d.show):
            if shown not in known:
                col.add(
                    doc,
                    (*at, "show", i),
                    ctx,
                    f"show: '{shown}' is not one of the type's fields{suggest(shown, known)} ({', '.join(known)})",
                )


def check_fields(
    card: CardBase,
    definition: CardTypeDef,
    by_type: dict[str, list[str]],
    lists: dict[str, list[str]],
    where: tuple[Located, tuple[Any, ...], str],
    root: Path,
    refs: Refs,
) -> None:
    """The names a card's fields refer to, and its image paths, by its type's definition. The card's own `fiche`
    and `image` are checked with every card's."""
    doc, base, ctx = where
    for name, f in definition.fields.items():
        if name in ("fiche", "image"):
            continue
        value = getattr(card, name, None)
        values, kind = (list(enumerate(value or [])), f.of) if f.kind == "list" else ([(None, value)], f)
        for j, v in values:
            if v is None or kind is None:
                continue
            loc = base + ((name,) if j is None else (name, j))
            _check_value(kind, v, by_type, lists, (doc, loc, ctx), root, refs)


def _check_value(
    f: FieldDef,
    v: Any,
    by_type: dict[str, list[str]],
    lists: dict[str, list[str]],
    where: tuple[Located, tuple[Any, ...], str],
    root: Path,
    refs: Refs,
) -> None:
    doc, loc, ctx = where
    if f.kind == "ref" and f.card_type is not None:
        refs.check(v, by_type.get(f.card_type, []), f"{f.card_type} card", doc, loc, ctx)
    elif f.kind == "ref" and f.among is not None:
        refs.check(v, lists[f.among], LIST_ITEMS[f.among], doc, loc, ctx)
    elif f.kind == "amounts" and f.among is not None:
        for k in v:
            refs.check(k, lists[f.among], LIST_ITEMS[f.among], doc, loc + (k,), ctx, key=True)
    elif f.kind == "image":
        data_path(root, v, root, doc, loc, ctx, refs.col, ASSET_SUFFIXES)
    elif f.kind == "power" and isinstance(v, Power):
        for name, among in (
            ("kind", "resource_kinds"),
            ("to", "resource_kinds"),
            ("track", "tracks"),
            ("family", "families"),
        ):
            value = getattr(v, name)
            if value is not None:
                refs.check(value, lists[among], LIST_ITEMS[among], doc, loc + (name,), ctx)


def rules(game: Game, card: CardBase, where: tuple[Located, tuple[Any, ...], str], col: Collector) -> None:
    """The rules of Territoires en coopération that no field definition says, checked at the card:

    - hybridisation: a cooperation brings at least `parameters.hybridisation_min_kinds` kinds of resources;
    - an event's `discard_kind` (which fragile resources are discarded) needs `discard_fragile` of 1 or more.

    (The deck as a whole, duplicate titles, a cooperation that solves no challenge..., is core/coherence.py's.)"""
    doc, base, ctx = where
    if isinstance(card, CooperationCard):
        need = game.parameters.hybridisation_min_kinds
        if len(card.resources) < need:
            col.add(
                doc,
                base + ("resources",),
                ctx,
                f"hybridisation rule: a cooperation needs at least {need} kinds of resources, got {len(card.resources)}",
            )
    elif isinstance(card, EventCard) and card.discard_kind is not None and card.discard_fragile == 0:
        col.add(doc, base + ("discard_kind",), ctx, "'discard_kind' needs 'discard_fragile' of 1 or more")
