"""The recommended actor sets (game.setup.sets): checked with located errors, dealt by the simulator, played one by
one by `mallette simulate --setups`, printed in the rulebook from the data, and each fair enough."""

from __future__ import annotations

import random
import re
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from mallette_print.cli import main
from mallette_print.core.coherence import check_coherence
from mallette_print.core.validate import load_game
from mallette_print.rulebook.content import setup_set_tables
from mallette_print.rulebook.story import load_text
from mallette_print.sim.state import deal_actors
from mallette_print.sim.tables import compile_tables

REPO = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def game_copy(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the shipped game (cards, assets, rules) that a test may edit and put back."""
    game = tmp_path_factory.mktemp("sets") / "game"
    for part in ("cards", "assets", "rules"):
        shutil.copytree(REPO / part, game / part)
    return game


def _edited(game: Path, old: str, new: str) -> str:
    """Replace `old` (once) in the copy's game.yaml; returns the original text to put back."""
    path = game / "cards" / "game.yaml"
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, old
    path.write_text(text.replace(old, new), encoding="utf-8")
    return text


def _line_of(game: Path, needle: str) -> int:
    lines = (game / "cards" / "game.yaml").read_text(encoding="utf-8").split("\n")
    return next(i for i, line in enumerate(lines, start=1) if needle in line)


def test_the_shipped_sets_cover_every_size_and_every_actor() -> None:
    data = load_game(REPO)
    p, setup = data.game.parameters, data.game.setup
    actors = {c.id for d in data.decks if d.type == "actor" for c in d.cards}
    used: set[str] = set()
    for n in range(p.players_min, p.players_max + 1):
        assert len(setup.sets_for(n)) == 6  # a die roll picks one
        for s in setup.sets_for(n):
            assert len(s.actors) == len(set(s.actors)) == p.actors_on_board(n)
            assert all(s.name.get(lang) for lang in data.game.languages)
            used.update(s.actors)
    assert used == actors
    assert not check_coherence(data).errors


def test_set_errors_are_located_at_the_set(game_copy: Path) -> None:
    original = (game_copy / "cards" / "game.yaml").read_text(encoding="utf-8")
    data = load_game(game_copy)
    first4 = data.game.setup.sets_for(4)[0]
    first5 = data.game.setup.sets_for(5)[1]
    a, b = first4.actors[0], first4.actors[1]
    try:
        line4 = "actors: [" + ", ".join(first4.actors) + "]"
        line5 = "actors: [" + ", ".join(first5.actors) + "]"
        # Set 1 at 4 players: an unknown actor and one twice, no English name; set 2 at 5 players: its Réseau actor out.
        _edited(game_copy, line4, f"actors: [{a}, {a}, {b}, commune-rurale]")
        family = {c.id: c.family for d in data.decks if d.type == "actor" for c in d.cards}
        short = [x for x in first5.actors if family[x] != "reseau"]  # no Réseau actor, one actor short
        _edited(game_copy, line5, "actors: [" + ", ".join(short) + "]")
        _edited(game_copy, f'en: "{first4.name["en"]}"', "en: ''")
        # Each message is located at its set (the line of its name).
        at4, at5 = _line_of(game_copy, f'fr: "{first4.name["fr"]}"'), _line_of(game_copy, f'fr: "{first5.name["fr"]}"')
        errors = [str(e) for e in check_coherence(load_game(game_copy)).errors]
        assert any(f"game.yaml:{at4}:" in e for e in errors), errors
        assert any("set 1 at 4 players: unknown actor 'commune-rurale'" in e for e in errors), errors
        assert any(f"set 1 at 4 players: {a} more than once in the set" in e for e in errors), errors
        assert any("set 1 at 4 players: the set has no 'en' name" in e for e in errors), errors
        assert any(
            f"game.yaml:{at5}:" in e and "set 2 at 5 players: 4 actors, but a table of 5 players seats 5" in e
            for e in errors
        ), errors
        assert any("set 2 at 5 players: no actor of the required families reseau" in e for e in errors), errors
    finally:
        (game_copy / "cards" / "game.yaml").write_text(original, encoding="utf-8")
    # No set for a table size, and sets for a size the game is not for.
    try:
        _edited(game_copy, "    6:\n", "    7:\n")
        errors = [str(e) for e in check_coherence(load_game(game_copy)).errors]
        assert any("setup sets at 6 players: no actor set for 6 players (give one or more)" in e for e in errors)
        assert any("setup sets at 7 players: the game is for 3 to 6 players" in e for e in errors), errors
    finally:
        (game_copy / "cards" / "game.yaml").write_text(original, encoding="utf-8")


def test_the_rulebook_prints_the_sets_from_the_data(game_copy: Path) -> None:
    data = load_game(game_copy)
    tables = setup_set_tables(data, "fr")
    assert [len(t.rows) for t in tables] == [6, 6, 6, 6]
    first = data.game.setup.sets_for(3)[0]
    row = ["".join(s.text for s in cell) for cell in tables[0].rows[0]]
    assert row[0] == "1" and row[1] == first.name["fr"]
    titles = {c.id: c.title["fr"] for d in data.decks if d.type == "actor" for c in d.cards}
    assert row[2] == ", ".join(titles[a] for a in first.actors).replace("'", "’")
    assert "".join(s.text for s in tables[1].header[1]) == "À 4\u00a0joueur·ses"
    # The text placed in rules/en.md changes with the data: rename a set in the copy.
    original = _edited(game_copy, f'en: "{first.name["en"]}"', "en: The Lighthouse Valley")
    try:
        doc = load_text(load_game(game_copy), "en")
        assert doc is not None and "setup_sets" in doc.slots()
        en = setup_set_tables(load_game(game_copy), "en")
        assert "".join(s.text for s in en[0].rows[0][1]) == "The Lighthouse Valley"
        assert "".join(s.text for s in en[0].header[0]) == "Die"
    finally:
        (game_copy / "cards" / "game.yaml").write_text(original, encoding="utf-8")


def test_the_simulator_deals_only_the_recommended_sets() -> None:
    t = compile_tables(load_game(REPO))
    rng = random.Random(4)
    for n in range(3, 7):
        table = t.table(n)
        allowed = {tuple(sorted(s)) for s in table.sets}
        seen = {tuple(sorted(deal_actors(t, n * table.actors_per_player, rng, table))) for _ in range(80)}
        assert seen == allowed  # all six, and nothing else


def test_simulate_setups_plays_every_set_by_name() -> None:
    res = CliRunner().invoke(
        main, ["simulate", "--game", str(REPO), "--setups", "--games", "3", "--players", "4", "--policy", "hidden"]
    )
    assert res.exit_code == 0, res.output
    out = res.stdout
    assert "4 players: 6 recommended actor sets" in out
    names = [s.name["fr"] for s in load_game(REPO).game.setup.sets_for(4)]
    listed = re.findall(r"^  set +\d+\.\d%  (.+?): ", out, re.M)
    assert sorted(listed) == sorted(names)
    assert re.search(r"^  spread +\d+\.\d points$", out, re.M)
