"""Values computed once per loaded game for the whole process (layouts, icon indexes).

A GameData is frozen, so anything derived from it alone can be kept. Entries
hold a reference to the GameData they were computed for (so its id cannot be
reused by another object while cached) and only the few most recently used
games are kept, so a long-running process that reloads the game on every
change (watch mode) does not grow.
"""

from __future__ import annotations

from collections import OrderedDict
from typing import Any, Callable, TypeVar

KEEP_GAMES = 4

T = TypeVar("T")

_GAMES: OrderedDict[int, tuple[object, dict[Any, Any]]] = OrderedDict()


def per_game(data: object, key: Any, make: Callable[[], T]) -> T:
    """The value cached under `key` for this game object, made by `make()` on first use."""
    entry = _GAMES.get(id(data))
    if entry is None or entry[0] is not data:
        entry = (data, {})
        _GAMES[id(data)] = entry
        while len(_GAMES) > KEEP_GAMES:
            _GAMES.popitem(last=False)
    _GAMES.move_to_end(id(data))
    values = entry[1]
    if key not in values:
        values[key] = make()
    return values[key]  # type: ignore[no-any-return]


def clear() -> None:
    """Forget every cached value (tests that measure work from scratch)."""
    _GAMES.clear()
