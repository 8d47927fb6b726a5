"""mallette-print: turns the MES cooperation game, written as YAML data, into printable PDFs.

The public API::

    from mallette_print import load_game, build

    game = load_game("path/to/game")          # the validated game, or DataError listing every located problem
    report = build(game, "out", paper="letter")  # every output written atomically; a BuildReport

Neither import loads reportlab or click; `load_game` never does either. Only the command line
(`mallette_print.cli`) turns the errors below into exit codes.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from mallette_print.core.errors import BuildError, DataError, MalletteError, Problem, RequestError

if TYPE_CHECKING:
    from mallette_print.core.model import GameData
    from mallette_print.pipeline.options import BuildReport

__version__ = "0.1.0"

__all__ = ["BuildError", "DataError", "MalletteError", "Problem", "RequestError", "build", "load_game", "__version__"]


def load_game(path: str | Path) -> GameData:
    """Load and validate the game in `path` (the folder holding cards/game.yaml); raise DataError on bad data."""
    from mallette_print.core.validate import load_game as _load

    return _load(Path(path))


def build(game: GameData, out: str | Path = "out", **options: Any) -> BuildReport:
    """Build every output of `game` into `out`, as `mallette build` does; return what was written.

    `options` are BuildOptions fields (lang, paper, card_size, duplex, offset, guides, ink_saver, print_shop,
    png_dpi, board_size, tts, tts_url); `lang` defaults to the game's default language. Raises RequestError for an option
    the game cannot take, DataError for data that cannot be laid out, BuildError when the files cannot be written.
    """
    from mallette_print.pipeline.options import BuildOptions
    from mallette_print.pipeline.registry import default_registry
    from mallette_print.pipeline.run import run_build

    lang = game.language(options.pop("lang", None))
    try:
        opts = BuildOptions(out=Path(out), lang=lang, **options)
    except TypeError as exc:
        raise RequestError(f"unknown build option: {exc}") from None
    return run_build(game, opts, default_registry(opts))
