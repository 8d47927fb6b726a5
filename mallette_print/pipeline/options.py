"""What a build is asked for (BuildOptions), what it makes (Output) and what it reports (BuildReport).

Producers import these and nothing else of the build, so the pipeline, the registry and the producers form no
import cycle.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from mallette_print.core.phrasebook import text


@dataclass(frozen=True)
class BuildOptions:
    """What the user asked the build for."""

    out: Path
    lang: str
    paper: str = "a4"
    card_size: str = "poker"
    duplex: str = "long"
    offset: tuple[float, float] = (0.0, 0.0)
    guides: bool = False
    ink_saver: bool = False
    print_shop: bool = False
    png_dpi: int | None = None
    board_size: str = ""  # "": tabloid with Letter paper, A3 otherwise (see board/tiling.py)
    cards: tuple[str, ...] = ()
    tts: bool = False
    # Where Tabletop Simulator finds the tts/ images ("": the file:// address of OUT/tts/ on this machine).
    tts_url: str = ""
    # A partial print (--only, --cards, --changed-since): its card files get partial names (see partial_name).
    partial: bool = False

    def __post_init__(self) -> None:
        if not self.board_size:
            from mallette_print.board.tiling import default_board_size

            object.__setattr__(self, "board_size", default_board_size(self.paper))


@dataclass(frozen=True)
class Output:
    """One file produced by a build, relative to the output folder."""

    name: str
    content: bytes
    pages: int = 0
    how_to_print: str = ""
    # Paper sheets the file takes when printed as `how_to_print` says (0: not stated).
    # The print plan and the rulebook's print guide list it: every printable output should set it.
    sheets: int = 0
    # The name of another output this one can replace (print one or the other, e.g. the booklet).
    instead_of: str = ""


def partial_name(name: str) -> str:
    """Where a partial print writes an output, so that the full build's file stays as it was: cards.pdf ->
    cards-partial.pdf, tts/deck.json -> tts-partial/deck.json."""
    folder, sep, rest = name.partition("/")
    if sep:
        return f"{folder}-partial/{rest}"
    stem, dot, ext = name.rpartition(".")
    return f"{stem}-partial.{ext}" if dot else f"{name}-partial"


def paper_label(paper: str, lang: str, default: str | None = None) -> str:
    """The paper name printed in how-to-print hints ("A4", "Letter"): the phrasebook's `paper.<paper>`."""
    return text(f"paper.{paper}", lang, default)


@dataclass(frozen=True)
class BuildReport:
    """What a build wrote, and how long each step took."""

    out: Path
    outputs: tuple[Output, ...]
    timings: tuple[tuple[str, float], ...]
    partial: bool
    # The outputs of each step that ran, by step name (watch mode keeps them for the next rulebook).
    by_step: tuple[tuple[str, tuple[Output, ...]], ...] = ()
