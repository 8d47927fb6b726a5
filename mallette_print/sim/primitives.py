"""The rules' building blocks: action codes, causes of defeat, the choices left to a policy, and the small state
changes every rule uses (powers, tracks, Fragility, taking resources, drawing cooperations, exchange reach).
"""

from __future__ import annotations

from typing import Protocol

from mallette_print.sim.state import State
from mallette_print.sim.tables import P_REMOTE_EXCHANGE, PER_GAME, PER_ROUND

# Actions are tuples (code, slot, ...). The last four are abilities that cost no action.
MOBILISE, MOVE, GIVE_RES, GIVE_CARD, SWAP, PROSPECT, PROPOSE, CONVERT, FREE_MOVE, LOWER, EXTEND = range(11)
ACTION_NAMES = (
    "mobilise",
    "move",
    "give-resource",
    "give-card",
    "swap",
    "prospect",
    "propose",
    "convert",
    "free-move",
    "lower-fragility",
    "extend-deadline",
)
FREE_ACTIONS = frozenset({CONVERT, FREE_MOVE, LOWER, EXTEND})
Action = tuple[int, ...]

CAUSE_EVENT = "Fragility reached its maximum after an event"
CAUSE_DEADLINE = "Fragility reached its maximum after a lost challenge"
CAUSE_EMPTY = "Fragility reached its maximum with a shared track at 0"
CAUSE_FEW = "too few challenges solved after the last round"
CAUSE_TRACK = "a shared track at 0 after the last round"


class IllegalAction(ValueError):
    """A policy asked for an action the rules do not allow."""


class Chooser(Protocol):
    """The choices the rules leave to the table."""

    def act(self, s: State, player: int, left: int) -> Action | None:
        """The next action of this player's turn, or None to end it."""

    def cancel(self, s: State, event: int) -> int:
        """The slot of an actor cancelling this negative event, or -1."""

    def discard(self, s: State, slot: int, options: list[int]) -> int:
        """Which fragile resource (among options) an event makes this actor return."""

    def take(self, s: State, slot: int, options: list[int]) -> int:
        """Which resource (among options) this actor takes from the supply."""

    def drop(self, s: State, slot: int) -> int:
        """Which held resource an actor over the resource limit returns."""

    def discard_card(self, s: State, player: int) -> int:
        """Which cooperation card a player discards after drawing too many."""

    def choose_challenge(self, s: State, options: list[int]) -> int:
        """Which open challenge (index into s.open) a cooperation solves when several qualify."""


# --- small helpers ----------------------------------------------------------


def ready(s: State, slot: int, power: int) -> bool:
    """Whether this actor has this power and may use it now (once per round / game)."""
    a = s.actor[slot]
    if s.t.power[a] != power:
        return False
    per = s.t.power_per[a]
    return not (per == PER_ROUND and s.used_round[slot] or per == PER_GAME and s.used_game[slot])


def spend(s: State, slot: int) -> None:
    """Mark a limited power as used and count it."""
    per = s.t.power_per[s.actor[slot]]
    if per == PER_ROUND:
        s.used_round[slot] = True
    elif per == PER_GAME:
        s.used_game[slot] = True
    s.log.powers.append(s.actor[slot])


def move_track(s: State, i: int, delta: int) -> None:
    """Move a shared track, never below its minimum nor above its maximum."""
    s.tracks[i] = max(s.t.track_min[i], min(s.t.track_max[i], s.tracks[i] + delta))


def add_fragility(s: State, n: int, cause: str) -> None:
    """Move Fragility (never below its minimum); the table loses at once when it reaches its maximum."""
    s.fragility = max(s.t.fragility_min, min(s.t.fragility_max, s.fragility + n))
    if s.fragility >= s.t.fragility_max and not s.over:
        s.over, s.won, s.log.cause = True, False, cause


def take_listed(s: State, slot: int, pol: Chooser) -> bool:
    """The actor takes, free, one resource its card lists (another listed one if a pile is empty)."""
    options = [r for r in dict.fromkeys(s.t.actor_res[s.actor[slot]]) if s.supply[r] > 0]
    if not options:
        return False
    r = pol.take(s, slot, options)
    if r not in options:
        raise IllegalAction(f"cannot take resource {r}")
    s.supply[r] -= 1
    s.held[slot].append(r)
    s.log.mobilised.append(r)
    return True


def draw_coop(s: State) -> int:
    """Draw a cooperation card (reshuffling the discards into a new pile when it is empty), or -1."""
    if not s.coop_draw and s.coop_discard:
        s.coop_draw, s.coop_discard = s.coop_discard, []
        s.rng.shuffle(s.coop_draw)
    return s.coop_draw.pop() if s.coop_draw else -1


def reachable(s: State, slot: int) -> list[int]:
    """The other actors this actor may exchange with: those in its zone, or all with remote-exchange."""
    if s.t.power[s.actor[slot]] == P_REMOTE_EXCHANGE:
        return [b for b in range(len(s.actor)) if b != slot]
    z = s.zone[slot]
    return [b for b in range(len(s.actor)) if b != slot and s.zone[b] == z]
