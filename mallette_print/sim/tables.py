"""The game data compiled once into flat integer tables for the simulator's inner loop.

Everything the rules need is read here from GameData (parameters, tracks, cards and their
quantities), so the simulation can never drift from the printed game. Ids become indices;
the inner loop never touches a pydantic object.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import get_args

from mallette_print.core.i18n import tr
from mallette_print.core.model import (
    ActorCard,
    ChallengeCard,
    CooperationCard,
    EventCard,
    GameData,
    Parameters,
    PowerType,
    ResourceCard,
)

# Power types as small integers: 0 for none, then the model's PowerType in its order (the names below follow it).
POWER_TYPES: tuple[str, ...] = ("none", *get_args(PowerType))
(
    P_NONE,
    P_CONVERT,
    P_EXTRA_MOBILISE,
    P_FREE_MOVE,
    P_REMOTE_EXCHANGE,
    P_TRACK_BONUS,
    P_EXTRA_FAMILY,
    P_PROTECT_FRAGILE,
    P_LOWER_FRAGILITY,
    P_EXTEND_DEADLINE,
    P_CANCEL_EVENT,
    P_VALUE_BONUS,
    P_DRAW_COOPERATION,
) = range(len(POWER_TYPES))
PER_ROUND, PER_GAME, PER_ALWAYS = 0, 1, 2
# Abilities that trigger by themselves (no one chooses to use them): a report never calls them "always used".
AUTOMATIC = frozenset({P_TRACK_BONUS, P_VALUE_BONUS, P_DRAW_COOPERATION, P_PROTECT_FRAGILE})


@dataclass(frozen=True)
class Table:
    """Setup numbers for one table size (the variants of the rules)."""

    players: int
    actors_per_player: int
    actions_per_turn: int
    challenges_to_win: int
    required: tuple[int, ...] = ()  # families the setup rule puts at this table (game.setup)
    sets: tuple[tuple[int, ...], ...] = ()  # the recommended actor sets (actor indices), if the game gives them
    set_names: tuple[str, ...] = ()  # their names, for reports


@dataclass(frozen=True)
class Tables:
    """The game as indices and integer tuples, built once per GameData."""

    # names, for reports
    zones: tuple[str, ...]
    families: tuple[str, ...]
    kinds: tuple[str, ...]
    tracks: tuple[str, ...]  # shared tracks only (Fragility is apart)
    resources: tuple[str, ...]
    actors: tuple[str, ...]
    coops: tuple[str, ...]
    challenges: tuple[str, ...]
    events: tuple[str, ...]
    # tracks
    track_min: tuple[int, ...]
    track_max: tuple[int, ...]
    track_start: tuple[int, ...]
    fragility_min: int
    fragility_max: int
    fragility_start: int
    # resources
    res_kind: tuple[int, ...]
    res_value: tuple[int, ...]
    res_fragile: tuple[bool, ...]
    res_quantity: tuple[int, ...]
    res_of_kind: tuple[tuple[int, ...], ...]
    # actors
    actor_family: tuple[int, ...]
    actor_fills: tuple[frozenset[int], ...]  # family slots the actor may fill
    actor_zone: tuple[int, ...]
    actor_res: tuple[tuple[int, ...], ...]
    power: tuple[int, ...]
    power_kind: tuple[int, ...]  # -1 when unused
    power_to: tuple[int, ...]
    power_track: tuple[int, ...]
    power_family: tuple[int, ...]
    power_amount: tuple[int, ...]
    power_per: tuple[int, ...]
    # cooperations
    coop_families: tuple[tuple[int, ...], ...]
    coop_need: tuple[tuple[int, ...], ...]  # value needed per kind index
    coop_effects: tuple[tuple[tuple[int, int], ...], ...]
    coop_quantity: tuple[int, ...]
    # challenges
    ch_zone: tuple[int, ...]
    ch_solved_by: tuple[frozenset[int], ...]
    ch_reward: tuple[tuple[tuple[int, int], ...], ...]
    ch_deadline: tuple[int, ...]
    ch_quantity: tuple[int, ...]
    # events
    ev_positive: tuple[bool, ...]
    ev_tracks: tuple[tuple[tuple[int, int], ...], ...]
    ev_fragility: tuple[int, ...]
    ev_discard: tuple[int, ...]
    ev_discard_kind: tuple[int, ...]  # -1: any fragile resource
    ev_mobilise: tuple[int, ...]
    ev_zones: tuple[frozenset[int], ...]  # every zone when the card names none
    ev_quantity: tuple[int, ...]
    # parameters
    rounds: int
    actions_per_turn: int
    hand_size: int
    actors_per_player: int
    challenges_to_win: int
    open_challenges: int
    fragility_per_unsolved: int
    fragility_per_empty_track: int
    hybridisation_min_kinds: int
    events_per_round: int
    fragility_alert: int
    events_when_alert: int
    resource_limit: int
    players_min: int
    players_max: int
    sizes: tuple[Table, ...]  # one per table size, players_min first

    def table(self, players: int) -> Table:
        """The setup for this many players: the small-table variant, challenges by actors on the board."""
        if not self.players_min <= players <= self.players_max:
            raise ValueError(f"the game is for {self.players_min} to {self.players_max} players, not {players}")
        return self.sizes[players - self.players_min]


def _of(data: GameData, kind: type) -> list:
    return [c for _, c in data.cards() if isinstance(c, kind)]


def compile_tables(data: GameData) -> Tables:
    """Flatten a validated game into index tables (ids resolved once)."""
    g, p = data.game, data.game.parameters
    zones = [z.id for z in g.zones]
    families = [f.id for f in g.families]
    kinds = [k.id for k in g.resource_kinds]
    shared = [t for t in g.tracks if t.id != g.fragility_track]
    frag = next(t for t in g.tracks if t.id == g.fragility_track)
    tracks = [t.id for t in shared]
    zi, fi, ki, ti = ({x: i for i, x in enumerate(v)} for v in (zones, families, kinds, tracks))
    resources: list[ResourceCard] = _of(data, ResourceCard)
    ri = {r.id: i for i, r in enumerate(resources)}
    actors: list[ActorCard] = _of(data, ActorCard)
    coops: list[CooperationCard] = _of(data, CooperationCard)
    ci = {c.id: i for i, c in enumerate(coops)}
    actor_index = {a.id: i for i, a in enumerate(actors)}
    challenges: list[ChallengeCard] = _of(data, ChallengeCard)
    events: list[EventCard] = _of(data, EventCard)

    def moves(d: dict[str, int]) -> tuple[tuple[int, int], ...]:
        # Only shared tracks: a Fragility entry in a reward or effect would be a data error caught by validate.
        return tuple((ti[t], v) for t, v in d.items() if t in ti)

    def power_field(a: ActorCard, name: str, index: dict[str, int]) -> int:
        value = getattr(a.power, name) if a.power is not None else None
        return index[value] if value is not None else -1

    return Tables(
        zones=tuple(zones),
        families=tuple(families),
        kinds=tuple(kinds),
        tracks=tuple(tracks),
        resources=tuple(r.id for r in resources),
        actors=tuple(a.id for a in actors),
        coops=tuple(c.id for c in coops),
        challenges=tuple(c.id for c in challenges),
        events=tuple(e.id for e in events),
        track_min=tuple(t.min for t in shared),
        track_max=tuple(t.max for t in shared),
        track_start=tuple(t.start for t in shared),
        fragility_min=frag.min,
        fragility_max=p.fragility_max,
        fragility_start=p.fragility_start,
        res_kind=tuple(ki[r.kind] for r in resources),
        res_value=tuple(r.value for r in resources),
        res_fragile=tuple(r.fragile for r in resources),
        res_quantity=tuple(r.quantity for r in resources),
        res_of_kind=tuple(tuple(i for i, r in enumerate(resources) if r.kind == k) for k in kinds),
        actor_family=tuple(fi[a.family] for a in actors),
        actor_fills=tuple(
            frozenset(
                {fi[a.family]}
                | (
                    {fi[a.power.family]}
                    if a.power is not None and a.power.type == "extra-family" and a.power.family
                    else set()
                )
            )
            for a in actors
        ),
        actor_zone=tuple(zi[a.zone] for a in actors),
        actor_res=tuple(tuple(ri[r] for r in a.resources) for a in actors),
        power=tuple(POWER_TYPES.index(a.power.type) if a.power is not None else P_NONE for a in actors),
        power_kind=tuple(power_field(a, "kind", ki) for a in actors),
        power_to=tuple(power_field(a, "to", ki) for a in actors),
        power_track=tuple(power_field(a, "track", ti) for a in actors),
        power_family=tuple(power_field(a, "family", fi) for a in actors),
        power_amount=tuple(a.power.amount if a.power is not None else 0 for a in actors),
        power_per=tuple(
            ("round", "game", "always").index(a.power.per) if a.power is not None else PER_ALWAYS for a in actors
        ),
        coop_families=tuple(tuple(fi[f] for f in c.families) for c in coops),
        coop_need=tuple(tuple(c.resources.get(k, 0) for k in kinds) for c in coops),
        coop_effects=tuple(moves(c.effects) for c in coops),
        coop_quantity=tuple(c.quantity for c in coops),
        ch_zone=tuple(zi[c.zone] for c in challenges),
        ch_solved_by=tuple(frozenset(ci[x] for x in c.solved_by) for c in challenges),
        ch_reward=tuple(moves(c.reward) for c in challenges),
        ch_deadline=tuple(c.deadline for c in challenges),
        ch_quantity=tuple(c.quantity for c in challenges),
        ev_positive=tuple(e.positive for e in events),
        ev_tracks=tuple(moves(e.tracks) for e in events),
        ev_fragility=tuple(e.fragility for e in events),
        ev_discard=tuple(e.discard_fragile for e in events),
        ev_discard_kind=tuple(ki[e.discard_kind] if e.discard_kind else -1 for e in events),
        ev_mobilise=tuple(e.mobilise for e in events),
        ev_zones=tuple(frozenset(zi[z] for z in e.zones) if e.zones else frozenset(range(len(zones))) for e in events),
        ev_quantity=tuple(e.quantity for e in events),
        rounds=p.rounds,
        actions_per_turn=p.actions_per_turn,
        hand_size=p.hand_size,
        actors_per_player=p.actors_per_player,
        challenges_to_win=p.challenges_to_win,
        open_challenges=p.open_challenges,
        fragility_per_unsolved=p.fragility_per_unsolved,
        fragility_per_empty_track=p.fragility_per_empty_track,
        hybridisation_min_kinds=p.hybridisation_min_kinds,
        events_per_round=p.events_per_round,
        fragility_alert=p.fragility_alert,
        events_when_alert=p.events_when_alert,
        resource_limit=p.resource_limit,
        players_min=p.players_min,
        players_max=p.players_max,
        sizes=tuple(
            _table(p, n, tuple(fi[f] for f in g.setup.required(n)), _sets(data, n, actor_index))
            for n in range(p.players_min, p.players_max + 1)
        ),
    )


def _sets(data: GameData, players: int, actor_index: dict[str, int]) -> tuple[tuple[tuple[int, ...], str], ...]:
    """The recommended actor sets of a table size as actor indices, with their names in the default language."""
    g = data.game
    return tuple(
        (tuple(actor_index[a] for a in s.actors), tr(s.name, g.default_language, g.default_language))
        for s in g.setup.sets_for(players)
    )


def _table(
    p: Parameters, players: int, required: tuple[int, ...], sets: tuple[tuple[tuple[int, ...], str], ...] = ()
) -> Table:
    small = players == p.players_min
    return Table(
        players,
        p.small_table_actors if small else p.actors_per_player,
        p.small_table_actions if small else p.actions_per_turn,
        p.challenges_needed(p.actors_on_board(players)),
        required,
        tuple(a for a, _ in sets),
        tuple(name for _, name in sets),
    )
