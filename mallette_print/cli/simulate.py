"""`mallette simulate`: play the game many times and report its balance."""

from __future__ import annotations

from pathlib import Path

import click

from mallette_print.cli.main import game_option, game_root, main


@main.command()
@game_option
@click.option("--games", type=click.IntRange(1), default=1000, show_default=True, help="How many games to play.")
@click.option(
    "--seed", type=int, default=1, show_default=True, help="Random seed: the same seed gives the same report."
)
@click.option("--players", type=int, default=None, help="Players at the table (default: 4, within the game's range).")
@click.option(
    "--policy",
    type=click.Choice(["greedy", "hidden", "random"]),
    default="greedy",
    show_default=True,
    help="greedy: a cooperative table that plans with every hand in view; hidden: each player sees only its own "
    "hand and what the others said; random: random legal moves.",
)
@click.option(
    "--setups",
    is_flag=True,
    help="Play every setup the rules allow (the recommended actor sets, or else family line-ups; --games each) "
    "and report, per table size (all sizes unless --players), the worst, median and best win rates.",
)
def simulate(game_dir: Path | None, games: int, seed: int, players: int | None, policy: str, setups: bool) -> None:
    """Play the game many times from its data and report its balance (win rate, challenges, dead cards)."""
    import sys

    from mallette_print.core.validate import load_game
    from mallette_print.sim.report import report_lines
    from mallette_print.sim.runner import simulate as run_games
    from mallette_print.sim.tables import compile_tables

    data = load_game(game_root(game_dir))
    tables = compile_tables(data)
    p = data.game.parameters
    if players is not None and not p.players_min <= players <= p.players_max:
        raise click.BadParameter(f"the game is for {p.players_min} to {p.players_max} players", param_hint="--players")
    if setups:
        from mallette_print.sim.setups import setup_count, setup_lines, setup_report

        sizes = [players] if players is not None else list(range(p.players_min, p.players_max + 1))
        count = sum(setup_count(tables, tables.table(n)) for n in sizes)
        with click.progressbar(length=count, label="Simulating setups", file=sys.stderr) as bar:
            reports = [setup_report(tables, n, games, seed, policy, progress=bar.update) for n in sizes]
        for line in setup_lines(reports, policy, games, seed):
            click.echo(line)
        return
    if players is None:
        players = min(max(4, p.players_min), p.players_max)
    if games >= 200:
        with click.progressbar(length=games, label="Simulating", file=sys.stderr) as bar:
            run = run_games(tables, games, seed, players, policy, progress=bar.update)
    else:
        run = run_games(tables, games, seed, players, policy)
    for line in report_lines(run):
        click.echo(line)
