"""`mallette new`: start a remix of the game."""

from __future__ import annotations

from pathlib import Path

import click

from mallette_print.cli.main import game_option, game_root, main


@main.command()
@game_option
@click.argument("dest", type=click.Path(file_okay=False, path_type=Path))
@click.option("--title", required=True, help="Title of your version.")
@click.option("--author", "authors", required=True, multiple=True, help="Author of your version (repeat for several).")
@click.option(
    "--year",
    type=int,
    default=None,
    help="Year of your version, 1900 to 2200 (default: the original's).",
)
@click.option(
    "--source-url",
    default=None,
    help="Public address of your version (its source_url; default: the original's, which check warns about).",
)
def new(
    game_dir: Path | None, dest: Path, title: str, authors: tuple[str, ...], year: int | None, source_url: str | None
) -> None:
    """Start a remix of the game in DEST: copies the data, credits the original, keeps CC BY-SA 4.0."""
    from mallette_print.core.remix import new_remix
    from mallette_print.core.validate import load_game

    data = load_game(game_root(game_dir))
    for line in new_remix(data, dest, title, list(authors), year, source_url):
        click.echo(line)
