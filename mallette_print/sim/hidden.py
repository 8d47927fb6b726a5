"""The hidden-hands table: each player plans with its own hand and what the others have said.

The rulebook lets players tell what their Cooperation cards require, never show them. A real table
does not recite every hand at every turn: here each player, after planning its turn, tells the table
about the card(s) of its own hand it is working on (which challenge, which families, which resources:
what the rules let it say). The others plan with their own hands and these announcements only, so a
card nobody has talked about yet cannot be helped along. Everything else (the board, the resources in
front of each actor, the open challenges) is on the table for all to see.
"""

from __future__ import annotations

from mallette_print.sim.greedy import GreedyPolicy, Project
from mallette_print.sim.state import State

# How many of its cards a player talks about after planning its turn (its cheapest projects first).
ANNOUNCED = 1


class HiddenPolicy(GreedyPolicy):
    """A cooperative table where each player sees only its own hand and the table, and says what it works on."""

    name = "hidden"
    private = True

    def _told(self, s: State) -> dict[int, list[int]]:
        told: dict[int, list[int]] | None = getattr(self, "_told_in", None)
        if told is None or getattr(self, "_told_of", None) is not s:
            told = {}
            self._told_in, self._told_of = told, s
        return told

    def visible(self, s: State, viewer: int) -> list[tuple[int, int]]:
        """The viewer's own hand, then the cards the others said they hold (and still hold: laying and
        discarding are public, and a player would say the plan is off)."""
        out = [(viewer, c) for c in dict.fromkeys(s.hands[viewer])]
        for h, cards in self._told(s).items():
            if h != viewer:
                out.extend((h, c) for c in cards if c in s.hands[h])
        return out

    def plan(self, s: State, viewer: int = 0) -> list[Project]:
        """The viewer's projects; then it tells the table about the card(s) of its own hand they use."""
        projects = super().plan(s, viewer)
        own = [pr.coop for pr in projects if pr.holder == viewer]
        self._told(s)[viewer] = list(dict.fromkeys(own))[:ANNOUNCED]
        return projects
