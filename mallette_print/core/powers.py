"""An actor's power: the machine-readable form of its ability (re-exported by model.py)."""

from __future__ import annotations

from typing import Literal

from pydantic import Field, StrictInt, model_validator
from pydantic_core import PydanticCustomError

from mallette_print.core.fields import Id, Strict

PowerType = Literal[
    "convert",
    "extra-mobilise",
    "free-move",
    "remote-exchange",
    "track-bonus",
    "extra-family",
    "protect-fragile",
    "lower-fragility",
    "extend-deadline",
    "cancel-event",
    "value-bonus",
    "draw-cooperation",
]
# Which optional parameters each power type needs; any other parameter is an error.
POWER_PARAMS: dict[str, tuple[str, ...]] = {
    "convert": ("kind", "to"),
    "track-bonus": ("track",),
    "extra-family": ("family",),
    "value-bonus": ("kind",),
}


class Power(Strict):
    """The machine-readable form of an actor's ability (the card text says the same in words).

    convert: once per `per`, swap 1 held resource of `kind` for 1 resource of kind `to` from the supply.
    extra-mobilise: once per `per`, a Mobilise action takes `amount` more resource cards.
    free-move: once per `per`, move without spending an action.
    remote-exchange: give or exchange with actors in any zone.
    track-bonus: when a cooperation you are a partner of raises `track`, it rises `amount` more.
    extra-family: in a cooperation, you may fill the slot of `family` instead of your own.
    protect-fragile: events never make you discard resources.
    lower-fragility: once per `per`, lower Fragility by `amount` (a free action).
    extend-deadline: once per `per`, add `amount` rounds to an open challenge's deadline.
    cancel-event: once per `per`, cancel a negative event as it is revealed (it is discarded).
    value-bonus: in each cooperation you are a partner of, one of your resources of `kind` counts `amount` more.
    draw-cooperation: when you draw cooperation cards, draw `amount` more, then discard down to the hand size.
    """

    type: PowerType
    kind: Id | None = None
    to: Id | None = None
    track: Id | None = None
    family: Id | None = None
    amount: StrictInt = Field(default=1, ge=1, le=5)
    per: Literal["round", "game", "always"] = "round"

    @model_validator(mode="after")
    def _params_fit_type(self) -> Power:
        needed = POWER_PARAMS.get(self.type, ())
        for name in ("kind", "to", "track", "family"):
            given = getattr(self, name) is not None
            if name in needed and not given:
                raise PydanticCustomError(
                    "power_param", "power '{type}' needs '{name}'", {"type": self.type, "name": name}
                )
            if name not in needed and given:
                raise PydanticCustomError(
                    "power_param", "power '{type}' takes no '{name}'", {"type": self.type, "name": name}
                )
        if self.type == "convert" and self.kind == self.to:
            raise PydanticCustomError(
                "power_param", "power 'convert' needs two different kinds, got '{k}' twice", {"k": self.kind}
            )
        return self
