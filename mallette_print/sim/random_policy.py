"""The random table: at each action, a uniformly random kind of legal action, then a uniformly random action of
that kind (drawing uniformly over all actions would make nearly every action a swap, of which there are dozens);
every other choice is uniform too. It measures how much of a win comes from the game rather than from skill.
"""

from __future__ import annotations

from mallette_print.sim.primitives import Action, ready
from mallette_print.sim.rules import legal_actions
from mallette_print.sim.state import State
from mallette_print.sim.tables import P_CANCEL_EVENT


class RandomPolicy:
    """A table that plays legal moves at random."""

    name = "random"

    def act(self, s: State, player: int, left: int) -> Action | None:
        """A random kind of legal action, then a random action of that kind."""
        actions = legal_actions(s, player)
        if not actions:
            return None
        kinds = sorted({a[0] for a in actions})
        kind = s.rng.choice(kinds)
        return s.rng.choice([a for a in actions if a[0] == kind])

    def cancel(self, s: State, event: int) -> int:
        """Cancel with a coin toss when an actor can."""
        able = [p for p in range(len(s.actor)) if ready(s, p, P_CANCEL_EVENT)]
        return s.rng.choice(able) if able and s.rng.random() < 0.5 else -1

    def discard(self, s: State, slot: int, options: list[int]) -> int:
        """Any of them."""
        return s.rng.choice(options)

    def take(self, s: State, slot: int, options: list[int]) -> int:
        """Any of them."""
        return s.rng.choice(options)

    def drop(self, s: State, slot: int) -> int:
        """Any held resource."""
        return s.rng.choice(s.held[slot])

    def discard_card(self, s: State, player: int) -> int:
        """Any card of the hand."""
        return s.rng.choice(s.hands[player])

    def choose_challenge(self, s: State, options: list[int]) -> int:
        """Any of them."""
        return s.rng.choice(options)
