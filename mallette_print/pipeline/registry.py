"""What a build runs, in order: layout steps, then producers, then finishers; each output package registers here.

A layout step fits what will be drawn (card texts into their boxes) and keeps it on the build's context, so that
a text that does not fit stops the build before anything is drawn, and the layout's time shows on its own. The
producers then draw from those layouts. They are imported when the registry is made, not with this module, so
that commands that do not build (check, schema) never load reportlab.

To add an output, write a producer `(GameData, BuildOptions, BuildContext) -> list[Output]` in its own package
and add it to `default_registry`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from mallette_print.core.model import GameData
from mallette_print.pipeline.context import BuildContext
from mallette_print.pipeline.options import BuildOptions, Output

# A layout step computes what the producers will draw and keeps it on the context (nothing is drawn).
LayoutStep = Callable[[GameData, BuildOptions, BuildContext], None]
# A producer makes outputs from the game and the options; the context carries the build's caches.
Producer = Callable[[GameData, BuildOptions, BuildContext], list[Output]]
# A finisher runs after every producer and sees their outputs (the rulebook lists them in its print guide).
Finisher = Callable[[GameData, BuildOptions, list[Output], BuildContext], list[Output]]


@dataclass(frozen=True)
class Step:
    """A registered producer; `cards` ones also run for partial prints (--only, --cards, --changed-since)."""

    name: str
    producer: Producer
    cards: bool = False


@dataclass
class Registry:
    """The layout steps and producers a build runs, in order."""

    steps: list[Step] = field(default_factory=list)
    finishers: list[tuple[str, Finisher]] = field(default_factory=list)
    layouts: list[tuple[str, LayoutStep]] = field(default_factory=list)

    def add_layout(self, name: str, layout: LayoutStep) -> None:
        """Register a layout step: it runs before the producers whenever a card output or a finisher does."""
        self.layouts.append((name, layout))

    def add(self, name: str, producer: Producer, cards: bool = False) -> None:
        """Register a producer under a name."""
        self.steps.append(Step(name, producer, cards))

    def add_finisher(self, name: str, finisher: Finisher) -> None:
        """Register a producer that runs after the others and sees their outputs (full builds only)."""
        self.finishers.append((name, finisher))

    def step_names(self, partial: bool) -> list[str]:
        """The steps a build runs, in order (a partial print runs only the card steps)."""
        names = [name for name, _ in self.layouts] + [s.name for s in self.steps if s.cards or not partial]
        return names if partial else names + [name for name, _ in self.finishers]


def default_registry(opts: BuildOptions | None = None) -> Registry:
    """Every output the project knows how to build (the optional ones when `opts` asks for them)."""
    from mallette_print.board.outputs import board_outputs
    from mallette_print.cards.layouts import lay_out_cards
    from mallette_print.cards.outputs import produce_cards
    from mallette_print.fiches.outputs import fiches_outputs
    from mallette_print.pipeline.verify import verify_build
    from mallette_print.rulebook.outputs import rulebook_outputs
    from mallette_print.tokens.outputs import tokens_outputs

    reg = Registry()
    reg.add_layout("verify", verify_build)
    reg.add_layout("layout", lay_out_cards)
    reg.add("cards", produce_cards, cards=True)
    if opts is not None and opts.tts:
        from mallette_print.cards.tts import tts_outputs

        reg.add("tts", tts_outputs, cards=True)
    reg.add("board", board_outputs)
    reg.add("tokens", tokens_outputs)
    reg.add("fiches", fiches_outputs)
    reg.add_finisher("rulebook", rulebook_outputs)
    return reg
