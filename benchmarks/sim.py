"""Benchmark: `python -m benchmarks.sim [--games N] [--players P] [--game DIR]` prints games per second."""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from mallette_print.core.validate import load_game
from mallette_print.sim.runner import simulate
from mallette_print.sim.tables import compile_tables


def main(argv: list[str] | None = None) -> None:
    """Time N greedy games (default 1,000 at 4 players) on the project's game."""
    ap = argparse.ArgumentParser(prog="python -m benchmarks.sim")
    ap.add_argument("--games", type=int, default=1000)
    ap.add_argument("--players", type=int, default=4)
    ap.add_argument("--policy", default="greedy", choices=["greedy", "hidden", "random"])
    ap.add_argument("--game", type=Path, default=Path(__file__).resolve().parents[1])
    args = ap.parse_args(argv)
    tables = compile_tables(load_game(args.game))
    start = time.perf_counter()
    run = simulate(tables, args.games, 1, args.players, args.policy)
    took = time.perf_counter() - start
    print(
        f"{args.games} games ({args.players} players, {args.policy}) in {took:.2f} s: "
        f"{args.games / took:.0f} games/s; win rate {100 * run.stats.win_rate:.1f}%"
    )


if __name__ == "__main__":
    main()
