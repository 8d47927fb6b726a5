"""`mallette simulate --setups`: the win rate of every setup the rules allow, per table size.

When the game gives recommended actor sets for a table size (game.setup.sets), a setup is one of those sets and
each is played `games` times with exactly its actors (seated in a random order): what a table that picks it
gets. Otherwise a setup is a family line-up (game.setup.required_families: the required families, then distinct
others), each played `games` times with the actors of each family drawn at random, so its rate averages over
the actors a table may draw; above MAX_SETUPS line-ups, a seeded sample of that many is played. The win rate of
each actor (over the games it was dealt in, across setups) shows how much a single actor weighs.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass

from mallette_print.sim.runner import simulate
from mallette_print.sim.state import lineups
from mallette_print.sim.tables import Table, Tables

MAX_SETUPS = 200


@dataclass(frozen=True)
class SetupRate:
    """One setup (an actor set, or a family line-up) and how often a table seated with it wins."""

    members: tuple[str, ...]  # the set's actor ids, or the line-up's family ids
    games: int
    wins: int
    name: str = ""  # the recommended set's name ("" for a family line-up)

    @property
    def rate(self) -> float:
        """Share of games won."""
        return self.wins / self.games if self.games else 0.0

    @property
    def label(self) -> str:
        """How the report names it: the set's name and actors, or the line-up's families."""
        joined = " + ".join(self.members)
        return f"{self.name}: {joined}" if self.name else joined


@dataclass(frozen=True)
class SizeReport:
    """Every allowed setup of one table size (or a sample), sorted from worst to best."""

    players: int
    allowed: int  # setups the rule allows
    setups: tuple[SetupRate, ...]
    actors: tuple[tuple[str, int, int], ...]  # (actor, games dealt, games won), worst rate first
    by_set: bool = False  # the setups are the game's recommended actor sets

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


def setup_count(t: Tables, table: Table) -> int:
    """How many setups `setup_report` plays at this table."""
    return len(table.sets) if table.sets else min(len(lineups(t, table)), MAX_SETUPS)


def setup_report(
    t: Tables, players: int, games: int, seed: int, policy: str, progress: Callable[[int], None] | None = None
) -> SizeReport:
    """Play every recommended set of this table size `games` times, or every allowed line-up (a sample of
    MAX_SETUPS if more)."""
    table = t.table(players)
    rates: list[SetupRate] = []
    dealt: dict[int, list[int]] = {}

    def play(k: int, lineup: tuple[int, ...] | None, actor_set: tuple[int, ...] | None) -> int:
        run = simulate(t, games, seed * 7919 + k, players, policy, lineup=lineup, actor_set=actor_set)
        for a, n in run.stats.in_play.items():
            row = dealt.setdefault(a, [0, 0])
            row[0] += n
            row[1] += run.stats.won_with[a]
        if progress is not None:
            progress(1)
        return run.stats.wins

    if table.sets:
        allowed = len(table.sets)
        for k, (actor_set, name) in enumerate(zip(table.sets, table.set_names)):
            wins = play(k, None, actor_set)
            rates.append(SetupRate(tuple(t.actors[a] for a in actor_set), games, wins, name))
    else:
        lines = lineups(t, table)
        allowed = len(lines)
        chosen = lines if len(lines) <= MAX_SETUPS else random.Random(seed).sample(lines, MAX_SETUPS)
        for k, lineup in enumerate(chosen):
            wins = play(k, lineup, None)
            rates.append(SetupRate(tuple(t.families[f] for f in lineup), games, wins))
    actors = sorted(((t.actors[a], n, w) for a, (n, w) in dealt.items()), key=lambda x: (x[2] / x[1], x[0]))
    ordered = tuple(sorted(rates, key=lambda x: (x.rate, x.members)))
    return SizeReport(players, allowed, ordered, tuple(actors), bool(table.sets))


def setup_lines(reports: list[SizeReport], policy: str, games: int, seed: int) -> list[str]:
    """The text report: per table size, the worst, median and best setup, the spread, every recommended set's
    rate (when the game gives sets), and the actors' rates."""

    def pct(x: float) -> str:
        return f"{100 * x:.1f}%"

    lines = [f"Setups: {games} games per setup, policy {policy}, seed {seed}"]
    for r in reports:
        sampled = "" if len(r.setups) == r.allowed else f" ({len(r.setups)} sampled)"
        kind = "recommended actor sets" if r.by_set else "allowed setups"
        lines += [
            "",
            f"{r.players} players: {r.allowed} {kind}{sampled}",
            f"  worst   {pct(r.worst.rate):>6}  {r.worst.label}",
            f"  median  {pct(r.median):>6}",
            f"  best    {pct(r.best.rate):>6}  {r.best.label}",
            f"  spread  {100 * (r.best.rate - r.worst.rate):.1f} points",
        ]
        if r.by_set:
            lines += [f"  set     {pct(x.rate):>6}  {x.label}" for x in r.setups]
        if r.actors:
            lo, hi = r.actors[0], r.actors[-1]
            lines.append(
                f"  actors: worst {lo[0]} {pct(lo[2] / lo[1])} of {lo[1]} games, "
                f"best {hi[0]} {pct(hi[2] / hi[1])} of {hi[1]} games"
            )
    return lines
