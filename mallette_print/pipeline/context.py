"""The build context: every per-build cache, made by the pipeline and passed down to the producers.

Nothing derived from a game is cached in a global, a ContextVar or on a foreign object: values computed from a
loaded game (fitted card layouts, the icon index, the words of a language, fiche captions) live here, keyed by
the game object (kept, so that its id cannot be reused while cached); card painters live here per canvas; so do
the parsed SVG drawings (keyed by path, mtime, size, colour and colour space) and the QR codes by URL. One
build makes one context (`run_build`), so every output of a build shares its work (the card sheets and the
rulebook's anatomy figure draw the same layouts) and a second build starts from nothing. `mallette watch` keeps
one context across rebuilds, with a `LayoutCache` that outlives reloads of the game because it is keyed by the
content of each deck.
"""

from __future__ import annotations

import weakref
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, TypeVar

from mallette_print.draw.qr import QrCode, qr_code
from mallette_print.draw.svg import SvgCache

if TYPE_CHECKING:
    from mallette_print.cards.layoutcache import LayoutCache

T = TypeVar("T")

# Games whose derived values are kept at once: watch reloads the game on every edit and must not grow.
KEEP_GAMES = 4


@dataclass
class BuildContext:
    """Per-build caches; `layouts` is watch mode's content-keyed cache of fitted layouts (None for one build)."""

    layouts: LayoutCache | None = None
    svgs: SvgCache = field(default_factory=SvgCache)
    _qr: dict[str, QrCode] = field(default_factory=dict, repr=False)
    _games: OrderedDict[int, tuple[object, dict[Any, Any]]] = field(default_factory=OrderedDict, repr=False)
    _canvases: weakref.WeakKeyDictionary[Any, dict[Any, Any]] = field(
        default_factory=weakref.WeakKeyDictionary, repr=False
    )

    def per_game(self, data: object, key: Any, make: Callable[[], T]) -> T:
        """The value kept under `key` for this game object, made by `make()` on first use."""
        entry = self._games.get(id(data))
        if entry is None or entry[0] is not data:
            entry = (data, {})
            self._games[id(data)] = entry
            while len(self._games) > KEEP_GAMES:
                self._games.popitem(last=False)
        self._games.move_to_end(id(data))
        values = entry[1]
        if key not in values:
            values[key] = make()
        return values[key]

    def qr_code(self, url: str) -> QrCode:
        """The QR code of a URL, computed once per context (qrcode tries 8 masks: about 3 ms a code)."""
        code = self._qr.get(url)
        if code is None:
            code = self._qr[url] = qr_code(url)
        return code

    def per_canvas(self, canvas: object, key: Any, make: Callable[[], T]) -> T:
        """The value kept under `key` for as long as this canvas lives (a card painter, its forms)."""
        values = self._canvases.setdefault(canvas, {})
        if key not in values:
            values[key] = make()
        return values[key]

    def forget_games(self) -> None:
        """Forget every value derived from a game (an asset changed: icons and images may differ)."""
        self._games.clear()
        self.svgs.clear()
        if self.layouts is not None:
            self.layouts.clear()
