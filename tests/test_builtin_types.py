"""The six built-in card types are data (mallette_print/core/builtin_types.yaml), checked by the same engine as a
game's own types; a game adds fields to them in its game.yaml `card_types:`."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner
from pypdf import PdfReader

from mallette_print.cli import main
from mallette_print.core import custom
from mallette_print.core.errors import DataError
from mallette_print.core.model import ActorCard
from mallette_print.core.schema import game_card_types, schemas
from mallette_print.core.validate import load_game


def _errors(game: Path) -> list[str]:
    try:
        load_game(game)
    except DataError as exc:
        return [str(p) for p in exc.problems]
    return []


@pytest.fixture
def definitions(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A copy of the built-in definitions that the game is checked with."""
    copy = tmp_path / "builtin_types.yaml"
    shutil.copy(custom.BUILTIN_FILE, copy)
    monkeypatch.setattr(custom, "BUILTIN_FILE", copy)
    custom.builtin_types.cache_clear()
    yield copy
    custom.builtin_types.cache_clear()


def _replace(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_the_built_in_types_are_checked_by_their_data_file(sample_game: Path, definitions: Path) -> None:
    assert _errors(sample_game) == []
    _replace(definitions, "value: {kind: number, min: 1, max: 5, default: 1}", "value: {kind: number, min: 1, max: 1}")
    _replace(
        definitions,
        "families: {kind: list, of: {kind: ref, among: families}, min_items: 2",
        "families: {kind: list, of: {kind: ref, among: families}, min_items: 3",
    )
    custom.builtin_types.cache_clear()
    errors = _errors(sample_game)
    # the sample's first resource has `value: 2` (line 16); its second cooperation names two families (line 27)
    assert any(e.startswith("cards/resources.yaml:16:") and "'value': expected a number ≤ 1" in e for e in errors), (
        errors
    )
    assert any(
        e.startswith("cards/cooperations.yaml:27:") and "'families'" in e and "at least 3" in e for e in errors
    ), errors


ADDED = """
card_types:
  actor:
    fields:
      website: {kind: text, required: false, label: {fr: Site web, en: Website}}
"""


@pytest.fixture
def with_website(sample_game: Path) -> Path:
    cards = sample_game / "cards"
    with (cards / "game.yaml").open("a", encoding="utf-8") as f:
        f.write(ADDED)
    _replace(
        cards / "templates.yaml",
        "show: [description, resources, ability, zone]",
        "show: [description, resources, ability, zone, website]",
    )
    _replace(
        cards / "actors.yaml", "    family: association\n", "    family: association\n    website: regie.example.org\n"
    )
    return sample_game


def test_a_game_adds_a_field_to_a_built_in_type(with_website: Path, runner: CliRunner) -> None:
    data = load_game(with_website)
    card = next(c for _, c in data.cards() if c.id == "regie-quartier")
    assert isinstance(card, ActorCard) and card.website == {"fr": "regie.example.org"}  # type: ignore[attr-defined]
    assert next(c for _, c in data.cards() if c.id == "scic-energie").website is None  # type: ignore[attr-defined]
    # in the deck's schema branch too
    actor = schemas(game_card_types(with_website))["deck.schema.json"]["$defs"]["ActorCard"]
    assert "website" in actor["properties"] and "website" not in actor["required"]
    out = with_website / "out"
    result = runner.invoke(main, ["build", "--cards", "regie-quartier", "--out", str(out)])
    assert result.exit_code == 0, result.output
    text = " ".join(" ".join(p.extract_text().split()) for p in PdfReader(out / "cards-partial.pdf").pages)
    assert "Site web : regie.example.org" in text, text


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        ("website: regie.example.org", "website: [regie]", "cards/actors.yaml:16:14: card 'regie-quartier': 'website'"),
        ("website: regie.example.org", "webiste: regie.example.org", "'webiste'"),
    ],
)
def test_a_field_added_to_a_built_in_type_is_checked(with_website: Path, old: str, new: str, expected: str) -> None:
    _replace(with_website / "cards" / "actors.yaml", old, new)
    errors = _errors(with_website)
    assert any(expected in e for e in errors), errors


def test_a_game_may_not_change_a_built_in_field(sample_game: Path) -> None:
    with (sample_game / "cards" / "game.yaml").open("a", encoding="utf-8") as f:
        f.write(ADDED.replace("website:", "zone:"))
    errors = _errors(sample_game)
    assert any(
        e.startswith("cards/game.yaml:") and "'zone' is already a field of the built-in card type 'actor'" in e
        for e in errors
    ), errors
