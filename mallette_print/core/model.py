"""The game as typed, frozen values: templates, decks and cards, and GameData holding the whole game.

The field types are in fields.py, the manifest (cards/game.yaml) in manifest.py and the cards' typed views in
cardviews.py; all are re-exported here, so `from mallette_print.core.model import Game` keeps working.

Pydantic v2 models give us strict shapes (unknown keys are errors) and a JSON
Schema for editors; the fields of the card types are data (core/builtin_types.yaml, game.yaml `card_types:`). Cross-references between files are checked in
`validate.py`, which is also the only place that builds these models from
user data. This module never imports the renderer.
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, StrictBool, StrictFloat, StrictInt, field_validator, model_validator
from pydantic_core import PydanticCustomError

from mallette_print.core.cardviews import (
    ActorCard,
    Card,
    CardBase,
    CardType,
    ChallengeCard,
    CooperationCard,
    CustomCard,
    EventCard,
    NotionCard,
    ResourceCard,
)
from mallette_print.core.errors import RequestError
from mallette_print.core.fichetext import FicheText
from mallette_print.core.fields import AssetPath, Colour, Id, LangCode, Length, Strict, Text, Url
from mallette_print.core.manifest import (
    Attribution,
    Family,
    Fiche,
    Fiches,
    Game,
    Licence,
    Parameters,
    ResourceKind,
    Track,
    Zone,
)
from mallette_print.core.powers import POWER_PARAMS, Power, PowerType

# --- templates (cards/templates.yaml) -----------------------------------


class TextStyle(Strict):
    size: Length
    min_size: Length | None = None
    bold: StrictBool = False
    italic: StrictBool = False
    colour: Colour = "#1A1A1A"
    leading: StrictFloat = Field(default=1.2, ge=0.8, le=2.5)
    align: Literal["left", "centre", "justify"] = "left"


class SizeVariant(Strict):
    """Template settings for some card sizes only: what a small card leaves out, or its smaller text.

    It applies to the card sizes named in `names` (presets such as `mini`, or custom sizes such as `50x70`) and to
    every card at most `max_width` wide or at most `max_height` high; every variant that applies is used, in order.
    """

    names: list[str] = []
    max_width: Length | None = None
    max_height: Length | None = None
    show: list[str] | None = None
    title: TextStyle | None = None
    body: TextStyle | None = None
    small: TextStyle | None = None
    qr_size: Length | None = None
    band_height: Length | None = None
    qr: StrictBool | None = None
    band_label: StrictBool | None = None

    @model_validator(mode="after")
    def _selects(self) -> SizeVariant:
        from mallette_print.core.cardsize import parse_card_size

        if not self.names and self.max_width is None and self.max_height is None:
            raise PydanticCustomError(
                "size_variant", "say which card sizes it is for: 'names', 'max_width' or 'max_height'"
            )
        for name in self.names:
            try:
                parse_card_size(name)
            except ValueError as exc:
                raise PydanticCustomError("size_variant", "names: {msg}", {"msg": str(exc)}) from None
        for style in (self.title, self.body, self.small):
            if style and style.min_size and _points(style.min_size) < TEXT_FLOOR_PT - 1e-6:
                raise PydanticCustomError(
                    "size_variant", "text is never smaller than 5.5 pt, got min_size {v}", {"v": style.min_size}
                )
        return self

    def applies(self, name: str, w: float, h: float) -> bool:
        """True for a card of this size name and trim size (points)."""
        from mallette_print.core.cardsize import parse_card_size

        return (
            any(parse_card_size(n).name == name for n in self.names)
            or (self.max_width is not None and w <= _points(self.max_width) + 1e-6)
            or (self.max_height is not None and h <= _points(self.max_height) + 1e-6)
        )


TEXT_FLOOR_PT = 5.5  # no card text is smaller, whatever a size variant says
BODY_FLOOR_PT = 7.0  # no body text is smaller at a card's standard size (size variants may go to TEXT_FLOOR_PT)
_BODY_FLOOR = (
    "body text is never smaller than 7 pt at a card's standard size, got min_size {v} "
    "(write 7pt or more; a `sizes:` variant for small cards may go down to 5.5 pt)"
)


def _points(length: str) -> float:
    from mallette_print.core.units import parse_length

    return parse_length(length)


class Element(Strict):
    """A thing placed at a fixed place of a card face: `box` is [x, y, width, height] in mm from the trim's top left.

    text: a field (`title` or a body field) fitted in its box with `style`, shrunk down to its min_size; image: a
    field holding an image path, `fit` cover (fills the box, cropped) or contain (whole, inside the box); icon: the
    asset `icon`; qr: the code of the card's fiche; badge: a field's value in a disc; band: a filled rectangle in
    `colour` (the template's band colour when absent).
    """

    kind: Literal["text", "image", "icon", "qr", "badge", "band", "pattern"]
    box: list[StrictFloat | StrictInt] = Field(min_length=4, max_length=4)
    field: Id | None = None
    label: StrictBool = False
    style: TextStyle | None = None
    fit: Literal["cover", "contain"] = "contain"
    icon: AssetPath | None = None
    colour: Colour | None = None
    # text and badge: a font family of game.yaml's `fonts: {families: ...}` (else the template's `font`).
    font: Id | None = None
    # pattern: the motif, and its spacing in mm (one motif every `spacing`).
    pattern: Literal["dots", "stripes", "grid", "waves", "checks", "cross"] | None = None
    spacing: StrictFloat | StrictInt = Field(default=4, ge=1.5, le=30)

    @model_validator(mode="after")
    def _needs(self) -> Element:
        if self.kind in ("text", "image", "badge") and self.field is None:
            raise PydanticCustomError("element", "a {kind} element needs 'field'", {"kind": self.kind})
        if self.kind == "pattern" and self.pattern is None:
            raise PydanticCustomError("element", "a pattern element needs 'pattern' (dots, stripes, grid, ...)", {})
        if self.kind == "icon" and self.icon is None:
            raise PydanticCustomError("element", "an icon element needs 'icon' (an asset path)", {})
        if self.box[2] <= 0 or self.box[3] <= 0:
            raise PydanticCustomError("element", "box: its width and height must be above 0 mm", {})
        return self


class Template(Strict):
    """How a card type looks; `extends` another template to inherit and override."""

    extends: Id | None = None
    background: Colour = "#FFFFFF"
    band: Literal["family", "kind", "type", "none"] = "type"
    band_colour: Colour = "#555555"
    band_height: Length = "13mm"
    corner_radius: Length = "3mm"
    type_label: Text = {}
    icon: AssetPath | None = None
    pattern: Literal["none", "dots", "stripes", "grid", "waves", "checks", "cross"] = "none"
    title: TextStyle = TextStyle(size="12pt", min_size="9pt", bold=True)
    body: TextStyle = TextStyle(size="9pt", min_size="7pt")
    small: TextStyle = TextStyle(size="5.5pt", colour="#333333")
    qr_size: Length = "20mm"
    # qr: false prints "Fiche N" in the footer instead of the fiche's QR code (small cards: the code and its
    # caption take half a mini card); band_label: false leaves the band's second label out (family, kind, issue).
    qr: StrictBool = True
    band_label: StrictBool = True
    show: list[str] = []
    sizes: list[SizeVariant] = []
    # Elements at fixed places: when given, they are the whole face instead of the flowing layout.
    elements: list[Element] = []
    # The font family (game.yaml `fonts: {families: ...}`) of the elements' texts; none: the game's family.
    font: Id | None = None
    # The cut outline: rounded (corner_radius), circle (an ellipse in the trim; a circle on a square card) or
    # hexagon (pointy-top: corners at the middle of the top and bottom edges). Placed elements only.
    shape: Literal["rectangle", "rounded", "circle", "hexagon"] = "rectangle"

    @field_validator("title", "body", "small")
    @classmethod
    def _floors(cls, style: TextStyle, info: Any) -> TextStyle:
        # Said here rather than silently raised at layout time: a designer who writes 6 pt expects 6 pt.
        body = info.field_name == "body" and style.min_size and _points(style.min_size) < BODY_FLOOR_PT - 1e-6
        low = [(k, v) for k, v in (("size", style.size), ("min_size", style.min_size)) if v and _points(v) < 5.5]
        if body:
            raise PydanticCustomError("text_floor", _BODY_FLOOR, {"v": style.min_size})
        if low:
            raise PydanticCustomError(
                "text_floor", "card text is never smaller than 5.5 pt, got {k} {v}", dict(k=low[0][0], v=low[0][1])
            )
        return style

    def at(self, name: str, w: float, h: float) -> Template:
        """This template for cards of one size (name, trim width and height in points): its size variants applied."""
        changes: dict[str, Any] = {}
        for v in self.sizes:
            if v.applies(name, w, h):
                changes.update({k: getattr(v, k) for k in _VARIANT_KEYS if getattr(v, k) is not None})
        return self.model_copy(update=changes) if changes else self


_VARIANT_KEYS = ("show", "title", "body", "small", "qr_size", "band_height", "qr", "band_label")


class Back(Strict):
    """The back of every card of a deck."""

    title: Text
    subtitle: Text | None = None
    colour: Colour
    icon: AssetPath | None = None
    pattern: Literal["none", "dots", "stripes", "grid", "waves", "checks", "cross"] = "dots"


class DeckHeader(Strict):
    """A deck file without its cards (which are validated one by one)."""

    id: Id
    type: Id  # one of CardType or of the game's `card_types` (checked in validate.py)
    title: Text
    template: Id
    back: Back
    cards: list[dict[str, object]] = Field(min_length=1)


class Deck(Strict):
    """A validated deck: its header fields and its cards."""

    id: Id
    type: Id  # one of CardType or of the game's `card_types` (checked in validate.py)
    title: Text
    template: Id
    back: Back
    cards: tuple[Card, ...]
    source: str

    @property
    def total(self) -> int:
        """Number of printed cards, quantities included."""
        return sum(c.quantity for c in self.cards)


class GameData(BaseModel):
    """The whole validated game: manifest, resolved templates and decks."""

    model_config = ConfigDict(frozen=True, arbitrary_types_allowed=True)

    root: str
    game: Game
    templates: dict[str, Template]
    decks: tuple[Deck, ...]
    # Where things are defined, for located messages after validation: keys 'card:<id>', 'deck:<id>',
    # 'fiche:<id>', 'family:<id>', 'kind:<id>', 'zone:<id>', 'track:<id>', 'game', 'parameters'.
    locations: dict[str, tuple[str, int, int]] = {}
    sheets: dict[str, str] = {}  # the sheet of a location in a spreadsheet deck (then a row and column, Problem)

    def where(self, key: str) -> tuple[str, int, int]:
        """(path, line, col) of a recorded definition, or the game file when unknown."""
        return self.locations.get(key) or self.locations.get("game") or (self.root, 0, 0)

    # The validated cards/board.yaml (a BoardData, typed loosely: board.py builds on this module), or None.
    board: Any = None
    # The fiches' texts (cards/fiches/<id>.yaml) by fiche id; a fiche without its file is absent.
    fiche_texts: dict[str, FicheText] = {}

    def fiche(self, fiche_id: str) -> Fiche:
        """The fiche with this id."""
        return next(f for f in self.game.fiches.items if f.id == fiche_id)

    def fiche_url(self, fiche_id: str) -> str:
        """The public URL of a fiche: its own url, or the base URL plus its slug (or id)."""
        f = self.fiche(fiche_id)
        return f.url or self.game.fiches.base_url + (f.slug or f.id)

    def language(self, lang: str | None) -> str:
        """`lang` if the game has it, the game's default language when None; RequestError otherwise."""
        if lang is None:
            return self.game.default_language
        if lang not in self.game.languages:
            raise RequestError(
                f"'{lang}' is not one of the game's languages: {', '.join(self.game.languages)}", option="lang"
            )
        return lang

    def cards(self) -> list[tuple[Deck, Card]]:
        """Every card with its deck, in file order."""
        return [(d, c) for d in self.decks for c in d.cards]

    def deck(self, deck_id: str) -> Deck:
        """The deck with this id."""
        return next(d for d in self.decks if d.id == deck_id)


__all__ = [
    "POWER_PARAMS",
    "ActorCard",
    "AssetPath",
    "Attribution",
    "Back",
    "Card",
    "CardBase",
    "CardType",
    "ChallengeCard",
    "CustomCard",
    "Colour",
    "CooperationCard",
    "Deck",
    "DeckHeader",
    "Element",
    "EventCard",
    "Family",
    "Fiche",
    "Fiches",
    "Game",
    "GameData",
    "Id",
    "LangCode",
    "Length",
    "Licence",
    "NotionCard",
    "Parameters",
    "Power",
    "PowerType",
    "ResourceCard",
    "ResourceKind",
    "Strict",
    "Template",
    "Text",
    "TextStyle",
    "Track",
    "Url",
    "Zone",
]
