"""A game's own card types (core/cardtypes.py) as the pydantic models their cards are validated with.

The six built-in types keep their hand-written models (core/model.py) and their special behaviour; a type the
game defines gets a model made from its definition, so that a card of it is checked with the same located
messages (unknown key with the closest names, wrong type, missing field), and the same JSON Schema machinery.
"""

from __future__ import annotations

import json
from typing import Any, Literal

from pydantic import Field, StrictInt, create_model

from mallette_print.core.cardtypes import CardTypeDef, FieldDef
from mallette_print.core.fields import AssetPath, Id, Text
from mallette_print.core.manifest import Game
from mallette_print.core.model import CARD_MODELS, SHOWABLE, CardBase, CustomCard

_MADE: dict[tuple[str, str], type[CustomCard]] = {}


def _annotation(f: FieldDef) -> Any:
    if f.kind in ("text", "rich"):
        return Text
    if f.kind == "number":
        return StrictInt
    if f.kind == "choice":
        return Literal[tuple(f.choices)]  # type: ignore[valid-type]
    if f.kind in ("ref",):
        return Id
    if f.kind == "image":
        return AssetPath
    assert f.of is not None  # a list (checked by FieldDef)
    return list[_annotation(f.of)]  # type: ignore[misc]


def _field(f: FieldDef) -> tuple[Any, Any]:
    tp = _annotation(f)
    limits: dict[str, Any] = {}
    if f.kind == "number":
        limits = {k: v for k, v in (("ge", f.min), ("le", f.max)) if v is not None}
    elif f.kind == "list":
        limits = {"min_length": 1 if f.required else 0}
    if not f.required:
        default: Any = [] if f.kind == "list" else None
        return (tp if f.kind == "list" else tp | None, Field(default=default, **limits))
    return (tp, Field(**limits))


def card_model(name: str, definition: CardTypeDef) -> type[CustomCard]:
    """The model of the cards of one type the game defines (made once per definition)."""
    key = (name, json.dumps(definition.model_dump(mode="json"), sort_keys=True))
    if key not in _MADE:
        fields = {n: _field(f) for n, f in definition.fields.items()}
        model = create_model(  # type: ignore[call-overload]
            f"{name.replace('-', '_').title().replace('_', '')}Card",
            __base__=CustomCard,
            __doc__=f"A card of the game's own type '{name}'.",
            **fields,
        )
        model.card_type, model.type_def = name, definition
        _MADE[key] = model
    return _MADE[key]


def card_models(game: Game) -> dict[str, type[CardBase]]:
    """The model of every card type of a game: the six built-in ones and its own."""
    return {**CARD_MODELS, **{n: card_model(n, d) for n, d in game.card_types.items() if n not in CARD_MODELS}}


def showable(game: Game, card_type: str) -> tuple[str, ...]:
    """The fields a template may `show` on a card of this type; for a type of the game's own, in its order."""
    if card_type in SHOWABLE:
        return SHOWABLE[card_type]
    d = game.card_types[card_type]
    return (*(n for n in d.fields if n not in ("title", "image")), "flavour")


def default_show(game: Game, card_type: str) -> list[str]:
    """What a card of this type shows when its template's `show` is empty."""
    if card_type in SHOWABLE:
        return list(SHOWABLE[card_type])
    return list(game.card_types[card_type].shown())
