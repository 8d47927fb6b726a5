"""Play N games and gather the statistics of the balance report."""

from __future__ import annotations

import math
import random
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field

from mallette_print.sim.policies import POLICIES
from mallette_print.sim.primitives import CAUSE_EMPTY, CAUSE_TRACK
from mallette_print.sim.rules import play, rounds_played
from mallette_print.sim.state import deal_lineup, deal_set, setup
from mallette_print.sim.tables import Tables


def wilson(wins: int, n: int, z: float = 1.959964) -> tuple[float, float]:
    """The Wilson score 95% confidence interval of a proportion."""
    if n == 0:
        return (0.0, 1.0)
    p = wins / n
    centre = (p + z * z / (2 * n)) / (1 + z * z / n)
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / (1 + z * z / n)
    return (max(0.0, centre - half), min(1.0, centre + half))


@dataclass
class Stats:
    """Aggregates over many games. Card counters count games (a card used twice in a game counts once)."""

    games: int = 0
    wins: int = 0
    rounds: int = 0
    solved_total: int = 0
    causes: Counter[str] = field(default_factory=Counter)
    solved: Counter[int] = field(default_factory=Counter)  # challenge -> games where it was solved
    revealed: Counter[int] = field(default_factory=Counter)  # challenge -> games where it was revealed
    formed: Counter[int] = field(default_factory=Counter)  # cooperation -> games where it was laid
    formed_times: Counter[int] = field(default_factory=Counter)  # cooperation -> times laid
    mobilised: Counter[int] = field(default_factory=Counter)  # resource -> games where it was taken
    spent: Counter[int] = field(default_factory=Counter)  # resource -> games where it was paid
    drawn: Counter[int] = field(default_factory=Counter)  # event -> games where it was revealed
    in_play: Counter[int] = field(default_factory=Counter)  # actor -> games where it was played
    powered: Counter[int] = field(default_factory=Counter)  # actor -> games where its power mattered
    won_with: Counter[int] = field(default_factory=Counter)  # actor -> games won with it in play
    solving: Counter[int] = field(default_factory=Counter)  # cooperation -> games where it solved a challenge
    solving_paid: Counter[int] = field(default_factory=Counter)  # resource -> games where it paid for a solution
    solving_partners: Counter[int] = field(default_factory=Counter)  # actor -> games where it helped solve one
    track_defeats: int = 0  # lost games where a shared track at 0 brought the defeat (Fragility or the last round)
    track_losses: int = 0  # lost games where a shared track stood at 0 at some Review (it raised Fragility)
    dealt_sets: Counter[tuple[int, ...]] = field(default_factory=Counter)  # actors at the table (sorted) -> games
    set_wins: Counter[tuple[int, ...]] = field(default_factory=Counter)  # actors at the table (sorted) -> games won

    @property
    def win_rate(self) -> float:
        """Share of games won."""
        return self.wins / self.games if self.games else 0.0

    @property
    def interval(self) -> tuple[float, float]:
        """Wilson 95% interval of the win rate."""
        return wilson(self.wins, self.games)

    @property
    def mean_rounds(self) -> float:
        """Mean number of rounds played."""
        return self.rounds / self.games if self.games else 0.0


@dataclass(frozen=True)
class Run:
    """What was simulated and what came out."""

    tables: Tables
    games: int
    seed: int
    players: int
    policy: str
    stats: Stats


def game_rng(seed: int, index: int) -> random.Random:
    """The random generator of game `index` of a run: each game is reproducible on its own."""
    return random.Random(seed * 1_000_003 + index)


def simulate(
    tables: Tables,
    games: int,
    seed: int,
    players: int,
    policy: str = "greedy",
    progress: Callable[[int], None] | None = None,
    lineup: tuple[int, ...] | None = None,
    actor_set: tuple[int, ...] | None = None,
) -> Run:
    """Play `games` games and aggregate them; `progress(n)` is called after each batch of n games. With a
    `lineup` (family indices), every game seats one actor of each of these families, drawn at random; with an
    `actor_set` (actor indices), every game seats these actors in a random order."""
    table = tables.table(players)
    pol = POLICIES[policy]()
    st = Stats()
    step = max(1, games // 100)
    for g in range(games):
        rng = game_rng(seed, g)
        actors = deal_lineup(tables, table, lineup, rng) if lineup is not None else None
        if actor_set is not None:
            actors = deal_set(actor_set, rng)
        s = play(setup(tables, table, rng, actors), pol)
        log = s.log
        st.games += 1
        st.wins += s.won
        st.rounds += rounds_played(s)
        st.solved_total += len(s.solved)
        if not s.won:
            st.causes[log.cause] += 1
        st.solved.update(set(s.solved))
        st.revealed.update(set(log.revealed))
        st.formed.update(set(log.formed))
        st.formed_times.update(log.formed)
        st.mobilised.update(set(log.mobilised))
        st.spent.update(set(log.spent))
        st.drawn.update(set(log.drawn))
        st.in_play.update(set(s.actor))
        dealt = tuple(sorted(s.actor))
        st.dealt_sets[dealt] += 1
        st.set_wins[dealt] += s.won
        st.powered.update(set(log.powers))
        st.solving.update(set(log.solving))
        st.solving_paid.update(set(log.solving_paid))
        st.solving_partners.update(set(log.solving_partners))
        if s.won:
            st.won_with.update(set(s.actor))
        else:
            st.track_defeats += log.cause in (CAUSE_EMPTY, CAUSE_TRACK)
            st.track_losses += log.empty_reviews > 0 or log.cause == CAUSE_TRACK
        if progress is not None and (g + 1) % step == 0:
            progress(step)
    if progress is not None and games % step:
        progress(games % step)
    return Run(tables, games, seed, players, policy, st)
