"""`mallette simulate` and `mallette check --simulate`, as a user runs them."""

from __future__ import annotations

import re
from pathlib import Path

from click.testing import CliRunner

from mallette_print.cli import main

REPO = Path(__file__).resolve().parent.parent


def test_simulate_reports_every_field() -> None:
    res = CliRunner().invoke(main, ["simulate", "--game", str(REPO), "--games", "60", "--seed", "3"])
    assert res.exit_code == 0, res.output
    out = res.output
    assert "Simulated 60 games, 4 players, policy greedy, seed 3" in out
    assert re.search(r"Win rate: \d+\.\d% \(95% CI \d+\.\d%-\d+\.\d%\)", out)
    assert re.search(r"Mean rounds played: \d\.\d\d of 8", out)
    assert "Challenges solved" in out and "dernier-commerce" in out
    assert "Cooperations laid" in out and "scic-multi" in out
    assert "Dead cards (never helped solve a challenge):" in out and "Abilities used in every game:" in out
    assert re.search(r"Defeats brought by a shared track at 0: \d+\.\d%", out)
    assert "Most frequent cause of defeat:" in out


def test_simulate_is_deterministic_and_takes_policy_and_players() -> None:
    args = ["simulate", "--game", str(REPO), "--games", "30", "--seed", "5", "--players", "3", "--policy", "random"]
    one = CliRunner().invoke(main, args)
    two = CliRunner().invoke(main, args)
    assert one.exit_code == 0 and one.output == two.output
    assert "3 players, policy random" in one.output


def test_simulate_refuses_a_table_the_game_is_not_for() -> None:
    res = CliRunner().invoke(main, ["simulate", "--game", str(REPO), "--players", "9"])
    assert res.exit_code == 2
    assert "3 to 6 players" in res.output


def test_simulate_shows_progress_on_long_runs() -> None:
    res = CliRunner().invoke(main, ["simulate", "--game", str(REPO), "--games", "200", "--seed", "1"])
    assert res.exit_code == 0
    assert "Simulating" in res.stderr and "Simulating" not in res.stdout


def test_check_simulate_warns_about_dead_cards(tmp_path: Path) -> None:
    res = CliRunner().invoke(main, ["check", "--game", str(REPO), "--simulate", "100"])
    assert res.exit_code == 0, res.output
    assert "Simulation: 100 games at 4 players (greedy): win rate" in res.stdout
    # A cooperation no actor can ever afford is a dead card, located in its file.
    import shutil

    game = tmp_path / "game"
    shutil.copytree(REPO / "cards", game / "cards")
    shutil.copytree(REPO / "assets", game / "assets")
    coops = game / "cards" / "cooperations.yaml"
    text = coops.read_text(encoding="utf-8")
    marker = (
        "    resources: {marchande: 2, non-marchande: 1, non-monetaire: 1}\n    effects: {emploi: 2, participation: 1}"
    )
    assert marker in text
    coops.write_text(text.replace(marker, marker.replace("marchande: 2,", "marchande: 20,", 1)), encoding="utf-8")
    res = CliRunner().invoke(main, ["check", "--game", str(game), "--simulate", "30"])
    assert "cooperations.yaml:" in res.stderr
    assert "cooperation 'scic-multi': warning: dead card: never solved a challenge in 30 simulated games" in res.stderr
