"""How many of each printed piece a game needs, from its data alone (no drawing): the rulebook lists them too.

Deadline tokens: a challenge is laid with as many tokens as its deadline and loses one per round, so the most
tokens on the table at once is `open_challenges` challenges of the longest deadline, plus what the actors'
extend-deadline abilities can add (`amount` once per game, or once per round over `rounds` rounds). The sheet
adds one longest deadline of spares (a lost token, a challenge revealed before the last one is cleared):

    tokens = (open_challenges + 1) x longest deadline + sum of extensions
"""

from __future__ import annotations

from dataclasses import dataclass

from mallette_print.core.model import ActorCard, ChallengeCard, GameData


@dataclass(frozen=True)
class DeadlineCount:
    """The deadline tokens of a game and the figures they come from."""

    open_challenges: int
    longest: int  # the longest deadline of any challenge card (0 without challenges)
    extensions: int  # rounds the extend-deadline abilities can add, at most
    spares: int

    @property
    def on_table(self) -> int:
        """The most deadline tokens that can be on the table at once."""
        return self.open_challenges * self.longest + self.extensions

    @property
    def total(self) -> int:
        """Tokens to print."""
        return self.on_table + self.spares


def deadline_count(data: GameData) -> DeadlineCount:
    """The deadline tokens `data` needs (see the module's formula)."""
    p = data.game.parameters
    deadlines = [c.deadline for _, c in data.cards() if isinstance(c, ChallengeCard)]
    longest = max(deadlines, default=0)
    extensions = 0
    for _, card in data.cards():
        power = card.power if isinstance(card, ActorCard) else None
        if power is not None and power.type == "extend-deadline":
            times = 1 if power.per == "game" else p.rounds
            extensions += power.amount * times * card.quantity
    return DeadlineCount(p.open_challenges, longest, extensions, longest if deadlines else 0)


def actor_pawns(data: GameData) -> list[ActorCard]:
    """One pawn per actor card of the game (a card printed twice gets two pawns), in deck order."""
    return [c for _, c in data.cards() for _ in range(c.quantity) if isinstance(c, ActorCard)]
