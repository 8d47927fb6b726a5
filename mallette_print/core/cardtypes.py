"""Card types as data: the fields of a card type (game.yaml `card_types:`, and core/builtin_types.yaml).

A type lists its fields, each with a kind:

- text: a translated text, printed as written;
- rich: a translated text with inline markup (**bold**, *italic*) and icons (:zone:);
- number: a whole number, with `min` and `max`;
- flag: yes or no (true or false);
- choice: one of a fixed list, `choices: {id: label}` (labels translated);
- ref: the id of a card of another deck, of the card type `card_type`, or of an item of one of game.yaml's lists,
  `among` (families, resource_kinds, zones, tracks, fiches);
- amounts: a whole number for each of some items of game.yaml's list `among` ({emploi: 1, lien: 2});
- list: a list of values of the kind given by `of` (any kind but list);
- image: the path of an image in the game folder;
- power: an actor's power, the form the simulator reads (core/powers.py).

`default:` gives a number or a flag the value a card that leaves it out has; `min_items` and `max_items` bound a
list or amounts. Every card of every type also has `id`, `title`, `quantity`, `fiche`, `image` and `flavour`; a
type may list `title` (text or rich), `image` (image) and `fiche` (ref) among its fields to make them required or
to place them in `show`. This module only describes types; core/custom.py turns a definition into the model its
cards are validated with, and reads the six built-in types of this game from builtin_types.yaml.
"""

from __future__ import annotations

from typing import Literal

from pydantic import StrictBool, StrictInt, model_validator
from pydantic_core import PydanticCustomError

from mallette_print.core.fields import Id, Strict, Text

FieldKind = Literal["text", "rich", "number", "flag", "choice", "ref", "amounts", "list", "image", "power"]
GameList = Literal["families", "resource_kinds", "zones", "tracks", "fiches"]
# What an item of each list is called in messages ("unknown zone 'x'").
LIST_ITEMS = {
    "families": "family",
    "resource_kinds": "resource kind",
    "zones": "zone",
    "tracks": "track",
    "fiches": "fiche",
}
# Fields every card has: a type may not define them (title, image and fiche only with their own kind).
RESERVED = {
    "id": (),
    "quantity": (),
    "flavour": (),
    "type": (),
    "template": (),
    "title": ("text", "rich"),
    "image": ("image",),
    "fiche": ("ref",),
}
_PARAMS: dict[str, tuple[str, ...]] = {
    "min": ("number",),
    "max": ("number",),
    "default": ("number", "flag"),
    "choices": ("choice",),
    "card_type": ("ref",),
    "among": ("ref", "amounts"),
    "of": ("list",),
    "min_items": ("list", "amounts"),
    "max_items": ("list", "amounts"),
}


class FieldDef(Strict):
    """One field of a card type: its kind, its printed label (translated), whether a card must give it."""

    kind: FieldKind
    label: Text = {}
    required: StrictBool = True
    default: StrictBool | StrictInt | None = None
    min: StrictInt | None = None
    max: StrictInt | None = None
    choices: dict[Id, Text] = {}
    card_type: Id | None = None
    among: GameList | None = None
    of: FieldDef | None = None
    min_items: StrictInt | None = None
    max_items: StrictInt | None = None
    # false: the field is for the game's rules or the band, never a paragraph of the card's body (not in `show`)
    printed: StrictBool = True

    @property
    def optional(self) -> bool:
        """True when a card may leave the field out (it is not required, or it has a default)."""
        return not self.required or self.default is not None

    @model_validator(mode="after")
    def _params_fit_kind(self) -> FieldDef:
        for name, kinds in _PARAMS.items():
            if getattr(self, name) not in (None, {}) and self.kind not in kinds:
                raise PydanticCustomError(
                    "field_param",
                    "'{name}' is only for fields of kind {kind}",
                    {"name": name, "kind": " or ".join(f"'{k}'" for k in kinds)},
                )
        needs = {"choice": ("choices", "a list of choices"), "amounts": ("among", "the game.yaml list it counts")}
        if self.kind in needs and getattr(self, needs[self.kind][0]) in (None, {}):
            name, what = needs[self.kind]
            raise PydanticCustomError(
                "field_param", "a {kind} field needs '{name}' ({what})", {"kind": self.kind, "name": name, "what": what}
            )
        if self.kind == "ref" and (self.card_type is None) == (self.among is None):
            raise PydanticCustomError(
                "field_param",
                "a ref field needs either 'card_type' (the card type it refers to) or 'among' (a game.yaml list)",
                {},
            )
        if self.kind == "list" and (self.of is None or self.of.kind == "list"):
            raise PydanticCustomError("field_param", "a list field needs 'of': the kind of its items (not a list)", {})
        for low, high in (("min", "max"), ("min_items", "max_items")):
            a, b = getattr(self, low), getattr(self, high)
            if a is not None and b is not None and a > b:
                raise PydanticCustomError(
                    "field_param", "{low} {a} is above {high} {b}", dict(low=low, a=a, high=high, b=b)
                )
        if self.default is not None and (isinstance(self.default, bool) != (self.kind == "flag")):
            raise PydanticCustomError(
                "field_param",
                "default: a {kind} field's default is {what}",
                dict(kind=self.kind, what="true or false" if self.kind == "flag" else "a whole number"),
            )
        least, most = self.min, self.max
        if (
            isinstance(self.default, int)
            and not isinstance(self.default, bool)
            and ((least is not None and self.default < least) or (most is not None and self.default > most))
        ):
            raise PydanticCustomError("field_param", "default {v} is outside min..max", {"v": self.default})
        return self


class CardTypeDef(Strict):
    """A card type: its name on the cards (translated), its fields, the order they are shown.

    A type of the game's own gives a `label` and its `fields`; a game's entry named after a built-in type adds
    fields to it (and may give it another label or `show`)."""

    label: Text = {}
    fields: dict[Id, FieldDef] = {}
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
        return self

    def shown(self) -> tuple[str, ...]:
        """The fields printed in the card's body, in order (the title is in the header, the image above)."""
        return tuple(self.show) if self.show else (*self.printable(), "flavour")

    def printable(self) -> tuple[str, ...]:
        """The fields a body paragraph may print, in the fields' order (title, image and fiche have their place)."""
        return tuple(n for n, f in self.fields.items() if f.printed and n not in ("title", "image", "fiche"))

    def showable(self) -> tuple[str, ...]:
        """The fields a template may `show`: those of `show` first, in its order, then the other printable ones."""
        first = [n for n in self.shown() if n != "flavour"]
        return (*first, *(n for n in self.printable() if n not in first), "flavour")
