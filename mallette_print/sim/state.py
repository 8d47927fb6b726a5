"""The state of one simulated game: compact lists of indices into the compiled Tables.

The state is mutable on purpose: a game is played forward once, and copying it at each
action would cost more than the whole game. Actors in play are numbered by *slot*
(0..n-1); `actor[slot]` is the actor card, `owner[slot]` the player who plays it.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from itertools import combinations

from mallette_print.sim.tables import Table, Tables


@dataclass
class Log:
    """What happened in one game, for the statistics."""

    formed: list[int] = field(default_factory=list)  # cooperation index, each time one is laid
    mobilised: list[int] = field(default_factory=list)  # resource index, each card taken from the supply
    spent: list[int] = field(default_factory=list)  # resource index, each card paid into a cooperation
    drawn: list[int] = field(default_factory=list)  # event index, each event revealed
    revealed: list[int] = field(default_factory=list)  # challenge index, each challenge revealed
    powers: list[int] = field(default_factory=list)  # actor card index, each time its power made a difference
    solving: list[int] = field(default_factory=list)  # cooperation index, each time one is laid solving a challenge
    solving_paid: list[int] = field(default_factory=list)  # resource index, each card paid into such a cooperation
    solving_partners: list[int] = field(default_factory=list)  # actor card index, each partner of such a cooperation
    cause: str = ""  # why the game was lost ("" if won)
    empty_reviews: int = 0  # Reviews that found a shared track at 0 (and raised Fragility for it)


@dataclass
class State:
    """Everything on the table during one game."""

    t: Tables
    table: Table
    rng: random.Random
    round: int = 1
    first: int = 0
    supply: list[int] = field(default_factory=list)
    actor: list[int] = field(default_factory=list)  # slot -> actor card
    owner: list[int] = field(default_factory=list)  # slot -> player
    zone: list[int] = field(default_factory=list)  # slot -> zone
    held: list[list[int]] = field(default_factory=list)  # slot -> resource indices held
    slots_of: list[list[int]] = field(default_factory=list)  # player -> slots
    hands: list[list[int]] = field(default_factory=list)  # player -> cooperation indices
    coop_draw: list[int] = field(default_factory=list)
    coop_discard: list[int] = field(default_factory=list)
    laid: list[tuple[int, int]] = field(default_factory=list)  # (cooperation, zone)
    consolidated: list[int] = field(default_factory=list)  # zone -> cooperations laid there
    ch_draw: list[int] = field(default_factory=list)
    open: list[list[int]] = field(default_factory=list)  # [challenge, tokens left]
    solved: list[int] = field(default_factory=list)
    lost: list[int] = field(default_factory=list)
    ev_draw: list[int] = field(default_factory=list)
    ev_played: list[int] = field(default_factory=list)
    tracks: list[int] = field(default_factory=list)
    fragility: int = 0
    used_round: list[bool] = field(default_factory=list)  # slot -> power used this round
    used_game: list[bool] = field(default_factory=list)  # slot -> power used this game
    over: bool = False
    won: bool = False
    log: Log = field(default_factory=Log)


def _deck(quantities: tuple[int, ...], rng: random.Random) -> list[int]:
    deck = [i for i, q in enumerate(quantities) for _ in range(q)]
    rng.shuffle(deck)
    return deck


def lineups(t: Tables, table: Table) -> list[tuple[int, ...]]:
    """Every family line-up the setup rule allows at this table: the required families, then distinct others
    (as many as the table has actors, while families with actors go round), each line-up sorted."""
    n = table.players * table.actors_per_player
    families = [f for f in range(len(t.families)) if f in t.actor_family]
    required = tuple(f for f in table.required if f in families)
    others = [f for f in families if f not in required]
    free = max(0, min(n, len(families)) - len(required))
    return [tuple(sorted(required + extra)) for extra in combinations(others, free)]


def deal_lineup(t: Tables, table: Table, lineup: tuple[int, ...], rng: random.Random) -> list[int]:
    """One actor at random from each family of the line-up (then any actors, if the table has more actors than
    the line-up has families), seated in a random order."""
    n = table.players * table.actors_per_player
    chosen = [rng.choice([a for a in range(len(t.actors)) if t.actor_family[a] == f]) for f in lineup]
    while len(chosen) < n:
        chosen.append(rng.choice([a for a in range(len(t.actors)) if a not in chosen]))
    rng.shuffle(chosen)
    return chosen


def deal_set(actors: tuple[int, ...], rng: random.Random) -> list[int]:
    """The actors of one set, seated in a random order."""
    chosen = list(actors)
    rng.shuffle(chosen)
    return chosen


def deal_actors(t: Tables, n: int, rng: random.Random, table: Table | None = None) -> list[int]:
    """n actor cards at random: one of the game's recommended sets for this table (each as likely, seated in a
    random order), else by the setup rule when the game states one (a line-up at random, then an actor of each
    family), else mixing the families around the table as the setup advises."""
    if table is not None and table.sets:
        return deal_set(table.sets[rng.randrange(len(table.sets))], rng)
    if table is not None and table.required:
        return deal_lineup(t, table, rng.choice(lineups(t, table)), rng)
    by_family: list[list[int]] = [
        [a for a in range(len(t.actors)) if t.actor_family[a] == f] for f in range(len(t.families))
    ]
    order = [f for f in range(len(t.families)) if by_family[f]]
    rng.shuffle(order)
    chosen: list[int] = []
    for i in range(n):
        pool = [a for a in by_family[order[i % len(order)]] if a not in chosen]
        if not pool:
            pool = [a for a in range(len(t.actors)) if a not in chosen]
        chosen.append(rng.choice(pool))
    return chosen


def empty_state(t: Tables, table: Table, rng: random.Random) -> State:
    """A board with tracks and supply at their starting values and no actor: the base of setup and of tests."""
    return State(
        t=t,
        table=table,
        rng=rng,
        supply=list(t.res_quantity),
        tracks=list(t.track_start),
        fragility=t.fragility_start,
        consolidated=[0] * len(t.zones),
        slots_of=[[] for _ in range(table.players)],
        hands=[[] for _ in range(table.players)],
    )


def add_actor(s: State, actor: int, player: int, zone: int | None = None, held: list[int] | None = None) -> int:
    """Seat an actor for a player (in its starting zone unless told); returns its slot."""
    slot = len(s.actor)
    s.actor.append(actor)
    s.owner.append(player)
    s.zone.append(s.t.actor_zone[actor] if zone is None else zone)
    s.held.append(list(held or []))
    s.slots_of[player].append(slot)
    s.used_round.append(False)
    s.used_game.append(False)
    return slot


def setup(t: Tables, table: Table, rng: random.Random, actors: list[int] | None = None) -> State:
    """Setup as the rules say: actors with their resources, hands, open challenges, event deck."""
    s = empty_state(t, table, rng)
    n = table.players * table.actors_per_player
    for i, a in enumerate(actors if actors is not None else deal_actors(t, n, rng, table)):
        slot = add_actor(s, a, i // table.actors_per_player)
        for r in t.actor_res[a]:
            if s.supply[r] > 0:  # an empty pile gives nothing at setup
                s.supply[r] -= 1
                s.held[slot].append(r)
    s.coop_draw = _deck(t.coop_quantity, rng)
    for p in range(table.players):
        s.hands[p] = [s.coop_draw.pop() for _ in range(min(t.hand_size, len(s.coop_draw)))]
    s.ch_draw = _deck(t.ch_quantity, rng)
    s.ev_draw = _deck(t.ev_quantity, rng)
    fill_challenges(s)
    return s


def fill_challenges(s: State) -> None:
    """Reveal challenges until open_challenges are open (if any are left), each with its deadline in tokens."""
    while len(s.open) < s.t.open_challenges and s.ch_draw:
        ch = s.ch_draw.pop()
        s.open.append([ch, s.t.ch_deadline[ch]])
        s.log.revealed.append(ch)
