"""The deck JSON Schema and `mallette check` agree, in both directions, on what a deck file may hold.

An editor shows the schema's errors while a designer types; `check` is what the build trusts. For each kind of
structural slip (a misspelled key, a wrong type, a missing field, a bad choice) in every deck of the shipped game,
both refuse it, at the same place, and the schema says it once: with a top-level `oneOf` one typo was reported
against all six deck shapes. Cross-file references (an unknown family id) are `check`'s alone: a schema of one file
cannot know the other files.
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml

from mallette_print import load_game
from mallette_print.core.errors import DataError

REPO = Path(__file__).resolve().parent.parent
CARDS = REPO / "cards"
DECKS = ["actors", "resources", "cooperations", "challenges", "events", "notions"]
VALIDATOR = jsonschema.Draft202012Validator(json.loads((REPO / "schema" / "deck.schema.json").read_text("utf-8")))


def _typo_in_optional_key(deck: dict[str, Any]) -> list[str]:
    card = deck["cards"][0]
    card["flavor"] = "x"  # the American spelling of an optional key (`flavour`)
    return ["cards", "0"]


def _wrong_type(deck: dict[str, Any]) -> list[str]:
    deck["cards"][0]["title"] = 12
    return ["cards", "0", "title"]


def _missing_required(deck: dict[str, Any]) -> list[str]:
    del deck["cards"][0]["title"]
    return ["cards", "0"]


def _unknown_deck_key(deck: dict[str, Any]) -> list[str]:
    deck["colour"] = "#FFFFFF"
    return []


def _bad_type_name(deck: dict[str, Any]) -> list[str]:
    deck["type"] = deck["type"] + "s"
    return ["type"]


def _quantity_as_boolean(deck: dict[str, Any]) -> list[str]:
    deck["cards"][0]["quantity"] = True
    return ["cards", "0", "quantity"]


MUTATIONS: dict[str, Callable[[dict[str, Any]], list[str]]] = {
    "typo-in-optional-key": _typo_in_optional_key,
    "wrong-type": _wrong_type,
    "missing-required": _missing_required,
    "unknown-deck-key": _unknown_deck_key,
    "bad-type-name": _bad_type_name,
    "quantity-boolean": _quantity_as_boolean,
}


@pytest.fixture
def game(tmp_path: Path) -> Path:
    root = tmp_path / "game"
    for sub in ("cards", "assets"):
        shutil.copytree(REPO / sub, root / sub)
    return root


def _check_problems(root: Path) -> list[str]:
    try:
        load_game(root)
    except DataError as exc:
        return [str(p) for p in exc.problems]
    return []


@pytest.mark.parametrize("mutation", sorted(MUTATIONS))
@pytest.mark.parametrize("deck_name", DECKS)
def test_schema_and_check_refuse_the_same_slip_once(game: Path, deck_name: str, mutation: str) -> None:
    path = game / "cards" / f"{deck_name}.yaml"
    deck = yaml.safe_load(path.read_text("utf-8"))
    where = MUTATIONS[mutation](deck)
    if mutation == "quantity-boolean" and "quantity" not in json.dumps(VALIDATOR.schema["$defs"]):
        pytest.skip("no card type has a quantity")
    errors = list(VALIDATOR.iter_errors(deck))
    # Renaming a required key is two slips (an unknown key and a missing one); every other slip is one error.
    assert len(errors) == 1, [e.message for e in errors]
    assert [str(p) for p in errors[0].absolute_path] == where, errors[0].message
    path.write_text(yaml.safe_dump(deck, allow_unicode=True, sort_keys=False), "utf-8")
    problems = _check_problems(game)
    assert problems, f"check accepts what the schema refuses: {errors[0].message}"
    assert all(f"cards/{deck_name}.yaml:" in p for p in problems), problems
    if len(where) >= 2 and where[0] == "cards":
        card_id = deck["cards"][0].get("id")
        assert any(f"card '{card_id}'" in p for p in problems), problems


VARIATIONS = ["plain-string-title", "no-fiche", "no-flavour", "no-description"]


@pytest.mark.parametrize("variation", VARIATIONS)
@pytest.mark.parametrize("deck_name", DECKS)
def test_schema_and_check_give_the_same_verdict(game: Path, deck_name: str, variation: str) -> None:
    """What `check` accepts the schema accepts, and what it refuses the schema refuses (one card changed)."""
    path = game / "cards" / f"{deck_name}.yaml"
    deck = yaml.safe_load(path.read_text("utf-8"))
    card = deck["cards"][-1]
    if variation == "plain-string-title":
        card["title"] = card["title"]["fr"]
    else:
        card.pop(variation.removeprefix("no-"), None)
    path.write_text(yaml.safe_dump(deck, allow_unicode=True, sort_keys=False), "utf-8")
    check_refuses = any(f"card '{card['id']}'" in p for p in _check_problems(game))
    schema_refuses = bool(list(VALIDATOR.iter_errors(deck)))
    assert check_refuses == schema_refuses, (check_refuses, [e.message for e in VALIDATOR.iter_errors(deck)])
