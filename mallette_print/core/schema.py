"""JSON Schemas of the YAML files, for editors (yaml-language-server) and `mallette schema`."""

from __future__ import annotations

import json
from typing import Annotated, Any, Literal

from pydantic import BaseModel, Field, TypeAdapter

from mallette_print.core.board import Board
from mallette_print.core.fiches import FicheText
from mallette_print.core.model import (
    ActorCard,
    Back,
    ChallengeCard,
    CooperationCard,
    EventCard,
    Game,
    Id,
    NotionCard,
    ResourceCard,
    Strict,
    Template,
    Text,
)


class _DeckBase(Strict):
    id: Id
    title: Text
    template: Id
    back: Back


class ActorDeck(_DeckBase):
    type: Literal["actor"]
    cards: list[ActorCard] = Field(min_length=1)


class ResourceDeck(_DeckBase):
    type: Literal["resource"]
    cards: list[ResourceCard] = Field(min_length=1)


class CooperationDeck(_DeckBase):
    type: Literal["cooperation"]
    cards: list[CooperationCard] = Field(min_length=1)


class ChallengeDeck(_DeckBase):
    type: Literal["challenge"]
    cards: list[ChallengeCard] = Field(min_length=1)


class EventDeck(_DeckBase):
    type: Literal["event"]
    cards: list[EventCard] = Field(min_length=1)


class NotionDeck(_DeckBase):
    type: Literal["notion"]
    cards: list[NotionCard] = Field(min_length=1)


DeckFile = Annotated[
    ActorDeck | ResourceDeck | CooperationDeck | ChallengeDeck | EventDeck | NotionDeck, Field(discriminator="type")
]


class TemplatesFile(Strict):
    templates: dict[Id, Template]


def _schema(target: Any, title: str) -> dict[str, Any]:
    if isinstance(target, type) and issubclass(target, BaseModel):
        schema = target.model_json_schema()
    else:
        schema = TypeAdapter(target).json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = title
    return schema


def schemas() -> dict[str, dict[str, Any]]:
    """Every schema by file name: game, deck, templates, board and fiche files."""
    out = {
        "game.schema.json": _schema(Game, "mallette-print game manifest (cards/game.yaml)"),
        "deck.schema.json": _schema(DeckFile, "mallette-print deck file (cards/<deck>.yaml)"),
        "templates.schema.json": _schema(TemplatesFile, "mallette-print card templates (cards/templates.yaml)"),
        "board.schema.json": _schema(Board, "mallette-print board (cards/board.yaml)"),
        "fiche.schema.json": _schema(FicheText, "mallette-print fiche text (cards/fiches/<id>.yaml)"),
    }
    return out


def dumps(schema: dict[str, Any]) -> str:
    """Stable JSON text for a schema (sorted keys, so the committed files diff cleanly)."""
    return json.dumps(schema, indent=2, ensure_ascii=False, sort_keys=True) + "\n"
