"""`mallette simulate --setups`: the win rate of every setup the rules allow, per table size.

A setup is a family line-up (game.setup: the required families, then distinct others); each is played
`games` times, the actors of each family drawn at random, so a line-up's win rate averages over the
actors a table may draw for it. Above MAX_SETUPS line-ups, a seeded sample of that many is played.
The win rate of each actor (over the games it was dealt in, across line-ups) shows how much the draw
within a family still matters.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass

from mallette_print.sim.runner import simulate
from mallette_print.sim.state import lineups
from mallette_print.sim.tables import Tables

MAX_SETUPS = 200


@dataclass(frozen=True)
class SetupRate:
    """One family line-up and how often a table seated with it wins."""

    families: tuple[str, ...]
    games: int
    wins: int

    @property
    def rate(self) -> float:
        """Share of games won."""
        return self.wins / self.games if self.games else 0.0


@dataclass(frozen=True)
class SizeReport:
    """Every allowed setup of one table size (or a sample), sorted from worst to best."""

    players: int
    allowed: int  # line-ups the rule allows
    setups: tuple[SetupRate, ...]
    actors: tuple[tuple[str, int, int], ...]  # (actor, games dealt, games won), worst rate first

    @property
    def worst(self) -> SetupRate:
        """The setup won least often."""
        return self.setups[0]

    @property
    def best(self) -> SetupRate:
        """The setup won most often."""
        return self.setups[-1]

    @property
    def median(self) -> float:
        """The median win rate over the setups played."""
        rates = [x.rate for x in self.setups]
        mid = len(rates) // 2
        return rates[mid] if len(rates) % 2 else (rates[mid - 1] + rates[mid]) / 2


def setup_report(
    t: Tables, players: int, games: int, seed: int, policy: str, progress: Callable[[int], None] | None = None
) -> SizeReport:
    """Play every allowed line-up of this table size `games` times (a sample of MAX_SETUPS if more)."""
    table = t.table(players)
    allowed = lineups(t, table)
    chosen = allowed if len(allowed) <= MAX_SETUPS else random.Random(seed).sample(allowed, MAX_SETUPS)
    rates: list[SetupRate] = []
    dealt: dict[int, list[int]] = {}
    for k, lineup in enumerate(chosen):
        run = simulate(t, games, seed * 7919 + k, players, policy, lineup=lineup)
        rates.append(SetupRate(tuple(t.families[f] for f in lineup), games, run.stats.wins))
        for a, n in run.stats.in_play.items():
            row = dealt.setdefault(a, [0, 0])
            row[0] += n
            row[1] += run.stats.won_with[a]
        if progress is not None:
            progress(1)
    actors = sorted(((t.actors[a], n, w) for a, (n, w) in dealt.items()), key=lambda x: (x[2] / x[1], x[0]))
    return SizeReport(players, len(allowed), tuple(sorted(rates, key=lambda x: (x.rate, x.families))), tuple(actors))


def setup_lines(reports: list[SizeReport], policy: str, games: int, seed: int) -> list[str]:
    """The text report: per table size, the worst, median and best setup, the spread, and the actors' rates."""

    def pct(x: float) -> str:
        return f"{100 * x:.1f}%"

    lines = [f"Setups: {games} games per setup, policy {policy}, seed {seed}"]
    for r in reports:
        sampled = "" if len(r.setups) == r.allowed else f" ({len(r.setups)} sampled)"
        lines += [
            "",
            f"{r.players} players: {r.allowed} allowed setups{sampled}",
            f"  worst   {pct(r.worst.rate):>6}  {' + '.join(r.worst.families)}",
            f"  median  {pct(r.median):>6}",
            f"  best    {pct(r.best.rate):>6}  {' + '.join(r.best.families)}",
            f"  spread  {100 * (r.best.rate - r.worst.rate):.1f} points",
        ]
        if r.actors:
            lo, hi = r.actors[0], r.actors[-1]
            lines.append(
                f"  actors: worst {lo[0]} {pct(lo[2] / lo[1])} of {lo[1]} games, "
                f"best {hi[0]} {pct(hi[2] / hi[1])} of {hi[1]} games"
            )
    return lines
