"""Card types as the pydantic models their cards are validated with: the six built-in types of this game, read
from core/builtin_types.yaml, and a game's own (game.yaml `card_types:`), through the same engine.

A card of any type is checked with the same located messages (unknown key with the closest names, wrong type,
missing field, number out of range) and the same JSON Schema machinery. A built-in type's model has its typed view
(core/cardviews.py) as its base, so the game's logic keeps reading `card.resources` of an ActorCard; a game's own
type's model is a CustomCard.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any, Literal

import yaml
from pydantic import Field, StrictBool, StrictInt, TypeAdapter, create_model

from mallette_print.core.cardtypes import CardTypeDef, FieldDef
from mallette_print.core.cardviews import VIEWS, CardBase, CustomCard
from mallette_print.core.fields import AssetPath, Id, Text
from mallette_print.core.manifest import Game
from mallette_print.core.powers import Power

BUILTIN_FILE = Path(__file__).with_name("builtin_types.yaml")
_MADE: dict[tuple[str, str], type[CardBase]] = {}
# type_defs and card_model by the identity of their (frozen) arguments, which are kept alive with the result: the
# layout asks for a type's `show` once per card.
_DEFS: dict[int, tuple[object, dict[str, CardTypeDef]]] = {}
_MODELS: dict[tuple[str, int], tuple[object, type[CardBase]]] = {}


@cache
def builtin_types() -> dict[str, CardTypeDef]:
    """The six card types of Territoires en coopération, as written in core/builtin_types.yaml."""
    raw = yaml.safe_load(BUILTIN_FILE.read_text(encoding="utf-8"))
    return TypeAdapter(dict[str, CardTypeDef]).validate_python(raw, context={"default_language": "fr"})


def type_defs(card_types: dict[str, CardTypeDef]) -> dict[str, CardTypeDef]:
    """Every card type of a game with its own `card_types`: the built-in ones (with the fields the game adds to
    them) and the game's own. A field the game redefines in a built-in type is left as built in (check says so)."""
    known = _DEFS.get(id(card_types))
    if known is not None and known[0] is card_types:
        return known[1]
    out = dict(builtin_types())
    for name, own in card_types.items():
        base = out.get(name)
        if base is None:
            out[name] = own
            continue
        added = {n: f for n, f in own.fields.items() if n not in base.fields}
        show = own.show or [*(n for n in base.shown() if n != "flavour"), *added, "flavour"]
        out[name] = base.model_copy(
            update={"label": own.label or base.label, "fields": {**base.fields, **added}, "show": show}
        )
    _DEFS[id(card_types)] = (card_types, out)
    return out


def _annotation(f: FieldDef) -> Any:
    if f.kind in ("text", "rich"):
        return Text
    if f.kind == "number":
        return StrictInt
    if f.kind == "flag":
        return StrictBool
    if f.kind == "choice":
        return Literal[tuple(f.choices)]  # type: ignore[valid-type]
    if f.kind == "ref":
        return Id
    if f.kind == "amounts":
        return dict[Id, StrictInt]
    if f.kind == "image":
        return AssetPath
    if f.kind == "power":
        return Power
    assert f.of is not None  # a list (checked by FieldDef)
    return list[_annotation(f.of)]  # type: ignore[misc]


def _field(f: FieldDef) -> tuple[Any, Any]:
    tp = _annotation(f)
    limits: dict[str, Any] = {}
    if f.kind == "number":
        limits = {k: v for k, v in (("ge", f.min), ("le", f.max)) if v is not None}
    elif f.kind in ("list", "amounts"):
        least = f.min_items if f.min_items is not None else (1 if f.required and f.kind == "list" else 0)
        limits = {k: v for k, v in (("min_length", least), ("max_length", f.max_items)) if v}
    if f.default is not None:
        return (tp, Field(default=f.default, **limits))
    if not f.required:
        empty = {"list": [], "amounts": {}, "flag": False}
        if f.kind in empty:
            return (tp, Field(default=empty[f.kind], **limits))
        return (tp | None, Field(default=None, **limits))
    return (tp, Field(**limits))


def card_model(name: str, definition: CardTypeDef) -> type[CardBase]:
    """The model of the cards of one type (made once per definition): a built-in type's on its typed view."""
    known = _MODELS.get((name, id(definition)))
    if known is not None and known[0] is definition:
        return known[1]
    key = (name, json.dumps(definition.model_dump(mode="json"), sort_keys=True))
    if key not in _MADE:
        fields = {n: _field(f) for n, f in definition.fields.items()}
        view = VIEWS.get(name) if name in builtin_types() else None
        if view is not None:
            model = create_model(view.__name__, __base__=view, **fields)  # type: ignore[call-overload]
            built_in = builtin_types()[name].fields
            model.added = {n: f for n, f in definition.fields.items() if n not in built_in}
        else:
            model = create_model(  # type: ignore[call-overload]
                f"{name.replace('-', '_').title().replace('_', '')}Card",
                __base__=CustomCard,
                __doc__=f"A card of the game's own type '{name}'.",
                **fields,
            )
            model.card_type, model.type_def = name, definition
        _MADE[key] = model
    _MODELS[(name, id(definition))] = (definition, _MADE[key])
    return _MADE[key]


def models_for(card_types: dict[str, CardTypeDef]) -> dict[str, type[CardBase]]:
    """The model of every card type of a game whose own types are `card_types`: the built-in ones first."""
    return {n: card_model(n, d) for n, d in type_defs(card_types).items()}


def card_models(game: Game) -> dict[str, type[CardBase]]:
    """The model of every card type of a game: the six built-in ones and its own."""
    return models_for(game.card_types)


def showable(game: Game, card_type: str) -> tuple[str, ...]:
    """The fields a template may `show` on a card of this type: its `show` order first, then its other fields."""
    return type_defs(game.card_types)[card_type].showable()


def default_show(game: Game, card_type: str) -> list[str]:
    """What a card of this type shows when its template's `show` is empty."""
    return list(type_defs(game.card_types)[card_type].shown())
