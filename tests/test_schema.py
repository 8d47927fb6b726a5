"""Editor support: the committed JSON Schemas are current and accept the project's own files."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
import yaml

from mallette_print.cli import main
from mallette_print.core.schema import dumps, schemas

REPO = Path(__file__).resolve().parent.parent
CARDS = REPO / "cards"


def test_committed_schemas_are_up_to_date() -> None:
    for name, body in schemas().items():
        path = REPO / "schema" / name
        assert path.read_text(encoding="utf-8") == dumps(body), f"run `mallette schema --out schema` ({name})"


def _deck_files() -> list[Path]:
    game = yaml.safe_load((CARDS / "game.yaml").read_text(encoding="utf-8"))
    return [CARDS / d for d in game["decks"]]


@pytest.mark.parametrize("path", _deck_files(), ids=lambda p: p.name)
def test_deck_files_point_editors_at_the_schema_and_match_it(path: Path) -> None:
    first = path.read_text(encoding="utf-8").splitlines()[0]
    assert first == "# yaml-language-server: $schema=../schema/deck.schema.json"
    schema = json.loads((REPO / "schema" / "deck.schema.json").read_text(encoding="utf-8"))
    jsonschema.validate(yaml.safe_load(path.read_text(encoding="utf-8")), schema)


def test_game_templates_and_board_match_their_schema() -> None:
    for file, name in (("game.yaml", "game"), ("templates.yaml", "templates"), ("board.yaml", "board")):
        text = (CARDS / file).read_text(encoding="utf-8")
        assert text.startswith(f"# yaml-language-server: $schema=../schema/{name}.schema.json")
        schema = json.loads((REPO / "schema" / f"{name}.schema.json").read_text(encoding="utf-8"))
        jsonschema.validate(yaml.safe_load(text), schema)


def test_schema_flags_a_typo_like_the_validator() -> None:
    schema = json.loads((REPO / "schema" / "deck.schema.json").read_text(encoding="utf-8"))
    deck = yaml.safe_load((CARDS / "actors.yaml").read_text(encoding="utf-8"))
    deck["cards"][0]["titel"] = deck["cards"][0].pop("title")
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(deck, schema)


def test_schema_command_prints_json(runner) -> None:
    result = runner.invoke(main, ["schema", "--kind", "game"])
    assert result.exit_code == 0
    assert json.loads(result.output)["title"].startswith("mallette-print game manifest")


def test_board_schema_flags_an_unknown_key_and_is_printed_by_kind(runner) -> None:
    result = runner.invoke(main, ["schema", "--kind", "board"])
    assert result.exit_code == 0, result.output
    schema = json.loads(result.output)
    board = yaml.safe_load((CARDS / "board.yaml").read_text(encoding="utf-8"))
    jsonschema.validate(board, schema)
    board["deck_spaces"][0]["rotation"] = 90
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(board, schema)
