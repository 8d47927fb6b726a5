"""Card types as data: a game's own card types and their fields (game.yaml `card_types:`).

A type lists its fields, each with a kind:

- text: a translated text, printed as written;
- rich: a translated text with inline markup (**bold**, *italic*) and icons (:zone:);
- number: a whole number, with `min` and `max`;
- choice: one of a fixed list, `choices: {id: label}` (labels translated);
- ref: the id of a card of another deck, of the card type `card_type`;
- list: a list of values of the kind given by `of` (any kind but list);
- image: the path of an image in the game folder.

Every card of every type also has `id`, `title`, `quantity`, `fiche`, `image` and `flavour`; a type may list
`title` (text or rich) and `image` (image) among its fields to make them required or to place them in `show`.
This module only describes types; core/custom.py turns a definition into the model its cards are validated with.
"""

from __future__ import annotations

from typing import Literal

from pydantic import StrictBool, StrictInt, model_validator
from pydantic_core import PydanticCustomError

from mallette_print.core.fields import Id, Strict, Text

FieldKind = Literal["text", "rich", "number", "choice", "ref", "list", "image"]
BUILTIN_TYPES = ("actor", "resource", "cooperation", "challenge", "event", "notion")
# Fields every card has: a type may not define them (title and image only with their own kind).
RESERVED = {
    "id": (),
    "quantity": (),
    "fiche": (),
    "flavour": (),
    "type": (),
    "title": ("text", "rich"),
    "image": ("image",),
}
_PARAMS = {"min": "number", "max": "number", "choices": "choice", "card_type": "ref", "of": "list"}


class FieldDef(Strict):
    """One field of a card type: its kind, its printed label (translated), whether a card must give it."""

    kind: FieldKind
    label: Text = {}
    required: StrictBool = True
    min: StrictInt | None = None
    max: StrictInt | None = None
    choices: dict[Id, Text] = {}
    card_type: Id | None = None
    of: FieldDef | None = None

    @model_validator(mode="after")
    def _params_fit_kind(self) -> FieldDef:
        for name, kind in _PARAMS.items():
            if getattr(self, name) not in (None, {}) and self.kind != kind:
                raise PydanticCustomError(
                    "field_param", "'{name}' is only for fields of kind '{kind}'", {"name": name, "kind": kind}
                )
        needs = {"choice": ("choices", "a list of choices"), "ref": ("card_type", "the card type it refers to")}
        if self.kind in needs and getattr(self, needs[self.kind][0]) in (None, {}):
            name, what = needs[self.kind]
            raise PydanticCustomError(
                "field_param", "a {kind} field needs '{name}' ({what})", {"kind": self.kind, "name": name, "what": what}
            )
        if self.kind == "list" and (self.of is None or self.of.kind == "list"):
            raise PydanticCustomError("field_param", "a list field needs 'of': the kind of its items (not a list)", {})
        if self.min is not None and self.max is not None and self.min > self.max:
            raise PydanticCustomError("field_param", "min {a} is above max {b}", {"a": self.min, "b": self.max})
        return self


class CardTypeDef(Strict):
    """A card type of the game's own: its name on the cards (translated), its fields, the order they are shown."""

    label: Text
    fields: dict[Id, FieldDef]
    show: list[Id] = []

    @model_validator(mode="after")
    def _fields_fit(self) -> CardTypeDef:
        for name, f in self.fields.items():
            if name in RESERVED and f.kind not in RESERVED[name]:
                kinds = " or ".join(RESERVED[name])
                raise PydanticCustomError(
                    "card_type",
                    "'{name}' is a field of every card{tail}",
                    {"name": name, "tail": f" and is of kind {kinds}" if kinds else ": choose another name"},
                )
        for name in self.show:
            if name not in self.fields and name != "flavour":
                raise PydanticCustomError(
                    "card_type",
                    "show: '{name}' is not one of the type's fields ({known})",
                    {"name": name, "known": ", ".join(self.fields)},
                )
        return self

    def shown(self) -> tuple[str, ...]:
        """The fields printed in the card's body, in order (the title is in the header, the image above)."""
        return tuple(self.show) if self.show else (*(n for n in self.fields if n not in ("title", "image")), "flavour")
