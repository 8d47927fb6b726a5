"""Balance by actor set: `python -m benchmarks.actor_sets [--sets S] [--games G] [--players P] [--game DIR]`.

`mallette simulate --setups` measures the recommended actor sets of game.setup.sets (or, without them, the family
line-ups the families rule allows, actors drawn inside each family). This measures what the families rule alone
would give a table: S random actor sets dealt by that rule, G hidden-hand games each, and prints per table size the worst, median and best set, and how much of the spread is between sets
rather than the noise of G games (a binomial standard deviation of sqrt(p(1-p)/G)).
"""

from __future__ import annotations

import argparse
import random
import statistics
from pathlib import Path

from mallette_print import load_game
from mallette_print.sim.policies import POLICIES
from mallette_print.sim.rules import play
from mallette_print.sim.runner import game_rng
from mallette_print.sim.state import deal_lineup, lineups, setup
from mallette_print.sim.tables import compile_tables


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--sets", type=int, default=40)
    parser.add_argument("--games", type=int, default=150)
    parser.add_argument("--players", type=int, nargs="*", default=None)
    parser.add_argument("--game", type=Path, default=Path("."))
    args = parser.parse_args()
    data = load_game(args.game)
    t = compile_tables(data)
    p = data.game.parameters
    for players in args.players or range(p.players_min, p.players_max + 1):
        table = t.table(players)
        allowed = lineups(t, table)
        rng = random.Random(players)
        rates: list[tuple[float, tuple[str, ...]]] = []
        for k in range(args.sets):
            actors = deal_lineup(t, table, rng.choice(allowed), rng)
            wins = sum(
                play(setup(t, table, game_rng(1000 + k, g), list(actors)), POLICIES["hidden"]()).won
                for g in range(args.games)
            )
            rates.append((wins / args.games, tuple(t.actors[a] for a in actors)))
        rates.sort()
        r = [x for x, _ in rates]
        mean = statistics.mean(r)
        noise = (mean * (1 - mean) / args.games) ** 0.5
        sd = statistics.pstdev(r)
        between = max(0.0, sd * sd - noise * noise) ** 0.5
        print(
            f"{players} players: {args.sets} sets x {args.games} games: worst {100 * r[0]:.1f}%, "
            f"median {100 * statistics.median(r):.1f}%, best {100 * r[-1]:.1f}%; sd {100 * sd:.1f} points "
            f"(noise {100 * noise:.1f}, between sets {100 * between:.1f})"
        )
        print(f"  worst set: {', '.join(rates[0][1])}")
        print(f"  best set:  {', '.join(rates[-1][1])}", flush=True)


if __name__ == "__main__":
    main()
