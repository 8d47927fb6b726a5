"""The hidden-hands table, the setup rule as the simulator deals it, and `mallette simulate --setups`."""

from __future__ import annotations

import random
import re
import shutil
from dataclasses import replace
from pathlib import Path

import pytest
from click.testing import CliRunner

from mallette_print.cli import main
from mallette_print.core.validate import load_game
from mallette_print.sim.hidden import ANNOUNCED, HiddenPolicy
from mallette_print.sim.rules import play
from mallette_print.sim.state import deal_actors, lineups, setup
from mallette_print.sim.tables import Tables, compile_tables

REPO = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def t() -> Tables:
    return compile_tables(load_game(REPO))


def test_a_hidden_player_plans_with_its_own_hand_and_what_others_said(t: Tables) -> None:
    s = setup(t, t.table(4), random.Random(3))
    pol = HiddenPolicy()
    # Before anyone speaks, player 0 sees its own cards only.
    assert {h for h, _ in pol.visible(s, 0)} == {0}
    assert sorted(c for _, c in pol.visible(s, 0)) == sorted(set(s.hands[0]))
    for p in (1, 2, 3):
        pol.plan(s, p)  # each plans its turn, then tells the table what it works on
    others = [(h, c) for h, c in pol.visible(s, 0) if h != 0]
    assert others, "someone holding a card for an open challenge says so"
    for h, c in others:
        assert c in s.hands[h]
        assert any(c in t.ch_solved_by[ch] for ch, _ in s.open)  # only cards they plan to use
    assert all(sum(1 for h, _ in others if h == p) <= ANNOUNCED for p in (1, 2, 3))
    # A card told about and then laid or discarded is no longer planned with.
    h, c = others[0]
    while c in s.hands[h]:
        s.hands[h].remove(c)
    assert (h, c) not in pol.visible(s, 0)


def test_hidden_play_is_a_legal_whole_game(t: Tables) -> None:
    s = play(setup(t, t.table(5), random.Random(8)), HiddenPolicy())
    assert s.over and (s.won or s.log.cause)


def test_the_deal_follows_the_setup_rule_of_each_table_size(t: Tables) -> None:
    rng = random.Random(1)
    for n in range(3, 7):
        table = replace(t.table(n), sets=(), set_names=())  # the families rule alone (a game without sets)
        actors = table.players * table.actors_per_player
        required = {t.families.index(f) for f in load_game(REPO).game.setup.required(n)}
        seen = set()
        for _ in range(60):
            dealt = deal_actors(t, actors, rng, table)
            fams = [t.actor_family[a] for a in dealt]
            assert len(dealt) == actors and len(set(fams)) == min(actors, len(t.families))
            assert required <= set(fams)
            seen.add(tuple(sorted(fams)))
        assert seen == set(lineups(t, table))  # every allowed line-up is dealt, and nothing else


def test_simulate_setups_reports_worst_median_best_per_table_size(tmp_path: Path) -> None:
    # A game without recommended sets: the setups are the family line-ups the rule allows.
    game = tmp_path / "game"
    shutil.copytree(REPO / "cards", game / "cards")
    shutil.copytree(REPO / "assets", game / "assets")
    manifest = game / "cards" / "game.yaml"
    text = manifest.read_text(encoding="utf-8")
    text = text[: text.index("  sets:\n")] + text[text.index("\ntemplates:") :]
    manifest.write_text(text, encoding="utf-8")
    res = CliRunner().invoke(main, ["simulate", "--game", str(game), "--setups", "--games", "12", "--policy", "hidden"])
    assert res.exit_code == 0, res.output
    out = res.stdout
    assert "Setups: 12 games per setup, policy hidden, seed 1" in out
    for n in (3, 4, 5, 6):
        assert re.search(rf"^{n} players: \d+ allowed setups$", out, re.M), out
    assert len(re.findall(r"^  worst +\d+\.\d%  \w+( \+ \w+)+$", out, re.M)) == 4
    assert len(re.findall(r"^  median +\d+\.\d%$", out, re.M)) == 4
    assert len(re.findall(r"^  best +\d+\.\d%  \w+( \+ \w+)+$", out, re.M)) == 4
    assert len(re.findall(r"^  spread +\d+\.\d points$", out, re.M)) == 4
    assert re.search(r"^4 players: 3 allowed setups$", out, re.M)  # Collectivité, Citoyen·nes, Association + 1 of 3
    # Without a rule at 4 players, any 4 different families of 6 are allowed: 15 setups.
    assert "    4: [public, citoyen, association]\n" in text
    manifest.write_text(text.replace("    4: [public, citoyen, association]\n", ""), encoding="utf-8")
    res = CliRunner().invoke(main, ["simulate", "--game", str(game), "--setups", "--games", "2", "--players", "4"])
    assert res.exit_code == 0, res.output
    assert "4 players: 15 allowed setups" in res.stdout and "5 players" not in res.stdout
