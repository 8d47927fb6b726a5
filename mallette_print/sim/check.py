"""`mallette check --simulate`: a short simulation that warns about dead cards."""

from __future__ import annotations

from mallette_print.core.errors import Problem
from mallette_print.core.model import GameData
from mallette_print.sim.report import WHAT, dead_cards
from mallette_print.sim.runner import simulate
from mallette_print.sim.tables import compile_tables

CHECK_SEED = 1


def simulation_warnings(data: GameData, games: int = 200) -> tuple[list[str], list[Problem]]:
    """Play `games` greedy games at 4 players (or the nearest allowed); summary lines and dead-card warnings."""
    p = data.game.parameters
    players = min(max(4, p.players_min), p.players_max)
    run = simulate(compile_tables(data), games, CHECK_SEED, players, "greedy")
    lo, hi = run.stats.interval
    lines = [
        f"Simulation: {games} games at {players} players (greedy): win rate {100 * run.stats.win_rate:.1f}% "
        f"(95% CI {100 * lo:.1f}-{100 * hi:.1f}%), {run.stats.mean_rounds:.2f} rounds on average"
    ]
    problems = []
    for u in dead_cards(run):
        path, line, col = data.where(f"card:{u.card}")
        problems.append(
            Problem(
                path,
                line,
                col,
                f"{u.deck} '{u.card}'",
                f"dead card: {WHAT[u.deck]} in {u.eligible} simulated games",
                data.sheets.get(f"card:{u.card}", ""),
            )
        )
    return lines, problems
