"""The `mallette` command line: check, build and the tools around them.

Heavy libraries (pydantic, reportlab) are imported inside the commands so that
`mallette --help` stays instant. Exit codes: 0 success, 1 bad data or a failed
build, 2 bad usage.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click

from . import __version__

GAME_HELP = "Game folder (holding cards/game.yaml); defaults to the current project."


def game_option(f: Any) -> Any:
    """The --game option shared by every command."""
    return click.option(
        "--game", "game_dir", type=click.Path(file_okay=False, path_type=Path), default=None, help=GAME_HELP
    )(f)


def _start(game_dir: Path | None) -> Path:
    return game_dir if game_dir is not None else Path.cwd()


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="mallette")
def main() -> None:
    """mallette-print: the MES cooperation game, from YAML data to printable PDFs."""


@main.command()
@game_option
def check(game_dir: Path | None) -> None:
    """Validate the game data and print a summary; exit 1 listing every problem."""
    from .summary import summary_lines
    from .validate import load_game

    data = load_game(_start(game_dir))
    for line in summary_lines(data):
        click.echo(line)


@main.command()
@game_option
@click.option("--out", "out_dir", type=click.Path(file_okay=False, path_type=Path), default=Path("out"),
              show_default=True, help="Folder for the outputs.")
@click.option("--lang", default=None, help="Language of the texts (default: the game's default language).")
@click.option("--paper", type=click.Choice(["a4", "letter"]), default="a4", show_default=True,
              help="Paper for the printed sheets (and the board tiles).")
@click.option("--board-size", type=click.Choice(["a3", "a2", "a1"]), default="a3", show_default=True,
              help="Size of board.pdf, printed whole (board-tiles.pdf tiles it onto --paper).")
def build(game_dir: Path | None, out_dir: Path, lang: str | None, paper: str, board_size: str) -> None:
    """Build every output (cards, board, rulebook) into --out."""
    from .pipeline import BuildOptions, run_build
    from .validate import load_game

    data = load_game(_start(game_dir))
    if lang is not None and lang not in data.game.languages:
        raise click.BadParameter(f"'{lang}' is not one of the game's languages: {', '.join(data.game.languages)}",
                                 param_hint="--lang")
    opts = BuildOptions(out=out_dir, lang=lang or data.game.default_language, paper=paper, board_size=board_size)
    for line in run_build(data, opts):
        click.echo(line)


if __name__ == "__main__":  # pragma: no cover
    main()
