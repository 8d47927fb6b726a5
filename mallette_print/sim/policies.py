"""The tables the simulator can seat, by name: greedy (sim/greedy.py), hidden (sim/hidden.py) and random (sim/random_policy.py)."""

from __future__ import annotations

from collections.abc import Callable

from mallette_print.sim.greedy import GreedyPolicy
from mallette_print.sim.hidden import HiddenPolicy
from mallette_print.sim.primitives import Chooser
from mallette_print.sim.random_policy import RandomPolicy

POLICIES: dict[str, Callable[[], Chooser]] = {"greedy": GreedyPolicy, "hidden": HiddenPolicy, "random": RandomPolicy}
