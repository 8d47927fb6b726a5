"""The cards as typed values: what every card has (CardBase), and typed views of the six built-in types.

The fields of the six types are data (core/builtin_types.yaml, read by core/custom.py), validated by the same
engine as a game's own types: the model of a type is made from its definition, with the view below as its base.
The views only declare, for the type checker and the reader, the attributes the game's logic reads (simulator,
layouts, rulebook tables, tokens); they validate nothing (their annotations are not fields at run time), so the
definition in the data is the only one. `isinstance(card, ActorCard)` holds for every card of an actor deck.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar, Literal, Union

from pydantic import Field, StrictInt

from mallette_print.core.cardtypes import CardTypeDef, FieldDef
from mallette_print.core.fields import AssetPath, Id, Strict, Text

if TYPE_CHECKING:
    from mallette_print.core.powers import Power


class CardBase(Strict):
    """The fields of every card, whatever its type."""

    id: Id
    title: Text
    quantity: StrictInt = Field(default=1, ge=1, le=200)
    fiche: Id | None = None
    image: AssetPath | None = None
    flavour: Text | None = None
    template: Id | None = None  # this card's own template, instead of its deck's

    # The fields a game adds to a built-in type (game.yaml `card_types: {actor: {fields: ...}}`): printed like a
    # field of a type of the game's own.
    added: ClassVar[dict[str, FieldDef]] = {}


class ActorCard(CardBase):
    if TYPE_CHECKING:
        family: str
        description: dict[str, str]
        resources: list[str]
        ability: dict[str, str]
        zone: str
        power: Power | None


class ResourceCard(CardBase):
    if TYPE_CHECKING:
        kind: str
        value: int
        fragile: bool
        description: dict[str, str]


class CooperationCard(CardBase):
    if TYPE_CHECKING:
        families: list[str]
        resources: dict[str, int]
        effects: dict[str, int]
        description: dict[str, str]
        example: dict[str, str]


class ChallengeCard(CardBase):
    if TYPE_CHECKING:
        issue: dict[str, str]
        zone: str
        description: dict[str, str]
        solved_by: list[str]
        reward: dict[str, int]
        deadline: int
        question: dict[str, str]


class EventCard(CardBase):
    if TYPE_CHECKING:
        positive: bool
        effect: dict[str, str]
        zones: list[str]
        tracks: dict[str, int]
        fragility: int
        discard_fragile: int
        discard_kind: str | None  # only fragile resources of this kind are discarded (all when None)
        mobilise: int  # each actor in the zones hit takes this many resource cards its actor brings, free
        question: dict[str, str]


class NotionCard(CardBase):
    if TYPE_CHECKING:
        fiche: str
        definition: dict[str, str]
        question: dict[str, str]


class CustomCard(CardBase):
    """A card of a type the game defines in its data (core/custom.py makes one subclass per type)."""

    card_type: ClassVar[str] = ""
    type_def: ClassVar[CardTypeDef | None] = None


CardType = Literal["actor", "resource", "cooperation", "challenge", "event", "notion"]
# The typed view of each built-in type (core/builtin_types.yaml has their fields).
VIEWS: dict[str, type[CardBase]] = {
    "actor": ActorCard,
    "resource": ResourceCard,
    "cooperation": CooperationCard,
    "challenge": ChallengeCard,
    "event": EventCard,
    "notion": NotionCard,
}
Card = Union[ActorCard, ResourceCard, CooperationCard, ChallengeCard, EventCard, NotionCard, CustomCard]  # noqa: UP007 (read at run time)
